"""Chapter 1: the seed's four lessons. Each test checks a claim its page makes, from the
run's output and from the timeline the tracer recorded (ordering facts, never durations)."""

from __future__ import annotations

import ast
import re

import pytest

from snippetrun import shown_run
from snippetrun.trace import Lane
from tests.runs import children, lines_of, overlap

pytestmark = pytest.mark.timeout(180)


# --- Creating a process -------------------------------------------------------------


def test_process_seed_prints_from_child_then_parent():
    run = shown_run("basics/process_seed.py", "fork")
    child = run.timeline.lane("Process-1")
    assert lines_of(run, "Process-1") == ["3"]
    assert lines_of(run, "MainProcess") == [f"p.pid: {child.pid}", "p.name: Process-1", "p.is_alive: False"]
    assert child.exit_code == 0
    assert [call.label for call in child.calls] == ["mp_func(3)"]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_process_lifecycle(method):
    run = shown_run("basics/process_lifecycle.py", method)
    main = lines_of(run, "MainProcess")
    assert main[0] == "before start: pid = None | alive = False | exitcode = None"
    after_start = re.fullmatch(r"after start:  pid = (\d+) \| alive = True \| exitcode = None", main[1])
    assert after_start
    pid = int(after_start.group(1))
    assert main[2] == f"after join:   pid = {pid} | alive = False | exitcode = 0"
    parent = re.fullmatch(r"parent pid: (\d+) \| child name: Process-1", main[3])
    assert parent
    assert lines_of(run, "Process-1") == [f"child: var=3 pid={pid} name=Process-1 parent={parent.group(1)}"]
    assert run.start_method == method


# --- Talking through a Queue --------------------------------------------------------


def test_queue_seed_doubles_every_input():
    run = shown_run("basics/queue_seed.py", "fork")
    values = ast.literal_eval(run.output.strip())  # the program prints one list of ints
    assert sorted(values) == [2, 20, 40, 60]


def test_join_before_draining_a_full_pipe_cannot_finish():
    run = shown_run("basics/queue_join_first.py", "fork")
    main = lines_of(run, "MainProcess")
    assert lines_of(run, "Process-1") == ["producer: put() returned; its feeder thread is still writing the data"]
    assert main[0] == "join() gave up after 1.0 s: the producer cannot exit"
    assert main[-1] == "after get(): received 1048576 bytes, exitcode=0"
    # The producer's lane outlives the main process's "join() gave up" line and ends before "after get()".
    gave_up = next(line.ms for line in run.lines if line.text.startswith("join() gave up"))
    after_get = next(line.ms for line in run.lines if line.text.startswith("after get()"))
    assert gave_up < run.timeline.lane("Process-1").end < after_get


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_queue_fixed_drains_then_joins(method):
    run = shown_run("basics/queue_fixed.py", method)
    arrival = ast.literal_eval(run.output.splitlines()[0].split(":", 1)[1].strip())
    assert sorted(arrival) == [(1, 2), (10, 20), (20, 40), (30, 60)]
    assert run.output.splitlines()[1] == "by input:      [2, 20, 40, 60]"
    assert run.output.splitlines()[2] == "exit codes:    [0, 0, 0, 0]"


# --- Locks and shared values --------------------------------------------------------

GLOBAL_P1 = [str(v) for v in range(11, 21)]
GLOBAL_P2 = [str(v) for v in range(20, 111, 10)]


def held(lane: Lane):
    assert len(lane.locks) == 1 and lane.locks[0].end is not None
    return lane.locks[0]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_global_lock_each_child_has_its_own_a(method):
    run = shown_run("basics/lock_seed.py", method)
    assert lines_of(run, "Process-1") == GLOBAL_P1
    assert lines_of(run, "Process-2") == GLOBAL_P2


def test_global_lock_excludes_under_fork():
    run = shown_run("basics/lock_seed.py", "fork")
    p1, p2 = run.timeline.lane("Process-1"), run.timeline.lane("Process-2")
    assert held(p1).label == held(p2).label  # one semaphore, inherited by both children
    assert not overlap(held(p1), held(p2))
    # One child's ten lines all come before the other's.
    writers = [line.process for line in run.lines]
    assert writers in (["Process-1"] * 10 + ["Process-2"] * 10, ["Process-2"] * 10 + ["Process-1"] * 10)


