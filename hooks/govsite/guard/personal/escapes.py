"""Text as its reader gets it when it is written escaped, or with markup inside a word.

A name or number can be spelt in the escapes of the format around it, and what the public reads is the text they
stand for: HTML character references in a Markdown page or a YAML value (`&#x738b;&#x5efa;&#x534e;` shows 王建华),
the escapes of YAML, JSON and scripts (`\\u738b`, `\\x41`), of stylesheets (`\\738b `), percent-encoding in a
link or a file's name (`%E7%8E%8B`), quoted-printable (`=E7=8E=8B`, mail saved as text), JavaScript's `%u738B`.
Markdown's inline markup inside a name or number (`王**建华**`, `410105<!-- -->1990…`, a link's text) shows as
the name or number whole. Each is read again decoded (`unescaped`) or without the markup
(`without_inline_markup`): the rules never see the spelling, only what it spells.
"""
from __future__ import annotations

import html
import re

# Any escape worth decoding; most units hold none, and this search is all they cost.
_ESCAPE = re.compile(r"&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,31});"
                     r"|\\(?:u[0-9a-fA-F]{4}|u\{[0-9a-fA-F]{2,6}\}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|[0-9a-fA-F]{4,6}|3[0-9] ?\\3)"
                     r"|%(?:[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})|=[89A-F][0-9A-F]=[89A-F][0-9A-F]")
_U4 = re.compile(r"\\u([0-9a-fA-F]{4})|\\u\{([0-9a-fA-F]{2,6})\}|\\U([0-9a-fA-F]{8})|%u([0-9a-fA-F]{4})")
_SURROGATES = re.compile("[\ud800-\udbff][\udc00-\udfff]")
# Runs of escaped bytes: each run decoded as UTF-8, else as GB18030 (a GBK page's address), else left as written.
_X_BYTES = re.compile(r"(?:\\x[0-9a-fA-F]{2})+")
_PERCENT_BYTES = re.compile(r"(?:%[0-9a-fA-F]{2})+")
_QP_BYTES = re.compile(r"(?:=[0-9A-F]{2})*=[89A-F][0-9A-F](?:=[0-9A-F]{2})+")
# A stylesheet's escape: a backslash, one to six hex digits, and an optional space that ends it. Four or more are
# read (\738b, \5efa): shorter ones are as often a Windows path's or a regular expression's (\d, \1).
_CSS = re.compile(r"\\([0-9a-fA-F]{4,6}) ?")
# Digits a stylesheet escapes one by one (\31 \33 \38 …): six or more in a row are a number spelt so, not a path.
_CSS_DIGITS = re.compile(r"(?:\\3[0-9] ?){6,}")


def has_escapes(text: str) -> bool:
    return _ESCAPE.search(text) is not None


def unescaped(text: str) -> str:
    """`text` with every escape decoded (as often as it was escaped over, up to three times: %25E7 is %E7)."""
    for _ in range(3):
        if _ESCAPE.search(text) is None:
            break
        decoded = _decode_once(text)
        if decoded == text:
            break
        text = decoded
    return text


def _decode_once(text: str) -> str:
    if "&" in text:
        text = html.unescape(text)
    if "\\" in text or "%u" in text:
        text = _U4.sub(_code_point, text)
        if _SURROGATES.search(text) is not None:  # a character beyond the BMP written as a pair (\ud840\udc00)
            text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if "\\x" in text:
        text = _X_BYTES.sub(lambda m: _bytes_text(m.group(), 4), text)
    if "%" in text:
        text = _PERCENT_BYTES.sub(lambda m: _bytes_text(m.group(), 3), text)
    if "=" in text:
        text = _QP_BYTES.sub(lambda m: _bytes_text(m.group(), 3), text)
    if "\\" in text:
        text = _CSS.sub(_css_code_point, text)
        text = _CSS_DIGITS.sub(lambda m: re.sub(r"\\3([0-9]) ?", r"\1", m.group()), text)
    return text


