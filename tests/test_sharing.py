"""Chapter 4, synchronization and shared state: each test checks a claim its page makes,
on the same runs the pages show (same snippet, same arguments)."""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

import pytest

from snippetrun import shown_run
from snippetrun.spec import ROOT
from snippetrun.trace import Span
from tests.runs import BOTH, children, lines_of, texts, value_after

pytestmark = pytest.mark.timeout(300)

SNIPPETS = Path(__file__).resolve().parent.parent / "snippets"


def value(run, label: str) -> str:
    """The text after ``label`` on the first output line that starts with it."""
    return next(t for t in texts(run) if t.startswith(label))[len(label) :].strip()


def most_at_once(spans: list[Span]) -> int:
    events = sorted([(s.start, 1) for s in spans] + [(s.end, -1) for s in spans])
    inside = most = 0
    for _, step in events:
        inside += step
        most = max(most, inside)
    return most


def block_names(run) -> set[str]:
    return set(re.findall(r"psm_[0-9a-f]+", run.output))


# --- Races and locks ----------------------------------------------------------------------


@pytest.mark.parametrize("method", BOTH)
def test_race_loses_updates(method):
    run = shown_run("sharing/race.py", method)
    assert value(run, "expected:") == "30"
    counted, lost = int(value(run, "counted:")), int(value(run, "lost:"))
    assert counted + lost == 30
    assert lost >= 1
    assert [lane.exit_code for lane in children(run)] == [0, 0, 0]


@pytest.mark.parametrize("method", BOTH)
def test_lock_loses_nothing(method):
    run = shown_run("sharing/lock_fixed.py", method)
    assert texts(run)[:3] == ["expected: 30", "counted:  30", "lost:     0"]


@pytest.mark.parametrize("method", BOTH)
def test_lock_spans_never_overlap(method):
    run = shown_run("sharing/lock_fixed.py", method)
    spans = [span for lane in children(run) for span in lane.locks]
    assert len(spans) == 30  # ten critical sections per worker
    assert len({span.label for span in spans}) == 1  # one lock, shared by all three
    assert all(span.end is not None for span in spans)
    assert most_at_once(spans) == 1


def test_acquire_timeout_returns_false_then_true():
    run = shown_run("sharing/lock_timeout.py")
    assert texts(run) == [
        "main: holding the lock",
        "worker: acquire(timeout=0.2) -> False",
        "main: releasing the lock",
        "worker: acquire(timeout=5) -> True",
    ]
    assert run.timeline.lane("Process-1").exit_code == 0


def version(run) -> tuple[int, int]:
    return tuple(int(p) for p in run.python.split(".")[:2])


def test_with_releases_on_exception_and_acquire_takes_block():
    run = shown_run("sharing/lock_rules.py")
    lines = texts(run)
    assert lines[:3] == [
        "inside 'with lock:': ValueError: something went wrong",
        "then acquire(block=False) -> True",
        "acquire(block=True, timeout=None)",
    ]
    if version(run) >= (3, 13):
        message = "acquire() got an unexpected keyword argument 'blocking'"
    else:
        message = "'blocking' is an invalid keyword argument for acquire()"
    assert lines[3:] == [f"acquire(blocking=False): TypeError: {message}"]


@pytest.mark.parametrize("method", BOTH)
def test_rlock_released_only_by_its_owner_thread(method):
    run = shown_run("sharing/rlock_owner.py", method)
    refused = "AssertionError: attempt to release recursive lock not owned by thread"
    assert texts(run) == [
        f"release() from another thread: {refused}",
        f"release() from another process: {refused}",
        "release() from the owner: released",
    ]
    assert lines_of(run, "Process-1") == [f"release() from another process: {refused}"]


def test_rlock_reentry_and_lock_self_deadlock():
    run = shown_run("sharing/rlock.py")
    assert lines_of(run, "Process-1") == [
        "Lock: update holds the lock",
        "  log: gave up after 0.3 s; without a timeout, a hang",
    ]
    assert lines_of(run, "Process-2") == [
        "RLock: update holds the lock",
        "  log: called from inside update",
    ]
    assert [lane.exit_code for lane in children(run)] == [0, 0]


# --- The other primitives -----------------------------------------------------------------


def test_semaphore_at_most_two_inside():
    run = shown_run("sharing/semaphore.py")
    assert texts(run)[0] == "workers: 5, Semaphore(2)"
    assert 1 <= int(value(run, "most workers inside at once:")) <= 2
    spans = [span for lane in children(run) for span in lane.locks]
    assert len(spans) == 5 and len({s.label for s in spans}) == 1
    assert most_at_once(spans) <= 2


