"""`make serve`'s rebuild after a save reuses what the save did not change (govsite.incremental, the page skipper,
the output guard's link state). Whatever it reused, the folder it serves must be the folder a rebuild from
nothing makes of the same sources: every page, feed and JSON file byte for byte, and no page left over."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sitekit import TODAY

# mkdocs serve --dirty's rebuilds, in one process as MkDocs' server runs them (without the HTTP server): the
# first build, then one rebuild after each batch of edits (each batch a save, or several files saved at once).
SERVE = r"""
import json, os, sys, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

site_dir, edits = sys.argv[1], json.loads(sys.argv[2])

def config():
    loaded = load_config(config_file="mkdocs.yml", site_dir=site_dir)
    loaded.site_url = "http://127.0.0.1:8000/"
    return loaded

first = config()
first.plugins.on_startup(command="serve", dirty=True)
build(first, serve_url="http://127.0.0.1:8000/", dirty=True)
for batch in edits:
    for path, old, new in batch:
        file = Path(path)
        if new is None:
            file.unlink()
        else:
            text = file.read_text(encoding="utf-8")
            assert old in text, (path, old)
            file.write_text(text.replace(old, new, 1), encoding="utf-8")
    time.sleep(2.1)  # as an editor's saves come: not within the file system's clock tick of the last read
    build(config(), serve_url="http://127.0.0.1:8000/", dirty=True)
from govsite import search
search.stop_index_later()
"""

NOTICE = "content/notices/2025/peixun-baoming.md"
NOTICE_TITLE = "关于开展2025年度退役军人职业技能培训报名工作的通知（示例）"
EDITS = [
    # a notice's title (its page, the lists, the 目录, the feeds, the home page) and a sentence of its body
    [[NOTICE, NOTICE_TITLE, NOTICE_TITLE.replace("职业技能培训", "职业技能提升培训")],
     [NOTICE, "\n## ", "\n编辑后新增的一句话。\n\n## "]],
    # a page removed, and a policy's data changed in the same save
    [["content/notices/2026/zhaopin-gongyi-gangwei.md", "", None],
     ["data/policies/2025-003.yml", "标题: ", "标题: 修订后的"]],
    # the notice back as it was
    [[NOTICE, NOTICE_TITLE.replace("职业技能培训", "职业技能提升培训"), NOTICE_TITLE]],
]


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file of a served folder but the search index (rebuilt after the page is served, by another process)."""
    out = {}
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(root) / name
            rel = path.relative_to(folder).as_posix()
            if not rel.startswith("searchindex/"):
                out[rel] = path.read_bytes()
    return out


def serve_builds(root: Path, site_dir: Path, edits: list) -> None:
    env = dict(os.environ, GOVSITE_TODAY=TODAY, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(root / "hooks"))
    import json

    result = subprocess.run([sys.executable, "-c", SERVE, str(site_dir), json.dumps(edits, ensure_ascii=False)],
                            cwd=root, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-4000:]


def test_the_served_folder_after_saves_is_what_a_fresh_build_of_the_same_sources_makes(site_copy, tmp_path):
    policy = (site_copy / "data/policies/2025-003.yml").read_text(encoding="utf-8")
    assert "标题: " in policy and (site_copy / NOTICE).read_text(encoding="utf-8").count("\n## ") >= 1
    served = tmp_path / "served"
    served.mkdir()
    serve_builds(site_copy, served, EDITS)
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    serve_builds(site_copy, fresh, [])  # the same sources, as the saves left them, built from nothing
    a, b = files_of(served), files_of(fresh)
    assert "notices/2026/zhaopin-gongyi-gangwei/index.html" not in a  # the removed page is gone, not stale
    assert "编辑后新增的一句话" in a["notices/2025/peixun-baoming/index.html"].decode("utf-8")
    # the reverted title is gone everywhere it had reached
    assert not [name for name, data in a.items() if "职业技能提升培训".encode() in data]
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
