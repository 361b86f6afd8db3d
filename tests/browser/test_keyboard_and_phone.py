"""A keyboard user, a screen reader user and an older visitor on a phone (GB/T 37668-2019, WCAG 2.1 AA, 工信部
适老化通用设计规范), in Chromium against the built site:

- a keyboard walk (Tab through the whole page at 1024 px and 375 px): no stop lands in a hidden region (the closed
  drawer, the closed phone search, an empty results panel), the ☰ button is one of the stops, the search overlay
  never opens by being passed through, and it closes when the focus leaves it;
- the drawer by keyboard: Enter opens it with the focus inside, every stop in it visible, Escape closes it and
  gives the focus back to ☰;
- arrow keys on a quiz's and the finder's answers move among the options (they used to jump to the search box);
- every input on every page kind shows a visible focus ring that it does not show unfocused;
- 适老模式 at 375 px: no page kind scrolls sideways, and the site's name in the header is never cut;
- phone length: 政策找找看 is a short list before any answer; a law page offers navigation by 章 and 条.
"""
from __future__ import annotations

import pytest
from test_accessibility import template_pages

pytestmark = pytest.mark.browser

TABLET = {"width": 1024, "height": 768}
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
ELDER_KEY = "govsite.elder-mode"

FOCUS = """() => {
  const el = document.activeElement;
  const search = document.getElementById('__search'), drawer = document.getElementById('__drawer');
  const state = {search: !!(search && search.checked), drawer: !!(drawer && drawer.checked)};
  if (!el || el === document.body || el === document.documentElement) return Object.assign({body: true}, state);
  const r = el.getBoundingClientRect();
  let hiddenBy = '';
  for (let n = el; n && !hiddenBy; n = n.parentElement) {
    const cs = getComputedStyle(n);
    if (cs.visibility !== 'visible' || cs.display === 'none' || parseFloat(cs.opacity) < 0.1 || n.inert ||
        n.getAttribute('aria-hidden') === 'true') hiddenBy = n.tagName.toLowerCase() + '.' + String(n.className).split(' ')[0];
  }
  const onScreen = r.width > 1 && r.height > 1 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight;
  // covered: something else (an open drawer pane, a panel) is drawn over its middle
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1), y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
  const top = onScreen ? document.elementFromPoint(x, y) : null;
  if (onScreen && top && !el.contains(top) && !top.contains(el) && !(el.labels && [...el.labels].some(l => l.contains(top))))
    hiddenBy = hiddenBy || 'covered by ' + top.tagName.toLowerCase() + '.' + String(top.className).split(' ')[0];
  return Object.assign(state, {
    what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' ' +
          (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 24),
    toggle: el.getAttribute('data-gov-toggle') || '', hiddenBy, onScreen,
    inSearch: !!el.closest('[data-govsite-search]'), inDrawer: !!el.closest('.md-sidebar--primary'),
    radio: el.type === 'radio' ? el.name : ''});
}"""


# Measured at rest: a skip link fading in, or a drawer sliding, is seen as it ends, not halfway.
AT_REST = """document.addEventListener('DOMContentLoaded', () => { const s = document.createElement('style');
  s.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
  document.head.appendChild(s); });"""


def new_page(browser, served, viewport, elder=False):
    context = browser.new_context(viewport=viewport)
    context.add_init_script(AT_REST)
    page = context.new_page()
    if elder:
        page.goto(served, wait_until="load")
        page.evaluate(f"localStorage.setItem('{ELDER_KEY}', 'on')")
    return context, page


