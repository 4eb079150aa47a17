"""The built site in a real browser: the session's `built_site` (tests/conftest.py) served on
localhost the way a static host serves it, Debian's Chromium driven by Playwright, and
Lighthouse from .ci/node. In CI (CI=true) a missing browser or Lighthouse fails the tests;
elsewhere they are skipped with the reason."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from browserkit import (
    CHROME_FLAGS,
    CHROMIUM,
    DESKTOP,
    LIGHTHOUSE_VERSION,
    QuietServer,
    StaticHost,
    Traffic,
    lighthouse_bin,
    open_context,
    page_path,
)
from filelock import FileLock
from lighthouse import RUN_TIMEOUT, RUNS, Audits
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from tests.shared import interrupted, shared_folder


def _missing(what: str) -> None:
    message = f"{what} is missing (install it as .ci/run does)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI: {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def tools() -> None:
    """Chromium for every browser test; in CI, Lighthouse too (a missing one fails there)."""
    if not CHROMIUM.exists():
        _missing(f"Chromium ({CHROMIUM})")
    if os.environ.get("CI") == "true" and lighthouse_bin() is None:
        _missing(f"Lighthouse {LIGHTHOUSE_VERSION}")


# --- the site on localhost --------------------------------------------------------------------


AUDITS = pytest.StashKey[Path]()


@pytest.fixture(scope="session")
def site_url(built_site, request) -> Iterator[str]:
    """Base URL (with the trailing slash) of the built site served on a free localhost port.
    When the session has Lighthouse tests, their audits start here, in the background
    (tests/browser/lighthouse.py), in the first worker of the session to serve the site; that
    worker serves the site until every audit is written (unless the session was interrupted)."""
    handler = type("SiteHost", (StaticHost,), {"site": built_site.site.resolve()})
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    audits = None
    try:
        binary = lighthouse_bin()
        paths = [
            page_path(item.callspec.params["page"], item.callspec.params["language"])
            for item in request.session.items
            if "lighthouse_audits" in item.fixturenames and hasattr(item, "callspec")
        ]
        if paths and binary is not None and CHROMIUM.exists():
            folder = shared_folder(request.config) / "lighthouse"
            with FileLock(f"{folder}.lock"):
                if not folder.exists():
                    folder.mkdir()
                    audits = Audits([str(binary)], url, list(dict.fromkeys(paths)), folder).start()
            request.config.stash[AUDITS] = folder
        yield url
    finally:
        if audits is not None:
            if not interrupted(request.config):
                audits.wait(timeout=len(audits.audits) * RUNS * RUN_TIMEOUT)
            audits.stop()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def lighthouse_audits(site_url, request) -> Path:
    """The folder the session's Lighthouse audits are written to (lighthouse.result reads it)."""
    folder = request.config.stash.get(AUDITS, None)
    assert folder is not None, "site_url starts the audits when Chromium and Lighthouse are installed"
    return folder


# --- the browser -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def playwright(tools) -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROME_FLAGS)
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture
def traffic() -> Traffic:
    return Traffic()


@pytest.fixture
def new_page(browser: Browser, traffic: Traffic, site_url: str):
    """new_page(viewport=DESKTOP, **context options) -> a Page in its own context.
    At the end of the test every page must have stayed on localhost without errors."""
    contexts: list[BrowserContext] = []

    def make(viewport: dict = DESKTOP, **options) -> Page:
        context = open_context(browser, traffic, viewport=viewport, base_url=site_url, **options)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
    assert traffic.problems() == []
