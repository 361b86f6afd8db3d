"""Where the editor runs, and with which backend (docs/editor.md).

- make serve / make serve-lan: `EditorApp` answers everything under /bianji/ — the editor's page and files from
  editor/, its configuration with the local backend (backend.py: saving writes into the working tree), and the
  engine's check of the entry being edited (check.py). The MkDocs adapter mounts it in front of the preview.
- make preview (the intranet preview of a merge request): `write_into` puts the same page and files into the
  preview's bianji/ folder, configured for the bureau's Git server (data/site.yml `网页编辑器`): the editor signs
  in there with the bureau's own account (OAuth with PKCE) and a save is a merge request (GitLab, Forgejo) or a
  commit on the editor's branch (Gitea, which Decap gives no merge-request workflow), so review and CI stay the
  path to publication.
- make build (the public site): nothing. Only a preview build calls write_into; tests check site/.
"""
from __future__ import annotations

import json
import mimetypes
import shutil
from pathlib import Path

import yaml

from . import backend as local_backend
from .check import EntryCheck
from .config import CONFIG_FILE

PREFIX = "/bianji/"
EDITOR_DIR = "editor"
# What the editor's page needs from editor/ (config.yml is made per place, vendor/ by make editor).
STATIC = ("index.html", "govsite-editor.js", "govsite-editor.css")
VENDOR = "vendor"
_TYPES = {".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
          ".css": "text/css; charset=utf-8", ".html": "text/html; charset=utf-8", ".wasm": "application/wasm",
          ".yml": "text/yaml; charset=utf-8", ".json": "application/json", ".txt": "text/plain; charset=utf-8"}
NOT_INSTALLED = """<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>网页编辑器尚未安装</title>
<body style="font:16px/1.7 system-ui,sans-serif;max-width:40em;margin:3em auto;padding:0 1em">
<h1>网页编辑器尚未安装</h1><p>在仓库目录中运行 <code>make editor</code>（需要联网，一分钟左右），然后刷新本页。
也可以照常直接编辑文件，见 EDITING.md。</p></body></html>"""


def backend_config(settings: dict | None) -> tuple[dict, str] | None:
    """The backend for the bureau's Git server (data/site.yml 网页编辑器) and the publish mode, or None."""
    git = (settings or {}).get("网页编辑器")
    if not git:
        return None
    base = "https://" + git["主机"].rstrip("/")  # PKCE needs the browser's crypto, which only https gives
    platform = git["平台"]
    if platform == "gitlab":
        return ({"name": "gitlab", "repo": git["仓库"], "branch": git.get("分支", "main"), "auth_type": "pkce",
                 "app_id": git["应用ID"], "base_url": base, "api_root": f"{base}/api/v4",
                 "auth_endpoint": "oauth/authorize"}, "editorial_workflow")
    common = {"repo": git["仓库"], "app_id": git["应用ID"], "base_url": base, "api_root": f"{base}/api/v1",
              "auth_endpoint": "login/oauth/authorize"}
    if platform == "forgejo":
        return {"name": "forgejo", "branch": git.get("分支", "main"), **common}, "editorial_workflow"
    # Gitea: Decap commits directly, so it commits to the editors' own branch (编辑分支), never to main; the
    # pull request from that branch is reviewed and checked like any other.
    return {"name": "gitea", "branch": git.get("编辑分支", "bianji"), **common}, "simple"


# Decap's Chinese words where they would mislead: locally its 发布 only writes the file into the working tree;
# on Gitea it commits to the editors' branch. (With a merge-request workflow the editor does not publish at all.)
LOCAL_WORDS = {
    "editor.editorToolbar.publish": "保存", "editor.editorToolbar.publishing": "正在保存……",
    "editor.editorToolbar.published": "已保存", "editor.editorToolbar.publishNow": "保存到文件",
    "editor.editorToolbar.publishAndCreateNew": "保存，然后新建", "editor.editorToolbar.publishAndDuplicate": "保存，然后复制",
    "editor.editor.onPublishing": "保存到文件？保存后预览网站自动更新；提交和合并请求照常进行（EDITING.md 第一节）。",
    "ui.toast.entryPublished": "已保存到文件",
}
BRANCH_WORDS = {
    **LOCAL_WORDS, "editor.editorToolbar.publishNow": "提交到编辑分支",
    "editor.editor.onPublishing": "提交到编辑分支？合并请求经审核、检查通过并合并后才会发布（EDITING.md 第十七节）。",
    "ui.toast.entryPublished": "已提交到编辑分支",
}


def configured(root: Path, backend: dict, publish_mode: str = "simple", check: bool = False) -> str:
    """editor/config.yml with a backend: the text the editor's page loads."""
    text = (root / CONFIG_FILE).read_text(encoding="utf-8")
    words = LOCAL_WORDS if backend["name"] == "proxy" else BRANCH_WORDS if publish_mode == "simple" else {}
    head = {"backend": backend, "publish_mode": publish_mode, "load_config_file": False,
            "govsite_check": "/bianji/check" if check else "", "govsite_words": words}
    return text + "\n" + yaml.safe_dump(head, allow_unicode=True, sort_keys=False)