def walk(page, limit=400):
    """Tab through the page from its top; every stop's facts, until the focus comes round again."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    stops, first = [], None
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS)
        if stop.get("body"):
            continue
        if first is None:
            first = stop["what"]
        elif stop["what"] == first and len(stops) > 3:
            break
        stops.append(stop)
    return stops


WALKED = ("", "laws/junren-fuxu-youdai-tiaoli/", "xxgk/ml/", "pufa/dati/tuiyi-junren-baozhangfa/", "services/",
          "xxgk/zcwj/2024-001/", "pufa/anli/")


@pytest.mark.parametrize("viewport", [TABLET, PHONE], ids=["1024px", "375px"])
def test_keyboard_walk_stays_in_sight_and_never_leaves_the_search_open(browser, served_site, viewport):
    context, page = new_page(browser, served_site, viewport)
    problems = []
    for url in WALKED:
        page.goto(served_site + url, wait_until="networkidle")
        stops = walk(page)
        assert len(stops) > 10, url
        hidden = [s["what"] + " (" + (s["hiddenBy"] or "off screen") + ")" for s in stops
                  if s["hiddenBy"] or not s["onScreen"]]
        if hidden:
            problems.append(f"{url}: {len(hidden)} hidden stops, e.g. {hidden[:4]}")
        if not any(s["toggle"] == "__drawer" for s in stops):
            problems.append(f"{url}: the ☰ button is not reachable by Tab")
        left_open = [s["what"] for s in stops if s["search"] and not s["inSearch"]]
        if left_open:
            problems.append(f"{url}: the search overlay stays open while the focus is on {left_open[:2]}")
    context.close()
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("viewport", [TABLET, PHONE], ids=["1024px", "375px"])
def test_drawer_opens_and_closes_by_keyboard(browser, served_site, viewport):
    context, page = new_page(browser, served_site, viewport)
    page.goto(served_site + "xxgk/zn/", wait_until="networkidle")
    opener = page.locator('[data-gov-toggle="__drawer"]')
    assert opener.get_attribute("aria-expanded") == "false" and opener.get_attribute("role") == "button"
    opener.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(100)
    stop = page.evaluate(FOCUS)
    assert stop["drawer"] and stop["inDrawer"] and stop["onScreen"] and not stop["hiddenBy"], stop
    assert page.locator(":focus").evaluate(RING)["ring"], stop  # and one sees where it is
    assert opener.get_attribute("aria-expanded") == "true"
    for _ in range(3):  # the stops inside the open drawer are all in sight, each with its ring
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS)
        assert stop["inDrawer"] and stop["onScreen"] and not stop["hiddenBy"], stop
        assert page.locator(":focus").evaluate(RING)["ring"], stop
    page.keyboard.press("Escape")
    page.wait_for_timeout(100)
    stop = page.evaluate(FOCUS)
    assert not stop["drawer"] and stop["toggle"] == "__drawer", stop
    # opened again and left by Tab past its last link: it closes, the page is not left dimmed behind it
    page.keyboard.press("Enter")
    page.wait_for_timeout(100)
    for _ in range(80):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS)
        if not stop.get("inDrawer"):
            break
        assert stop["onScreen"] and not stop["hiddenBy"], stop
    assert not stop.get("drawer"), stop
    assert opener.get_attribute("aria-expanded") == "false"
    context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, TABLET], ids=["1280px", "1024px"])
def test_search_box_reached_by_tab_does_not_open_the_overlay_and_closes_when_left(browser, served_site, viewport):
    context, page = new_page(browser, served_site, viewport)
    page.goto(served_site, wait_until="networkidle")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-gs-query]')"):
            break
    else:
        raise AssertionError("the header search box is not reachable by Tab")
    assert not page.evaluate("document.getElementById('__search').checked")  # passed through: nothing opens
    assert page.locator(".md-search__overlay").evaluate("el => getComputedStyle(el).opacity") in ("0", "")
    page.keyboard.type("抚恤")
    page.keyboard.press("End")
    assert page.evaluate("document.getElementById('__search').checked")  # typing opens it
    page.keyboard.press("Shift+Tab")  # back to the page behind
    page.wait_for_timeout(100)
    assert not page.evaluate("document.getElementById('__search').checked"), page.evaluate(FOCUS)
    context.close()


def _arrow_through_answers(page, answers_selector):
    """Tab from the top of the page to the first answer of the first question, then arrow down: the focus and the
    choice move to the next option of the same question, the search untouched."""
    page.evaluate("window.scrollTo(0, 0)")
    for _ in range(150):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS)
        if stop.get("radio") and page.evaluate(f"document.activeElement.matches({answers_selector!r})"):
            break
    else:
        raise AssertionError("no answer reached by Tab")
    which = "document.activeElement.name + '=' + document.activeElement.value"
    name, first = stop["radio"], page.evaluate(which)
    page.keyboard.press("ArrowDown")
    after = page.evaluate(FOCUS)
    assert after["radio"] == name and not after["search"] and not after["inSearch"], after
    second = page.evaluate(which)
    assert second != first and page.evaluate("document.activeElement.checked")
    page.keyboard.press("ArrowDown")
    assert page.evaluate(which) not in (first, second)
    page.keyboard.press("ArrowUp")
    assert page.evaluate(which) == second


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "375px"])
def test_arrow_keys_move_among_the_answers_of_the_quiz_and_the_finder(browser, served_site, viewport):
    context, page = new_page(browser, served_site, viewport)
    page.goto(served_site + "pufa/dati/tuiyi-junren-baozhangfa/", wait_until="networkidle")
    _arrow_through_answers(page, "#ti-1 input[type=radio]")
    page.goto(served_site + "services/", wait_until="networkidle")
    page.wait_for_selector("#gov-finder:not([hidden])")
    _arrow_through_answers(page, "#q1 input[type=radio]")
    context.close()


RING = """el => {
  const of = e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow,
                                                          s.borderTopColor, s.backgroundColor].join('|'); };
  const form = el.closest('.md-search__form');
  const s = getComputedStyle(el), f = form && getComputedStyle(form);
  const ring = st => st && ((st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 2) || st.boxShadow !== 'none');
  return {look: of(el) + (form ? '#' + of(form) : ''), ring: !!(ring(s) || ring(f))};
}"""
RING_PAGES = ("", "xxgk/ml/", "feeds/notices/", "services/", "pufa/dati/tuiyi-junren-baozhangfa/",
              "laws/junren-fuxu-youdai-tiaoli/", "no/such/page/", "laws/")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "375px"])
def test_every_input_shows_a_focus_ring(browser, served_site_with_404, viewport):
    context, page = new_page(browser, served_site_with_404, viewport)
    failures, checked = [], 0
    for url in RING_PAGES:
        page.goto(served_site_with_404 + url, wait_until="networkidle")
        page.wait_for_timeout(200)
        inputs = page.locator("input:not([type=hidden]):not([type=checkbox].md-toggle), select, textarea")
        for i in range(inputs.count()):
            field = inputs.nth(i)
            if not field.is_visible():
                continue
            page.evaluate("document.activeElement && document.activeElement.blur()")
            page.keyboard.press("Shift")  # keyboard modality, as a person tabbing
            before = field.evaluate(RING)
            field.focus()
            page.wait_for_timeout(50)
            after = field.evaluate(RING)
            checked += 1
            name = f"{url} {field.evaluate('e => e.outerHTML.slice(0, 70)')}"
            if before["look"] == after["look"] or not after["ring"]:
                failures.append(name)
    context.close()
    assert checked >= 12, checked
    assert failures == [], "\n".join(failures)


@pytest.fixture(scope="module")
def every_kind(built_site):
    return template_pages(built_site)


def test_elder_mode_on_a_phone_never_scrolls_sideways_and_keeps_the_name(browser, served_site, every_kind):
    context, page = new_page(browser, served_site, PHONE, elder=True)
    wide, cut = [], []
    for url in every_kind + ["xxgk/ml/2024/all/all/"]:
        page.goto(served_site + url, wait_until="load")
        assert page.evaluate("document.documentElement.getAttribute('data-gov-elder')") == "on"
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide.append(f"{url}: {width}px")
        name = page.locator(".md-header__topic").first.locator(".md-ellipsis")
        if name.evaluate("e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1"):
            cut.append(url)
    # the catalogue with a keyword typed in (its form made the page 392 px wide)
    page.goto(served_site + "xxgk/ml/", wait_until="load")
    page.locator("[data-catalogue-keyword] input").fill("退役军人")
    if page.evaluate("document.documentElement.scrollWidth") > PHONE["width"]:
        wide.append("xxgk/ml/ with a keyword")
    button = page.locator("[data-catalogue-keyword] button, [data-catalogue-keyword] [type=submit]").first
    if button.count():
        assert button.evaluate("b => b.getBoundingClientRect().height < 2.2 * parseFloat(getComputedStyle(b).lineHeight)")
    context.close()
    assert len(every_kind) > 40
    assert wide == [] and cut == [], (wide, cut)


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_a_longer_site_name_is_shown_whole_in_the_phone_header(browser, served_site, elder):
    """Built for the class: a district bureau's full name is longer than the demo's; it wraps, it is not cut."""
    context, page = new_page(browser, served_site, PHONE, elder=elder)
    for name in ("某区退役军人事务局", "某某省某某市某某区退役军人事务局"):
        page.goto(served_site + "pufa/anli/", wait_until="load")
        span = page.locator(".md-header__topic").first.locator(".md-ellipsis")
        span.evaluate("(e, n) => { e.textContent = n; }", name)
        page.wait_for_timeout(50)
        assert not span.evaluate("e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1"), name
        box = span.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        toggle = page.locator("[data-gov-elder-toggle]").bounding_box()
        assert box["x"] + box["width"] <= toggle["x"] + 1  # not under the 适老模式 button
    context.close()


def test_finder_shows_a_short_list_first_on_a_phone(browser, served_site):
    context, page = new_page(browser, served_site, PHONE)
    page.goto(served_site + "services/", wait_until="networkidle")
    page.wait_for_selector("#gov-finder:not([hidden])")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 6000, height  # was 53,782 px before any answer
    titles = page.locator("[data-shortlist='全部'] a")
    cards = page.locator("#gov-benefits [data-benefit]")
    assert titles.count() == cards.count() > 20  # every benefit is one tap away
    assert page.locator("#gov-benefits [data-benefit]:visible").count() == 0
    titles.nth(3).click()
    target = page.locator("#gov-benefits [data-benefit]:visible")
    # the card is shown by the page's script on the hash change, after the click returns: a loaded machine is
    # slower to run it than the test is to look
    target.first.wait_for(state="visible", timeout=5000)
    assert target.count() == 1 and target.first.is_visible()
    assert target.first.locator(".gov-benefit__title").inner_text().startswith(titles.nth(3).inner_text())
    # an audience's list opens from its line
    page.locator("details.gov-audience summary").first.click()
    assert page.locator("details.gov-audience[open] .gov-audience__list a").first.is_visible()
    context.close()


def test_law_page_offers_navigation_by_chapter_and_article_on_a_phone(browser, served_site):
    context, page = new_page(browser, served_site, PHONE)
    page.goto(served_site + "laws/junren-fuxu-youdai-tiaoli/", wait_until="networkidle")
    nav = page.locator("nav.law-jump")
    assert nav.is_visible()
    nav.locator("summary").click()
    chapter = nav.locator("a", has_text="军人残疾抚恤")
    chapter.click()
    page.wait_for_timeout(300)
    heading = page.locator("#part-3")
    assert heading.is_visible() and 0 <= heading.bounding_box()["y"] < PHONE["height"]
    page.evaluate("window.scrollTo(0, 0)")
    field = page.locator("[data-law-goto] input")
    field.fill("二十四")
    field.press("Enter")
    page.wait_for_timeout(300)
    assert page.evaluate("location.hash") == "#art-24"
    article = page.locator("#art-24")
    assert 0 <= article.bounding_box()["y"] < PHONE["height"]
    field.fill("999")
    field.press("Enter")
    assert "共64条" in page.locator("[data-law-goto-message]").inner_text()
    context.close()
