"""Timelines and charts on a phone and on a desktop. On a desktop their lane names and axis
labels are never drawn smaller than the page's small print (the run facts line); on a phone
(390 px) each drawing shows all of itself, with no sideways scrolling, and no text in it is
drawn smaller than 11 px. The children's work fills a timeline's width, and in the dark
scheme the process outlines stand out from the page."""

from __future__ import annotations

import pytest
from browserkit import DESKTOP, LANGUAGES, PHONE, goto, page_path
from playwright.sync_api import expect

pytestmark = pytest.mark.timeout(1200)

# Drawn size of a timeline's text: its computed font size times the SVG's scale on screen,
# for the drawings shown (a hidden tab's SVG, or the drawing for the other screen size, has
# no size).
TIMELINE_TEXT = """
(texts) => texts
  .filter((text) => text.ownerSVGElement.getBoundingClientRect().width > 0)
  .map((text) => ({
    text: text.textContent,
    cls: text.getAttribute('class'),
    px: parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a,
  }))
"""

# Every drawing shown: how far its figure scrolls sideways, where it ends, its smallest text.
DRAWINGS = """
(svgs) => svgs
  .filter((svg) => svg.getBoundingClientRect().width > 0)
  .map((svg) => {
    const figure = svg.closest('figure');
    const texts = [...svg.querySelectorAll('text')].map((text) => ({
      text: text.textContent,
      px: parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a,
    }));
    return {
      cls: svg.getAttribute('class'),
      caption: (figure.querySelector('figcaption') || svg.querySelector('title')).textContent,
      right: svg.getBoundingClientRect().right,
      scroll: figure.scrollWidth,
      width: figure.clientWidth,
      smallest: texts.reduce((a, b) => (a.px <= b.px ? a : b)),
    };
  })
"""

# Every start method's tab shown at once, so one look measures each run's drawing (a tab
# shown by a click is laid out in the same column).
ALL_TABS = ".tabbed-set > .tabbed-content > .tabbed-block { display: block !important; }"


@pytest.mark.parametrize("language", LANGUAGES)
def test_timeline_text_is_never_smaller_than_the_small_print_on_a_desktop(new_page, language):
    tab = new_page(viewport=DESKTOP)
    goto(tab, page_path("basics/pool", language))
    small_print = tab.locator("article .sr-facts").first.evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
    texts = tab.locator("article .sr-timeline text:is(.sr-lane-name, .sr-axis)").evaluate_all(TIMELINE_TEXT)
    assert {t["cls"] for t in texts} >= {"sr-lane-name", "sr-axis"}, texts
    smallest = min(texts, key=lambda t: t["px"])
    assert smallest["px"] >= small_print - 0.05, f"{smallest} is smaller than the run facts' {small_print} px"
    for drawing in tab.locator("article svg:is(.sr-timeline, .sr-chart)").evaluate_all(DRAWINGS):
        assert "sr-wide" in drawing["cls"], drawing
        assert drawing["scroll"] <= drawing["width"] + 1, f"a desktop scrolls a timeline: {drawing}"


@pytest.mark.parametrize(
    ("page", "language"),
    [
        ("processes/start_methods", "zh"),
        ("processes/start_methods", "en"),
        ("performance/speedup", "zh"),
        ("performance/speedup", "en"),
        ("basics/pool", "zh"),
    ],
)
def test_every_drawing_fits_a_phone(new_page, page, language):
    tab = new_page(viewport=PHONE)
    goto(tab, page_path(page, language))
    tab.add_style_tag(content=ALL_TABS)
    drawings = tab.locator("article svg:is(.sr-timeline, .sr-chart)").evaluate_all(DRAWINGS)
    expected = 3 if page == "processes/start_methods" else 1
    assert len(drawings) >= expected, drawings
    for drawing in drawings:
        assert "sr-narrow" in drawing["cls"], f"a phone shows the wide drawing: {drawing}"
        assert drawing["scroll"] <= drawing["width"] + 1, f"a phone has to scroll a drawing sideways: {drawing}"
        assert drawing["right"] <= PHONE["width"], f"a drawing widens the page: {drawing}"
        assert drawing["smallest"]["px"] >= 11, f"text smaller than 11 px on a phone: {drawing}"
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


