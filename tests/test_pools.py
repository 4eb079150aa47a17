"""Chapter 5, pools and executors: each test checks a claim its page makes about a run."""

from __future__ import annotations

import ast
import re

import pytest

from snippetrun import shown_run
from snippetrun.trace import Lane
from tests.runs import BOTH, lines_of, main_pid, texts, value_after, version

pytestmark = pytest.mark.timeout(300)


def workers(run) -> list[Lane]:
    return [lane for lane in run.timeline.lanes if lane.role == "child"]


def calls(run, name: str) -> list:
    """Every traced call of ``name`` in any worker, as (span, lane), by start time."""
    found = [(c, lane) for lane in workers(run) for c in lane.calls if c.label.startswith(name + "(")]
    return sorted(found, key=lambda item: item[0].start)


# --- Lesson 1: multiprocessing.Pool ------------------------------------------------------


@pytest.mark.parametrize("method", BOTH)
def test_map_family_orders(method):
    run = shown_run("pools/map_family.py", method)
    assert value_after(run, "map:") == [4, 9, 16]
    assert value_after(run, "starmap:") == [2, 32]
    assert value_after(run, "imap:") == [0, 1, 2]
    assert value_after(run, "imap_unordered:") == [2, 0, 1]
    # The second group of task bars (imap_unordered) ends in the order 2, 0, 1.
    unordered = calls(run, "task")[3:]
    ends = sorted(unordered, key=lambda item: item[0].end)
    assert [span.label for span, _ in ends] == ["task(2)", "task(0)", "task(1)"]


@pytest.mark.parametrize("method", BOTH)
def test_callbacks_run_in_a_thread_of_the_parent(method):
    run = shown_run("pools/callbacks.py", method)
    pid = main_pid(run)
    lines = texts(run)
    assert lines[1] == "apply: 9"
    assert lines[0] == f"main() runs in pid {pid}, thread MainThread"
    callbacks = [t for t in lines if "callback(" in t]
    threads = {t.rsplit(", thread ", 1)[1] for t in callbacks}
    [thread] = threads  # one thread calls every callback, in turn
    assert thread.endswith("(_handle_results)")
    assert set(callbacks) == {
        f"callback(16) runs in pid {pid}, thread {thread}",
        f"callback([1, 4]) runs in pid {pid}, thread {thread}",
        f"error_callback(ValueError('negative input: -1')) runs in pid {pid}, thread {thread}",
    }
    assert all(line.process == "MainProcess" for line in run.lines)
    assert lines[-1] == "successful(): True False"


@pytest.mark.parametrize("method", BOTH)
def test_default_chunksize_is_four_chunks_per_worker(method):
    """24 tasks, 2 workers, no chunksize: ceil(24 / (4 * 2)) = 3 tasks a chunk, so every
    worker's tasks are whole runs of 3 consecutive tasks starting at a multiple of 3."""
    run = shown_run("pools/chunksize.py", method)
    groups = value_after(run, "default: tasks per worker")
    assert sorted(x for group in groups for x in group) == list(range(24))
    for group in groups:
        assert len(group) % 3 == 0
        assert all(group[i : i + 3] == list(range(group[i], group[i] + 3)) for i in range(0, len(group), 3))
        assert all(group[i] % 3 == 0 for i in range(0, len(group), 3))


@pytest.mark.parametrize("method", BOTH)
def test_chunksize_groups_consecutive_tasks(method):
    run = shown_run("pools/chunksize.py", method)
    one = value_after(run, "chunksize=1: tasks per worker")
    four = value_after(run, "chunksize=4: tasks per worker")
    assert sorted(x for group in one for x in group) == list(range(8))
    chunks = [[0, 1, 2, 3], [4, 5, 6, 7]]
    assert sorted(four) in (chunks, [list(range(8))])  # whole chunks only
    # On the timeline: each lane runs the chunksize=4 tasks as whole runs of 4.
    last = calls(run, "task")[8:16]
    for lane in {id(lane): lane for _, lane in last}.values():
        args = [int(span.label[5:-1]) for span, owner in last if owner is lane]
        assert all(args[i : i + 4] in chunks for i in range(0, len(args), 4))