def installed(root: Path) -> bool:
    return (root / EDITOR_DIR / VENDOR / "decap-cms" / "dist" / "decap-cms.js").is_file()


def write_into(root: Path, site_dir: Path, settings: dict | None) -> bool:
    """The editor for the intranet preview (make preview), when data/site.yml names the Git server and the
    editor is installed. Returns whether it was written."""
    made = backend_config(settings)
    if made is None or not installed(root):
        return False
    target = site_dir / PREFIX.strip("/")
    target.mkdir(parents=True, exist_ok=True)
    for name in STATIC:
        shutil.copy2(root / EDITOR_DIR / name, target / name)
    shutil.copytree(root / EDITOR_DIR / VENDOR, target / VENDOR, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(".version"))
    (target / "config.yml").write_text(configured(root, *made), encoding="utf-8")
    return True


class EditorApp:
    """A WSGI app for /bianji/ under make serve; everything else goes to `fallback` (MkDocs' server)."""

    def __init__(self, root: Path, fallback):
        self.root = Path(root).resolve()
        self.fallback = fallback
        self.checker = EntryCheck(self.root)

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == PREFIX.rstrip("/"):
            start_response("301 Moved Permanently", [("Location", PREFIX), ("Content-Length", "0")])
            return [b""]
        if not path.startswith(PREFIX):
            return self.fallback(environ, start_response)
        rest = path[len(PREFIX):]
        method = environ.get("REQUEST_METHOD", "GET")
        try:
            if method == "POST" and rest in ("api/v1", "check"):
                body = self._json_body(environ)
                if rest == "api/v1":
                    return self._json(start_response, local_backend.handle(self.root, body))
                return self._json(start_response, self.checker.run(body.get("path", ""), body.get("text"),
                                                                    body.get("assets")))
            if method not in ("GET", "HEAD"):
                return self._plain(start_response, "405 Method Not Allowed", "不支持的请求")
            return self._static(start_response, rest)
        except local_backend.BackendError as exc:
            return self._json(start_response, {"error": str(exc)}, f"{exc.status} Refused")

    def _json_body(self, environ) -> dict:
        # Only the editor's own page may call: a JSON body (another site's form cannot send one without the
        # browser asking first, which this server never allows) from this very host.
        if environ.get("CONTENT_TYPE", "").split(";")[0].strip() != "application/json":
            raise local_backend.BackendError("请求应为 JSON", 415)
        origin = environ.get("HTTP_ORIGIN")
        host = environ.get("HTTP_HOST", "")
        if origin is not None and origin not in (f"http://{host}", f"https://{host}"):
            raise local_backend.BackendError("只接受本编辑器页面的请求", 403)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        if length > local_backend.MAX_UPLOAD * 2:
            raise local_backend.BackendError("请求太大", 413)
        try:
            body = json.loads(environ["wsgi.input"].read(length) or b"{}")
        except ValueError:
            raise local_backend.BackendError("请求不是有效的 JSON") from None
        if not isinstance(body, dict):
            raise local_backend.BackendError("请求不是有效的 JSON")
        return body

    def _json(self, start_response, value, status: str = "200 OK"):
        data = json.dumps(value, ensure_ascii=False).encode("utf-8")
        start_response(status, [("Content-Type", "application/json; charset=utf-8"),
                                ("Content-Length", str(len(data))), ("Cache-Control", "no-store")])
        return [data]

    def _plain(self, start_response, status: str, text: str, kind: str = "text/plain; charset=utf-8"):
        data = text.encode("utf-8")
        start_response(status, [("Content-Type", kind), ("Content-Length", str(len(data))),
                                ("Cache-Control", "no-store")])
        return [data]

    def _static(self, start_response, rest: str):
        if rest in ("", "index.html") and not installed(self.root):
            return self._plain(start_response, "200 OK", NOT_INSTALLED, _TYPES[".html"])
        if rest == "config.yml":
            text = configured(self.root, {"name": "proxy", "proxy_url": PREFIX + "api/v1", "branch": "main"},
                              check=True)
            return self._plain(start_response, "200 OK", text, _TYPES[".yml"])
        name = rest or "index.html"
        parts = name.split("/")
        allowed = name in STATIC or (parts[0] == VENDOR and ".." not in parts and "" not in parts)
        file = self.root / EDITOR_DIR / name
        if not allowed or not file.is_file() or file.name.startswith("."):
            return self._plain(start_response, "404 Not Found", "没有这个文件")
        data = file.read_bytes()
        kind = _TYPES.get(file.suffix) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        start_response("200 OK", [("Content-Type", kind), ("Content-Length", str(len(data))),
                                  ("Cache-Control", "no-cache")])
        return [data]