def test_global_lock_is_two_locks_under_spawn():
    run = shown_run("basics/lock_seed.py", "spawn")
    # Each child re-imported the module and created a lock of its own: two semaphores.
    p1, p2 = run.timeline.lane("Process-1"), run.timeline.lane("Process-2")
    assert held(p1).label != held(p2).label
    assert run.start_method == "spawn"


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_value_and_lock_share_and_exclude(method):
    run = shown_run("basics/value_lock_seed.py", method)
    values = run.output.split()
    first_p1 = [str(v) for v in range(11, 21)] + [str(v) for v in range(30, 121, 10)]
    first_p2 = [str(v) for v in range(20, 111, 10)] + [str(v) for v in range(111, 121)]
    assert values in (first_p1, first_p2)
    p1, p2 = run.timeline.lane("Process-1"), run.timeline.lane("Process-2")
    assert held(p1).label == held(p2).label
    assert not overlap(held(p1), held(p2))


def test_value_race_loses_updates_without_the_lock_and_none_with_it():
    run = shown_run("basics/value_race.py", "fork")
    out = run.output.splitlines()
    assert out[0] == "expected:     1000"
    unlocked, lost = map(int, re.fullmatch(r"without lock: (\d+) \((\d+) updates lost\)", out[1]).groups())
    assert unlocked + lost == 1000
    assert lost >= 1  # the lesson: without the lock, updates are lost
    assert out[2] == "with lock:    1000 (0 updates lost)"


# --- Process pools ------------------------------------------------------------------


def test_pool_seed_fourth_task_waits_for_a_free_worker():
    run = shown_run("basics/pool_seed.py", "fork")
    assert lines_of(run, "MainProcess") == ["Waiting for print..."]
    assert sorted(line.text for line in run.lines if line.process != "MainProcess") == [f"input: {i}" for i in range(4)]
    workers = children(run.timeline)
    assert sorted(lane.name for lane in workers) == [f"ForkPoolWorker-{i}" for i in (1, 2, 3)]
    tasks = [(call, lane) for lane in workers for call in lane.calls]
    assert sorted(call.label for call, _ in tasks) == [f"mp_func({i})" for i in range(4)]
    last, lane = max(tasks, key=lambda item: item[0].start)
    earlier = [call for call in lane.calls if call is not last]
    assert earlier, "the last task ran in a worker that had run another task"
    assert any(call.end <= last.start for call in earlier)
    # Never more than three tasks at once: at any task start, at most three are running.
    for call, _ in tasks:
        running = [c for c, _ in tasks if c.start <= call.start < c.end]
        assert len(running) <= 3


def test_pool_without_get_loses_the_exception():
    run = shown_run("basics/pool_lost_error.py", "fork")
    assert run.exit_code == 0
    assert "Error" not in run.output
    assert sorted(line.text for line in run.lines if line.process != "MainProcess") == [
        "input: 0",
        "input: 1",
        "input: 3",
    ]
    assert lines_of(run, "MainProcess") == ["done: no error was reported"]
    labels = [call.label for lane in children(run.timeline) for call in lane.calls]
    assert "mp_func(2)" in labels  # the failing task did run


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_pool_fixed_collects_results_and_errors(method):
    run = shown_run("basics/pool_fixed.py", method)
    out = run.output.splitlines()
    assert out[:5] == [
        "square(0) = 0",
        "square(1) = 1",
        "square(2) raised in the worker: ValueError('bad input: 2')",
        "square(3) = 9",
        "map: [0, 1, 9]",
    ]
    cpus = int(out[5].removeprefix("os.cpu_count(): "))
    assert out[6] == f"Pool() starts {cpus} workers"


def test_pool_uneven_fourth_task_runs_in_the_first_free_worker():
    run = shown_run("basics/pool_uneven.py", "fork")
    assert [line.split(" done")[0] for line in run.output.splitlines()] == [f"task {i}" for i in range(4)]
    tasks = {call.label: (call, lane) for lane in children(run.timeline) for call in lane.calls}
    assert sorted(tasks) == [f"task({i})" for i in range(4)]
    fourth, lane = tasks["task(3)"]
    # task(3) ran in a worker that had already finished another task, after that task ended.
    assert any(call.end <= fourth.start for call in lane.calls if call is not fourth)
    # ...while the two long tasks were still running, and the output says so too.
    assert fourth.start < min(tasks["task(1)"][0].end, tasks["task(2)"][0].end)
    done = {int(m[1]): float(m[2]) for m in re.finditer(r"task (\d) done at ([\d.]+) s", run.output)}
    assert done[0] < done[3] < min(done[1], done[2])
    first, _ = tasks["task(0)"]
    assert first in lane.calls and first.end <= fourth.start  # the worker that ran task 0 went on to task 3