@pytest.mark.parametrize("method", BOTH)
def test_initializer_runs_once_per_worker(method):
    run = shown_run("pools/initializer.py", method)
    inits = [line for line in run.lines if line.text.startswith("initializer ran")]
    assert len(inits) == 2
    assert {line.process for line in inits} == {lane.name for lane in workers(run)}
    pids = {int(line.text.split()[-1]) for line in inits}
    used = [
        re.fullmatch(r"task (\d) used the db connection of pid (\d+)", t) for t in texts(run) if t.startswith("task")
    ]
    assert [m[1] for m in used] == ["0", "1", "2"]
    assert {int(m[2]) for m in used} <= pids


@pytest.mark.parametrize("method", BOTH)
def test_maxtasksperchild_replaces_workers(method):
    run = shown_run("pools/maxtasks.py", method)
    letters = texts(run)[0].removeprefix("worker of each task: ").split()
    assert len(letters) == 6
    assert all(letters.count(letter) <= 2 for letter in letters)
    distinct = int(texts(run)[1].removeprefix("distinct worker pids: "))
    assert distinct == len(set(letters)) >= 3
    assert len(workers(run)) > 2
    assert "DeprecationWarning" not in run.output  # hidden by the default filters


@pytest.mark.parametrize("method", BOTH)
def test_close_join_versus_terminate_versus_with(method):
    run = shown_run("pools/close_terminate.py", method)
    assert texts(run) == [
        "close + join: [0, 1, 2, 3]",
        "terminate: ready() = [False, False, False, False]",
        "after the with block: get(timeout=1) raised TimeoutError",
    ]
    assert all(span.end is None for span, _ in calls(run, "task") if span.label == "task(9)")


@pytest.mark.parametrize("method", BOTH)
def test_threadpool_runs_in_the_main_process(method):
    run = shown_run("pools/threadpool.py", method)
    pid = main_pid(run)
    lines = texts(run)
    assert lines[0] == f"main: pid {pid}"
    rows = [re.fullmatch(r"square=(\d+) pid=(\d+) thread=(Thread-\d+ \(worker\))", t) for t in lines[1:4]]
    assert [int(m[1]) for m in rows] == [0, 1, 4]
    assert {int(m[2]) for m in rows} == {pid}
    assert lines[4] == "imap_unordered: [1, 2]"
    assert re.fullmatch(r"Pool has \d+ public methods; ThreadPool lacks \[\]", lines[5])
    assert workers(run) == []


# --- Lesson 2: ProcessPoolExecutor -------------------------------------------------------


@pytest.mark.parametrize("method", BOTH)
def test_executor_submit_wait_as_completed_map(method):
    run = shown_run("pools/executor_submit.py", method)
    assert texts(run) == [
        "submitted: [False, False, False] done",
        "FIRST_COMPLETED: [1] 2",
        "as_completed: [2, 0]",
        "FIRST_EXCEPTION: [\"ValueError('negative input: -1')\"], 2 not done",
        "map: [2, 1, 0]",
        "map, chunksize=2: [0, 1, 2]",
        "map's default chunksize: 1",
    ]


@pytest.mark.parametrize("method", BOTH)
def test_executor_reraises_with_the_workers_traceback(method):
    run = shown_run("pools/executor_traceback.py", method)
    lines = texts(run)
    remote = lines.index("concurrent.futures.process._RemoteTraceback: ")
    cause = lines.index("The above exception was the direct cause of the following exception:")
    in_worker = next(i for i, t in enumerate(lines) if 'executor_traceback.py", line 5, in parse' in t)
    in_parent = next(i for i, t in enumerate(lines) if 'executor_traceback.py", line 11, in main' in t)
    assert remote < in_worker < cause < in_parent
    assert lines[-1] == "ValueError: invalid literal for int() with base 10: 'forty-two'"
    assert all(line.process == "MainProcess" for line in run.lines)


@pytest.mark.parametrize("method", BOTH)
def test_executor_cancel_and_shutdown(method):
    run = shown_run("pools/executor_cancel.py", method)
    lines = texts(run)
    assert lines[:2] == ["cancel() on the running task: False", "cancel() on the last task:    True"]
    m = re.fullmatch(r"ran: (\[.*\]) \| cancelled: (\[.*\])", lines[2])
    ran, cancelled = ast.literal_eval(m[1]), ast.literal_eval(m[2])
    assert 0 in ran and {3, 4, 5} <= set(cancelled)  # every run: task 0 held the worker
    assert sorted(ran + cancelled) == list(range(6))
    assert ran in ([0], [0, 1], [0, 1, 2])  # only a prefix ran: the queued ones
    assert value_after(run, "results:") == ran


