"""Shared fixtures: a real `mkdocs build --strict` of the site, built once per session. The
build keeps its runs in the run store, so the chapter tests (``shown_run``) check the very
runs the built pages show. And a check that no test leaves a process behind.

The build starts in the background as the session starts, and the tests that do not need it
run first, while it builds (none starts while it runs the runs that need the machine to
themselves); the second build (``second_build``) starts as soon as the first
has ended, and the tests that read it run after the other tests of the first build."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import pytest
from bs4 import BeautifulSoup

from snippetrun import spec
from snippetrun.runner import SESSION_MARK, marked_processes
from snippetrun.schedule import ALONE_PHASE
from snippetrun.spec import ROOT
from tests.mkdocs_process import start_build

SESSION = f"pytest-{os.getpid()}-{time.time_ns()}"
os.environ[SESSION_MARK] = SESSION  # inherited by builds the tests start, and by every run

BUILD_TIMEOUT = 900


@dataclass
class Build:
    site: Path
    log: str
    seconds: float
    _soups: dict[Path, BeautifulSoup] = field(default_factory=dict, repr=False, compare=False)

    def file(self, page: str, language: str) -> Path:
        """page like "basics/pool" (or "" for the home page); language "zh" or "en"."""
        prefix = self.site if language == "zh" else self.site / "en"
        return prefix / page / "index.html"

    def html(self, page: str, language: str) -> str:
        return self.file(page, language).read_text(encoding="utf-8")

    def soup(self, page: str, language: str) -> BeautifulSoup:
        return self.soup_of(self.file(page, language))

    def soup_of(self, file: Path) -> BeautifulSoup:
        """A built file, parsed once for the whole session (several tests read every page):
        the tests only read it, never change it."""
        if file not in self._soups:
            self._soups[file] = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        return self._soups[file]


class BackgroundBuild:
    """`mkdocs build --strict` into target/site, with the site's own settings (its run store),
    started now in a process group of its own; ``result()`` waits for it. Bounded by
    BUILD_TIMEOUT from its start: after that its whole process group is killed."""

    def __init__(self, target: Path, extra_env: dict[str, str] | None = None) -> None:
        target.mkdir(parents=True, exist_ok=True)
        self.target = target
        self.log_file = target / "build.log"
        self.started = time.monotonic()
        with open(self.log_file, "w", encoding="utf-8") as log:
            self.proc = start_build(target / "site", ROOT, extra_env or {}, log=log)
        self._build: Build | None = None

    def result(self) -> Build:
        if self._build is None:
            left = BUILD_TIMEOUT - (time.monotonic() - self.started)
            try:
                self.proc.wait(timeout=max(left, 0.1))
            except subprocess.TimeoutExpired:
                self.stop()
                pytest.fail(f"mkdocs build did not end within {BUILD_TIMEOUT} s", pytrace=False)
            log = self.log_file.read_text(encoding="utf-8")
            assert self.proc.returncode == 0, f"mkdocs build --strict failed:\n{log[-6000:]}"
            self._build = Build(self.target / "site", log, time.monotonic() - self.started)
        return self._build

    def running_alone(self) -> bool:
        """The build is running the runs that need the machine to themselves (timing examples)."""
        if self.proc.poll() is not None:
            return False
        return ALONE_PHASE.split("%d")[1] in self.log_file.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        """Kill the build and everything it started, if it is still running."""
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc.wait()


def mkdocs_build(target: Path, extra_env: dict[str, str] | None = None) -> Build:
    """`mkdocs build --strict` into target/site, with the site's own settings (its run store)."""
    return BackgroundBuild(target, extra_env).result()


# The session's builds, started before they are asked for: "first" as the session starts,
# "second" as soon as the first has ended (only when a test of this session needs it).
_builds: dict[str, BackgroundBuild] = {}


def _stop_builds() -> None:
    for build in _builds.values():
        build.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtestloop(session):
    config = session.config
    if not config.option.collectonly and any("built_site" in item.fixturenames for item in session.items):
        _builds["first"] = BackgroundBuild(config._tmp_path_factory.mktemp("build1"))
    try:
        return (yield)
    finally:
        _stop_builds()  # a build nobody waited for (an interrupted session) ends with it


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_protocol(item, nextitem):
    """No test starts while the background build runs the runs that need the machine to
    themselves (on a fresh clone, the timing examples): it waits for the build to end, outside
    its own timeout."""
    first = _builds.get("first")
    if first is not None and first.running_alone():
        try:
            first.proc.wait(timeout=max(BUILD_TIMEOUT - (time.monotonic() - first.started), 0.1))
        except subprocess.TimeoutExpired:
            pass  # the test that needs the build reports it, and kills it
    return (yield)


@pytest.fixture(scope="session")
def built_site(request, tmp_path_factory) -> Build:
    """The session's build: it makes every run the store does not have yet (all of them on a
    fresh clone) and keeps them there, where the tests' shown_run() reads them."""
    if "first" not in _builds:  # a session that did not start it (the fixture asked for late)
        _builds["first"] = BackgroundBuild(tmp_path_factory.mktemp("build1"))
    build = _builds["first"].result()
    if "second" not in _builds and any("second_build" in item.fixturenames for item in request.session.items):
        _builds["second"] = BackgroundBuild(tmp_path_factory.mktemp("build2"))
    return build


@pytest.fixture(scope="session")
def second_build(built_site, tmp_path_factory) -> Build:
    """The same site built again: it reuses every run of the first (as `mkdocs serve` and a
    second build do), so what differs between the two is rendering, never a run. It starts
    when the first has ended, in the background."""
    if "second" not in _builds:
        _builds["second"] = BackgroundBuild(tmp_path_factory.mktemp("build2"))
    return _builds["second"].result()


def _order(item) -> int:
    """Tests that need no build run first (while the session's build runs), then the tests of
    the first build, then those of the second (built meanwhile), then the browser tests, the
    Lighthouse tests last among them (their audits run in the background from the first
    browser test on: tests/browser/lighthouse.py), and tests marked `last` after everything."""
    if item.get_closest_marker("last") is not None:
        return 5
    if "built_site" not in item.fixturenames:
        return 0
    if "second_build" in item.fixturenames:
        return 2
    if "browser" in item.path.parts:
        return 4 if "lighthouse_audits" in item.fixturenames else 3
    return 1


def pytest_collection_modifyitems(config, items) -> None:
    """Every chapter's tests use the session's build, so they check the runs it shows."""
    chapters = {f"test_{chapter}.py" for chapter in spec.chapters()}
    for item in items:
        if item.path.name in chapters and "built_site" not in item.fixturenames:
            item.fixturenames.insert(0, "built_site")
    items.sort(key=_order)  # stable: within each group, the order of collection
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
    _stop_builds()  # a build no test waited for (its tests skipped) is not left running
    deadline = time.monotonic() + 5
    stray = _stray_processes()
    while stray and time.monotonic() < deadline:
        time.sleep(0.2)
        stray = _stray_processes()
    assert not stray, "processes left running after the test session:\n" + "\n".join(stray)
