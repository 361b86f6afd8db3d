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
import json, logging, os, sys, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

logging.getLogger("mkdocs").addHandler(logging.StreamHandler(sys.stderr))  # the engine's log: what the editor reads
logging.getLogger("mkdocs").setLevel(logging.INFO)

site_dir, edits = sys.argv[1], json.loads(sys.argv[2])
# "wait": each save's search index is written in full and swapped in before the next save (the index process is
# waited for); otherwise the next save stops it wherever it is, as an editor's quick save does
wait_for_index = sys.argv[3:] == ["wait"]
from govsite import search

def index_done():
    if wait_for_index and search._child[0] is not None:
        search._child[0].join()

def config():
    loaded = load_config(config_file="mkdocs.yml", site_dir=site_dir)
    loaded.site_url = "http://127.0.0.1:8000/"
    return loaded

first = config()
first.plugins.on_startup(command="serve", dirty=True)
from mkdocs_adapter import events
events._memo.verify = True  # a document handed over unchanged is made again and compared (Memo.made_from)
build(first, serve_url="http://127.0.0.1:8000/", dirty=True)
for batch in edits:
    for path, old, new in batch:
        file = Path(path)
        if new is None:
            file.unlink()
        elif old is None:  # a new file
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(new, encoding="utf-8")
        else:
            text = file.read_text(encoding="utf-8")
            assert old in text, (path, old)
            file.write_text(text.replace(old, new, 1), encoding="utf-8")
    time.sleep(2.1)  # as an editor's saves come: not within the file system's clock tick of the last read
    index_done()
    # what the save's on_config does first, done before the log says which save it is: the index process of the
    # save before has finished (and said what it found) or is stopped, so that its lines are in that save's part
    search.stop_index_later()
    print("=== save", flush=True, file=sys.stderr)
    try:
        build(config(), serve_url="http://127.0.0.1:8000/", dirty=True)
    except Abort as exc:  # mkdocs serve shows the error and waits for the next save
        print(f"=== stopped: {exc}", flush=True, file=sys.stderr)
index_done()
search.stop_index_later()
"""

NOTICE = "content/notices/2025/peixun-baoming.md"
NOTICE_TITLE = "关于开展2025年度退役军人职业技能培训报名工作的通知（示例）"
ADDED = "content/notices/2025/xinzeng-tongzhi.md"
ADDED_TITLE = "关于新增退役军人创业孵化基地的通知（示例）"
SETTING = ("data/site.yml", "机构名称: 某区退役军人事务局（示例）", "机构名称: 某区退役军人事务局（示例，修订）")


def added_notice(root: Path) -> str:
    """A new notice made from the demo one: its own title and 索引号 (a serial no other document uses)."""
    text = (root / NOTICE).read_text(encoding="utf-8")
    return text.replace(NOTICE_TITLE, ADDED_TITLE).replace("/2025-00010", "/2025-00987")
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
    """Every file of a served folder but the search index (rebuilt after the page is served, by another process,
    into searchindex.new/ and swapped in; the serve script stops the last one wherever it is, which leaves the
    index before it in place)."""
    out = {}
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(root) / name
            rel = path.relative_to(folder).as_posix()
            if not rel.startswith(("searchindex/", "searchindex.new/", "searchindex.old/")):
                out[rel] = path.read_bytes()
    return out


def serve_builds(root: Path, site_dir: Path, edits: list, wait_for_index: bool = False) -> str:
    env = dict(os.environ, GOVSITE_TODAY=TODAY, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(root / "hooks"))
    import json

    result = subprocess.run([sys.executable, "-c", SERVE, str(site_dir), json.dumps(edits, ensure_ascii=False),
                             *(["wait"] if wait_for_index else [])],
                            cwd=root, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-4000:]
    return result.stderr


def test_the_served_folder_after_saves_is_what_a_fresh_build_of_the_same_sources_makes(site_copy, tmp_path):
    policy = (site_copy / "data/policies/2025-003.yml").read_text(encoding="utf-8")
    assert "标题: " in policy and (site_copy / NOTICE).read_text(encoding="utf-8").count("\n## ") >= 1
    served = tmp_path / "served"
    served.mkdir()
    edits = EDITS[:2] + [
        # a notice added, and a setting every page shows (the frame: every page rewritten)
        [[ADDED, None, added_notice(site_copy)], list(SETTING)],
        # the notice's title back as it was (the setting stays changed: nothing may show the old one)
        EDITS[2],
    ]
    log = serve_builds(site_copy, served, edits)
    assert "本次修改涉及每个页面" in log  # the save that reached every page said so
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    serve_builds(site_copy, fresh, [])  # the same sources, as the saves left them, built from nothing
    a, b = files_of(served), files_of(fresh)
    assert "notices/2026/zhaopin-gongyi-gangwei/index.html" not in a  # the removed page is gone, not stale
    assert "编辑后新增的一句话" in a["notices/2025/peixun-baoming/index.html"].decode("utf-8")
    assert ADDED_TITLE in a["notices/2025/xinzeng-tongzhi/index.html"].decode("utf-8")  # the new page
    assert ADDED_TITLE.encode() in a["api/catalogue.json"]  # and the 目录's JSON, read by its changed lines
    assert "某区退役军人事务局（示例，修订）".encode() in a["notices/2025/peixun-baoming/index.html"]  # the setting
    # the reverted title is gone everywhere it had reached
    assert not [name for name, data in a.items() if "职业技能提升培训".encode() in data]
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
    # nor the removed page's folder: served, an empty folder answers its old address with a listing, not 404
    assert not (served / "notices/2026/zhaopin-gongyi-gangwei").exists()
    assert folders_of(served) == folders_of(fresh)


def folders_of(folder: Path) -> set[str]:
    """Every folder of a served folder but the search index's (files_of)."""
    return {Path(root).relative_to(folder).as_posix() for root, _dirs, _names in os.walk(folder)
            if not Path(root).relative_to(folder).as_posix().startswith("searchindex")}