def test_semaphore_later_workers_wait_for_a_slot():
    run = shown_run("sharing/semaphore.py")
    spans = sorted((s for lane in children(run) for s in lane.locks), key=lambda s: s.start)
    # The third worker in gets in only after one of the first two has left.
    assert spans[2].start >= min(spans[0].end, spans[1].end)


def test_bounded_semaphore_raises_on_extra_release():
    run = shown_run("sharing/bounded_semaphore.py")
    assert texts(run) == [
        "Semaphore(1) after an extra release: value 2",
        "BoundedSemaphore(1), extra release: ValueError: semaphore or lock released too many times",
    ]


def test_event_no_runner_goes_before_the_signal():
    run = shown_run("sharing/event.py")
    lines = texts(run)
    assert lines[0] == "main: wait(timeout=0.2) -> False, setting the event"
    assert sorted(lines[1:]) == [f"runner {i}: off" for i in range(3)]
    signal = run.lines[0].ms
    assert all(line.ms >= signal for line in run.lines[1:])


def test_condition_consumer_wakes_when_predicate_holds():
    run = shown_run("sharing/condition.py")
    lines = texts(run)
    assert lines_of(run, "Process-2") == [f"producer: {i} items" for i in range(1, 6)]
    woke = re.fullmatch(r"consumer: woke with (\d) items \(ok=True\)", lines_of(run, "Process-1")[0])
    assert woke and int(woke[1]) >= 3
    assert lines.index("producer: 3 items") < lines.index(woke[0])
    # The consumer's bar covers its whole wait; the producer's critical sections fall inside it.
    consumer_span = run.timeline.lane("Process-1").locks[0]
    producer_spans = run.timeline.lane("Process-2").locks
    assert len(producer_spans) == 5
    assert all(consumer_span.start < s.start for s in producer_spans[:3])
    assert producer_spans[0].end < consumer_span.end


def test_barrier_nobody_leaves_before_the_last_arrives():
    run = shown_run("sharing/barrier.py")
    lines = texts(run)
    arrived = [i for i, t in enumerate(lines) if t.endswith(": arrived")]
    left = [i for i, t in enumerate(lines) if t.endswith(": left")]
    assert len(arrived) == 3 and len(left) == 3
    assert max(arrived) < min(left)
    for i in range(3):
        assert lines_of(run, f"Process-{i + 1}") == [f"worker {i}: arrived", f"worker {i}: left"]


def test_barrier_breaks_on_timeout_and_abort():
    run = shown_run("sharing/barrier_broken.py")
    lines = texts(run)
    assert sorted(lines[:2]) == ["A: BrokenBarrierError", "B: BrokenBarrierError"]
    assert lines[2:7] == [
        "main: broken = True",
        "main: 1 waiting, calling abort()",
        "C: BrokenBarrierError",
        "main: BrokenBarrierError",  # still broken: wait() raises until reset()
        "main: reset(), broken = False",
    ]
    assert sorted(lines[7:]) == ["D: passed", "main: passed"]
    assert not any("passed" in t for t in lines[:7])


# --- Shared values and arrays -------------------------------------------------------------


def test_value_array_results_and_types():
    run = shown_run("sharing/value_array.py")
    lines = texts(run)
    assert lines[:4] == [
        "squares[:]     [0, 1, 4, 9, 16]",
        "total.value    2.5",
        "point          (1.5, -2.0)",
        "what each call returns:",
    ]
    rows = [re.fullmatch(r"  (.+\))\s+(\S+)\s+get_lock: (True|False)", t).groups() for t in lines[4:]]
    assert rows == [
        ('Value("i", 0)', "Synchronized", "True"),
        ('Value("i", 0, lock=False)', "c_int", "False"),
        ('RawValue("i", 0)', "c_int", "False"),
        ('Array("i", 3)', "SynchronizedArray", "True"),
        ('RawArray("i", 3)', "c_int_Array_3", "False"),
    ]


def test_value_plus_equals_loses_without_get_lock():
    run = shown_run("sharing/value_needs_lock.py")
    plain = re.fullmatch(r"plain \+=\s+: (\d+) of 30, lost (\d+)", texts(run)[0])
    assert plain and int(plain[2]) >= 1 and int(plain[1]) + int(plain[2]) == 30
    assert texts(run)[1] == "with get_lock(): 30 of 30, lost 0"


def test_value_own_lock_must_be_an_rlock():
    run = shown_run("sharing/value_own_lock.py")
    assert texts(run) == [
        "lock=True        get_lock(): RLock value 1",
        "lock=mp.RLock()  get_lock(): RLock value 1",
        "lock=mp.Lock()   get_lock(): Lock  still waiting after 1.0 s",
    ]


