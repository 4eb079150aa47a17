"""Audits of the home page and the Pool lesson in both languages: Lighthouse 12.2.3 (its
default mobile profile) and axe-core (through axe-playwright-python); and axe on lessons
whose examples have every control opened (timestamps, folded scaffolding, highlighted lines)."""

from __future__ import annotations

import os
import subprocess

import pytest
from axe_playwright_python.sync_playwright import Axe
from browserkit import LANGUAGES, LIGHTHOUSE_VERSION, goto, lighthouse_bin, page_path
from lighthouse import RUN_TIMEOUT, RUNS, failing_audits, result

pytestmark = pytest.mark.timeout(1200)

PAGES = {"home": "", "basics/pool": "basics/pool"}


@pytest.fixture(scope="session")
def lighthouse(tools) -> list[str]:
    binary = lighthouse_bin()
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI: Lighthouse {LIGHTHOUSE_VERSION} is missing (.ci/run installs it)", pytrace=False)
        pytest.skip(
            f"Lighthouse {LIGHTHOUSE_VERSION} is not installed: npm install --prefix .ci/node lighthouse@12.2.3"
        )
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
    assert version == LIGHTHOUSE_VERSION, f"Lighthouse {version}, expected {LIGHTHOUSE_VERSION}"
    return [str(binary)]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES.values(), ids=PAGES.keys())
def test_lighthouse_scores(lighthouse, lighthouse_audits, site_url, page, language):
    """Up to RUNS runs of the page (tests/browser/lighthouse.py, started in the background
    with the first browser test), each category judged by its best run."""
    url = site_url + page_path(page, language).lstrip("/")
    audit = result(
        lighthouse_audits, page_path(page, language), timeout=len(PAGES) * len(LANGUAGES) * RUNS * RUN_TIMEOUT
    )
    assert audit.error is None, audit.error
    print(
        f"\nLighthouse {page_path(page, language)}: "
        + ", ".join(f"{k} {round(v * 100)}" for k, v in audit.best.items())
    )
    print(f"  runs: {audit.runs}")
    below = audit.below()
    assert not below, (
        f"{url}: below target {below} after {len(audit.runs)} runs; weak audits: {failing_audits(audit.report)}"
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES.values(), ids=PAGES.keys())
def test_axe_finds_no_serious_violations(new_page, page, language, scheme):
    tab = new_page(color_scheme=scheme)  # the palette follows the reader's system preference
    goto(tab, page_path(page, language))
    tab.wait_for_load_state("networkidle")
    expected = "slate" if scheme == "dark" else "default"
    assert tab.evaluate("document.body.dataset.mdColorScheme") == expected
    assert _serious(tab, page_path(page, language), scheme) == []


# Pages with the example's other controls, each opened: the timestamps switch on (every
# example), the folded scaffolding shown (main_guard), highlighted lines (hangs).
EXAMPLES = ["processes/start_methods", "processes/main_guard", "pitfalls/hangs"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", EXAMPLES)
def test_axe_finds_no_serious_violations_in_opened_examples(new_page, page, language, scheme):
    tab = new_page(color_scheme=scheme)
    goto(tab, page_path(page, language))
    tab.wait_for_load_state("networkidle")
    for label in tab.locator("label.sr-stamp-label, label.sr-fold-label").all():
        label.click()
    assert tab.locator(".sr-stamped:visible").count() >= 1
    assert _serious(tab, page_path(page, language) + " (opened)", scheme) == []


def _serious(tab, where: str, scheme: str) -> list[str]:
    violations = Axe().run(tab).response["violations"]
    print(f"\naxe {where} ({scheme}): " + (", ".join(f"{v['id']} ({v['impact']})" for v in violations) or "none"))
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes']][:5]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