def test_a_leak_saved_under_serve_is_found_in_the_source_and_in_what_only_the_output_shows(site_copy, tmp_path):
    """Whatever a save reuses, a changed file is checked again: an ID number typed into a notice stops the
    rebuild at its line; one a template prints reaches only the output, where make serve's guard finds it in the
    pages rewritten; once both are removed the served folder is a fresh build's."""
    number = "11010519491231002X"  # a valid 居民身份证号码 (GB 11643 check digit)
    footer = "overrides/govsite/notices/footer.html"
    assert (site_copy / footer).is_file()
    edits = [
        [[NOTICE, "\n## ", f"\n联系人身份证号码：{number}。\n\n## "]],
        [[NOTICE, f"\n联系人身份证号码：{number}。\n\n## ", "\n## "]],
        [[footer, None, (site_copy / footer).read_text(encoding="utf-8") + f"\n<p>经办人证件号 {number}</p>\n"]],
        [[footer, None, (site_copy / footer).read_text(encoding="utf-8")]],
    ]
    served = tmp_path / "served"
    served.mkdir()
    log = serve_builds(site_copy, served, edits)
    saves = log.split("=== save")[1:]
    assert len(saves) == 4
    assert "=== stopped" in saves[0] and NOTICE in saves[0] and "身份证" in saves[0]  # at its source, before output
    assert "=== stopped" not in saves[1] and "身份证" not in saves[1]
    found = [line for line in saves[2].splitlines() if "身份证" in line and line.startswith("警告")]
    assert found and footer in found[0], saves[2][-3000:]  # the output guard, traced to the template
    assert "身份证" not in saves[3] and "=== stopped" not in saves[3]
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    serve_builds(site_copy, fresh, [])
    a, b = files_of(served), files_of(fresh)
    assert not [name for name, data in a.items() if number.encode() in data]
    assert sorted(a) == sorted(b) and [name for name in a if a[name] != b[name]] == []


