"""Chapter 2, processes: each test checks a claim its page makes about a snippet's real run."""

from __future__ import annotations

import dataclasses
import re

import pytest

from snippetrun import fresh_run, shown_run
from snippetrun.testing import shown_spec
from tests.runs import ALL, children, exception_line, main_pid, texts

NOT_FORK = ("spawn", "forkserver")


def matching(run, pattern: str) -> list[re.Match]:
    return [m for m in (re.fullmatch(pattern, t) for t in texts(run)) if m]


def version(run) -> tuple[int, ...]:
    return tuple(int(part) for part in run.python.split(".")[:3])


def forkserver_imports_main_once(run) -> bool:
    """gh-126631: since 3.13.8 and 3.14.1 the fork server imports __main__ once, itself."""
    v = version(run)
    return v >= (3, 14, 1) or (3, 13, 8) <= v < (3, 14)


def expect_old_forkserver(run) -> None:
    # The forkserver tabs are tested (and their prose written) for releases without that fix.
    assert not forkserver_imports_main_once(run), (
        f"Python {run.python} has the gh-126631 fix: the forkserver claims need a test for it"
    )


def local_object_error(run, qualname: str) -> str:
    """How pickle reports a local object, as `Type: message`, in the run's Python."""
    v = version(run)
    if v >= (3, 14):  # PicklingError with the object's repr (gh-122311, What's New in 3.14)
        return f"PicklingError: Can't pickle local object <function {qualname} at "
    if v >= (3, 12, 5):  # gh-122311's reworded messages, in 3.13 and later 3.12 releases
        return f"AttributeError: Can't get local object '{qualname}'"
    return f"AttributeError: Can't pickle local object '{qualname}'"


def builtin_main_repr(run) -> str:
    """How a module with no file (`python -c`, the REPL) is shown."""
    if version(run) < (3, 12):
        return "<module '__main__' (built-in)>"
    return "<module '__main__' (<class '_frozen_importlib.BuiltinImporter'>)>"


def forkserver_preload_uses_sys_path(run) -> bool:
    """gh-117378: since 3.12.8 and 3.13.1 the fork server imports preloaded modules with the
    parent's sys.path; before, a module beside the program failed to import, silently."""
    v = version(run)
    return v >= (3, 13, 1) or (3, 12, 8) <= v < (3, 13)


# --- Why processes ------------------------------------------------------------------------


def test_gil_compare_same_result_in_all_three_runs():
    run = shown_run("processes/gil_compare.py")
    assert "GIL enabled: True" in texts(run)[0]
    assert texts(run)[1].startswith("load average over the last minute, before the runs: ")
    rows = matching(run, r"(sequential|threads|processes)\s+[\d.]+\s+[\d.]+x\s+(\[.*\])")
    assert [m[1] for m in rows] == ["sequential", "threads", "processes"]
    assert {m[2] for m in rows} == {"[750000, 750000, 750000, 750000]"}
    assert "same result in all three: True" in texts(run)


# --- A process's life ---------------------------------------------------------------------


def test_exit_codes():
    run = shown_run("processes/exit_codes.py")
    lines = texts(run)
    assert [t for t in lines if "exitcode=" in t] == [
        "finish            exitcode=0",
        "give_up           exitcode=3",
        "complain          exitcode=1",
        "crash             exitcode=1",
        "killed_by_signal  exitcode=-15",
    ]
    # the uncaught exception: "Process crash:", its traceback, then the parent's report
    crash = lines.index("crash             exitcode=1")
    assert lines.index("Process crash:") < lines.index("ValueError: no such user") < crash
    assert run.output.count("Traceback (most recent call last)") == 1
    # sys.exit("bad config") prints its message before the parent reports exit code 1
    assert lines.index("bad config") < lines.index("complain          exitcode=1")


def test_stopping_join_timeout_terminate_kill_close():
    run = shown_run("processes/stopping.py")
    assert texts(run) == [
        "after join(0.2): alive=True exitcode=None",
        "after terminate(): alive=False exitcode=-15",
        "careful: got SIGTERM, cleaning up",
        "careful after terminate(): exitcode=0",
        "careful after kill(): exitcode=-9",
        "after close(): process object is closed",
    ]


