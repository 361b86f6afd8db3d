"""What an inspection of a government site finds in text: placeholder text and links to other sites.

Used twice: on the editors' files when the site is loaded (make check and every build report `文件:行`), and on
every page and feed the build writes (guard/output.py), which also catches text that templates or data put
together.
"""
from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

# Text an editor leaves for later. The patterns are specific on purpose: the demo site's fictional names (某区)
# and the example text of search boxes must not match. TODO, TBD and FIXME count in capitals only (as editors
# write them); "todo" inside an English word never counts.
PLACEHOLDERS = re.compile(
    r"正式使用时|请(?:编辑)?在此(?:处)?(?:填写|输入|补充|修改)|在此(?:处)?填写|此处(?:填写|输入|补充)"
    r"|待(?:补充|填写|完善|更新)|内容(?:建设|完善)中|(?<![A-Za-z])(?:TODO|TBD|FIXME)(?![A-Za-z])"
    r"|(?i:lorem ipsum)|[×Ｘ]{3,}|XXXX+")
URL = re.compile(r"(?:https?:)?//([A-Za-z0-9.-]+\.[A-Za-z]{2,})(?::\d+)?(?=[/\"'?#\s)）\]<>]|$)")
# In HTML: where a page links or loads from (an attribute's value that is an address, not text that merely
# mentions one). The pattern starts with a literal "=", which the regex engine finds fast (a page is ~35 kB).
_ATTRIBUTE_URL = re.compile(r"""=["']?((?:https?:)?//[^"'\s>]+)""")
# In a stylesheet (a .css file, a page's or an SVG's <style>, a style="" attribute): what it loads — a font or an
# image by url(…), another stylesheet by @import "…".
_CSS_URL = re.compile(r"""(?:url\(\s*|@import\s+)['"]?((?:https?:)?//[^'")\s;]+)""", re.IGNORECASE)
_STYLE = re.compile(r"""<style\b[^>]*>(.*?)</style\s*>|\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE | re.DOTALL)
_HIDDEN = re.compile(r"<(script|style|template)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def _is_namespace(html: str, at: int) -> bool:
    """Whether the attribute whose "=" is at `at` declares a namespace (xmlns="http://www.w3.org/2000/svg",
    xmlns:atom=…): its value looks like an address and is not a link."""
    start = max(html.rfind(" ", max(at - 40, 0), at), html.rfind("\n", max(at - 40, 0), at))
    return html.startswith("xmlns", start + 1)


@functools.lru_cache(maxsize=65536)  # the same addresses on every page (the theme's, the site's own)
def host_of(url: str) -> str:
    return (urlsplit(url if "//" in url[:8] else "//" + url).hostname or "").lower()


def allowed(host: str, allow: frozenset[str]) -> bool:
    return host in allow


# Every match of PLACEHOLDERS contains one of these: a page without any of them (nearly all) is passed over
# without running PLACEHOLDERS over its whole text (ten times slower). Lorem ipsum is looked for as people write
# it: lower case, Lorem Ipsum, LOREM IPSUM (a case-blind clue made the pass over every page four times slower).
_CLUES = ("正式使用时", "在此", "此处", "待补充", "待填写", "待完善", "待更新", "内容建设中", "内容完善中", "TODO", "TBD",
          "FIXME", "orem ipsum", "orem Ipsum", "OREM IPSUM", "×××", "ＸＸＸ", "XXXX")


# One pass over a page for all the clues (the regex engine skips ahead to their first characters): half the time
# of a substring test per clue, on every page of every build.
_ANY_CLUE = re.compile("|".join(map(re.escape, _CLUES)))


def placeholders(text: str) -> list[str]:
    if not _ANY_CLUE.search(text):
        return []
    return [m.group(0) for m in PLACEHOLDERS.finditer(text)]


def yaml_line(line: str) -> str:
    """A YAML line without its comment (a # at the start or after a space, outside quotes)."""
    quote = ""
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i]
    return line


def _foreign(urls, allow: frozenset[str]) -> set[str]:
    return {h for url in urls if (h := host_of(url)) and not allowed(h, allow)}


def _may_load(css: str) -> bool:
    """Whether a text may hold a CSS load: "url(" or "@import" in any case (CSS keywords are case-insensitive:
    Url(, @Import), as `css.lower()` would find them. Speed: a page has about one "(" and one "@" (Chinese text
    has its own brackets), so each is looked at where it stands; lowering the whole page (nearly every page holds
    neither word) took longer than the rest of its check for foreign hosts. Exact: of all characters only İ and
    the Kelvin sign lower to ASCII letters, as "i̇" (two characters) and "k", and neither can make these words."""
    at = css.find("(", 3)
    while at >= 0:
        if css[at - 3:at].lower() == "url":
            return True
        at = css.find("(", at + 1)
    at = css.find("@")
    while at >= 0:
        if css[at + 1:at + 7].lower() == "import":
            return True
        at = css.find("@", at + 1)
    return False


def stylesheet_hosts(css: str, allow: frozenset[str]) -> list[str]:
    """Hosts not allowed that a stylesheet loads from (fonts, images, other stylesheets)."""
    if not _may_load(css):
        return []
    return sorted(_foreign((m.group(1) for m in _CSS_URL.finditer(css)), allow))


def stylesheet_findings(css: str, allow: frozenset[str]) -> tuple[list[str], list[str]]:
    """(no placeholder texts: a stylesheet's comments are code, not text; hosts loaded that are not allowed)."""
    return [], stylesheet_hosts(css, allow)


def page_findings(html: str, allow: frozenset[str]) -> tuple[list[str], list[str]]:
    """(placeholder texts, hosts linked or loaded that are not allowed) in one built page, SVG image or feed:
    addresses in attributes, and what its styles load."""
    hosts = _foreign((m.group(1) for m in _ATTRIBUTE_URL.finditer(html) if not _is_namespace(html, m.start())), allow)
    if _may_load(html):
        # only inside <style> and style="" (CSS shown as text in a page's <pre> loads nothing)
        hosts.update(*(stylesheet_hosts(m.group(1) or m.group(2) or m.group(3) or "", allow)
                       for m in _STYLE.finditer(html)))
    hosts = sorted(hosts)
    if not placeholders(html):  # nothing in the markup at all: nothing in its visible text either
        return [], hosts
    visible = _TAG.sub(" ", _HIDDEN.sub(" ", html))
    return placeholders(visible), hosts


def page_findings_passing(html: str, source: bytes, line_starts, passed: list, parts,
                          allow: frozenset[str]) -> tuple[list[str], list[str]]:
    """page_findings of a page the build wrote whose reader passed over parts found clean before (`passed`:
    (first line, last line, key) of each, files.html.PageParts; `line_starts`: where each line of `source`, the
    page's UTF-8 bytes, begins). What a part's lines hold is read once, in the first page that passed over it
    (`parts.findings`, by its key), and only the page's other lines are read here.

    Speed: the clues and the addresses were looked for in every character of every page, most of which are
    the theme's navigation, the same on thousands of pages. Exact: the bytes of a part's lines are the same
    wherever its key is (PageParts); no clue and no address holds a line break, so each match of either
    expression over the page lies in one line and is a match over that line read alone; and whether an
    address declares a namespace is read on its own line (the 40 characters before its "=", or the start of its
    line), unless nothing but the start of the page would tell, which this reading takes as no namespace: a
    page that begins with "xmlns" is read whole. Where a clue stands, or the page may load anything by CSS, the
    whole page is read as page_findings reads it."""
    if html.startswith("xmlns") or _may_load(html):
        return page_findings(html, allow)
    kept = parts.findings
    last_line = len(line_starts) - 1
    clue, hosts, covered = False, set(), []
    for first, last, key in passed:
        found = kept.get(key)
        if found is None:
            if len(kept) >= parts.LIMIT:
                kept.clear()
            found = kept[key] = _lines_findings(
                source[line_starts[first - 1]:line_starts[min(last, last_line)]].decode("utf-8"))
        clue = clue or found[0]
        hosts.update(found[1])
        covered.append((first, last))
    covered.sort()
    start = 1  # the first line not yet read or passed
    for first, last in covered + [(last_line + 1, last_line + 1)]:
        if first > start:
            found = _lines_findings(source[line_starts[start - 1]:line_starts[first - 1]].decode("utf-8"))
            clue = clue or found[0]
            hosts.update(found[1])
        start = max(start, last + 1)
    if clue:
        return page_findings(html, allow)
    return [], sorted(h for h in hosts if h and not allowed(h, allow))


def _lines_findings(lines: str) -> tuple[bool, frozenset[str]]:
    """(whether a clue stands in them, the hosts of the addresses in attributes) of whole lines of a page that
    does not begin with "xmlns" (page_findings_passing)."""
    return (_ANY_CLUE.search(lines) is not None,
            frozenset(host_of(m.group(1)) for m in _ATTRIBUTE_URL.finditer(lines)
                      if not _is_namespace_in_lines(lines, m.start())))


def _is_namespace_in_lines(lines: str, at: int) -> bool:
    """_is_namespace of the "=" at `at` in whole lines of a page that does not begin with "xmlns": where nothing
    in the 40 characters before it parts it from what stands before, _is_namespace reads the start of the page."""
    low = max(at - 40, 0)
    start = max(lines.rfind(" ", low, at), lines.rfind("\n", low, at))
    if start < 0 and at >= 40:
        return False
    return lines.startswith("xmlns", start + 1)


def feed_findings(xml: str, allow: frozenset[str]) -> tuple[list[str], list[str]]:
    """The same for a feed: its entries carry escaped HTML, which is unescaped once before looking."""
    import html as html_module

    return page_findings(html_module.unescape(xml), allow)
