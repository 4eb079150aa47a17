"""Shared fixtures: a real `mkdocs build --strict` of the site, built once per session. The
build keeps its runs in the run store, so the chapter tests (``shown_run``) check the very
runs the built pages show. And a check that no test leaves a process behind.

The build starts in the background as the session starts, and the tests that do not need it
run first, while it builds (none starts while it runs the runs that need the machine to
themselves); the second build (``second_build``) starts as soon as the first
has ended, and the tests that read it run after the other tests of the first build.

The session runs in several processes (pytest-xdist's workers, ``-n`` in pyproject.toml):
they share the two builds (the first worker to ask starts each; every worker waits for it),
the Lighthouse audits (tests/browser/conftest.py) and, for the tests marked `last`, what every
worker's tests checked, through the session's shared folder (tests/shared.py)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import pytest
from bs4 import BeautifulSoup
from filelock import FileLock

from snippetrun import spec, testing
from snippetrun.runner import SESSION_MARK, marked_processes
from snippetrun.schedule import ALONE_PHASE
from snippetrun.spec import ROOT
from tests.mkdocs_process import start_build
from tests.shared import INTERRUPTED, interrupted, shared_folder

SESSION = f"pytest-{os.getpid()}-{time.time_ns()}"
os.environ[SESSION_MARK] = SESSION  # inherited by builds the tests start, and by every run

BUILD_TIMEOUT = 900


@dataclass
class Build:
    site: Path
    log: str
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


class SharedBuild:
    """`mkdocs build --strict` into folder/site, with the site's own settings (its run store),
    shared by every process of the test session (pytest-xdist's workers): the first to call
    ``start()`` starts it, in a process group of its own, and the build's shell writes its
    exit code to folder/status, which every process waits for (``result()``). Bounded by
    BUILD_TIMEOUT from its start: after that, whoever waits kills its whole process group."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.log_file = folder / "build.log"
        self.status_file = folder / "status"
        self.proc: subprocess.Popen | None = None  # in the process that started it
        self.pid = 0
        self.started = 0.0  # time.time() of its start, as the starter wrote it
        self._build: Build | None = None

    def start(self) -> SharedBuild:
        """Start the build unless a process of this session already did; either way, know it."""
        started = self.folder / "started"
        with FileLock(f"{self.folder}.lock"):
            if not started.exists():
                self.folder.mkdir(parents=True, exist_ok=True)
                with open(self.log_file, "w", encoding="utf-8") as log:
                    self.proc = start_build(self.folder / "site", ROOT, {}, log=log, status=self.status_file)
                started.write_text(f"{self.proc.pid} {time.time()}", encoding="utf-8")
        pid, when = started.read_text(encoding="utf-8").split()
        self.pid, self.started = int(pid), float(when)
        return self

    def ended(self) -> bool:
        if self.status_file.exists():
            return True
        if self.proc is not None:
            return self.proc.poll() is not None
        try:  # killed before its shell wrote a status: gone, or a zombie its starter did not reap yet
            return psutil.Process(self.pid).status() == psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return True

    def wait(self) -> bool:
        """Wait for the build to end, up to BUILD_TIMEOUT from its start; False: it did not."""
        while not self.ended():
            if time.time() - self.started > BUILD_TIMEOUT:
                return False
            time.sleep(0.1)
        return True

    def result(self) -> Build:
        if self._build is None:
            if not self.wait():
                self.stop()
                pytest.fail(f"mkdocs build did not end within {BUILD_TIMEOUT} s", pytrace=False)
            log = self.log_file.read_text(encoding="utf-8")
            status = self.status_file.read_text(encoding="utf-8").strip() if self.status_file.exists() else "killed"
            assert status == "0", f"mkdocs build --strict failed (exit {status}):\n{log[-6000:]}"
            self._build = Build(self.folder / "site", log)
        return self._build

    def running_alone(self) -> bool:
        """The build is running the runs that need the machine to themselves (timing examples)."""
        if self.ended():
            return False
        return ALONE_PHASE.split("%d")[1] in self.log_file.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        """Kill the build and everything it started, if it is still running."""
        if not self.ended():
            try:
                os.killpg(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if self.proc is not None:
            self.proc.wait()

    def finish(self) -> None:
        """At the end of the session of the process that started it: another process of the
        session may still be waiting for it, so let it end (within its bound), then reap it."""
        if self.proc is not None:
            self.wait()
            self.stop()


def mkdocs_build(target: Path) -> Build:
    """`mkdocs build --strict` into target/site, with the site's own settings (its run store)."""
    return SharedBuild(target).start().result()


# The session's builds, started before they are asked for: "first" as the session starts,
# "second" as soon as the first has ended (only when a test of this session needs it). Under
# pytest-xdist, every worker knows both; the first worker to ask starts each.
_builds: dict[str, SharedBuild] = {}


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config) -> int:
    """`-n auto` (pyproject.toml): two workers on one or two CPUs (much of a test is waiting for
    a browser or a run, which a second worker fills), one per CPU beyond, up to four (each
    worker has its own Chromium)."""
    return min(4, max(2, os.cpu_count() or 1))


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    """pytest-xdist's controller tells each worker where the session's shared folder is."""
    node.workerinput["snippetrun_shared"] = str(node.config._tmp_path_factory.getbasetemp())


def _build(config, which: str) -> SharedBuild:
    if which not in _builds:
        _builds[which] = SharedBuild(shared_folder(config) / f"build-{which}").start()
    return _builds[which]


def _needs(items, fixture: str) -> bool:
    return any(fixture in item.fixturenames for item in items)


def _stop_builds() -> None:
    for build in _builds.values():
        build.stop()


def _finish_builds() -> None:
    for build in _builds.values():
        build.finish()


@pytest.hookimpl(wrapper=True)
def pytest_runtestloop(session):
    config = session.config
    if not config.option.collectonly and _needs(session.items, "built_site"):
        _build(config, "first")
    try:
        return (yield)
    except BaseException:
        config.stash[INTERRUPTED] = True
        _stop_builds()  # an interrupted session: its builds end with it
        raise


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_protocol(item, nextitem):
    """Waits that are not the test's, so outside its timeout: no test starts while the
    background build runs the runs that need the machine to themselves (on a fresh clone, the
    timing examples); a test that needs a build waits here for it to end (the build is
    bounded by BUILD_TIMEOUT; its fixture reports a failure); a test marked `last` waits for
    every other test of the session, in every worker, to end."""
    config = item.config
    first = _builds.get("first")
    if first is not None and first.running_alone():
        first.wait()
    if "built_site" in item.fixturenames:
        _build(config, "first").wait()
        if _needs(item.session.items, "second_build"):
            _build(config, "second")
    if "second_build" in item.fixturenames:
        _build(config, "second").wait()
    if item.get_closest_marker("last") is not None:
        _wait_for_the_other_tests(item)
    try:
        return (yield)
    finally:
        _record_ended(item)


@pytest.fixture(scope="session")
def built_site(request) -> Build:
    """The session's build: it makes every run the store does not have yet (all of them on a
    fresh clone) and keeps them there, where the tests' shown_run() reads them."""
    build = _build(request.config, "first").result()
    if _needs(request.session.items, "second_build"):
        _build(request.config, "second")
    return build


@pytest.fixture(scope="session")
def second_build(built_site, request) -> Build:
    """The same site built again: it reuses every run of the first (as `mkdocs serve` and a
    second build do), so what differs between the two is rendering, never a run. It starts
    when the first has ended, in the background."""
    return _build(request.config, "second").result()


# --- tests that check the whole session (marked `last`) ----------------------------------------
# Every process records, after each test, how many tests it ended and the snippets whose
# shown run its tests asked for (testing.checked), in the shared folder; a `last` test waits
# until the session's other tests have all ended, then reads what every process checked.

# A worker that crashed never reports its test: a `last` test waits until no other test has
# ended for this long (longer than any test's own timeout), then fails saying so.
LAST_WAIT = 1300


def _record_file(config) -> Path:
    worker = getattr(config, "workerinput", {}).get("workerid", "main")
    return shared_folder(config) / "ended" / f"{worker}-{os.getpid()}.json"


ENDED = pytest.StashKey[int]()


def _record_ended(item) -> None:
    """After each test: this process's count of ended tests and the snippets it checked."""
    config = item.config
    config.stash[ENDED] = config.stash.get(ENDED, 0) + 1
    record = _record_file(config)
    record.parent.mkdir(exist_ok=True)
    part = record.with_suffix(".part")
    part.write_text(json.dumps({"ended": config.stash[ENDED], "checked": sorted(testing.checked)}), encoding="utf-8")
    part.replace(record)


def _records(config) -> list[dict]:
    folder = shared_folder(config) / "ended"
    return [json.loads(file.read_text(encoding="utf-8")) for file in folder.glob("*.json")] if folder.exists() else []


def _wait_for_the_other_tests(item) -> None:
    others = sum(1 for other in item.session.items if other.get_closest_marker("last") is None)
    ended, since = -1, time.monotonic()
    while time.monotonic() - since < LAST_WAIT:
        now = sum(record["ended"] for record in _records(item.config))
        if now >= others:
            return
        if now != ended:
            ended, since = now, time.monotonic()
        time.sleep(0.2)


def session_checked(config) -> tuple[int, set[str]]:
    """How many tests of the session (every worker's) have ended, and the snippets whose
    shown run they asked for."""
    records = _records(config)
    checked = set(testing.checked).union(*(record["checked"] for record in records))
    return sum(record["ended"] for record in records), checked


@pytest.fixture
def whole_session(request) -> dict:
    """For a test marked `last`: the session's other tests ("expected"), how many ended
    ("ended") and the snippets whose shown run they checked ("checked")."""
    others = sum(1 for other in request.session.items if other.get_closest_marker("last") is None)
    ended, checked = session_checked(request.config)
    return {"expected": others, "ended": ended, "checked": checked}


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
def no_process_left_behind(request):
    yield
    if interrupted(request.config) or request.session.shouldfail or request.session.shouldstop:
        _stop_builds()
    else:
        _finish_builds()  # another worker may still wait for a build this one started
    deadline = time.monotonic() + 5
    stray = _stray_processes()
    while stray and time.monotonic() < deadline:
        time.sleep(0.2)
        stray = _stray_processes()
    assert not stray, "processes left running after the test session:\n" + "\n".join(stray)
