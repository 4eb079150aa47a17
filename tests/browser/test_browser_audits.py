"""Audits of the home page and the Pool lesson in both languages: Lighthouse 12.2.3 (its
default mobile profile) and axe-core (through axe-playwright-python)."""

from __future__ import annotations

import os
import subprocess

import pytest
from axe_playwright_python.sync_playwright import Axe
from browserkit import LANGUAGES, LIGHTHOUSE_VERSION, goto, lighthouse_bin, page_path
from lighthouse import RUN_TIMEOUT, RUNS, failing_audits

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
    audit = lighthouse_audits.result(url, timeout=RUNS * RUN_TIMEOUT)
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
    violations = Axe().run(tab).response["violations"]
    print(
        f"\naxe {page_path(page, language)} ({scheme}): "
        + (", ".join(f"{v['id']} ({v['impact']})" for v in violations) or "none")
    )
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes']][:5]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