def has_gh_115634_fix(run) -> bool:
    """The max_tasks_per_child deadlock was fixed in 3.13.15 and 3.14.7 (gh-140900)."""
    v = version(run)
    return v >= (3, 15, 0) or (3, 14, 7) <= v < (3, 15, 0) or (3, 13, 15) <= v < (3, 14, 0)


def test_executor_max_tasks_per_child_hang_per_release():
    run = shown_run("pools/executor_max_tasks_hang.py")
    tracker = "UserWarning: resource_tracker: There appear to be"
    lines = [t for t in texts(run) if tracker not in t and t.strip() != "warnings.warn("]
    if has_gh_115634_fix(run):
        assert lines == ["3 s after the first two: 6 of 6 tasks done, workers used: 3", "main: its exit code: 0"]
        return
    assert lines == [
        "3 s after the first two: 2 of 6 tasks done, workers used: 1",
        "main: 2 s after its report that process still waits; kill it",
        "main: its exit code: -9",
    ]
    warned = any(tracker in t for t in texts(run))
    assert warned == (version(run) >= (3, 13, 0))  # 3.13's tracker reports the semaphores
    assert not run.leftovers


@pytest.mark.parametrize("method", BOTH)
def test_executor_options(method):
    run = shown_run("pools/executor_options.py", method)
    lines = texts(run)
    assert lines[0] == "start method: spawn"
    inits = [line for line in run.lines if "initializer in" in line.text]
    assert sorted(line.text for line in inits) == [f"spawn: initializer in SpawnProcess-{i}" for i in (1, 2)]
    assert {line.process for line in inits} == {"SpawnProcess-1", "SpawnProcess-2"}
    assert "max_tasks_per_child=1: 4 tasks, distinct pids 4" in lines
    assert "default context then: spawn" in lines
    assert lines[-1] == (
        "fork + max_tasks_per_child: max_tasks_per_child is incompatible with the 'fork' "
        "multiprocessing start method; supply a different mp_context."
    )
    assert "spawn" in run.timeline.methods_used


# --- Lesson 3: when things go wrong ------------------------------------------------------


@pytest.mark.parametrize("method", BOTH)
def test_errors_raise_in_both_apis(method):
    run = shown_run("pools/errors_raise.py", method)
    assert texts(run) == [
        "Pool.map raised: ValueError('bad input: 1') - no result at all",
        "Pool.imap went on: [0, \"ValueError('bad input: 1')\", 2]",
        "Executor.map raised: ValueError('bad input: 1') after [0]",
        "one future each: {0: 0, 1: \"ValueError('bad input: 1')\", 2: 2}",
    ]


@pytest.mark.parametrize("method", BOTH)
def test_errors_hang_timeouts_and_the_stuck_worker(method):
    run = shown_run("pools/errors_hang.py", method)
    lines = texts(run)
    assert lines[:6] == [
        # Pool's timeout is multiprocessing's own class, not the builtin; the executor's is.
        "Pool: get(timeout=0.5) raised multiprocessing.context.TimeoutError",
        "Pool: a builtin TimeoutError? False",
        "Pool: the worker is still busy, ready() = False",
        "Pool: terminate() stopped it",
        "Executor: result(timeout=0.5) raised builtins.TimeoutError",
        "Executor: cancel() = False (it is running)",
    ]
    assert re.fullmatch(r"Executor: shutdown returned after [\d.]+ s: 1", lines[6])
    # The Pool's stuck task never ended; the executor's ended before shutdown returned.
    stuck = {span.label: span for span, _ in calls(run, "stuck")}
    assert stuck["stuck(30)"].end is None
    assert stuck["stuck(1)"].end is not None and stuck["stuck(1)"].end < run.lines[6].ms


BROKEN_FUTURE = (
    "concurrent.futures.process.BrokenProcessPool: A process in the process pool was"
    " terminated abruptly while the future was running or pending."
)
BROKEN_SUBMIT = (
    "concurrent.futures.process.BrokenProcessPool: A child process terminated abruptly,"
    " the process pool is not usable anymore"
)


