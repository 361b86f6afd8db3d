"""The editor's server side under make serve: the local backend (Decap's JSON API on the working tree), the app
that answers /bianji/, the engine's check of an entry before it is saved, and the editor a preview build carries
for the intranet (signing in to the bureau's Git server)."""
from __future__ import annotations

import base64
import io
import json
import os
import shutil

import pytest
import yaml

from govsite.editor import app as editor_app
from govsite.editor import backend
from govsite.editor.check import EntryCheck
from sitekit import REPO, REVIEW_RECORD, copy_site, tree_hash


@pytest.fixture
def repo(tmp_path):
    root = copy_site(tmp_path / "repo")
    (root / "editor").mkdir()
    for name in ("config.yml", *editor_app.STATIC):
        shutil.copy2(REPO / "editor" / name, root / "editor" / name)
    return root


def test_info_and_listing_as_decap_expects(repo):
    assert backend.handle(repo, {"action": "info"}) == {"repo": "repo", "publish_modes": ["simple"], "type": "local_fs"}
    entries = backend.handle(repo, {"action": "entriesByFolder",
                                    "params": {"folder": "content/notices", "extension": "md", "depth": 2}})
    paths = [e["file"]["path"] for e in entries]
    assert "content/notices/2026/youfu-dingqi-fuxu.md" in paths and all(p.endswith(".md") for p in paths)
    entry = backend.handle(repo, {"action": "getEntry", "params": {"path": "content/notices/2026/youfu-dingqi-fuxu.md"}})
    assert entry["data"].startswith("---\n# yaml-language-server") and len(entry["file"]["id"]) == 64


def test_saving_writes_the_entry_and_its_attachments(repo):
    raw = "---\n标题: 测试\n---\n\n正文\n"
    attachment = base64.b64encode("名单".encode()).decode()
    backend.handle(repo, {"action": "persistEntry", "params": {
        "dataFiles": [{"path": "content/notices/2026/ceshi.md", "raw": raw, "slug": "ceshi"}],
        "assets": [{"path": "content/notices/2026/files/mingdan.txt", "content": attachment, "encoding": "base64"}],
        "options": {"commitMessage": "x"}}})
    assert (repo / "content/notices/2026/ceshi.md").read_text(encoding="utf-8") == raw
    assert (repo / "content/notices/2026/files/mingdan.txt").read_text(encoding="utf-8") == "名单"
    assert not list((repo / "content/notices/2026").glob(".*.saving"))
    media = backend.handle(repo, {"action": "persistMedia", "params": {"asset": {
        "path": "content/xxgk/fujian/a.pdf", "content": base64.b64encode(b"%PDF").decode(), "encoding": "base64"}}})
    assert media["path"] == "content/xxgk/fujian/a.pdf" and base64.b64decode(media["content"]) == b"%PDF"


@pytest.mark.parametrize("path", ["content/../Makefile", "/etc/passwd", "hooks/govsite/build.py", "Makefile",
                                  "content\\x.md", "content//x.md", "data/./site.yml", ""])
def test_nothing_outside_content_and_data_can_be_read_or_written(repo, path):
    before = tree_hash(repo)
    for body in ({"action": "getEntry", "params": {"path": path}},
                 {"action": "persistEntry", "params": {"dataFiles": [{"path": path, "raw": "x"}], "assets": []}},
                 {"action": "persistMedia", "params": {"asset": {"path": path, "content": "", "encoding": "base64"}}}):
        with pytest.raises(backend.BackendError) as refused:
            backend.handle(repo, body)
        assert refused.value.status == 403
    assert tree_hash(repo) == before