def test_daemon_is_terminated_worker_is_waited_for():
    run = shown_run("processes/daemon.py")
    lines = texts(run)
    assert "daemon: cannot start a child: daemonic processes are not allowed to have children" in lines
    main_line = "main: end of the main block; daemon alive=True, worker alive=True"
    worker_line = "worker: the main block has ended, I still finish my work"
    sigterm_line = "daemon: got SIGTERM as the parent exits"
    assert lines.index(main_line) < lines.index(worker_line)
    assert lines.index(main_line) < lines.index(sigterm_line)
    assert lines.count(sigterm_line) == 1
    assert run.exit_code == 0


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_subclass_names_and_parents(method):
    run = shown_run("processes/subclass.py", method)
    rows = matching(run, r"(main|child|grandchild)\s+current_process: (\S+) \(pid (\d+)\) \| parent_process: (.*)")
    seen = [(where, name, parent) for where, name, _, parent in (m.groups() for m in rows)]
    pids = {m[2]: int(m[3]) for m in rows}
    main = pids["MainProcess"]
    assert main == main_pid(run)
    assert seen == [
        ("main", "MainProcess", "None"),
        ("child", "Downloader-1", f"MainProcess (pid {main})"),
        ("grandchild", "Process-1:1", f"Downloader-1 (pid {pids['Downloader-1']})"),
        ("child", "downloader-b", f"MainProcess (pid {main})"),
        ("grandchild", "Process-2:1", f"downloader-b (pid {pids['downloader-b']})"),
    ]
    assert "child       fetching https://example.org/a" in texts(run)
    assert "child       fetching https://example.org/b" in texts(run)
    assert texts(run)[-1] == "names given by default: Downloader-1 | given by us: downloader-b"


# --- Start methods ------------------------------------------------------------------------


@pytest.mark.parametrize("method", ALL)
def test_start_methods_copy_or_reimport(method):
    run = shown_run("processes/start_methods.py", method)
    top = matching(run, r"top level of the module: pid (\d+), __name__ = '(.*)'")
    children = matching(run, r"child (\d): pid (\d+), parent pid (\d+), SETTING = '(.*)'")
    assert f"main: pid {main_pid(run)}, start method {method}" in texts(run)
    assert [m[1] for m in children] == ["1", "2"]
    assert top[0].groups() == (str(main_pid(run)), "__main__")
    parents = {int(m[3]) for m in children}
    if method == "forkserver":
        expect_old_forkserver(run)
    if method == "fork":
        assert len(top) == 1  # the top level ran once, in the parent
        assert {m[4] for m in children} == {"changed by main() before start()"}
        assert parents == {main_pid(run)}
    else:
        # every child ran the top level again, as __mp_main__, and saw the import-time value
        assert [(m[1], m[2]) for m in top[1:]] == [(m[2], "__mp_main__") for m in children]
        assert {m[4] for m in children} == {"set at import"}
    if method == "spawn":
        assert parents == {main_pid(run)}
    if method == "forkserver":
        server = next(lane for lane in run.timeline.lanes if lane.role == "forkserver")
        assert parents == {server.pid} != {main_pid(run)}


def test_contexts_and_set_start_method():
    run = shown_run("processes/contexts.py")
    assert texts(run) == [
        "available here: ['fork', 'spawn', 'forkserver'] (the first is the default)",
        "global start method now: spawn",
        "a second set_start_method(): context has already been set",
        "global-spawn: imported the module itself",
        "context-fork: a copy of its parent",
        "context-forkserver: imported the module itself",
        "global start method still: spawn",
    ]
    assert set(run.timeline.methods_used) == set(ALL)


@pytest.mark.parametrize("method", ALL)
def test_what_a_child_inherits(method):
    run = shown_run("processes/inherit.py", method)
    lines = texts(run)
    if method == "forkserver":
        expect_old_forkserver(run)
    if method == "fork":
        assert "child: SETTING = 'changed by main()'" in lines
        assert "child: module-level LOCK acquired: False" in lines  # the parent's held lock
        assert any(re.fullmatch(r"child: fd \d+ is the parent's file: b'written by the parent'", t) for t in lines)
    else:
        assert "child: SETTING = 'set at import'" in lines
        assert "child: module-level LOCK acquired: True" in lines  # a new lock of its own
        assert any(re.fullmatch(r"child: fd \d+ is not the parent's file here: .*", t) for t in lines)
    if method == "forkserver":
        assert "leaked semaphore" in run.output


def random_rows(run) -> list[tuple[int, ...]]:
    return [tuple(int(x) for x in m.groups()) for m in matching(run, r"\s*(\d)\s+(\d+)\s+(\d+)\s+(\d+)")]


@pytest.mark.parametrize("method", ALL)
def test_random_state(method):
    run = shown_run("processes/random_state.py", method)
    rows = random_rows(run)
    if method == "forkserver":
        expect_old_forkserver(run)
    assert [row[0] for row in rows] == [0, 1, 2, 3]
    assert len({row[1] for row in rows}) == 4  # the random module reseeds itself in a forked child
    assert len({row[3] for row in rows}) == 4
    rng_distinct = len({row[2] for row in rows})
    assert rng_distinct == (1 if method == "fork" else 4)
    assert f"RNG.getrandbits: {rng_distinct} distinct of 4" in texts(run)


