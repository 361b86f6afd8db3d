"""make serve hands a type's model objects over from save to save (a Notice made from an unchanged file is the
object of the last save). Objects that link to each other (a correction and the notice it corrects) must be
made anew whenever either side or the link changes: after each generated save of a linked notice (its text, its
title, a correction added, deleted, renamed, pointed elsewhere, a chain of corrections), what a save serves must
equal what a fresh load and render make, and the change must show where a reader would see it."""
from __future__ import annotations

import random
import re

import pytest

from govsite.build import editor_page_html, load_site, render_site
from govsite.incremental import Memo
from govsite.render import Renderer
from sitekit import copy_site

NOTICES = "content/notices"
CORRECTED = "2025/peixun-baoming"  # the demo's notice that a demo correction corrects
CORRECTION = "2025/peixun-baoming-gengzheng"
OTHERS = ["2026/caigou-yixiang", "2026/zhaopin-gongyi-gangwei"]  # published after both: corrections may name them


def outputs(site_root, memo=None):
    site = load_site(site_root, memo=memo)
    pages, files = render_site(site)
    renderer = Renderer(site)
    frames = [(uri, editor_page_html(site, page, renderer)) for uri, page in sorted(site.editor_pages.items())]
    return ([(p.severity, p.format()) for p in site.problems.items],
            [(p.src_uri, p.title, p.html, p.toc, p.meta) for p in pages], [(f.dest_uri, f.content) for f in files],
            frames)


class Notices:
    """Generated saves of linked notices in a copy of the demo site."""

    def __init__(self, root, rng: random.Random):
        self.root, self.rng, self.count = root, rng, 0
        self.template = (root / NOTICES / f"{CORRECTION}.md").read_text(encoding="utf-8")

    def path(self, notice_id: str):
        return self.root / NOTICES / f"{notice_id}.md"

    def existing(self) -> list[str]:
        return sorted(p.relative_to(self.root / NOTICES).with_suffix("").as_posix()
                      for p in (self.root / NOTICES).rglob("*.md"))

    def corrections(self) -> list[str]:
        return [n for n in self.existing() if re.search(r"^更正: ", self.path(n).read_text(encoding="utf-8"), re.M)]

    def replace(self, notice_id: str, pattern: str, new: str) -> None:
        path = self.path(notice_id)
        text = path.read_text(encoding="utf-8")
        changed = re.sub(pattern, new, text, count=1, flags=re.M)
        assert changed != text, (notice_id, pattern)
        path.write_text(changed, encoding="utf-8")

    def title(self, notice_id: str) -> str:
        return re.search(r"^标题: (.*)$", self.path(notice_id).read_text(encoding="utf-8"), re.M).group(1)

    # -- the kinds of saves: each returns (the notice whose outputs must change, a text they must show) ---------

    def retitle(self):
        target = self.rng.choice([CORRECTED] + self.corrections())
        self.count += 1
        new = f"{self.title(target)}（第{self.count}次修订）"
        self.replace(target, r"^标题: .*$", f"标题: {new}")
        return new

    def edit_text(self):
        target = self.rng.choice(self.corrections() or [CORRECTED])
        self.count += 1
        path = self.path(target)
        path.write_text(path.read_text(encoding="utf-8") + f"\n补充说明第{self.count}条。\n", encoding="utf-8")
        return f"补充说明第{self.count}条"

    def add_correction(self, of: str | None = None):
        of = of or self.rng.choice([CORRECTED] + self.corrections())
        self.count += 1
        new_id = f"2026/gengzheng-{self.count}"
        title = f"第{self.count}号更正公告（示例）"
        text = re.sub(r"^标题: .*$", f"标题: {title}", self.template, count=1, flags=re.M)
        text = re.sub(r"^发布时间: .*$", f"发布时间: 2026-11-{10 + self.count % 15:02d} 09:{self.count % 60:02d}",
                      text, count=1, flags=re.M)
        text = re.sub(r"^索引号: .*$", f"索引号: 11410100MB0000000X/2026-{800 + self.count:05d}", text, count=1,
                      flags=re.M)
        text = re.sub(r"^更正: .*$", f"更正: {of}", text, count=1, flags=re.M)
        self.path(new_id).write_text(text, encoding="utf-8")
        return title

    def delete_correction(self):
        found = [n for n in self.corrections() if n.startswith("2026/gengzheng-")]
        if not found:
            return self.add_correction()
        gone = self.rng.choice(found)
        # a correction of this one would name a missing notice: point it at what this one corrected
        target = re.search(r"^更正: (.*)$", self.path(gone).read_text(encoding="utf-8"), re.M).group(1)
        for other in self.corrections():
            if re.search(rf"^更正: {re.escape(gone)}$", self.path(other).read_text(encoding="utf-8"), re.M):
                self.replace(other, r"^更正: .*$", f"更正: {target}")
        self.path(gone).unlink()
        return None

    def rename_corrected(self):
        """The corrected notice moves to another name; every correction of it follows."""
        found = [n for n in self.existing() if n.startswith("2025/peixun-baoming") and n not in self.corrections()]
        old = found[0]
        self.count += 1
        new = f"2025/peixun-baoming-{self.count}"
        self.path(old).rename(self.path(new))
        for other in self.corrections():
            if re.search(rf"^更正: {re.escape(old)}$", self.path(other).read_text(encoding="utf-8"), re.M):
                self.replace(other, r"^更正: .*$", f"更正: {new}")
        return None

    def point_elsewhere(self):
        """A correction now corrects another notice (one published before it)."""
        corrections = [n for n in self.corrections() if n.startswith("2026/gengzheng-")]
        if not corrections:
            return self.add_correction(of=self.rng.choice(OTHERS))
        source = self.rng.choice(corrections)
        target = self.rng.choice([n for n in OTHERS + [CORRECTED] if self.path(n).exists()])
        self.replace(source, r"^更正: .*$", f"更正: {target}")
        return None

    def chain(self):
        """A correction of a correction: three notices linked."""
        return self.add_correction(of=self.rng.choice(self.corrections()))