def test_no_way_out_through_a_symbolic_link_and_nothing_deleted_or_renamed(repo, tmp_path):
    (tmp_path / "outside").mkdir()
    os.symlink(tmp_path / "outside", repo / "content/out")
    with pytest.raises(backend.BackendError, match="符号链接"):
        backend.handle(repo, {"action": "persistEntry", "params": {
            "dataFiles": [{"path": "content/out/x.md", "raw": "x"}], "assets": []}})
    assert not (tmp_path / "outside/x.md").exists()
    for action in ("deleteFile", "deleteFiles"):
        with pytest.raises(backend.BackendError, match="撤回"):
            backend.handle(repo, {"action": action, "params": {"path": "data/site.yml", "paths": ["data/site.yml"]}})
    with pytest.raises(backend.BackendError, match="改名"):
        backend.handle(repo, {"action": "persistEntry", "params": {"dataFiles": [
            {"path": "data/policies/2023-001.yml", "raw": "x", "newPath": "data/policies/2099-001.yml"}], "assets": []}})
    assert (repo / "data/site.yml").is_file() and (repo / "data/policies/2023-001.yml").read_text() != "x"


def _call(app, method, path, body=None, content_type="application/json", origin=None, host="127.0.0.1:8000"):
    data = json.dumps(body).encode() if body is not None else b""
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "CONTENT_TYPE": content_type,
               "CONTENT_LENGTH": str(len(data)), "wsgi.input": io.BytesIO(data), "HTTP_HOST": host}
    if origin:
        environ["HTTP_ORIGIN"] = origin
    answer = {}

    def start_response(status, headers):
        answer["status"], answer["headers"] = status, dict(headers)
    answer["body"] = b"".join(app(environ, start_response))
    return answer


def test_the_app_answers_bianji_only_and_only_its_own_page(repo):
    fallback_calls = []

    def fallback(environ, start_response):
        fallback_calls.append(environ["PATH_INFO"])
        start_response("200 OK", [])
        return [b"site"]
    app = editor_app.EditorApp(repo, fallback)
    assert _call(app, "GET", "/notices/")["body"] == b"site" and fallback_calls == ["/notices/"]
    assert _call(app, "GET", "/bianji")["headers"]["Location"] == "/bianji/"
    page = _call(app, "GET", "/bianji/")
    assert "网页编辑器尚未安装" in page["body"].decode() and "make editor" in page["body"].decode()  # no vendor/
    served = yaml.safe_load(_call(app, "GET", "/bianji/config.yml")["body"])
    assert served["backend"] == {"name": "proxy", "proxy_url": "/bianji/api/v1", "branch": "main"}
    assert served["publish_mode"] == "simple" and served["govsite_check"] == "/bianji/check"
    assert served["govsite_words"]["editor.editorToolbar.publishNow"] == "保存到文件"
    assert served["collections"][0]["name"] == "notice"
    for path in ("/bianji/../data/site.yml", "/bianji/vendor/../config.yml", "/bianji/.gitignore", "/bianji/x.py"):
        assert _call(app, "GET", path)["status"].startswith("404"), path
    info = {"action": "info"}
    assert json.loads(_call(app, "POST", "/bianji/api/v1", info)["body"])["type"] == "local_fs"
    # another site's page cannot make the editor write: no form post, no other origin
    assert _call(app, "POST", "/bianji/api/v1", info, content_type="text/plain")["status"].startswith("415")
    assert _call(app, "POST", "/bianji/api/v1", info, origin="http://evil.example")["status"].startswith("403")
    assert _call(app, "POST", "/bianji/api/v1", info, origin="http://127.0.0.1:8000")["status"].startswith("200")
    refused = _call(app, "POST", "/bianji/api/v1", {"action": "getEntry", "params": {"path": "Makefile"}})
    assert refused["status"].startswith("403") and "content/ 和 data/" in json.loads(refused["body"])["error"]


NOTICE = ("---\n标题: 关于拟认定定期抚恤补助对象的公示\n类别: 优抚公示\n发布时间: 2026-11-26 09:00\n"
          "索引号: 11410100MB0000000X/2026-00040\n公示期:\n  开始: 2026-11-26\n{extra}" + REVIEW_RECORD + "---\n\n{body}\n")


