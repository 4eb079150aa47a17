"""Pitfalls: each test checks a claim a pitfalls page makes about the failing run or its
fixed run (what every run shows: sets, counts, order within one process, exit codes)."""

from __future__ import annotations

import re

import pytest

from snippetrun import run_snippet

pytestmark = pytest.mark.timeout(300)


def texts(run) -> list[str]:
    return [line.text for line in run.lines]


def lines_of(run, process: str) -> list[str]:
    return [line.text for line in run.lines if line.process == process]


# --- Hangs --------------------------------------------------------------------------


def test_join_before_get_children_cannot_exit():
    run = run_snippet("pitfalls/join_then_get.py")
    lines = texts(run)
    assert sorted(lines[:2]) == [f"worker {i}: put() returned, about to exit" for i in (0, 1)]
    assert "after join(timeout=0.5): still alive ['Process-1', 'Process-2']" in lines
    assert lines[-1] == "after get(): 2 results, exit codes [0, 0]"


def test_get_then_join_collects_everything():
    run = run_snippet("pitfalls/get_then_join.py")
    assert texts(run) == ["results from workers [0, 1], sizes [100000, 100000]", "exit codes [0, 0]"]


def got_items(run) -> list[int]:
    return sorted(int(m[1]) for t in texts(run) if (m := re.fullmatch(r"Process-\d: got (\d+)", t)))


def test_no_poison_pill_consumers_wait_forever():
    run = run_snippet("pitfalls/no_poison_pill.py")
    assert got_items(run) == [0, 1, 2, 3]
    assert texts(run)[-1] == "join(timeout=0.5) gave up: ['Process-1', 'Process-2'] still wait in get()"
    for name in ("Process-1", "Process-2"):
        assert run.timeline.lane(name).exit_code in (None, -15)  # ended only by terminate()


def test_poison_pill_every_consumer_exits():
    run = run_snippet("pitfalls/poison_pill.py")
    assert got_items(run) == [0, 1, 2, 3]
    for name in ("Process-1", "Process-2"):
        assert lines_of(run, name)[-1] == f"{name}: got the pill, exiting"
    assert texts(run)[-1] == "exit codes [0, 0]"


def test_forgotten_task_done_join_waits():
    run = run_snippet("pitfalls/no_task_done.py")
    assert texts(run) == [
        "consumer: handled 0",
        "consumer: handled 1",
        "consumer: handled 2",
        "jobs.join() still waiting after 1 s: True",
    ]


def test_task_done_join_returns():
    run = run_snippet("pitfalls/task_done.py")
    assert texts(run)[-1] == "jobs.join() returned: all 3 items done"
    assert texts(run)[:3] == [f"consumer: handled {i}" for i in range(3)]


def test_terminated_reader_leaves_the_queue_locked():
    run = run_snippet("pitfalls/terminate_reader.py")
    assert texts(run) == [
        "reader terminated, exitcode -15",
        "main: get(timeout=1) found nothing, though 'job 1' was put",
    ]


def test_stopped_reader_leaves_the_queue_usable():
    run = run_snippet("pitfalls/stop_reader.py")
    assert texts(run) == ["reader: got the pill, exiting", "reader stopped, exitcode 0", "main: got job 1"]