def test_random_state_fix_is_reproducible_under_every_method():
    columns = {tuple(row[3] for row in random_rows(shown_run("processes/random_state.py", m))) for m in ALL}
    assert len(columns) == 1


def test_startup_cost_every_child_exits_zero():
    run = shown_run("processes/startup_cost.py")
    rows = matching(run, r"(fork|spawn|forkserver)\s+[\d.]+\s+[\d.]+x\s+(\[.*\])")
    assert [m[1] for m in rows] == list(ALL)
    assert {m[2] for m in rows} == {str([0] * 10)}
    assert re.search(r"^fork\s+[\d.]+\s+1\.0x", run.output, re.M)


# --- Picklability and the __main__ guard --------------------------------------------------


def test_pickle_by_name():
    run = shown_run("processes/pickle_by_name.py")
    lines = texts(run)
    assert lines[0].startswith("square                         pickled")
    assert "__main__" in lines[0] and "square" in lines[0]
    assert lines[1].startswith("functools.partial(square, 3)   pickled")
    assert lines[2].startswith("lambda x: x * x ")
    assert lines[3].startswith("make_adder(1) ")
    assert local_object_error(run, "main.<locals>.<lambda>") in lines[2]
    assert local_object_error(run, "make_adder.<locals>.add") in lines[3]


def test_lambda_target_works_under_fork():
    run = shown_run("processes/lambda_target.py", "fork")
    assert texts(run) == ["child: hello from a lambda", "main: exitcode 0"]


@pytest.mark.parametrize("method", NOT_FORK)
def test_lambda_target_fails_to_pickle(method):
    run = shown_run("processes/lambda_target.py", method)
    assert local_object_error(run, "main.<locals>.<lambda>") in exception_line(run)
    assert "child:" not in run.output and "main: exitcode" not in run.output  # start() itself failed
    assert "sitecustomize" not in run.output  # the engine's tracer adds no frame readers would see


@pytest.mark.parametrize("method", ALL)
def test_target_fixed(method):
    run = shown_run("processes/target_fixed.py", method)
    assert texts(run) == ["child: hi, first", "main: exitcode 0", "child: hello, second", "main: exitcode 0"]


@pytest.mark.parametrize("method", ALL)
def test_no_main_guard(method):
    run = shown_run("processes/no_main_guard.py", method)
    top = matching(run, r"top level: pid (\d+), __name__ = '(.*)'")
    if method == "forkserver":
        expect_old_forkserver(run)
    main = main_pid(run)
    assert top[0].groups() == (str(main), "__main__")
    assert run.exit_code == 0
    if method == "fork":
        assert len(top) == 1
        assert texts(run)[-2:] == ["child: working", f"pid {main}: child exitcode 0"]
        assert "Traceback" not in run.output
    else:
        # the child re-ran the unguarded top level, tried to start a process of its own and failed
        assert [m[2] for m in top] == ["__main__", "__mp_main__"]
        assert "RuntimeError" in run.output
        assert "An attempt has been made to start a new process before the" in run.output
        assert "current process has finished its bootstrapping phase." in run.output
        assert "child: working" not in run.output
        assert texts(run)[-1] == f"pid {main}: child exitcode 1"


@pytest.mark.parametrize("method", NOT_FORK)
def test_main_guard(method):
    run = shown_run("processes/main_guard.py", method)
    main = main_pid(run)
    if method == "forkserver":
        expect_old_forkserver(run)
    top = matching(run, r"top level: pid (\d+), __name__ = '(.*)'")
    assert [m[2] for m in top] == ["__main__", "__mp_main__"]
    assert texts(run)[-2:] == ["child: working", f"pid {main}: child exitcode 0"]


def test_jobs_module_runs_on_its_own():
    run = shown_run("processes/jobs.py")
    assert texts(run) == ["square(7) = 49"]


def test_interactive_session_fails_module_works():
    run = shown_run("processes/interactive.py")
    error = f"AttributeError: Can't get attribute 'square' on {builtin_main_repr(run)}"
    assert texts(run) == [
        "--- python -c: square defined in the session",
        "exitcode 1",
        f"error on stderr: {error}",
        "--- python -i: the same lines typed at the >>> prompt",
        "exitcode 1",
        f"error on stderr: {error}",
        "--- python -c: square imported from jobs.py",
        "square(7) = 49",
        "exitcode 0",
    ]


