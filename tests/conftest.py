"""Shared fixtures: a real `mkdocs build --strict` of the site, built once per session. The
build keeps its runs in the run store, so the chapter tests (``shown_run``) check the very
runs the built pages show. And a check that no test leaves a process behind."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest

from snippetrun import spec
from snippetrun.runner import SESSION_MARK, marked_processes
from snippetrun.spec import ROOT
from tests.mkdocs_process import start_build, wait_build

SESSION = f"pytest-{os.getpid()}-{time.time_ns()}"
os.environ[SESSION_MARK] = SESSION  # inherited by builds the tests start, and by every run

BUILD_TIMEOUT = 900


@dataclass
class Build:
    site: Path
    log: str
    seconds: float

    def html(self, page: str, language: str) -> str:
        """page like "basics/pool" (or "" for the home page); language "zh" or "en"."""
        prefix = self.site if language == "zh" else self.site / "en"
        return (prefix / page / "index.html").read_text(encoding="utf-8")


def mkdocs_build(target: Path, extra_env: dict[str, str] | None = None, cwd: Path = ROOT) -> Build:
    """`mkdocs build --strict` into target/site, with the site's own settings (its run store)."""
    started = time.monotonic()
    proc = start_build(target / "site", cwd, extra_env or {})
    log = wait_build(proc, BUILD_TIMEOUT)
    assert log is not None, f"mkdocs build did not end within {BUILD_TIMEOUT} s"
    seconds = time.monotonic() - started
    assert proc.returncode == 0, f"mkdocs build --strict failed:\n{log[-6000:]}"
    return Build(target / "site", log, seconds)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Build:
    """The session's build: it makes every run the store does not have yet (all of them on a
    fresh clone) and keeps them there, where the tests' shown_run() reads them."""
    return mkdocs_build(tmp_path_factory.mktemp("build1"))


@pytest.fixture(scope="session")
def second_build(built_site, tmp_path_factory) -> Build:
    """The same site built again: it reuses every run of the first (as `mkdocs serve` and a
    second build do), so what differs between the two is rendering, never a run."""
    return mkdocs_build(tmp_path_factory.mktemp("build2"))


def pytest_collection_modifyitems(config, items) -> None:
    """Every chapter's tests use the session's build, so they check the runs it shows."""
    chapters = {f"test_{chapter}.py" for chapter in spec.chapters()}
    for item in items:
        if item.path.name in chapters and "built_site" not in item.fixturenames:
            item.fixturenames.insert(0, "built_site")
    # Tests marked `last` check what the whole session did: they run after everything else.
    items.sort(key=lambda item: item.get_closest_marker("last") is not None)
    # The first test that needs the build pays for it in its setup: give it the build's own
    # bound on top of its timeout (the build is bounded by BUILD_TIMEOUT and killed after it).
    first = next((item for item in items if "built_site" in item.fixturenames), None)
    if first is not None:
        marker = first.get_closest_marker("timeout")
        own = marker.args[0] if marker and marker.args else config.getini("timeout")
        first.add_marker(pytest.mark.timeout(float(own or 0) + BUILD_TIMEOUT))


def _stray_processes() -> list[str]:
    stray = []
    me = psutil.Process()
    for proc in me.children(recursive=True):
        try:
            if proc.status() != psutil.STATUS_ZOMBIE:
                stray.append(f"pid {proc.pid}: {' '.join(proc.cmdline())[:100]}")
        except psutil.Error:
            continue
    for proc in marked_processes(SESSION_MARK, SESSION):
        try:
            stray.append(f"pid {proc.pid} (a snippet run's): {' '.join(proc.cmdline())[:100]}")
        except psutil.Error:
            continue
    return stray


@pytest.fixture(scope="session", autouse=True)
def no_process_left_behind():
    yield
    deadline = time.monotonic() + 5
    stray = _stray_processes()
    while stray and time.monotonic() < deadline:
        time.sleep(0.2)
        stray = _stray_processes()
    assert not stray, "processes left running after the test session:\n" + "\n".join(stray)