@pytest.mark.parametrize("method", BOTH)
def test_errors_killed_worker(method):
    run = shown_run("pools/errors_killed.py", method)
    assert texts(run) == [
        "Executor: task 0: BrokenProcessPool",
        "Executor: task 1: BrokenProcessPool",
        "Executor: task 2: BrokenProcessPool",
        f"Executor: their message: {BROKEN_FUTURE}",
        f"Executor: submit() afterwards: {BROKEN_SUBMIT}",
        "Pool: the lost task: get(timeout=1) raised multiprocessing.context.TimeoutError",
        "Pool: a new task still runs: 10",
    ]
    # Task 1 was running in the other worker when task 0 killed its own; task 2 was queued
    # and never started.
    started = {span.label: (span, lane) for span, lane in calls(run, "task")}
    assert sorted(started) == ["task(0)", "task(1)"]
    (task0, lane0), (task1, lane1) = started["task(0)"], started["task(1)"]
    assert lane0.pid != lane1.pid
    assert task0.end is None and task1.end is None  # neither task returned


@pytest.mark.parametrize("method", BOTH)
def test_errors_retry_completes_and_leaves_no_child(method):
    run = shown_run("pools/errors_retry.py", method)
    lines = texts(run)
    attempts = [re.fullmatch(r"attempt (\d): (\d) of 5 done", t) for t in lines[:-2]]
    assert [int(m[1]) for m in attempts] == [1, 2]
    assert int(attempts[0][2]) < 5 and attempts[1][2] == "5"
    assert lines[-2:] == ["results: [0, 10, 20, 30, 40]", "children left: []"]
    assert not run.leftovers


# --- Lesson 4: Ctrl-C --------------------------------------------------------------------


@pytest.mark.parametrize("method", BOTH)
def test_ctrl_c_naive_every_worker_prints_a_traceback(method):
    run = shown_run("pools/ctrl_c_naive.py", method)
    main = [line.text for line in run.lines if line.process == "MainProcess"]
    assert main == [
        "main: KeyboardInterrupt",
        "workers still running: 0",
        "main: get(timeout=1) after that: the results never come",
    ]
    first_two = {lane.name for lane in workers(run)[:2]}
    headers = {line.text for line in run.lines if line.text.startswith("Process ")}
    assert headers == {f"Process {name}:" for name in first_two}
    assert run.output.count("Traceback (most recent call last)") == 2
    interrupts = [line for line in run.lines if line.text == "KeyboardInterrupt"]
    assert sorted(line.process for line in interrupts) == sorted(first_two)
    assert all(lane.exit_code == 1 for lane in workers(run)[:2])


@pytest.mark.parametrize("method", BOTH)
def test_ctrl_c_unhandled_ends_the_program(method):
    run = shown_run("pools/ctrl_c_unhandled.py", method)  # declared exit code -2: SIGINT
    lines = texts(run)
    assert lines[0] == "main: waiting in get(), no timeout, no except"
    assert lines[-1] == "KeyboardInterrupt"
    stripped = [t.strip() for t in lines]
    assert "print(result.get())  # KeyboardInterrupt ends the program here" in stripped
    assert any(re.search(r"multiprocessing/pool\.py\", line \d+, in get$", t) for t in lines)
    assert run.output.count("Traceback (most recent call last)") == 1
    tasks = calls(run, "task")
    assert len(tasks) == 2 and all(span.end is None for span, _ in tasks)
    assert not run.leftovers


@pytest.mark.parametrize("method", BOTH)
def test_ctrl_c_clean_pattern(method):
    run = shown_run("pools/ctrl_c_clean.py", method)
    assert texts(run) == ["main: KeyboardInterrupt, terminating the pool", "children left: []"]
    assert "Traceback" not in run.output
    tasks = calls(run, "task")
    assert len(tasks) == 2 and all(span.end is None for span, _ in tasks)
    assert not run.leftovers


# --- Lesson 5: logging from many processes -----------------------------------------------