def test_the_search_index_is_checked_by_the_save_that_serves_it_and_not_by_the_next(site_copy, tmp_path):
    """make serve writes a save's search index after the save, in another process, and the next save replaces it:
    its files are checked as that process writes them, and reported with the save that made them. With each index
    written in full before the next save (deterministically: the harness waits for it), the index that shows a
    template's leak is found by the save that made it, and the save that removes the leak reports nothing, though
    the folder it scans still holds that index until its own replaces it."""
    number = "11010519491231002X"  # a valid 居民身份证号码 (GB 11643 check digit)
    footer = "overrides/govsite/notices/footer.html"
    original = (site_copy / footer).read_text(encoding="utf-8")
    edits = [
        [[footer, None, original + f"\n<p>经办人证件号 {number}</p>\n"]],
        [[footer, None, original]],
        [["data/policies/2025-003.yml", "标题: ", "标题: 修订后的"]],
    ]
    served = tmp_path / "served"
    served.mkdir()
    log = serve_builds(site_copy, served, edits, wait_for_index=True)
    saves = log.split("=== save")[1:]
    assert len(saves) == 3 and "=== stopped" not in log
    assert "搜索索引（后台进程）" in saves[0], saves[0][-3000:]  # the index was written before the next save

    def found(save: str) -> list[str]:
        return [line for line in save.splitlines() if "身份证" in line and line.startswith("警告")]

    # the pages, found by the save's guard, and the index written after it, by the process that wrote it
    assert [line for line in found(saves[0]) if "searchindex/" not in line and footer in line], saves[0][-3000:]
    assert [line for line in found(saves[0]) if "searchindex/" in line and footer in line], saves[0][-3000:]
    assert found(saves[1]) == [], saves[1][-3000:]  # the last save's index, being replaced, is not this save's
    assert found(saves[2]) == [], saves[2][-3000:]
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    serve_builds(site_copy, fresh, [], wait_for_index=True)
    index = {name: data for name, data in _all_files(served).items() if name.startswith("searchindex")}
    assert index and index == {name: data for name, data in _all_files(fresh).items() if name.startswith("searchindex")}


def _all_files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


# Kinds of save, each as (what it changes, how it is undone): a file whose own page changes, a file that changes
# other pages without their files changing (a law's text their citations show, a correction's banner on the notice
# it corrects), what every page shows (a template, a setting) and a page of the nav. A save must reach every page
# they reach, and no other page's output may differ from a fresh build's.
LAW_TEXT = "data/laws/texts/退役军人安置条例.md"
CORRECTION = "content/notices/2025/peixun-baoming-gengzheng.md"
INTERPRETATION = "data/interpretations/2024-001.yml"  # explains data/policies/2024-001.yml
REPEALING = "data/policies/2025-002.yml"  # repeals data/policies/2023-003.yml
HOLIDAYS = "data/holidays.yml"
KINDS = {
    "notice title": ([NOTICE, NOTICE_TITLE, NOTICE_TITLE + "（修订）"], [NOTICE, NOTICE_TITLE + "（修订）", NOTICE_TITLE]),
    "cited law text": ([LAW_TEXT, "国家采取退休、转业", "国家采取退休、转业（修订）"],
                       [LAW_TEXT, "国家采取退休、转业（修订）", "国家采取退休、转业"]),
    "correction removed": ([CORRECTION, "", None], [CORRECTION, None, "<original>"]),
    "policy title": (["data/policies/2025-003.yml", "标题: ", "标题: 修订后的"],
                     ["data/policies/2025-003.yml", "标题: 修订后的", "标题: "]),
    "template": (["overrides/govsite/notices/footer.html", None, "<original>\n<p>模板修订</p>\n"],
                 ["overrides/govsite/notices/footer.html", None, "<original>"]),
    "setting": (list(SETTING), [SETTING[0], SETTING[2], SETTING[1]]),
    "nav page": (["content/about/functions.md", "标题: 机构职能", "标题: 机构职能（修订）"],
                 ["content/about/functions.md", "标题: 机构职能（修订）", "标题: 机构职能"]),
    # files that change other documents while those documents' own files stay as they were (Memo.made_from
    # hands an unchanged document over only while none of them changed): an interpretation's title is on its
    # policy, a repealing policy's title on the policy it repealed, the holiday data moves a 公示期's end
    "interpretation title": ([INTERPRETATION, "标题: 《", "标题: 新《"], [INTERPRETATION, "标题: 新《", "标题: 《"]),
    "repealing policy title": ([REPEALING, "标题: 某区", "标题: 新某区"], [REPEALING, "标题: 新某区", "标题: 某区"]),
    "holidays": ([HOLIDAYS, "年份: {}", '年份:\n  "2026":\n    依据: 测试\n    放假: [2026-11-25]\n    调休上班: []'],
                 [HOLIDAYS, None, "<original>"]),
}


