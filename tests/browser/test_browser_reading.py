"""Reading the site in Chromium: layout at desktop and phone widths, the language switcher,
search, the copy button, the start-method tabs, the colour schemes, and a site that stays on
localhost without errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from browserkit import DESKTOP, LANGUAGES, PHONE, ROOT, Traffic, goto, open_context, page_path, search_lands_on
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.timeout(1200)

PAGES = ["", "basics/pool"]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES, ids=["home", "basics/pool"])
def test_page_renders_without_horizontal_overflow(new_page, page, language, viewport):
    tab = new_page(viewport=viewport)
    goto(tab, page_path(page, language))
    assert tab.evaluate("document.documentElement.lang") == language
    widths = tab.evaluate(
        "() => ({page: document.documentElement.scrollWidth, body: document.body.scrollWidth,"
        " view: document.documentElement.clientWidth})"
    )
    assert widths["page"] <= widths["view"] and widths["body"] <= widths["view"], widths
    heading = tab.locator("article.md-content__inner h1").first
    expect(heading).to_be_visible()
    assert heading.inner_text().strip()
    box = heading.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], box
    assert box["y"] < viewport["height"], "the main heading is below the first screen"


def _switch_language(tab: Page, language: str) -> None:
    tab.locator(".md-header .md-select").hover()
    tab.locator(f".md-select__link[hreflang='{language}']").click()
    tab.wait_for_load_state("load")


def test_language_switcher_keeps_the_lesson(new_page, site_url):
    tab = new_page()
    goto(tab, page_path("basics/pool", "zh"))
    _switch_language(tab, "en")
    expect(tab).to_have_url(site_url + "en/basics/pool/")
    assert tab.evaluate("document.documentElement.lang") == "en"
    _switch_language(tab, "zh")
    expect(tab).to_have_url(site_url + "basics/pool/")
    assert tab.evaluate("document.documentElement.lang") == "zh"


# Words of the lesson's own headings: "进程池" alone now matches most of the site.
@pytest.mark.parametrize(("language", "query"), [("zh", "悄无声息"), ("en", "pool")])
def test_search_finds_the_pool_lesson(new_page, site_url, language, query):
    search_lands_on(new_page(), language, query, "basics/pool")


def test_copy_button_copies_the_snippet_file(new_page):
    tab = new_page(permissions=["clipboard-read", "clipboard-write"])
    goto(tab, page_path("basics/pool", "en"))
    source = tab.locator(".sr-snippet[data-snippet='basics/pool_seed.py'] .sr-source")
    source.hover()
    button = source.locator("button[data-md-type='copy']")
    expect(button).to_be_visible()
    button.click()
    expect(tab.locator(".md-dialog")).to_be_visible()  # Material's "copied" notice
    copied = tab.evaluate("navigator.clipboard.readText()")
    text = (ROOT / "snippets" / "basics" / "pool_seed.py").read_text(encoding="utf-8")
    # Material trims trailing whitespace off what it copies: the file's final newline
    assert copied == text.rstrip(), "the copy button does not copy the snippet file"
    assert copied.count("\n") == text.rstrip().count("\n")


def _visible_facts(tab: Page, methods) -> tuple[str, str]:
    facts = methods.locator(".tabbed-content > .tabbed-block:visible .sr-facts").first
    expect(facts).to_be_visible()
    return facts.get_attribute("data-method"), facts.get_attribute("data-run-id")


@pytest.mark.parametrize("language", LANGUAGES)
def test_start_method_tabs_show_different_runs(new_page, language):
    tab = new_page()
    goto(tab, page_path("basics/lock", language))
    methods = tab.locator(".sr-methods").first
    labels = methods.locator(":scope > .tabbed-labels > label:not(.sr-stamp-label)")
    names = [name.strip() for name in labels.all_inner_texts()]
    assert names[:2] == ["fork", "spawn"], names
    shown = {}
    for index, name in enumerate(names):
        labels.nth(index).click()
        method, run_id = _visible_facts(tab, methods)
        assert method == name
        shown[name] = run_id
    assert len(set(shown.values())) == len(names), f"the tabs show the same run: {shown}"


CONTRAST = """
(elements) => {
  // WCAG contrast of each element's text against what is really behind it: colours with
  // alpha are blended over the backgrounds beneath them, down to the white canvas.
  const rgba = (text) => {
    const [r, g, b, a] = (text.match(/[\\d.]+/g) || []).map(Number);
    return [r, g, b, a === undefined ? 1 : a];
  };
  const over = ([r, g, b, a], [br, bg, bb]) => [r * a + br * (1 - a), g * a + bg * (1 - a), b * a + bb * (1 - a)];
  const background = (element) => {
    const layers = [];
    for (let node = element; node; node = node.parentElement) {
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] === 1) break;
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255]);
  };
  const luminance = (colour) => {
    const [r, g, b] = colour.map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  return elements.map((element) => {
    const style = getComputedStyle(element);
    const bg = background(element);
    const fg = over(rgba(element instanceof SVGElement ? style.fill : style.color), bg);
    const [light, dark] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    const ratio = (light + 0.05) / (dark + 0.05);
    return {text: element.textContent.slice(0, 30), cls: element.getAttribute("class"), ratio};
  });
}
"""


def _lowest_contrast(tab: Page, selector: str) -> dict:
    results = tab.locator(selector).evaluate_all(CONTRAST)
    assert results, f"nothing matches {selector}"
    return min(results, key=lambda result: result["ratio"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_dark_and_light_schemes_keep_code_and_timeline_legible(new_page, language):
    tab = new_page()
    goto(tab, page_path("basics/pool", language))
    schemes = {}
    for _ in range(2):
        scheme = tab.evaluate("document.body.dataset.mdColorScheme")
        code_bg = tab.locator(".sr-source pre > code").first.evaluate("e => getComputedStyle(e).backgroundColor")
        schemes[scheme] = code_bg
        for selector in (".sr-source pre > code span", ".sr-output pre > code", ".sr-timeline text"):
            worst = _lowest_contrast(tab, selector)
            assert worst["ratio"] >= 4.5, f"{scheme}: {selector} contrast {worst}"
        tab.locator("form[data-md-component='palette'] label:visible").click()
        expect(tab.locator("body")).not_to_have_attribute("data-md-color-scheme", scheme)
    assert set(schemes) == {"default", "slate"}, schemes
    assert schemes["default"] != schemes["slate"], "code blocks keep one background in both schemes"


def _site_pages(site: Path) -> list[str]:
    return sorted(
        "/" + str(index.parent.relative_to(site)).replace(".", "").strip("/") + "/"
        for index in site.rglob("index.html")
        if "search" not in index.parts and "assets" not in index.parts
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_stays_on_localhost_without_errors(browser, built_site, site_url, language):
    """Every page of one language (two tests, which pytest-xdist can run side by side), with
    search opened once: every request is recorded."""
    traffic = Traffic()
    context = open_context(browser, traffic, base_url=site_url, viewport=DESKTOP)
    tabs = [context.new_page() for _ in range(4)]
    tab = tabs[0]
    prefix = "/" if language == "zh" else "/en/"
    every = [path.replace("//", "/") for path in _site_pages(built_site.site)]
    pages = [path for path in every if path.startswith("/en/") == (language == "en")]
    assert "/" in every and "/en/" in every and "/en/basics/pool/" in every, every
    assert len(pages) * 2 == len(every), "each page has its twin in the other language"
    try:
        # Four tabs loading at once, each page loaded in full; a tab opens its next page as
        # soon as its page is loaded, so four stay in flight. Every page shares the theme's
        # template, so what a page fetches after its load event (the same for all) is
        # recorded by waiting for a quiet network on two pages of the language.
        todo = list(pages)
        loading: dict[int, tuple[str, object]] = {}

        def open_next(index: int) -> None:
            if todo:
                path = todo.pop(0)
                loading[index] = (path, tabs[index].goto(path.lstrip("/") or "./", wait_until="commit"))

        for index in range(len(tabs)):
            open_next(index)
        while loading:
            for index, each in enumerate(tabs):
                if index not in loading:
                    continue
                path, response = loading.pop(index)
                assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
                each.wait_for_load_state("load")
                each.wait_for_function("() => document.documentElement.classList.contains('js')")
                open_next(index)
        for each, path in zip(tabs, [prefix, prefix + "basics/pool/"], strict=False):
            goto(each, path)
            each.wait_for_load_state("networkidle")
        tab.locator("input.md-search__input").click()
        tab.locator("input.md-search__input").press_sequentially("pool")
        expect(tab.locator(".md-search-result__item").first).to_be_visible(timeout=30_000)
    finally:
        context.close()
    assert traffic.problems() == []
    assert len(traffic.requests) > len(pages)
    assert all(url.startswith(site_url) or url.startswith("data:") for url in traffic.requests)


SYMPTOMS = [
    ("zh", "卡住", "pitfalls/hangs"),
    ("zh", "没有输出", "pitfalls/missing_output"),
    ("zh", "Can't pickle", "pitfalls/pickling"),
    ("en", "never returns", "pitfalls/hangs"),
    ("en", "print shows nothing", "pitfalls/missing_output"),
    ("en", "Can't pickle", "pitfalls/pickling"),
]


@pytest.mark.parametrize(("language", "query", "page"), SYMPTOMS)
def test_search_for_a_symptom_lands_on_its_pitfall(new_page, site_url, language, query, page):
    """A reader types the symptom, in their language, and the pitfalls page is a result."""
    search_lands_on(new_page(), language, query, page)


QUESTIONS = [
    ("zh", "numpy 共享内存", "sharing/numpy"),
    ("zh", "cannot close exported pointers exist", "sharing/numpy"),
    ("en", "numpy shared memory", "sharing/numpy"),
    ("en", "cannot close exported pointers exist", "sharing/numpy"),
]


@pytest.mark.parametrize(("language", "query", "page"), QUESTIONS)
def test_search_for_a_question_lands_on_its_lesson(new_page, site_url, language, query, page):
    """The words a reader types for a question the site answers find the lesson that does."""
    search_lands_on(new_page(), language, query, page)