def test_value_get_lock_sections_never_overlap():
    run = shown_run("sharing/value_needs_lock.py")
    spans = [s for lane in children(run) for s in lane.locks]
    assert len(spans) == 30  # only the second round takes get_lock()
    assert len({s.label for s in spans}) == 1
    assert most_at_once(spans) == 1
    # The first round's three workers hold no lock at all.
    first_round = sorted(children(run), key=lambda lane: lane.start)[:3]
    assert all(lane.locks == [] for lane in first_round)


# --- Shared memory blocks -----------------------------------------------------------------


@pytest.mark.parametrize("method", BOTH)
def test_shm_workers_write_their_slots(method):
    run = shown_run("sharing/shm_workers.py", method)
    lines = texts(run)
    name = re.fullmatch(r"created (psm_\w+), 32 bytes", lines[0])[1]
    assert lines[1] == "read back: [100, 200, 300, 400]"
    assert lines[2] == "close() with the view alive: BufferError: cannot close exported pointers exist"
    assert lines[3] == f"{name} in /dev/shm after unlink(): False"
    assert "leaked" not in run.output and "Warning" not in run.output
    assert [lane.exit_code for lane in children(run)] == [0] * 4


@pytest.mark.parametrize("python", [None, "3.12"])
def test_shm_leak_is_reported_and_cleaned_by_the_tracker(python):
    run = shown_run("sharing/shm_leak.py", python=python)
    if python:
        assert run.python.startswith("3.12.")
    lines = texts(run)
    name = re.fullmatch(r"created (psm_\w+)", lines[0])[1]
    assert lines[1] == f"{name} in /dev/shm as the program ends: True"
    # the track parameter arrived in 3.13
    assert lines[2] == f"SharedMemory has a track parameter: {version(run) >= (3, 13)}"
    warning = "UserWarning: resource_tracker: There appear to be 1 leaked shared_memory objects to clean up at shutdown"
    assert warning in run.output
    # Python 3.13 also names the blocks; 3.11 and 3.12 only count them.
    names_them = f"{{'/{name}'}}" in run.output
    assert names_them == (version(run) >= (3, 13))
    # The warning comes from the tracker, after the program's own lines.
    assert lines.index(lines[1]) < next(i for i, t in enumerate(lines) if warning in t)


def test_shareable_list():
    run = shown_run("sharing/shareable_list.py")
    lines = texts(run)
    assert re.fullmatch(r"created psm_\w+: \[1, 2\.5, 3, 'abc', None\]", lines[0])
    assert lines[1:] == [
        "after the workers: [10, 25.0, 30, 'abc', None]",
        "8 characters: 'abcdefgh'",  # "abc" got a slot of 8 bytes
        "9 characters: ValueError: bytes/str item exceeds available storage",
        "'xyz\\0' reads back as 'xyz'",  # trailing NUL bytes are stripped
        "final: [10, 25.0, 30, 'xyz', None]",
    ]
    assert "leaked" not in run.output


def test_shared_memory_manager_unlinks_on_exit():
    run = shown_run("sharing/shm_manager.py")
    assert texts(run) == [
        # created in the calling process; the server only keeps their names
        "blocks mapped in the main   process: [True, True]",
        "blocks mapped in the server process: [False, False]",
        "squared: [1, 4, 9, 16]",
        "blocks made: 2, left in /dev/shm: []",
    ]
    server = run.timeline.lane("SharedMemoryManager-1")
    worker = next(lane for lane in children(run) if lane is not server)
    assert server.start < worker.start and worker.end < server.end
    assert "leaked" not in run.output


def test_tracker_cleans_up_after_sigkill_unless_killed_too():
    run = shown_run("sharing/shm_killed.py")
    lines = texts(run)
    alone = re.fullmatch(r"SIGKILL to self : exit code -9, (psm_\w+) left: False", lines[0])
    assert alone
    warning = "There appear to be 1 leaked shared_memory objects to clean up at shutdown"
    expected = f"  tracker: UserWarning: resource_tracker: {warning}"
    if version(run) >= (3, 13):
        expected += f": {{'/{alone[1]}'}}"
    assert lines[1] == expected
    assert re.fullmatch(r"SIGKILL to group: exit code -9, psm_\w+ left: True", lines[2])
    assert len(lines) == 3  # no tracker was left to warn about the second block


