"""The engine never hangs, never lies and leaves nothing behind.

Each fault is a fixture under tests/faults/cases/<case>/: a snippets/ folder and a docs/ folder
with the zh and en pages embedding it. Each is run twice: through the engine (fresh_run, or
the page audit for the page-level faults) and through a real ``mkdocs build --strict`` of the
fixture site tests/faults/site/mkdocs.yml (the real site's plugins and the real hook). Every
test asserts that the run or the build fails within a bounded time, that the message names the
file and the reason, and that no process is left: none carrying the test's session mark, none
under this process, and none of the pids the fixtures themselves wrote down (FAULT_PID_DIR).

Ctrl-C: a SIGINT to the process group (as a terminal sends it) while a snippet is running ends
a real ``mkdocs build`` and a real ``pytest`` promptly, again with nothing left.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psutil
import pytest

from snippetrun import RunSpec, audit, fresh_run
from snippetrun.plan import plan_site
from snippetrun.runner import OUTPUT_CAP, SESSION_MARK, SnippetError, marked_processes
from snippetrun.spec import ROOT
from tests.mkdocs_process import start_build, wait_build

pytestmark = pytest.mark.timeout(240)

FAULTS = ROOT / "tests" / "faults"
CASES = FAULTS / "cases"
SITE_CONFIG = FAULTS / "site" / "mkdocs.yml"
FIXTURE_TIMEOUT = 3  # what the fixture pages pass as embed(..., timeout=3)
# Generous but finite: the machine is shared and noisy. A fixture build takes a few seconds,
# a run that times out FIXTURE_TIMEOUT plus the kill.
BOUND = 90.0
INTERRUPT_BOUND = 15.0  # from SIGINT to the build or pytest having exited


def snippets_of(case: str) -> str:
    return f"tests/faults/cases/{case}/snippets"


def label(case: str, snippet: str) -> str:
    return f"{snippets_of(case)}/{snippet}"


def fault_spec(case: str, snippet: str) -> RunSpec:
    return RunSpec(snippet, timeout=FIXTURE_TIMEOUT, folder=snippets_of(case))


# case -> (snippet, what the message must say besides the file's name)
RUN_FAULTS = {
    "raises": (
        "raises.py",
        ["exit code 1, expected 0", "printed an unexpected traceback", "ValueError: fault fixture: raised on purpose"],
    ),
    "exits_nonzero": ("exits_nonzero.py", ["exit code 3, expected 0", "about to exit with status 3"]),
    "syntax_error": ("syntax_error.py", ["exit code 1, expected 0", "SyntaxError"]),
    "deadlock": ("deadlock.py", [f"timed out after {FIXTURE_TIMEOUT} s (killed with its whole process tree)"]),
    "ignores_sigterm": (
        "ignores_sigterm.py",
        [f"timed out after {FIXTURE_TIMEOUT} s (killed with its whole process tree)", "sent SIGTERM; joining"],
    ),
    "double_fork": ("double_fork.py", ["left processes running after it ended: pid", "double_fork.py"]),
    "setsid_child": ("setsid_child.py", ["left processes running after it ended: pid", "setsid_child.py"]),
    "endless_output": (
        "endless_output.py",
        [f"printed more than {OUTPUT_CAP // 1024} KiB (output capped, run killed)"],
    ),
    "reads_stdin": (
        "reads_stdin.py",
        ["exit code 1, expected 0", "stdin gave 0 bytes", "EOFError: EOF when reading a line"],
    ),
    "missing_file": ("missing.py", ["no such snippet file"]),
}

# Page-level faults: the audit stops the build before anything runs.
PAGE_FAULTS = {
    "unknown_snippet": [
        f"docs/index.zh.md:9: embeds {label('unknown_snippet', 'nope.py')}, which does not exist",
        f"docs/index.en.md:9: embeds {label('unknown_snippet', 'nope.py')}, which does not exist",
    ],
    "missing_twin": [
        "docs/index.zh.md: no twin page docs/index.en.md",
        f"{label('missing_twin', 'hello.py')}: no en page embeds it",
    ],
    "unembedded": [
        f"{label('unembedded', 'orphan.py')}: no zh page embeds it",
        f"{label('unembedded', 'orphan.py')}: no en page embeds it",
    ],
    # A build plans every run before rendering, so an embed must name its runs literally.
    "computed_name": [
        "docs/index.zh.md:3: embed() arguments must be literals: embed(name, timeout=3)",
        "docs/index.en.md:3: embed() arguments must be literals: embed(name, timeout=3)",
    ],
}
# Faults a build meets while running (missing_file has no pages: the audit would stop it first).
BUILD_FAULTS = sorted(set(RUN_FAULTS) - {"missing_file"})


# --- what is left -----------------------------------------------------------------------


# Children of pytest that were already running when the test began (a browser or a static
# server from session fixtures of other modules), and whatever they start later: not this
# test's to account for.
_preexisting: set[int] = set()


def left_behind(session: str, pid_dir: Path) -> list[str]:
    """Live processes of this test: marked with its session, under this process, or written
    down by the fixtures themselves (a pid counts only while its command is still the fixture's)."""
    found = {proc.pid: _command(proc) for proc in marked_processes(SESSION_MARK, session, prefix=True)}
    for proc in psutil.Process().children(recursive=True):
        try:
            lineage = {proc.pid} | {parent.pid for parent in proc.parents()}
            if not lineage & _preexisting and proc.status() != psutil.STATUS_ZOMBIE:
                found[proc.pid] = _command(proc)
        except psutil.Error:
            continue
    for note in pid_dir.iterdir():
        try:
            proc = psutil.Process(int(note.name))
            if proc.status() != psutil.STATUS_ZOMBIE and any("tests/faults" in part for part in proc.cmdline()):
                found[proc.pid] = _command(proc)
        except psutil.Error:
            continue
    return [f"pid {pid}: {cmd}" for pid, cmd in sorted(found.items())]


def _command(proc: psutil.Process) -> str:
    try:
        return " ".join(proc.cmdline())[:100]
    except psutil.Error:
        return "?"


def assert_nothing_left(session: str, pid_dir: Path) -> None:
    # The engine kills and reaps before it returns; a killed orphan may take a moment to be
    # reaped by init, so allow a short, bounded wait.
    deadline = time.monotonic() + 10
    stray = left_behind(session, pid_dir)
    while stray and time.monotonic() < deadline:
        time.sleep(0.2)
        stray = left_behind(session, pid_dir)
    assert not stray, "processes left behind:\n" + "\n".join(stray)


@pytest.fixture
def session(monkeypatch, tmp_path) -> tuple[str, Path]:
    """A session mark of this test's own (every run it starts carries it) and a folder where
    the fixtures write their pids."""
    mark = f"faults-{uuid.uuid4().hex}"
    _preexisting.clear()
    _preexisting.update(proc.pid for proc in psutil.Process().children(recursive=True))
    pid_dir = tmp_path / "pids"
    pid_dir.mkdir()
    monkeypatch.setenv(SESSION_MARK, mark)
    monkeypatch.setenv("FAULT_PID_DIR", str(pid_dir))
    return mark, pid_dir


# --- (a) through the engine -------------------------------------------------------------


@pytest.fixture(scope="module")
def planner():
    from mkdocs.config import load_config

    from snippetrun.plugin import planner_for

    os.environ["FAULT_DOCS"] = str(CASES / "raises" / "docs")  # the fixture site's docs_dir must exist
    try:
        return planner_for(load_config(str(SITE_CONFIG)))
    finally:
        del os.environ["FAULT_DOCS"]


@pytest.mark.parametrize("case", sorted(RUN_FAULTS))
def test_engine_fails_promptly_and_names_file_and_reason(case, session):
    snippet, reasons = RUN_FAULTS[case]
    started = time.monotonic()
    with pytest.raises(SnippetError) as caught:
        fresh_run(fault_spec(case, snippet))
    seconds = time.monotonic() - started
    message = str(caught.value)
    assert message.startswith(label(case, snippet) + ": "), message
    for reason in reasons:
        assert reason in message, message
    assert seconds < BOUND
    assert_nothing_left(*session)


def test_stdin_is_at_eof_not_a_terminal(session):
    """The reads_stdin fixture's read() returned at once with nothing: the run got EOF."""
    run = fresh_run(fault_spec("reads_stdin", "reads_stdin.py"), check=False)
    assert not run.timed_out
    assert run.output.splitlines()[0] == "stdin gave 0 bytes"
    assert run.exit_code == 1


def test_endless_output_is_capped_at_the_cap(session):
    run = fresh_run(fault_spec("endless_output", "endless_output.py"), check=False)
    assert run.output_capped and not run.timed_out and run.exit_code is None
    assert len(run.output.encode()) <= OUTPUT_CAP


@pytest.mark.parametrize("case", sorted(PAGE_FAULTS))
def test_audit_names_page_and_reason(case, planner):
    plan = plan_site(planner, CASES / case / "docs", snippets_of(case))
    problems = audit.site_problems(plan, CASES / case / "docs", CASES / case / "snippets")
    for expected in PAGE_FAULTS[case]:
        assert expected in problems, problems


# --- (b) through a real mkdocs build --strict of the fixture site -------------------------


def build_fixture(case: str, target: Path, extra_env: dict[str, str] | None = None) -> subprocess.Popen:
    env = {"FAULT_DOCS": str(CASES / case / "docs"), "FAULT_SNIPPETS": snippets_of(case), **(extra_env or {})}
    return start_build(target / "site", target, env, config=SITE_CONFIG)


def finish(proc: subprocess.Popen, bound: float) -> str:
    log = wait_build(proc, bound)
    if log is None:
        pytest.fail(f"did not end within {bound} s")
    return log


def assert_nothing_published(site: Path) -> None:
    pages = list(site.rglob("*.html")) if site.exists() else []
    assert not pages, f"a failed build published pages: {pages}"


@pytest.mark.parametrize("case", BUILD_FAULTS)
def test_build_fails_promptly_and_names_file_and_reason(case, session, tmp_path):
    snippet, reasons = RUN_FAULTS[case]
    started = time.monotonic()
    log = finish(build_fixture(case, tmp_path), BOUND)
    seconds = time.monotonic() - started
    assert "Aborted with a BuildError!" in log, log[-4000:]
    assert f"docs/index.zh.md:3: {label(case, snippet)}: " in log, log[-4000:]
    for reason in reasons:
        assert reason in log, log[-4000:]
    # Reported once: no second copy from markdown-exec, no engine traceback.
    assert log.count(f"{label(case, snippet)}: ") == 1, log[-4000:]
    assert "markdown_exec" not in log and "snippetrun/" not in log, log[-4000:]
    assert seconds < BOUND
    assert_nothing_published(tmp_path / "site")
    assert_nothing_left(*session)


@pytest.mark.parametrize("case", sorted(PAGE_FAULTS))
def test_build_refuses_mismatched_pages(case, session, tmp_path):
    proc = build_fixture(case, tmp_path)
    log = finish(proc, BOUND)
    assert proc.returncode != 0
    assert "the pages and snippets do not match:" in log, log[-4000:]
    for expected in PAGE_FAULTS[case]:
        assert expected in log, log[-4000:]
    assert_nothing_published(tmp_path / "site")
    assert_nothing_left(*session)


# --- Ctrl-C during a build and during pytest ---------------------------------------------


def wait_for_pids(pid_dir: Path, count: int, proc: subprocess.Popen) -> None:
    """Until the slow fixture's parent and child are both running (they write their pids)."""
    deadline = time.monotonic() + BOUND
    while len(list(pid_dir.iterdir())) < count:
        if proc.poll() is not None or time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            log, _ = proc.communicate()
            pytest.fail(f"the slow snippet never started:\n{log[-4000:]}")
        time.sleep(0.1)


def require_ctrl_c() -> None:
    """A process started from a shell that ignores SIGINT (`pytest &` in a script) passes the
    ignore on to everything it starts: no Ctrl-C could reach the build, so say so plainly."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        pytest.fail(
            "SIGINT is ignored in this pytest process (it was started from a shell that ignores it, "
            "e.g. `pytest &` in a script), and the processes it starts inherit that: the Ctrl-C tests "
            "cannot interrupt anything. Run pytest in the foreground, or with `trap - INT` first."
        )


def interrupt(proc: subprocess.Popen) -> tuple[str, float]:
    """Ctrl-C as a terminal sends it: SIGINT to the whole foreground process group."""
    os.killpg(proc.pid, signal.SIGINT)
    started = time.monotonic()
    log = finish(proc, INTERRUPT_BOUND)
    return log, time.monotonic() - started


def test_ctrl_c_ends_a_build_while_a_snippet_runs(session, tmp_path):
    require_ctrl_c()
    mark, pid_dir = session
    temp = tmp_path / "tmp"  # the build's own temp folder: the run's trace folder must not stay
    temp.mkdir()
    proc = build_fixture("interrupted", tmp_path, {"TMPDIR": str(temp)})
    wait_for_pids(pid_dir, 2, proc)
    log, seconds = interrupt(proc)
    assert proc.returncode != 0, log[-4000:]
    assert "KeyboardInterrupt" in log or "Aborted" in log, log[-4000:]
    assert seconds < INTERRUPT_BOUND
    assert_nothing_published(tmp_path / "site")
    assert_nothing_left(mark, pid_dir)
    assert not list(temp.glob("snippetrun-*")), "the interrupted run left its trace folder"


def test_ctrl_c_ends_pytest_while_a_snippet_runs(session, tmp_path):
    require_ctrl_c()
    _, pid_dir = session
    temp = tmp_path / "tmp"
    temp.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(FAULTS / "interrupt_target.py")],
        cwd=ROOT,
        env=dict(os.environ, TMPDIR=str(temp)),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    wait_for_pids(pid_dir, 2, proc)
    log, seconds = interrupt(proc)
    assert proc.returncode == pytest.ExitCode.INTERRUPTED, log[-4000:]
    assert "KeyboardInterrupt" in log, log[-4000:]
    assert seconds < INTERRUPT_BOUND
    # The inner session marks its runs "pytest-<its pid>-...": none of them may be alive.
    assert_nothing_left(f"pytest-{proc.pid}-", pid_dir)
    assert not list(temp.glob("snippetrun-*")), "the interrupted run left its trace folder"


# --- the run store between builds ----------------------------------------------------------


def _shown_run_ids(site: Path, language: str = "zh") -> list[tuple[str, str]]:
    html = ((site / "en") if language == "en" else site).joinpath("index.html").read_text(encoding="utf-8")
    return re.findall(r'data-run-id="(\w+)"[^>]*data-reused="(true|false)"', html)


def test_a_later_build_reuses_runs_and_a_published_build_makes_them_again(session, tmp_path):
    store = {"FAULT_STORE": str(tmp_path / "store")}
    builds = {}
    for name, extra in (("first", {}), ("second", {}), ("published", {"SNIPPETRUN_FRESH": "true"})):
        (tmp_path / name).mkdir()
        proc = build_fixture("stored", tmp_path / name, {**store, **extra})
        log = finish(proc, BOUND)
        assert proc.returncode == 0, log[-4000:]
        builds[name] = (_shown_run_ids(tmp_path / name / "site"), log)
    [(first, reused)] = builds["first"][0]
    assert reused == "false" and "1 new runs, 0 reused from the run store" in builds["first"][1]
    assert builds["second"][0] == [(first, "true")]  # the same run, and the page says it is reused
    assert "no snippet re-run (1 reused from the run store)" in builds["second"][1]
    assert "复用" in (tmp_path / "second" / "site" / "index.html").read_text(encoding="utf-8")
    [(published, reused)] = builds["published"][0]
    assert published != first and reused == "false"
    assert _shown_run_ids(tmp_path / "published" / "site", "en") == [(published, "false")]  # both passes, one run


def test_an_ignored_sigint_fails_the_ctrl_c_tests_with_a_message():
    """The Ctrl-C tests under a SIGINT that is ignored: they fail, and say why."""
    proc = subprocess.run(
        [
            "bash",
            "-c",
            'trap "" INT; exec "$0" -m pytest -q -p no:cacheprovider "$1" -k ctrl_c_ends_pytest',
            sys.executable,
            str(Path(__file__)),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=BOUND,
    )
    assert proc.returncode == pytest.ExitCode.TESTS_FAILED, proc.stdout[-3000:]
    assert "SIGINT is ignored in this pytest process" in proc.stdout, proc.stdout[-3000:]
