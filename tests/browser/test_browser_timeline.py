"""Timelines on a phone and on a desktop: their lane names and axis labels are never drawn
smaller than the page's small print (the run facts line); a phone scrolls a timeline sideways
inside its figure rather than shrinking it or widening the page."""

from __future__ import annotations

import pytest
from browserkit import DESKTOP, LANGUAGES, PHONE, goto, page_path

pytestmark = pytest.mark.timeout(1200)

# Drawn size of a timeline's text: its computed font size times the SVG's scale on screen,
# for the timelines of the selected tabs (a hidden tab's SVG has no size).
TIMELINE_TEXT = """
(texts) => texts
  .filter((text) => text.ownerSVGElement.getBoundingClientRect().width > 0)
  .map((text) => ({
    text: text.textContent,
    cls: text.getAttribute('class'),
    px: parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a,
  }))
"""

FIGURES = """
(figures) => figures
  .filter((figure) => figure.getBoundingClientRect().width > 0)
  .map((figure) => ({right: figure.getBoundingClientRect().right, scroll: figure.scrollWidth,
                     width: figure.clientWidth}))
"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_timeline_text_is_never_smaller_than_the_small_print(new_page, language, viewport):
    tab = new_page(viewport=viewport)
    goto(tab, page_path("basics/pool", language))
    small_print = tab.locator("article .sr-facts").first.evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
    texts = tab.locator("article .sr-timeline text:is(.sr-lane-name, .sr-axis)").evaluate_all(TIMELINE_TEXT)
    assert {t["cls"] for t in texts} == {"sr-lane-name", "sr-axis"}, texts
    smallest = min(texts, key=lambda t: t["px"])
    assert smallest["px"] >= small_print - 0.05, f"{smallest} is smaller than the run facts' {small_print} px"
    for figure in tab.locator("article .sr-figure").evaluate_all(FIGURES):
        assert figure["right"] <= viewport["width"], f"a timeline widens the page: {figure}"
        if viewport is PHONE:
            assert figure["scroll"] > figure["width"], f"a phone should scroll the timeline: {figure}"
