"""A section whose only content is "暂无" (nothing) is left out, heading and all, on every page of the real build:
an audience's 普法 page without a quiz, a 普法日历 day without an activity of the bureau. Whole pages that list a
column stay (an empty column says so), as do home-page columns' own checks (tests/browser/test_visitor_fixes.py)."""
from __future__ import annotations

import re

import lxml.html

NOTHING = re.compile(r"^(暂无|暂未)[^。]{0,12}。?")


def sections(article):
    """(heading text, text up to the next heading of the same or a higher level) of every h2/h3 in the article."""
    headings = article.xpath(".//h2|.//h3")
    for heading in headings:
        level, parts = heading.tag, []
        for node in heading.itersiblings():
            if node.tag in ("h2",) or (level == "h3" and node.tag == "h3"):
                break
            parts.append(node.text_content())
        yield heading.text_content().strip(), " ".join(" ".join(parts).split())


def test_no_section_says_only_nothing(built_site):
    checked = 0
    for path in sorted(built_site.rglob("index.html")):
        doc = lxml.html.fromstring(path.read_bytes())
        for article in doc.xpath("//article"):
            for heading, text in sections(article):
                checked += 1
                assert not NOTHING.match(text), (path.relative_to(built_site).as_posix(), heading, text[:60])
            # and no line that names a thing only to say there is none of it
            for p in article.xpath(".//p"):
                line = " ".join(p.text_content().split())
                assert not re.search(r"：\s*暂无。?$", line), (path.relative_to(built_site).as_posix(), line)
    assert checked > 500


def test_audience_pages_toc_matches_their_sections(built_site):
    """The table of contents lists exactly the sections shown (a left-out section leaves no dead entry)."""
    pages = sorted((built_site / "pufa/duixiang").glob("*/index.html"))
    assert len(pages) >= 5
    left_out = 0
    for path in pages:
        doc = lxml.html.fromstring(path.read_bytes())
        shown = [h.get("id") for h in doc.xpath("//article//h2[@id]")]
        toc = [a.get("href").split("#", 1)[1] for a in doc.xpath("//nav[contains(@class,'md-nav--secondary')]//a[contains(@href,'#')]")]
        assert toc == shown, (path, toc, shown)
        left_out += 5 - len(shown)
    assert left_out > 0  # some audience has a section with nothing in it
