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


def save_in_turn(root, memo, rng, kinds, shows, describe=lambda: None) -> None:
    """Every save of `kinds` once, then five drawn from them; after each, what `memo` serves equals a fresh load,
    with no error, and `shows(shown, outputs)` holds for what the save says a page must now show."""
    assert outputs(root, memo) == outputs(root)
    for n, save in enumerate(kinds + [rng.choice(kinds) for _ in range(5)]):
        shown = save()
        cached = outputs(root, memo)
        fresh = outputs(root)
        errors = [text for severity, text in fresh[0] if severity == "error"]
        assert not errors, (n, save.__name__, errors)
        assert cached == fresh, (n, save.__name__, describe())
        if shown is not None:
            assert shows(shown, cached), (n, save.__name__, shown)


@pytest.mark.parametrize("seed", [1, 2])
def test_saves_of_linked_notices_serve_what_a_fresh_build_makes(tmp_path, seed):
    root = copy_site(tmp_path / "repo")
    rng = random.Random(seed)
    notices = Notices(root, rng)
    memo = Memo(verify=True)  # every record handed over is made again and compared too
    kinds = [notices.retitle, notices.edit_text, notices.add_correction, notices.delete_correction,
             notices.rename_corrected, notices.point_elsewhere, notices.chain]
    # the linked notice's frame or page shows what was saved, on both sides
    save_in_turn(root, memo, rng, kinds, lambda shown, cached: any(shown in html for _uri, (html, _toc) in cached[3]),
                 lambda: corrected_ids(root))
    assert memo.hits > 0 or memo.records  # the saves were served from the memo, not made anew by a miss


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


class Policies:
    """Generated saves of linked policies and interpretations in a copy of the demo site: an interpretation names
    the policy it explains (both pages show the other's title), a repealing policy names the one it repeals."""

    def __init__(self, root, rng: random.Random):
        self.root, self.rng, self.count = root, rng, 0

    def file(self, kind: str, item_id: str):
        return self.root / "data" / kind / f"{item_id}.yml"

    def ids(self, kind: str) -> list[str]:
        return sorted(p.stem for p in (self.root / "data" / kind).glob("*.yml"))

    def field(self, kind: str, item_id: str, name: str) -> str | None:
        found = re.search(rf"^{name}: (.*)$", self.file(kind, item_id).read_text(encoding="utf-8"), re.M)
        return found.group(1) if found else None

    def set_field(self, kind: str, item_id: str, name: str, value: str) -> None:
        path = self.file(kind, item_id)
        text = path.read_text(encoding="utf-8")
        changed = re.sub(rf"^{name}: .*$", f"{name}: {value}", text, count=1, flags=re.M)
        assert changed != text, (item_id, name)
        path.write_text(changed, encoding="utf-8")

    def listed(self) -> list[str]:
        """Interpretations on the site (not withdrawn)."""
        return [i for i in self.ids("interpretations")
                if "撤回:" not in self.file("interpretations", i).read_text(encoding="utf-8")]

    def retitle_interpretation(self):
        item = self.rng.choice(self.listed())
        self.count += 1
        title = f"{self.field('interpretations', item, '标题')}（第{self.count}次修订）"
        self.set_field("interpretations", item, "标题", title)
        return title

    def retitle_policy(self):
        interpreted = sorted({self.field("interpretations", i, "解读对象") for i in self.listed()}
                             | {self.field("policies", p, "废止文件") for p in self.ids("policies")} - {None})
        policy = self.rng.choice(interpreted)
        self.count += 1
        title = f"{self.field('policies', policy, '标题')}（第{self.count}次修订）"
        self.set_field("policies", policy, "标题", title)
        return title

    def add_interpretation(self):
        self.count += 1
        target = self.rng.choice(self.ids("policies"))
        template = self.file("interpretations", self.ids("interpretations")[0]).read_text(encoding="utf-8")
        title = f"第{self.count}号政策解读（示例）"
        for name, value in (("标题", title), ("解读对象", target), ("发布日期", "2026-01-10"),
                            ("索引号", f"11410100MB0000000X/2026-{700 + self.count:05d}")):
            template = re.sub(rf"^{name}: .*$", f"{name}: {value}", template, count=1, flags=re.M)
        (self.root / "data/interpretations" / f"2026-{700 + self.count}.yml").write_text(template, encoding="utf-8")
        return title

    def delete_interpretation(self):
        added = [i for i in self.ids("interpretations") if i.startswith("2026-")]
        if not added:
            return self.add_interpretation()
        self.file("interpretations", self.rng.choice(added)).unlink()
        return None

    def point_elsewhere(self):
        """An interpretation now explains another policy (one published before it)."""
        added = [i for i in self.ids("interpretations") if i.startswith("2026-")]
        if not added:
            return self.add_interpretation()
        self.set_field("interpretations", self.rng.choice(added), "解读对象", self.rng.choice(self.ids("policies")))
        return None

    def rename_policy(self):
        """A policy with interpretations moves to another file name; what names it follows."""
        named = sorted({self.field("interpretations", i, "解读对象") for i in self.ids("interpretations")})
        old = self.rng.choice(named)
        self.count += 1
        new = f"{old}-{self.count}"
        self.file("policies", old).rename(self.file("policies", new))
        for item in self.ids("interpretations"):
            if self.field("interpretations", item, "解读对象") == old:
                self.set_field("interpretations", item, "解读对象", new)
        for policy in self.ids("policies"):
            if self.field("policies", policy, "废止文件") == old:
                self.set_field("policies", policy, "废止文件", new)
        return None

    def withdraw_interpretation(self):
        item = self.rng.choice(self.listed())
        path = self.file("interpretations", item)
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n")
                        + "\n撤回:\n  日期: 2026-11-20\n  原因: 解读内容已并入新的解读（示例）\n", encoding="utf-8")
        return None


@pytest.mark.parametrize("verify", [True, False])
@pytest.mark.parametrize("seed", [3, 4])
def test_saves_of_linked_policies_serve_what_a_fresh_build_makes(tmp_path, seed, verify):
    """With verify the tests' Memo makes every handed-over value again; without, a value handed over stale
    shows as a page that differs from the fresh one."""
    root = copy_site(tmp_path / "repo")
    rng = random.Random(seed)
    policies = Policies(root, rng)
    memo = Memo(verify=verify)
    kinds = [policies.retitle_interpretation, policies.retitle_policy, policies.add_interpretation,
             policies.delete_interpretation, policies.point_elsewhere, policies.rename_policy,
             policies.withdraw_interpretation]
    # a linked document's page shows the new title, on both sides
    save_in_turn(root, memo, rng, kinds, lambda shown, cached: sum(shown in page[2] for page in cached[1]) >= 2)
