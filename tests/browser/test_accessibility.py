"""axe-core (tests/a11y, pinned npm package) over one page of every template, desktop and phone:
no serious or critical WCAG 2.x A/AA violation (GB/T 37668 is WCAG 2.x AA in substance)."""
from __future__ import annotations

import re

import pytest

from sitekit import REPO

pytestmark = pytest.mark.browser

AXE = REPO / "tests/a11y/node_modules/axe-core/axe.min.js"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}
YEAR = re.compile(r"^\d{4}$")


def template_pages(site) -> list[str]:
    """One URL per template: pages are grouped by their first two path segments and the shape of the rest."""
    chosen: dict[tuple, str] = {}
    for path in sorted(site.rglob("index.html")):
        parts = path.relative_to(site).parts[:-1]
        key = parts[:2] + tuple("Y" if YEAR.match(p) else "*" for p in parts[2:])
        if parts[:1] == ("feeds",) and len(parts) == 2:  # one page per feed, all from one template
            key = ("feeds", "*")
        chosen.setdefault(key, "/".join(parts) + ("/" if parts else ""))
    return sorted(chosen.values())


def audit(page) -> list[str]:
    # Colours are measured at rest: a transition caught halfway (a chip turning red) is not what people read.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    page.wait_for_timeout(50)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
        return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
    }""")
    return result


@pytest.fixture(scope="module")
def pages_to_audit(built_site):
    pages = template_pages(built_site)
    assert len(pages) >= 10
    # 普法: a case, the case list by 主题 and by law, a quiz, a 普法 page per audience, the calendar
    for prefix in ("pufa/anli/", "pufa/dati/", "pufa/duixiang/"):
        assert any(p.startswith(prefix) and p.count("/") == 3 for p in pages), prefix  # one case, quiz, audience
    assert any(p.startswith(("pufa/anli/zhuti/", "pufa/anli/fa/")) for p in pages)  # a filtered list
    assert "pufa/rili/" in pages
    return pages


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_every_template_has_no_serious_violations(browser, served_site, pages_to_audit, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    failures = {}
    for url in pages_to_audit:
        page.goto(served_site + url, wait_until="load")
        violations = audit(page)
        if violations:
            failures[url] = violations
    context.close()
    assert failures == {}, "\n".join(f"{url}: {v}" for url, vs in failures.items() for v in vs)


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_search_overlay_and_elder_mode(browser, served_site, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(served_site, wait_until="networkidle")
    page.locator("[data-gov-elder-toggle]").click()
    assert audit(page) == []
    page.keyboard.press("/")
    page.keyboard.type("退役军人")
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert audit(page) == []
    # 您是不是要找 (a character of the same sound) and the no-answer panel with the closest few.
    for query, shown in (("优待征怎么办理", "[data-gs-did-you-mean]"), ("退役军人的护照怎么办理", "[data-gs-suggest]")):
        page.locator("[data-gs-query]").fill(query)
        page.wait_for_function("q => document.querySelector('[data-govsite-search]').dataset.gsDone === q", arg=query)
        assert page.locator(shown).is_visible(), query
        assert audit(page) == [], query
    context.close()


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_quiz_states_have_no_serious_accessibility_violations(browser, served_site, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(served_site + "pufa/dati/tuiyi-junren-baozhangfa/", wait_until="networkidle")
    assert audit(page) == []  # a question
    page.locator("#ti-1 label.quiz-choice").first.click()
    page.get_by_role("button", name="确定").click()
    assert audit(page) == []  # answered wrong, explanation open
    for number in range(2, 15):
        page.get_by_role("button", name="下一题").click()
        page.locator(f"#ti-{number} input").first.check()
        page.get_by_role("button", name="确定").click()
    page.get_by_role("button", name="查看成绩").click()
    assert audit(page) == []  # the score
    page.get_by_role("button", name="查看答错的题").click()
    assert audit(page) == []  # the review
    context.close()


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_inspector_pages_and_their_states(browser, served_site_with_404, viewport):
    """What every-template sampling does not reach: the 404 page, the catalogue found by keyword, the finder's
    result list, a feed page after copying, the law comparison and the site map."""
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    failures = {}

    def check(name):
        violations = audit(page)
        if violations:
            failures[name] = violations

    page.goto(served_site_with_404 + "no/such/page/", wait_until="load")
    check("404")
    page.goto(served_site_with_404 + "xxgk/ml/", wait_until="load")
    page.locator("[data-catalogue-keyword] input").fill("某退役军人发[2024]1号")
    check("catalogue keyword")
    page.goto(served_site_with_404 + "services/", wait_until="load")
    page.wait_for_selector("#gov-finder:not([hidden])")
    page.locator("label.gov-finder__option", has_text="伤残军人").first.click()
    check("finder result list")
    page.goto(served_site_with_404 + "feeds/notices/", wait_until="load")
    page.locator('[data-copy="rss-url"]').click()
    check("feed page, copied")
    for url in ("laws/junren-fuxu-youdai-tiaoli/2019-compare/", "wzdt/", "hdjl/", "xxgk/hegui/", "about/leaders/"):
        page.goto(served_site_with_404 + url, wait_until="load")
        check(url)
    context.close()
    assert failures == {}, "\n".join(f"{name}: {v}" for name, vs in failures.items() for v in vs)