def corrected_ids(root) -> dict:
    """Which notice each correction names, read from the files (for the message of a failure)."""
    return {p.name: re.search(r"^更正: (.*)$", p.read_text(encoding="utf-8"), re.M).group(1)
            for p in (root / NOTICES).rglob("*.md") if "更正:" in p.read_text(encoding="utf-8")}


@pytest.mark.parametrize("seed", [1, 2])
def test_saves_of_linked_notices_serve_what_a_fresh_build_makes(tmp_path, seed):
    root = copy_site(tmp_path / "repo")
    rng = random.Random(seed)
    notices = Notices(root, rng)
    memo = Memo(verify=True)  # every record handed over is made again and compared too
    assert outputs(root, memo) == outputs(root)
    kinds = [notices.retitle, notices.edit_text, notices.add_correction, notices.delete_correction,
             notices.rename_corrected, notices.point_elsewhere, notices.chain]
    series = kinds + [rng.choice(kinds) for _ in range(5)]
    for n, save in enumerate(series):
        shown = save()
        cached = outputs(root, memo)
        fresh = outputs(root)
        errors = [text for severity, text in fresh[0] if severity == "error"]
        assert not errors, (n, save.__name__, errors)
        assert cached == fresh, (n, save.__name__, corrected_ids(root))
        if shown is not None:  # the linked notice's frame or page shows it on both sides
            assert any(shown in html for _uri, (html, _toc) in cached[3]), (n, save.__name__, shown)
        assert memo.hits > 0 or memo.records


def test_a_correction_shows_on_the_notice_it_corrects_after_a_save_that_adds_it(tmp_path):
    """The handed-over notice must not keep the last save's links: a correction added names the corrected
    notice's title on its frame, and the corrected notice's frame says 已由《…》更正; removed, both are gone."""
    root = copy_site(tmp_path / "repo")
    notices = Notices(root, random.Random(0))
    memo = Memo()

    def frame(notice_id: str) -> str:
        site = load_site(root, memo=memo)
        assert not site.problems.errors, site.problems.errors
        html, _toc = editor_page_html(site, site.editor_pages[f"notices/{notice_id}.md"], Renderer(site))
        return html

    target = OTHERS[0]
    before = frame(target)
    assert "更正" not in before
    title = notices.add_correction(of=target)
    assert f"已由《{title}》更正" in frame(target)
    notices.delete_correction()
    assert frame(target) == before
