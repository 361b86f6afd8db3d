"""The safe subset of editors' HTML (policy in hooks/govsite/guard/sanitize.py and EDITING.md 第八节)."""
from __future__ import annotations

from govsite.guard.sanitize import clean_html, unsafe_constructs


def test_scripts_handlers_and_javascript_urls_are_removed():
    html = ('<p onclick="x()">文<script>alert(1)</script><a href="javascript:alert(1)">链</a>'
            '<img src="a.png" onerror="alert(1)"><iframe src="https://example.com"></iframe></p>')
    assert clean_html(html) == '<p>文<a>链</a><img src="a.png"></p>'


def test_markdown_output_survives():
    html = ('<h2 id="yi">一、总则<a class="headerlink" href="#yi" title="本段链接">#</a></h2>'
            '<div class="admonition note"><p class="admonition-title">注意</p></div>'
            '<table><thead><tr><th align="left">项目</th></tr></thead><tbody><tr><td>甲</td></tr></tbody></table>'
            '<p><a class="law-ref" href="../../laws/x/#art-21" data-law="x" title="第二十一条 …">第二十一条</a></p>')
    assert clean_html(html) == html


def test_no_mermaid_class_gets_through():
    assert clean_html('<div class="mermaid big">graph TD</div>') == '<div class="big">graph TD</div>'


def test_unsafe_constructs_are_reported_with_lines_outside_code_blocks():
    markdown = "正文\n<script>x</script>\n```html\n<script>示例</script>\n```\n[a](javascript:void(0))\n<b style=\"color:red\">"
    assert [line for line, _ in unsafe_constructs(markdown, 10)] == [11, 15, 16]