def test_the_check_is_make_checks_on_the_entry_as_it_would_be_saved(repo):
    before = tree_hash(repo)
    checker = EntryCheck(repo)
    try:
        path = "content/notices/2026/ceshi.md"
        good = checker.run(path, NOTICE.format(extra="", body="公示期内如有异议，请向局优抚科反映。"))
        assert good["errors"] == [] and good["url"] == "/notices/2026/ceshi/"
        # an unmasked name in a table and an end before the start: the engine's own lines, with file and field
        bad = checker.run(path, NOTICE.format(extra="  结束: 2026-11-20\n",
                                              body="| 序号 | 姓名 |\n|---|---|\n| 1 | 张伟 |\n"))
        texts = [p["text"] for p in bad["errors"]]
        assert any(t.startswith(f"{path}:") and "姓名" in t and "张*" in t for t in texts), texts
        assert any("公示期" in p["field"] and "结束" in p["message"] for p in bad["errors"]), texts
        assert bad["url"] == ""
        # an attachment chosen but not saved yet is checked with the entry
        with_file = NOTICE.format(extra="", body="见附件。").replace(
            "---\n\n", "附件:\n  - 名称: 名单\n    文件: files/mingdan.txt\n---\n\n", 1)
        missing = checker.run(path, with_file)
        assert any("找不到附件文件" in p["message"] for p in missing["errors"])
        unmasked = checker.run(path, with_file, [{"path": "content/notices/2026/files/mingdan.txt",
                                                  "content": base64.b64encode("姓名：张伟\n".encode()).decode(),
                                                  "encoding": "base64"}])
        assert any(p["file"] == "content/notices/2026/files/mingdan.txt" for p in unmasked["errors"]), unmasked
        with pytest.raises(backend.BackendError):
            checker.run("../outside.md", "x")
    finally:
        checker.close()
    assert tree_hash(repo) == before  # the working tree is never touched by a check


def test_the_intranet_preview_carries_the_editor_for_the_git_server(repo, tmp_path):
    vendor = repo / "editor/vendor/decap-cms/dist"
    vendor.mkdir(parents=True)
    (vendor / "decap-cms.js").write_text("/* stand-in */")
    out = tmp_path / "preview"
    settings = {"网页编辑器": {"平台": "gitlab", "主机": "git.example.gov.cn", "仓库": "ju/wangzhan", "应用ID": "abc"}}
    assert editor_app.write_into(repo, out, settings)
    served = yaml.safe_load((out / "bianji/config.yml").read_text(encoding="utf-8"))
    assert served["backend"] == {"name": "gitlab", "repo": "ju/wangzhan", "branch": "main", "auth_type": "pkce",
                                 "app_id": "abc", "base_url": "https://git.example.gov.cn",
                                 "api_root": "https://git.example.gov.cn/api/v4", "auth_endpoint": "oauth/authorize"}
    assert served["publish_mode"] == "editorial_workflow" and served["govsite_check"] == ""
    assert (out / "bianji/index.html").is_file() and (out / "bianji/vendor/decap-cms/dist/decap-cms.js").is_file()
    assert not editor_app.write_into(repo, tmp_path / "none", {})  # no Git server named: no editor
    assert not (tmp_path / "none").exists()


@pytest.mark.parametrize("platform, name, mode, branch", [("gitea", "gitea", "simple", "bianji"),
                                                           ("forgejo", "forgejo", "editorial_workflow", "main")])
def test_gitea_commits_to_the_editors_branch_forgejo_opens_merge_requests(platform, name, mode, branch):
    made, publish_mode = editor_app.backend_config({"网页编辑器": {"平台": platform, "主机": "git.example.gov.cn",
                                                                "仓库": "ju/wangzhan", "应用ID": "abc"}})
    assert (made["name"], publish_mode, made["branch"]) == (name, mode, branch)
    assert made["api_root"] == "https://git.example.gov.cn/api/v1"
    assert made["auth_endpoint"] == "login/oauth/authorize"