SHM_RUNS = [
    ("sharing/shm_workers.py", "fork", None),
    ("sharing/shm_workers.py", "spawn", None),
    ("sharing/shm_leak.py", None, None),
    ("sharing/shm_leak.py", None, "3.12"),
    ("sharing/shareable_list.py", None, None),
    ("sharing/shm_killed.py", None, None),
    ("sharing/numpy_shm.py", "fork", None),
    ("sharing/numpy_shm.py", "spawn", None),
    ("sharing/numpy_pass_array.py", "fork", None),
    ("sharing/numpy_pass_array.py", "spawn", None),
    ("sharing/numpy_vs_pickle.py", None, None),
    ("sharing/numpy_close_early.py", None, None),
]


@pytest.mark.parametrize(("snippet", "method", "python"), SHM_RUNS)
def test_no_block_left_in_dev_shm(snippet, method, python):
    before = set(os.listdir("/dev/shm"))
    run = shown_run(snippet, method, python=python)
    after = set(os.listdir("/dev/shm"))
    names = block_names(run)
    assert names
    assert not names & after
    # Whatever appeared meanwhile belongs to other programs, never to this run.
    assert not names & (after - before)


# --- Managers -----------------------------------------------------------------------------


@pytest.mark.parametrize("method", BOTH)
def test_manager_basics(method):
    run = shown_run("sharing/manager_basics.py", method)
    assert texts(run) == [
        "squares: {0: 0, 1: 1, 2: 4, 3: 9}",
        "seen:    [0, 1, 2, 3]",
        "count:   4",
        "types:   DictProxy, ListProxy",
    ]


@pytest.mark.parametrize("method", BOTH)
def test_manager_server_outlives_the_workers(method):
    run = shown_run("sharing/manager_basics.py", method)
    server = run.timeline.lane("SyncManager-1")
    workers = [lane for lane in children(run) if lane is not server]
    assert len(workers) == 4
    assert all(server.start < w.start and w.end < server.end for w in workers)
    assert server.exit_code == 0
    assert server.calls == []  # it runs multiprocessing's code, none of the program's functions


@pytest.mark.parametrize("method", BOTH)
def test_nested_mutation_is_lost_until_reassigned(method):
    run = shown_run("sharing/manager_nested.py", method)
    assert texts(run) == [
        "worker, appended through the proxy: []",
        "worker, after re-assigning:        ['pen']",
        "main sees: ['pen']",
    ]


def test_custom_manager_registers_inside_main():
    """The page says register() runs in main(), not at import time; the spawn run proves it works."""
    tree = ast.parse((SNIPPETS / "sharing/custom_manager.py").read_text())
    main = next(node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == "main")

    def registers(node):
        return any(isinstance(n, ast.Attribute) and n.attr == "register" for n in ast.walk(node))

    assert registers(main)
    assert not any(registers(node) for node in tree.body if node is not main)


@pytest.mark.parametrize("method", BOTH)
def test_registered_class_must_be_importable_under_spawn(method):
    run = shown_run("sharing/manager_local_class.py", method)
    lines = texts(run)
    assert lines[0] == "class at module level: add() -> 1"  # register() ran in main()
    if method == "fork":  # nothing is pickled: the server is a copy of the main process
        assert lines[1:] == ["class inside main(): add() -> 1"]
    else:
        verb = "get" if version(run) >= (3, 13) else "pickle"
        local = "'main.<locals>.LocalCounter'"
        assert lines[1:] == [f"class inside main(): AttributeError: Can't {verb} local object {local}"]


@pytest.mark.parametrize("method", BOTH)
def test_custom_manager_methods_run_in_the_server(method):
    run = shown_run("sharing/custom_manager.py", method)
    lines = texts(run)
    assert lines[0] == "counts: {'a': 3, 'b': 2, 'c': 1}"
    ran_in = ast.literal_eval(lines[1].removeprefix("add() ran in: pid "))
    assert ran_in == [run.timeline.lane("TallyManager-1").pid]
    assert lines[2] == f"main process:  pid {run.timeline.lane('MainProcess').pid}"
    server = run.timeline.lane("TallyManager-1")
    assert [c.label for c in server.calls if c.label.startswith("add(")]  # add() traced in the server
    workers = [lane for lane in children(run) if lane is not server]
    assert not [c for w in workers for c in w.calls if c.label.startswith("add(")]


# --- Which to use -------------------------------------------------------------------------


def test_inherit_readonly_under_fork_not_spawn():
    fork = shown_run("sharing/inherit_readonly.py", "fork")
    assert lines_of(fork, "Process-1") == ["child: TABLE has 100000 entries, lookups [9, 9999800001]"]
    spawn = shown_run("sharing/inherit_readonly.py", "spawn")
    assert lines_of(spawn, "Process-1") == ["child: TABLE is None (this interpreter re-imported the module)"]