# Where the lanes sit on the axis of the shown (wide) drawing of the first start method's run:
# the axis runs from the main process's start to the end of the last lane.
LANES = """
(svg) => {
  const lanes = [...svg.querySelectorAll('rect.sr-life')].map((rect) => ({
    main: rect.classList.contains('sr-main'),
    start: rect.x.baseVal.value,
    end: rect.x.baseVal.value + rect.width.baseVal.value,
  }));
  const left = Math.min(...lanes.map((lane) => lane.start));
  const right = Math.max(...lanes.map((lane) => lane.end));
  const children = lanes.filter((lane) => !lane.main);
  return {
    first: (Math.min(...children.map((c) => c.start)) - left) / (right - left),
    last: (Math.max(...children.map((c) => c.end)) - left) / (right - left),
    children: children.length,
  };
}
"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_children_fill_the_fork_runs_timeline(new_page, language):
    """The interpreter's start-up is squeezed: on start_methods' fork run the first child
    starts in the left 30% of the axis whatever the run's timings (how long the main
    process goes on after its children is the run's own, so nothing is asserted of it)."""
    tab = new_page(viewport=DESKTOP)
    goto(tab, page_path("processes/start_methods", language))
    methods = tab.locator(".sr-methods").first
    fork = methods.locator(":scope > .tabbed-labels > label", has_text="fork").first
    expect(fork).to_have_text("fork")
    fork.click()
    svg = methods.locator(".tabbed-block:visible svg.sr-timeline.sr-wide").first
    lanes = svg.evaluate(LANES)
    assert lanes["children"] >= 2, lanes
    assert lanes["first"] <= 0.3, f"the first child starts at {lanes['first']:.0%} of the axis"
    key = methods.locator(".tabbed-block:visible .sr-facts a").first
    assert key.get_attribute("href").endswith("about/#timelines")


# WCAG contrast of each element's outline (stroke) against the page's background.
OUTLINES = """
(elements) => {
  const rgba = (text) => {
    const [r, g, b, a] = (text.match(/[\\d.]+/g) || []).map(Number);
    return [r, g, b, a === undefined ? 1 : a];
  };
  const over = ([r, g, b, a], [br, bg, bb]) => [r * a + br * (1 - a), g * a + bg * (1 - a), b * a + bb * (1 - a)];
  const luminance = (colour) => {
    const [r, g, b] = colour.map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const page = over(rgba(getComputedStyle(document.body).backgroundColor), [255, 255, 255]);
  return elements.map((element) => {
    const stroke = over(rgba(getComputedStyle(element).stroke), page);
    const [light, dark] = [luminance(stroke), luminance(page)].sort((a, b) => b - a);
    return {cls: element.getAttribute('class'), ratio: (light + 0.05) / (dark + 0.05)};
  });
}
"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_process_outlines_reach_3_to_1_in_both_schemes(new_page, language):
    """The outline of every process's box, and the main process's tinted outline, against
    the page's background: at least 3:1 (WCAG 1.4.11), in the light and the dark scheme."""
    tab = new_page(viewport=DESKTOP)
    goto(tab, page_path("processes/start_methods", language))
    seen = set()
    for _ in range(2):
        scheme = tab.evaluate("document.body.dataset.mdColorScheme")
        seen.add(scheme)
        outlines = tab.locator("article svg.sr-timeline rect.sr-life").evaluate_all(OUTLINES)
        assert {o["cls"] for o in outlines} >= {"sr-life sr-main", "sr-life sr-child"}, outlines
        worst = min(outlines, key=lambda o: o["ratio"])
        assert worst["ratio"] >= 3, f"{scheme}: {worst}"
        tab.locator("form[data-md-component='palette'] label:visible").click()
        expect(tab.locator("body")).not_to_have_attribute("data-md-color-scheme", scheme)
    assert seen == {"default", "slate"}, seen