def _code_point(match: re.Match) -> str:
    value = int(next(g for g in match.groups() if g is not None), 16)
    return chr(value) if value <= 0x10FFFF else match.group()


def _css_code_point(match: re.Match) -> str:
    value = int(match.group(1), 16)
    # A character a stylesheet would show: not a control, a surrogate or beyond Unicode (a path's \2024 stays).
    return chr(value) if 0x3000 <= value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF else match.group()


def _bytes_text(run: str, width: int) -> str:
    data = bytes(int(run[i + width - 2:i + width], 16) for i in range(0, len(run), width))
    for encoding in ("utf-8", "gb18030"):
        try:
            decoded = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if decoded.isprintable() or "\n" in decoded:
            return decoded
    return run


# Markdown's inline markup between two characters of one word or number (王**建华**, 4101<!-- -->05…, `王建华`): an
# emphasis, a code span's backticks, a tag or a comment, a link around the text. Markup at a word's edge
# (**第一条**　…) separates nothing and is left alone: the line is read as it stands already. Markers are taken as
# the site's Markdown takes them: asterisks in pairs (one alone is a mask, 张*明; two on a line, 张*明、李*华, are
# an emphasis the page shows as 张<em>明、李</em>华, and the output guard reads it so too), underscores only
# at a word's edge (410105_1990… stays a number with underscores).
_WORD = "[\u3400-\u9fff0-9Xx]"
_INSIDE_WORD = re.compile(rf"{_WORD}(?:\*{{1,3}}|_{{1,3}}|~~|`+|<!--.*?-->|</?[A-Za-z][^<>]*>|\[|"
                          rf"\]\([^()\s]*(?:\s+\"[^\"]*\")?\))+{_WORD}")
_MARKUP = re.compile(r"!?\[([^\[\]\n]*)\]\([^()\s]*(?:\s+\"[^\"]*\")?\)|<!--.*?-->|</?[A-Za-z][^<>]*>"
                     r"|(\*{1,3})(?!\s)([^*\n]+?)(?<!\s)\2|(?<![A-Za-z0-9])(_{1,3})(?!\s)([^_\n]+?)(?<!\s)\4(?![A-Za-z0-9])"
                     r"|(~~)([^~\n]+?)\6|(`+)([^`\n]+?)\8")


def without_inline_markup(line: str) -> str | None:
    """The line as a page shows its words when markup stands inside one of them, else None."""
    if _INSIDE_WORD.search(line) is None:
        return None
    shown = _MARKUP.sub(_shown, line)
    return shown if shown != line else None


# What Markdown's inline markup shows anywhere on a line: an emphasis's words, a code span's, a link's text (an
# image's alt text is read by the scan of the line as written).
_SPANS = re.compile(r"(?<!!)\[([^\[\]\n]*)\]\([^()\s]*(?:\s+\"[^\"]*\")?\)|(?!)()"
                    r"|(\*{1,3})(?!\s)([^*\n]+?)(?<!\s)\3|(?<![A-Za-z0-9])(_{1,3})(?!\s)([^_\n]+?)(?<!\s)\5(?![A-Za-z0-9])"
                    r"|(~~)([^~\n]+?)\7|(`+)([^`\n]+?)\9")
_SPAN_MARKS = re.compile(r"[*_~`]|\]\(")


def markdown_shown(line: str) -> str:
    """A Markdown line's words as its page shows them: markup inside a word gone (without_inline_markup), and
    emphasis, code spans and links anywhere (**王建华** alone on a line is a name alone on a line)."""
    line = without_inline_markup(line) or line
    if _SPAN_MARKS.search(line) is None:
        return line
    return _SPANS.sub(lambda m: next((m.group(g) for g in (1, 4, 6, 8, 10) if m.group(g) is not None), ""), line)


def _shown(match: re.Match) -> str:
    for group in (1, 3, 5, 7, 9):
        if match.group(group) is not None:
            return match.group(group)
    return ""
