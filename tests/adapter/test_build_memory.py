"""`mkdocs build` holds what pages still to be written need, not the pages it has written: a written page's HTML,
table of contents and the engine's record of it, and the Markdown conversions made for the engine's pages, are
let go (docs/performance.md, "Memory"). What is held to the end of a build grows with the site (at 100,000
documents, gigabytes): this checks, after a real build of the demo site, that nothing of a written page is left,
so that a change which starts keeping them again fails here rather than in a 100,000-document benchmark."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from sitekit import REPO, TODAY

# One mkdocs build in a process of its own (its search index child is forked from it), as `make build` runs it;
# MkDocs' files captured where the build gets them, and what the adapter and the engine still hold printed at
# the end.
BUILD = r"""
import json, sys
import mkdocs.commands.build as mkdocs_build
from mkdocs.config import load_config

captured = {}
get_files = mkdocs_build.get_files
def capture(config):
    captured["files"] = found = get_files(config)
    return found
mkdocs_build.get_files = capture

config = load_config(config_file="mkdocs.yml", site_dir=sys.argv[1])
config.plugins.on_startup(command="build", dirty=False)
mkdocs_build.build(config)
from mkdocs_adapter import events

pages = [f.page for f in captured["files"].documentation_pages() if f.page is not None]
site = events._state["site"]
print(json.dumps({
    "pages": len(pages),
    "editor_pages": len(site.editor_pages),
    "with_content": sorted(p.file.src_uri for p in pages if p.content),
    "with_toc": sorted(p.file.src_uri for p in pages if list(p.toc)),
    "engine_pages_held": sorted(events._state["pages"]),
    "conversions_held": len(site.markdown._memo),
}))
"""


def test_a_build_holds_nothing_of_the_pages_it_has_written(tmp_path):
    env = dict(os.environ, GOVSITE_TODAY=TODAY, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(REPO / "hooks"))
    result = subprocess.run([sys.executable, "-c", BUILD, str(tmp_path / "site")], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-4000:]
    held = json.loads(result.stdout.strip().splitlines()[-1])
    assert held["pages"] > 100 and held["editor_pages"] > 10  # a real site was built
    assert held["with_content"] == []
    assert held["with_toc"] == []  # many of the demo site's pages have headings
    assert held["engine_pages_held"] == []
    assert held["conversions_held"] == 0