@pytest.mark.parametrize("method", BOTH)
def test_logging_queue_one_writer_names_every_process(method):
    run = shown_run("pools/logging_queue.py", method)
    rows = [re.fullmatch(r"(\S+PoolWorker-\d+)\s+working on (\d)", t) for t in texts(run)]
    assert all(rows) and sorted(int(m[2]) for m in rows) == [0, 1, 2, 3]
    prefix = "ForkPoolWorker-" if method == "fork" else "SpawnPoolWorker-"
    assert all(m[1].startswith(prefix) for m in rows)
    assert {m[1] for m in rows} <= {lane.name for lane in workers(run)}
    assert {line.process for line in run.lines} == {"MainProcess"}


@pytest.mark.parametrize("method", BOTH)
def test_log_to_stderr_shows_the_lifecycle(method):
    run = shown_run("pools/logging_mp_debug.py", method)
    child = [line.text for line in run.lines if line.process == "Process-1"]
    assert child[:2] == ["[INFO/Process-1] child process calling self.run()", "[INFO/Process-1] inside the task"]
    ending = ["[INFO/Process-1] process shutting down", "[INFO/Process-1] process exiting with exitcode 0"]
    version = tuple(int(part) for part in run.python.split(".")[:2])
    assert child[2:] == (ending if version < (3, 13) else ending[::-1])
    main = [line.text for line in run.lines if line.process == "MainProcess"]
    assert main == ["[INFO/MainProcess] process shutting down"]


def test_a_lock_held_by_a_killed_process_is_never_released():
    run = shown_run("pools/lock_killed.py")
    assert lines_of(run, "Process-1") == ["child: holds the lock, and is killed now"]
    assert lines_of(run, "MainProcess") == ["child exit code: -9", "parent: acquire(timeout=1) returned False"]
    exited, gave_up = [line.ms for line in run.lines if line.process == "MainProcess"]
    assert gave_up - exited >= 990  # acquire(timeout=1) waited its full second (ms, stamp rounding)
    assert run.timeline.lane("Process-1").exit_code in (-9, None)  # killed: no exit event of its own


# --- Lesson 6: progress bars ----------------------------------------------------------------

FRAME = re.compile(r"squares: +(\d+)%\|[ #0-9]*\| +(\d+)/(\d+) \[")


def frames(run) -> list[tuple[int, int, int]]:
    """(percent, done, total) of every bar line the run printed, in order."""
    found = [FRAME.match(t) for t in texts(run) if t.startswith("squares:")]
    assert all(found)  # every bar line reads as a bar
    return [tuple(int(g) for g in m.groups()) for m in found]


@pytest.mark.parametrize("snippet", ["pools/progress_imap.py", "pools/progress_futures.py"])
def test_progress_bar_counts_every_result_up_to_n_of_n(snippet):
    run = shown_run(snippet)
    bars = frames(run)
    counts = [done for _, done, _ in bars]
    assert {total for _, _, total in bars} == {12}
    assert counts[0] == 0 and bars[0][0] == 0  # drawn before the first result
    assert counts == sorted(counts)  # never goes backwards
    assert set(counts) == set(range(13))  # mininterval=0: a line per result
    assert bars[-1] == (100, 12, 12) and bars[-2] == (100, 12, 12)  # close() draws once more
    assert all(len(t) <= 64 for t in texts(run) if t.startswith("squares:"))  # ncols=64
    assert texts(run)[-2:] == ["results: 12 of 12", "all squares: True"]
    assert "\r" not in run.output
    bar_writers = {line.process for line in run.lines if line.text.startswith("squares:")}
    assert bar_writers == {"MainProcess"}  # the bar lives in the parent


def test_tqdm_starts_every_frame_with_a_carriage_return():
    run = shown_run("pools/progress_raw.py")
    lines = texts(run)
    with_total, without = lines[:8], lines[8:]
    assert with_total == [
        "total=3: tqdm called write() 7 times",
        "'\\r  0%|          | 0/3'",
        "'\\r 33%|###3      | 1/3'",
        "'\\r 67%|######6   | 2/3'",
        "'\\r100%|##########| 3/3'",
        "''",  # close(): is the file still open?
        "'\\r100%|##########| 3/3'",  # close(): the last frame again
        "'\\n'",  # close(): the cursor moves to the next line
    ]
    # No total: a count and a rate, no percentage, no bar.
    assert without[0] == "no total: tqdm called write() 7 times"
    frames = [ast.literal_eval(t) for t in without[1:]]
    assert frames[0] == "\r0it [00:00, ?it/s]"
    # the rate as tqdm writes it: padded to 5 characters, in s/it below one per second
    rate = r"(?: *[\d.]+(?:it/s|s/it)|\?it/s)"
    counts = [re.fullmatch(rf"\r(\d)it \[\d\d:\d\d, {rate}\] *", f) for f in frames[1:4] + frames[5:6]]
    assert [int(m[1]) for m in counts] == [1, 2, 3, 3]
    assert frames[4] == "" and frames[6] == "\n"
    assert not any("%" in f or "|" in f for f in frames)


