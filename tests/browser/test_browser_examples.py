"""One example in Chromium: one row of tabs (the start methods, then the timestamps switch),
working by mouse, by keyboard and without script; folded scaffolding that opens in place and
that the copy button still copies; a timestamped output that keeps its room on a phone; the
home page's real timeline."""

from __future__ import annotations

import pytest
from browserkit import DESKTOP, LANGUAGES, PHONE, ROOT, goto, page_path
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.timeout(600)

FIRST = ".sr-snippet[data-snippet='processes/start_methods.py']"


def _visible(tab: Page, block: str, selector: str) -> list[bool]:
    return tab.locator(f"{block} {selector}").evaluate_all("els => els.map(e => e.offsetParent !== null)")


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_row_switches_method_and_timestamps(new_page, language):
    tab = new_page(viewport=DESKTOP)
    goto(tab, page_path("processes/start_methods", language))
    rows = tab.locator(f"{FIRST} .tabbed-labels")
    expect(rows).to_have_count(1)
    labels = [text.strip() for text in rows.locator("label").all_inner_texts()]
    assert labels[:3] == ["fork", "spawn", "forkserver"] and len(labels) == 4, labels
    # one row: every label sits on the same line
    tops = rows.locator("label").evaluate_all("ls => ls.map(l => Math.round(l.getBoundingClientRect().top))")
    assert len(set(tops)) == 1, tops
    assert _visible(tab, FIRST, ".sr-output") == [True, False, False]
    assert _visible(tab, FIRST, ".sr-stamped") == [False, False, False]
    rows.locator("label.sr-stamp-label").click()
    assert _visible(tab, FIRST, ".sr-stamped") == [True, False, False]
    assert _visible(tab, FIRST, ".sr-output") == [False, False, False]
    rows.locator("label", has_text="spawn").first.click()  # the switch holds for every method
    assert _visible(tab, FIRST, ".sr-stamped") == [False, True, False]
    facts = tab.locator(f"{FIRST} .tabbed-block:visible .sr-facts")
    assert facts.get_attribute("data-method") == "spawn"


def test_the_timestamps_switch_works_by_keyboard(new_page):
    tab = new_page(viewport=DESKTOP)
    goto(tab, page_path("processes/start_methods", "en"))
    switch = tab.locator(f"{FIRST} input.sr-stamp-toggle")
    switch.focus()
    expect(switch).to_be_focused()
    tab.keyboard.press("Space")
    expect(switch).to_be_checked()
    assert _visible(tab, FIRST, ".sr-stamped")[0]
    outline = tab.locator(f"{FIRST} label.sr-stamp-label").evaluate("l => getComputedStyle(l).outlineStyle")
    assert outline != "none", "the focused switch shows no focus ring"


def test_tabs_and_switch_work_without_script(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP, base_url=site_url)
    try:
        tab = context.new_page()
        tab.goto(page_path("processes/start_methods", "en").lstrip("/"))
        tab.locator(f"{FIRST} .tabbed-labels label", has_text="forkserver").first.click()
        assert _visible(tab, FIRST, ".sr-output") == [False, False, True]
        tab.locator(f"{FIRST} label.sr-stamp-label").click()
        assert _visible(tab, FIRST, ".sr-stamped") == [False, False, True]
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_folded_scaffolding_opens_and_the_copy_button_copies_it_all(new_page, language):
    tab = new_page(permissions=["clipboard-read", "clipboard-write"])
    goto(tab, page_path("processes/main_guard", language))
    source = tab.locator(".sr-snippet[data-snippet='processes/interactive.py'] .sr-source")
    fold = source.locator(".sr-fold")
    expect(fold).to_be_hidden()
    text = (ROOT / "snippets" / "processes" / "interactive.py").read_text(encoding="utf-8")
    source.hover()
    source.locator("button[data-md-type='copy']").click()
    expect(tab.locator(".md-dialog")).to_be_visible()
    assert tab.evaluate("navigator.clipboard.readText()") == text.rstrip(), "the copy is not the whole file"
    source.locator("label.sr-fold-label").click()
    expect(fold).to_be_visible()
    assert "subprocess.run(" in fold.inner_text()


PREFIX_ROOM = """
(code) => {
  const style = getComputedStyle(code);
  const probe = document.createElement('span');
  probe.textContent = '0'.repeat(100);
  code.appendChild(probe);
  const ch = probe.getBoundingClientRect().width / 100;
  probe.remove();
  const width = code.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const prefixes = [...code.querySelectorAll('.sr-p')].map((p) => {
    const wide = p.firstElementChild.offsetParent !== null;
    const shown = wide ? p.firstElementChild.textContent : getComputedStyle(p, '::before').content.slice(1, -1);
    return shown.length;
  });
  return {columns: Math.floor(width / ch + 0.01), prefix: Math.max(...prefixes), lines: prefixes.length};
}
"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_timestamped_output_keeps_room_on_a_phone(new_page, language):
    """At 390 px the prefix (time and writer) leaves at least 30 characters of each line."""
    tab = new_page(viewport=PHONE)
    goto(tab, page_path("processes/start_methods", language))
    tab.locator(f"{FIRST} label.sr-stamp-label").click()
    for method in ("fork", "spawn", "forkserver"):
        tab.locator(f"{FIRST} .tabbed-labels label", has_text=method).first.click()
        code = tab.locator(f"{FIRST} .tabbed-block:visible .sr-stamped code")
        room = code.evaluate(PREFIX_ROOM)
        assert room["lines"] >= 3, room
        assert room["columns"] - room["prefix"] >= 30, f"{method}: {room}"
        assert code.evaluate("c => c.scrollWidth <= c.clientWidth"), "long lines scroll instead of wrapping"
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_shows_a_real_timeline(new_page, language, viewport):
    tab = new_page(viewport=viewport)
    goto(tab, page_path("", language))
    block = tab.locator(".sr-timeline-only")
    kind = "sr-wide" if viewport is DESKTOP else "sr-narrow"
    expect(block.locator(f"svg.sr-timeline.{kind}")).to_be_visible()
    run_id = block.locator(".sr-facts").get_attribute("data-run-id")
    block.locator(".sr-facts a[href$='basics/lock/']").click()
    tab.wait_for_load_state("load")
    assert tab.locator(f".sr-facts[data-run-id='{run_id}']").count() == 1, "the lesson shows another run"