def test_random_series_of_saves_of_every_kind_serve_what_a_fresh_build_makes(site_copy, tmp_path):
    """A seeded random series of saves, each applying or undoing one or two kinds of change (KINDS) at once: the
    served folder equals a fresh build's, and the saves that reached a few pages left the others unread."""
    import random

    rng = random.Random(int(os.environ.get("GOVSITE_SERVE_SEED", "1")))
    originals = {}
    for kind in KINDS.values():
        path = kind[0][0]
        originals[path] = (site_copy / path).read_text(encoding="utf-8")

    def concrete(step):
        path, old, new = step
        return [path, old, originals[path] if new == "<original>" else
                new.replace("<original>", originals[path]) if isinstance(new, str) else new]

    applied: set[str] = set()
    edits = []
    # every kind at least once (in a random order, one or two at a time), then random saves applying or undoing
    first = sorted(KINDS)
    rng.shuffle(first)
    batches = []
    while first:
        count = rng.choice((1, 1, 2))
        batches.append(first[:count])
        first = first[count:]
    batches += [rng.sample(sorted(KINDS), rng.choice((1, 1, 2))) for _ in range(4)]
    for names in batches:
        batch = []
        for name in names:
            apply, undo = KINDS[name]
            batch.append(concrete(undo if name in applied else apply))
            applied ^= {name}
        edits.append(batch)
    # the last save reaches a few pages, so that the folder compared holds pages left unread by it
    apply, undo = KINDS["policy title"]
    edits.append([concrete(undo if "policy title" in applied else apply)])
    applied ^= {"policy title"}
    served = tmp_path / "served"
    served.mkdir()
    log = serve_builds(site_copy, served, edits)
    assert "=== stopped" not in log, log[-3000:]
    assert "未改动输入的页面未再处理" in log.split("=== save")[-1]  # the others left to MkDocs unread
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    serve_builds(site_copy, fresh, [])
    a, b = files_of(served), files_of(fresh)
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == [], (edits, applied)


def test_a_leak_written_into_the_served_folder_by_another_hand_is_found_and_stays_found(site_copy, tmp_path):
    """make serve's guard reads only the files whose status changed, not a list of what the build wrote: an ID
    number written into a page nobody rebuilds (by a person, a plugin, any program), and one in a new file of a new
    folder, are found at the next save, and again at the save after, until they are gone."""
    number = "11010519491231002X"  # a valid 居民身份证号码 (GB 11643 check digit)
    served = tmp_path / "served"
    served.mkdir()
    page = served / "about/functions/index.html"
    extra = served / "someone/else/wrote.html"
    policy = ["data/policies/2025-003.yml", "标题: ", "标题: 修订后的"]
    undo = ["data/policies/2025-003.yml", "标题: 修订后的", "标题: "]
    edits = [
        [policy],
        [undo, [str(page), "</body>", f"<p>经办人 {number}</p></body>"]],  # a page the save does not rewrite
        [policy],  # the save after: still there, still found
        [undo, [str(page), f"<p>经办人 {number}</p></body>", "</body>"], [str(extra), None, f"<p>{number}</p>"]],
        [policy, [str(extra), "", None]],
    ]
    log = serve_builds(site_copy, served, edits)
    saves = log.split("=== save")[1:]
    assert len(saves) == 5 and "=== stopped" not in log

    def found(save: str) -> list[str]:
        return [line for line in save.splitlines() if "身份证" in line and line.startswith("警告")]

    assert found(saves[0]) == []
    assert found(saves[1]) and "about/functions/index.html" in found(saves[1])[0], saves[1][-3000:]
    assert found(saves[2]) and "about/functions/index.html" in found(saves[2])[0], saves[2][-3000:]
    assert found(saves[3]) and all("about/functions" not in line for line in found(saves[3]))
    assert "someone/else/wrote.html" in found(saves[3])[0], saves[3][-3000:]
    assert found(saves[4]) == []