# --- Questions readers ask: a failing initializer, Ctrl-C with an executor, callbacks ----


@pytest.mark.parametrize("method", BOTH)
def test_errors_initializer_pool_loops_executor_breaks(method):
    run = shown_run("pools/errors_initializer.py", method)
    lines = texts(run)
    prefix = "SpawnPoolWorker" if method == "spawn" else "ForkPoolWorker"
    # Only the first call's traceback is printed: one Pool worker header, one log record.
    headers = [t for t in lines if t.startswith("Process ")]
    assert len(headers) == 1 and re.fullmatch(rf"Process {prefix}-\d+:", headers[0])
    assert lines.count("RuntimeError: cannot connect to the database") == 2
    assert lines.count("Exception in initializer:") == 1
    assert run.output.count("Traceback (most recent call last)") == 2
    assert "Pool: get(timeout=0.2) raised multiprocessing.TimeoutError" in lines
    calls_made = value_after(run, "Pool: initializer calls before terminate():")
    assert calls_made >= 6  # 2 workers and at least 4 replacements
    assert len([lane for lane in workers(run) if "PoolWorker" in lane.name]) >= 6
    assert not calls(run, "task")  # no task ever ran in the Pool (nor in the executor)
    broken = (
        "Executor: BrokenProcessPool: A process in the process pool was terminated abruptly"
        " while the future was running or pending."
    )
    assert lines[-2:] == [broken, "Executor: initializer calls: 1"]
    # The Pool's lines come first, then the executor's log record, then its two lines.
    assert lines.index("Exception in initializer:") > lines.index(
        "Pool: get(timeout=0.2) raised multiprocessing.TimeoutError"
    )
    assert not run.leftovers


@pytest.mark.parametrize("method", BOTH)
def test_ctrl_c_executor_waits_or_cancels(method):
    run = shown_run("pools/ctrl_c_executor.py", method)
    lines = texts(run)
    assert "Traceback" not in run.output
    assert lines[:2] == [
        "with: KeyboardInterrupt has left the with block",
        "with: outcomes: [0, 1, 2, 3, 4, 5, 6, 7]",
    ]
    assert lines[2] == "cancel_futures: KeyboardInterrupt has left the with block"
    outcomes = value_after(run, "cancel_futures: outcomes:")
    assert outcomes[:2] == [0, 1] and outcomes[5:] == ["cancelled"] * 3
    ran = [x for x in outcomes[2:5] if x != "cancelled"]
    assert outcomes[2:5] == ran + ["cancelled"] * (3 - len(ran)) and ran == list(range(2, 2 + len(ran)))
    # The with block was left only after every task of the first round had ended.
    first_round = calls(run, "task")[:8]
    assert sorted(span.label for span, _ in first_round) == [f"task({x})" for x in range(8)]
    assert all(span.end is not None and span.end < run.lines[0].ms for span, _ in first_round)
    assert not run.leftovers


@pytest.mark.parametrize("method", BOTH)
def test_done_callback_threads_and_logged_exception(method):
    run = shown_run("pools/executor_done_callback.py", method)
    lines = texts(run)
    assert lines[:5] == [
        "main() runs in MainThread (_MainThread)",
        "added while running: done() = False",
        "report(9) runs in Thread-1 (_ExecutorManagerThread)",
        "added once done: done() = True",
        "report(9) runs in MainThread (_MainThread)",
    ]
    assert re.fullmatch(r"exception calling callback for <Future at 0x[0-9a-f]+ state=finished returned int>", lines[5])
    assert lines[6] == "Traceback (most recent call last):"
    assert "ValueError: a bug in the callback" in lines
    assert lines[-1] == "main: add_done_callback(broken) returned; result 9"
    assert all(line.process == "MainProcess" for line in run.lines)