def test_freeze_support_is_a_no_op_when_not_frozen():
    run = shown_run("processes/freeze_support.py")
    lines = [line.strip() for line in texts(run)]  # the command lines are indented
    assert lines[:3] == ["frozen: False", "argv[1:]: []", "freeze_support() returned; the program goes on"]
    spawned = lines[lines.index("a spawned child starts as:") + 1 : lines.index("frozen, it would start as:")]
    assert spawned[0] == "<python>"
    assert spawned[-3:] == [
        "-c",
        "from multiprocessing.spawn import spawn_main; spawn_main(pipe_handle=7)",
        "--multiprocessing-fork",
    ]
    assert lines[lines.index("frozen, it would start as:") + 1 :] == [
        "<the program itself>",
        "--multiprocessing-fork",
        "pipe_handle=7",
        "is_forking(['--multiprocessing-fork', 'pipe_handle=7']): True",
    ]


# --- Fork and threads ---------------------------------------------------------------------

WARNING = "is multi-threaded, use of fork() may lead to deadlocks in the child."


@pytest.mark.parametrize("method", ALL)
def test_fork_with_a_thread_holding_a_lock(method):
    run = shown_run("processes/fork_with_thread.py", method, python="3.12")
    lines = texts(run)
    assert run.python.startswith("3.12.")
    assert f"main: start method {method}, threads alive: 2" in lines
    assert "child: threads alive here: 1" in lines
    assert "main: exitcode 0, LOCK acquired in main after the thread ended: True" in lines
    if method == "fork":
        assert "child: LOCK acquired: False" in lines  # copied while held; its owner is not in the child
        assert "DeprecationWarning" in run.output and WARNING in run.output
        assert "multiprocessing/popen_fork.py" in run.output
    else:
        assert "child: LOCK acquired: True" in lines
        assert "DeprecationWarning" not in run.output


# --- Python 3.14's default start method ---------------------------------------------------


@pytest.mark.parametrize("method", ["fork", "forkserver"])
def test_py314_default(method):
    run = shown_run("processes/py314_default.py", method)
    lines = texts(run)
    main = main_pid(run)
    assert lines[:2] == [f"top level: __main__ imported in pid {main}", f"main: start method {method}"]
    if method == "fork":
        assert lines[2:] == [
            "function: SETTING = 'changed by main()'",
            "function: TABLE has 3 rows",
            "lambda: SETTING = 'changed by main()'",
            "lambda: TABLE has 3 rows",
        ]
        return
    expect_old_forkserver(run)  # the child, not the server, imports the module again
    (child,) = children(run)  # the lambda's process never started
    assert lines[2:5] == [
        f"top level: __mp_main__ imported in pid {child.pid}",
        "function: SETTING = 'set at import'",
        "function: NameError: name 'TABLE' is not defined",
    ]
    failed = "lambda: start() failed: " + local_object_error(run, "main.<locals>.<lambda>")
    assert lines[5].startswith(failed) and len(lines) == 6


def test_forkserver_preload():
    run = shown_run("processes/forkserver_preload.py")
    main_by = "the fork server" if forkserver_imports_main_once(run) else "this child"
    # colorsys is found on any sys.path; jobs.py, beside the program, only with gh-117378's fix
    found = ["colorsys", "jobs"] if forkserver_preload_uses_sys_path(run) else ["colorsys"]
    expected = []
    for n in (1, 2):
        expected += [
            f"child {n}: __main__ imported by {main_by}",
            f"child {n}: already imported when it started: {found}",
        ]
    assert texts(run) == [*expected, "main: of ['colorsys', 'jobs', 'wave'], imported here: []"]
    assert {lane.role for lane in run.timeline.lanes} >= {"forkserver", "child"}


# The page's table: examples the site shows under fork (or spawn), run again under forkserver.


def same_lines(run) -> list[str]:
    """The run's lines without what differs between any two runs (pids, times, random names),
    in sorted order: lines of different processes may interleave differently."""
    out = []
    for line in texts(run):
        if "resource_tracker" in line or line.strip() == "warnings.warn(":
            continue  # checked on its own below
        line = re.sub(r"\b(pid|parent|ppid)\b[ =:]*\d+", r"\1 N", line)
        line = re.sub(r"\d+\.\d+ s\b", "T s", line)
        line = re.sub(r"psm_[0-9a-f]+|0x[0-9a-f]+", "X", line)
        out.append(line)
    return sorted(out)


def under_forkserver(snippet: str, method: str | None):
    return fresh_run(dataclasses.replace(shown_spec(snippet, method), method="forkserver"))