def test_pass_not_share():
    run = shown_run("sharing/pass_not_share.py")
    parts = ast.literal_eval(value(run, "parts:"))
    assert len(parts) == 4
    assert int(value(run, "total:")) == sum(parts) == int(value(run, "check:"))


# --- A NumPy array in shared memory -------------------------------------------------------


def unlinked(run) -> bool:
    """The run's last line says its block is gone from /dev/shm after unlink()."""
    name = sorted(block_names(run))
    return len(name) == 1 and texts(run)[-1] == f"{name[0]} in /dev/shm after unlink(): False"


@pytest.mark.parametrize("method", BOTH)
def test_numpy_workers_write_their_rows(method):
    run = shown_run("sharing/numpy_shm.py", method)
    lines = texts(run)
    assert re.fullmatch(r"psm_\w+: \(4, 1000000\) float64, 32_000_000 bytes", lines[0])
    for row in range(4):  # each worker wrote its own row, into the block itself
        assert lines_of(run, f"Process-{row + 1}") == [f"worker {row}: row {row} written, owns its data: False"]
    # The parent sees every worker's row: sum(range(10**6)) times 1, 2, 3, 4.
    first = sum(range(1_000_000))
    assert value_after(run, "row sums:") == [float(first * k) for k in (1, 2, 3, 4)]
    assert "every row as expected: True" in lines
    assert unlinked(run)
    assert "leaked" not in run.output and "Warning" not in run.output
    assert [lane.exit_code for lane in children(run)] == [0] * 4


def test_numpy_passing_the_array_itself_differs_by_start_method():
    fork = shown_run("sharing/numpy_pass_array.py", "fork")
    spawn = shown_run("sharing/numpy_pass_array.py", "spawn")
    # fork: the child inherits the mapping, and its array is still a view of the block.
    assert texts(fork)[:2] == ["child: owns its data: False, row 1: [2, 2, 2]", "main sees: [[0, 0, 0], [2, 2, 2]]"]
    # spawn: the argument was pickled, so the child wrote into its own copy.
    assert texts(spawn)[:2] == ["child: owns its data: True, row 1: [2, 2, 2]", "main sees: [[0, 0, 0], [0, 0, 0]]"]
    assert unlinked(fork) and unlinked(spawn)


def test_numpy_vs_pickle_same_result_either_way():
    run = shown_run("sharing/numpy_vs_pickle.py")
    assert run.spec.trace is False  # a timing: the machine to itself, no timeline
    lines = texts(run)
    assert re.fullmatch(r"2_000_000 float64 \(16 MB\), [1-4] workers?, best of 3", lines[0])
    copied = float(re.fullmatch(r"pickled through the pool: (\d+\.\d{3}) s", lines[1])[1])
    shared = float(re.fullmatch(r"shared memory: +(\d+\.\d{3}) s", lines[2])[1])
    ratio = float(re.fullmatch(r"pickling / shared memory: (\d+\.\d)", lines[3])[1])
    assert copied > 0 and shared > 0 and ratio > 0  # the page states no number: it points here
    assert lines[4:6] == ["same result: True", "shapes: (2000000,) and (2000000,)"]
    checksums = re.fullmatch(r"checksums: (\S+) and (\S+)", lines[6])
    assert checksums[1] == checksums[2]
    assert unlinked(run)


def test_numpy_array_outliving_its_block():
    run = shown_run("sharing/numpy_close_early.py")
    lines = texts(run)
    # np.ndarray(buffer=...): close() succeeds, and reading the array kills the child.
    assert lines_of(run, "Process-1")[0] == "child: close() returned, now reading the array"
    assert not any(t.startswith("child: sum") for t in lines)
    assert "child exitcode: -11 (killed by SIGSEGV: True)" in lines
    assert "Fatal Python error: Segmentation fault" in run.output
    # faulthandler points at the line that reads the array; Python itself raised nothing.
    source = (ROOT / "snippets/sharing/numpy_close_early.py").read_text().splitlines()
    reads = next(n for n, line in enumerate(source, 1) if "data.sum()" in line)
    assert f'numpy_close_early.py", line {reads} in close_first' in run.output
    assert "Traceback" not in run.output
    # np.frombuffer: close() refuses while the array, or a slice of it, is alive.
    refused = "close(): BufferError: cannot close exported pointers exist"
    mine = lines_of(run, "MainProcess")
    assert mine[-4:] == [refused, refused, "close(): done", mine[-1]]
    assert unlinked(run)
    assert "leaked" not in run.output
