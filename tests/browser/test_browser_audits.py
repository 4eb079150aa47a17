"""Audits of the home page and the Pool lesson in both languages: Lighthouse 12.2.3 (its
default mobile profile) and axe-core (through axe-playwright-python); and axe on lessons
whose examples have every control opened (timestamps, folded scaffolding, highlighted lines)."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from axe_playwright_python.sync_playwright import Axe
from browserkit import CHROME_FLAGS, CHROMIUM, LANGUAGES, LIGHTHOUSE_VERSION, goto, lighthouse_bin, page_path

pytestmark = pytest.mark.timeout(1200)

PAGES = {"home": "", "basics/pool": "basics/pool"}
# Performance is a timing: on this shared 2-core machine the same page scored from 0.84 to
# 0.99 (the Chinese pages lower, with CJK fonts installed). Its score is printed for every
# run; the gate only catches a collapse (a render-blocking web font or script, say). The
# other categories are not timings and keep their strict targets.
TARGETS = {"performance": 0.5, "accessibility": 0.95, "best-practices": 0.95, "seo": 0.90}
# Like Lighthouse CI's default ("optimistic") aggregation: up to this many runs of a page, each
# category judged by its best run; a page whose first run meets every target runs once.
RUNS = 3


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


def _lighthouse_scores(command: list[str], url: str, report) -> dict[str, float]:
    proc = subprocess.run(
        [
            *command,
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--chrome-flags={' '.join(CHROME_FLAGS)}",
            "--only-categories=performance,accessibility,best-practices,seo",
        ],
        env=dict(os.environ, CHROME_PATH=str(CHROMIUM)),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, f"lighthouse failed on {url}:\n{proc.stderr[-3000:]}"
    result = json.loads(report.read_text(encoding="utf-8"))
    assert result["lighthouseVersion"] == LIGHTHOUSE_VERSION
    assert not result.get("runtimeError"), result.get("runtimeError")
    return {name: category["score"] for name, category in result["categories"].items()}


def _failing_audits(report) -> list[str]:
    audits = json.loads(report.read_text(encoding="utf-8"))["audits"]
    return [
        f"{name}: {audit['score']} {audit.get('displayValue', '')}".strip()
        for name, audit in audits.items()
        if audit.get("score") is not None and audit["score"] < 0.9 and audit["scoreDisplayMode"] != "informative"
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES.values(), ids=PAGES.keys())
def test_lighthouse_scores(lighthouse, site_url, tmp_path, page, language):
    url = site_url + page_path(page, language).lstrip("/")
    best: dict[str, float] = {}
    runs = []
    for attempt in range(RUNS):
        report = tmp_path / f"lighthouse-{attempt}.json"
        scores = _lighthouse_scores(lighthouse, url, report)
        runs.append(scores)
        best = {name: max(best.get(name, 0), score) for name, score in scores.items()}
        if all(best.get(name, 0) >= target for name, target in TARGETS.items()):
            break
    print(f"\nLighthouse {page_path(page, language)}: " + ", ".join(f"{k} {round(v * 100)}" for k, v in best.items()))
    print(f"  runs: {runs}")
    below = {name: best.get(name) for name, target in TARGETS.items() if best.get(name, 0) < target}
    assert not below, f"{url}: below target {below} after {len(runs)} runs; weak audits: {_failing_audits(report)}"


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