@pytest.mark.parametrize(
    ("snippet", "shown_method"),
    [
        # shown with no tabs, under the default method (fork)
        ("processes/exit_codes.py", None),
        ("processes/stopping.py", None),
        ("pitfalls/no_error_callback.py", None),
        ("pitfalls/get_after_with.py", None),
        ("sharing/pass_not_share.py", None),
        ("sharing/value_array.py", None),
        # chapter 1's programs, shown under fork only
        ("basics/process_seed.py", "fork"),
        ("basics/pool_seed.py", "fork"),
        ("basics/pool_lost_error.py", "fork"),
        # fork and spawn tabs: forkserver prints what the spawn tab shows
        ("pitfalls/global_in_child.py", "spawn"),
        ("pitfalls/module_lock.py", "spawn"),
        ("sharing/inherit_readonly.py", "spawn"),
    ],
)
def test_py314_table_same_output_under_forkserver(snippet, shown_method):
    shown = shown_run(snippet, shown_method)
    run = under_forkserver(snippet, shown_method)
    expect_old_forkserver(run)  # module-level objects are per child, as under spawn
    assert same_lines(run) == same_lines(shown)
    # a module-level lock made in each forkserver child is left for the resource tracker
    leaked = "UserWarning: resource_tracker: There appear to be 2 leaked semaphore objects"
    assert (leaked in run.output) == (snippet == "pitfalls/module_lock.py")
    assert "resource_tracker" not in shown.output


@pytest.mark.parametrize(
    ("snippet", "shown_method"), [("pitfalls/ctrl_c_worker.py", None), ("pools/logging_queue.py", "spawn")]
)
def test_py314_table_pool_worker_names(snippet, shown_method):
    shown = shown_run(snippet, shown_method).output
    assert ("ForkPoolWorker-" if shown_method is None else "SpawnPoolWorker-") in shown
    output = under_forkserver(snippet, shown_method).output
    assert "ForkServerPoolWorker-" in output
    assert "ForkPoolWorker-" not in output and "SpawnPoolWorker-" not in output


# --- Lesson 6: how many workers -------------------------------------------------------------


def counts(run, who: str) -> dict[str, int | None]:
    """What ``who`` ("parent", "child") printed: each count by name; None: does not exist."""
    found: dict[str, int | None] = {}
    for text in texts(run):
        if not text.startswith(who + ": "):
            continue
        body = text.removeprefix(who + ": ")
        if m := re.fullmatch(r"((?:in a worker, )?\S+) = (\d+)", body):
            found[m[1]] = int(m[2])
        elif m := re.fullmatch(r"(os\.process_cpu_count\(\)) does not exist on (\S+)", body):
            assert m[2] == run.python
            found[m[1]] = None
        elif m := re.fullmatch(r"Pool\(\) starts (\d+) workers?", body):
            found["Pool()"] = int(m[1])
    return found


@pytest.mark.parametrize("python", [None, "3.12"])
def test_cpu_counts_and_the_default_pool_size(python):
    run = shown_run("processes/cpu_counts.py", python=python)
    if python:
        assert run.python.startswith(python + ".")
    assert texts(run)[0] == f"Python {run.python}"
    new = tuple(int(p) for p in run.python.split(".")[:2]) >= (3, 13)
    parent, child = counts(run, "parent"), counts(run, "child")
    for seen in (parent, child):
        assert set(seen) == {
            "os.cpu_count()",
            "os.process_cpu_count()",
            "len(os.sched_getaffinity(0))",
            "Pool()",
            "in a worker, len(os.sched_getaffinity(0))",
        }
        assert seen["len(os.sched_getaffinity(0))"] <= seen["os.cpu_count()"]
        # A pool's workers inherit the affinity of the process that starts them.
        assert seen["in a worker, len(os.sched_getaffinity(0))"] == seen["len(os.sched_getaffinity(0))"]
        if new:  # 3.13+: process_cpu_count() is the affinity, and Pool() uses it
            assert seen["os.process_cpu_count()"] == seen["len(os.sched_getaffinity(0))"]
            assert seen["Pool()"] == seen["os.process_cpu_count()"]
        else:  # before 3.13: no process_cpu_count(), and Pool() uses cpu_count()
            assert seen["os.process_cpu_count()"] is None
            assert seen["Pool()"] == seen["os.cpu_count()"]
    # The child pinned itself to one CPU: cpu_count() does not change, the affinity does.
    assert child["len(os.sched_getaffinity(0))"] == 1
    assert child["os.cpu_count()"] == parent["os.cpu_count()"]
    assert any(re.fullmatch(r"parent: (no cgroup CPU limit file|/sys/fs/cgroup/.+)", t) for t in texts(run))
