"""Pitfalls: each test checks a claim a pitfalls page makes about the failing run or its
fixed run (what every run shows: sets, counts, order within one process, exit codes)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from snippetrun import shown_run
from tests.runs import exception_line, lines_of, texts, version

pytestmark = pytest.mark.timeout(300)


# --- Hangs --------------------------------------------------------------------------


def test_join_before_get_children_cannot_exit():
    run = shown_run("pitfalls/join_then_get.py")
    lines = texts(run)
    assert sorted(lines[:2]) == [f"worker {i}: put() returned, about to exit" for i in (0, 1)]
    assert "after join(timeout=0.5): still alive ['Process-1', 'Process-2']" in lines
    assert lines[-1] == "after get(): 2 results, exit codes [0, 0]"


def test_get_then_join_collects_everything():
    run = shown_run("pitfalls/get_then_join.py")
    assert texts(run) == ["results from workers [0, 1], sizes [100000, 100000]", "exit codes [0, 0]"]


def got_items(run) -> list[int]:
    return sorted(int(m[1]) for t in texts(run) if (m := re.fullmatch(r"Process-\d: got (\d+)", t)))


def test_no_poison_pill_consumers_wait_forever():
    run = shown_run("pitfalls/no_poison_pill.py")
    assert got_items(run) == [0, 1, 2, 3]
    assert texts(run)[-1] == "join(timeout=0.5) gave up: ['Process-1', 'Process-2'] still wait in get()"
    for name in ("Process-1", "Process-2"):
        assert run.timeline.lane(name).exit_code in (None, -15)  # ended only by terminate()


def test_poison_pill_every_consumer_exits():
    run = shown_run("pitfalls/poison_pill.py")
    assert got_items(run) == [0, 1, 2, 3]
    for name in ("Process-1", "Process-2"):
        assert lines_of(run, name)[-1] == f"{name}: got the pill, exiting"
    assert texts(run)[-1] == "exit codes [0, 0]"


def test_forgotten_task_done_join_waits():
    run = shown_run("pitfalls/no_task_done.py")
    assert texts(run) == [
        "consumer: handled 0",
        "consumer: handled 1",
        "consumer: handled 2",
        "jobs.join() still waiting after 1 s: True",
    ]


def test_task_done_join_returns():
    run = shown_run("pitfalls/task_done.py")
    assert texts(run)[-1] == "jobs.join() returned: all 3 items done"
    assert texts(run)[:3] == [f"consumer: handled {i}" for i in range(3)]


def test_terminated_reader_leaves_the_queue_locked():
    run = shown_run("pitfalls/terminate_reader.py")
    assert texts(run) == [
        "reader terminated, exitcode -15",
        "main: get(timeout=1) found nothing, though 'job 1' was put",
    ]


def test_stopped_reader_leaves_the_queue_usable():
    run = shown_run("pitfalls/stop_reader.py")
    assert texts(run) == ["reader: got the pill, exiting", "reader stopped, exitcode 0", "main: got job 1"]


def test_a_holder_asked_to_stop_releases_its_lock():
    run = shown_run("pitfalls/lock_stop.py")
    assert texts(run) == [
        "child: holds the lock until asked to stop",
        "child: released the lock, exiting",
        "child exit code: 0",
        "parent: acquire(timeout=1) returned True",
    ]
    child = run.timeline.lane("Process-1")
    assert child.exit_code == 0
    assert child.locks  # the timeline shows the hold the stop ended


# --- Missing output, vanished errors ------------------------------------------------


def test_terminated_child_loses_its_unflushed_output():
    run = shown_run("pitfalls/print_lost.py")
    assert "step" not in run.output
    assert texts(run) == ["main: child terminated, exitcode -15"]


def test_flushed_output_survives_terminate():
    run = shown_run("pitfalls/print_flush.py")
    assert texts(run)[0] == "step 0 done; step 1 done; step 2 done; "
    assert texts(run)[1] == "main: child terminated, exitcode -15"


def test_without_error_callback_a_failed_task_vanishes():
    run = shown_run("pitfalls/no_error_callback.py")
    assert run.exit_code == 0
    assert texts(run) == ["results: [1, 2, 4] (3 of 4), no error shown"]
    assert "Error" not in run.output


def test_error_callback_receives_the_exception():
    run = shown_run("pitfalls/error_callback.py")
    assert texts(run) == [
        "results: [1, 2, 4] (3 of 4)",
        """error: ValueError("invalid literal for int() with base 10: 'three'")""",
    ]


def test_exception_in_callback_kills_the_result_handler():
    run = shown_run("pitfalls/callback_raises.py")
    lines = texts(run)
    assert lines[0] == "callback: got 4"
    assert any(re.fullmatch(r"Exception in thread Thread-\d+ \(_handle_results\):", t) for t in lines)
    assert "ValueError: bug in the callback" in lines
    handler = "result_hander" if run.python.startswith("3.11.") else "result_handler"
    assert lines[-2:] == [
        "main: square(3) never arrived within 1 s",
        f"main: terminate() failed: Cannot have cache with {handler} not alive",
    ]
    assert lines.index("ValueError: bug in the callback") < lines.index("main: square(3) never arrived within 1 s")


def test_callback_that_catches_keeps_the_pool_working():
    run = shown_run("pitfalls/callback_safe.py")
    assert texts(run) == [
        "callback: got 4",
        "callback: caught ValueError('bug in the callback')",
        "square(3) = 9",
        "main: pool closed normally",
    ]


def test_child_exception_does_not_fail_the_program():
    run = shown_run("pitfalls/child_error_ignored.py")
    lines = texts(run)
    assert run.exit_code == 0
    assert sorted(lines_of(run, "Process-1") + lines_of(run, "Process-3")) == ["Process-1: 1", "Process-3: 3"]
    assert "Process Process-2:" in lines
    assert "ValueError: invalid literal for int() with base 10: 'x'" in lines
    assert lines[-1] == "main: all done"
    assert run.timeline.lane("Process-2").exit_code == 1


def test_checking_exitcode_fails_the_program():
    run = shown_run("pitfalls/child_error_checked.py")
    lines = texts(run)
    assert run.exit_code == 1
    assert lines[-1] == "main: failed: ['Process-2']"
    assert "main: all done" not in lines


# --- Can't pickle -------------------------------------------------------------------


def test_lambda_in_pool_fails_even_under_fork():
    run = shown_run("pitfalls/lambda_in_pool.py")
    assert run.start_method == "fork"
    last = exception_line(run)
    if version(run) >= (3, 14, 0):  # PicklingError, with the function's repr (gh-122311)
        function = r"<function main\.<locals>\.<lambda> at 0x[0-9a-f]+>"
        pattern = rf"_pickle\.PicklingError: Can't pickle local object {function}"
        assert re.fullmatch(pattern, last)
    elif version(run) >= (3, 12, 5):
        assert last == "AttributeError: Can't get local object 'main.<locals>.<lambda>'"
    else:
        assert last == "AttributeError: Can't pickle local object 'main.<locals>.<lambda>'"


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_module_level_function_and_partial_pickle(method):
    run = shown_run("pitfalls/function_in_pool.py", method)
    assert texts(run) == ["[0, 1, 4, 9]", "[0, 1, 8, 27]"]


def source_lines(name: str) -> int:
    from snippetrun.spec import SNIPPETS

    return len((SNIPPETS / name).read_text().splitlines())


def test_open_file_argument_works_under_fork():
    run = shown_run("pitfalls/file_argument.py", "fork")
    assert texts(run) == [f"child: {source_lines('pitfalls/file_argument.py')} lines", "main: exitcode 0"]


def test_open_file_argument_cannot_be_pickled_under_spawn():
    run = shown_run("pitfalls/file_argument.py", "spawn")
    detail = (
        "cannot pickle '_io.TextIOWrapper' object"
        if run.python.startswith("3.11.")
        else "cannot pickle 'TextIOWrapper' instances"
    )
    assert texts(run) == [f"start() failed: TypeError: {detail}"]
    assert [lane for lane in run.timeline.lanes if lane.role == "child"] == []  # no child started


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_path_argument_works_everywhere(method):
    run = shown_run("pitfalls/path_argument.py", method)
    assert texts(run) == [f"child: {source_lines('pitfalls/path_argument.py')} lines", "main: exitcode 0"]


def test_sqlite_connection_cannot_be_pickled_under_spawn():
    run = shown_run("pitfalls/sqlite_argument.py", "spawn")
    assert texts(run) == ["start() failed: TypeError: cannot pickle 'sqlite3.Connection' object"]
    assert [lane for lane in run.timeline.lanes if lane.role == "child"] == []


INHERITANCE = "objects should only be shared between processes through inheritance"


def test_every_synchronization_object_is_refused_as_a_task_argument():
    run = shown_run("pitfalls/inheritance_only.py")
    refused = [re.fullmatch(rf"(.+?) +(\w+) {INHERITANCE}", t).groups() for t in texts(run)]
    assert refused == [
        ("Lock()", "Lock"),
        ("RLock()", "RLock"),
        ("Semaphore()", "Semaphore"),
        ("BoundedSemaphore()", "BoundedSemaphore"),
        ("Condition()", "Condition"),
        ("Event()", "Condition"),  # an Event holds a Condition
        ("Barrier(2)", "Condition"),  # so does a Barrier
        ("Queue()", "Queue"),
        ("JoinableQueue()", "JoinableQueue"),
        ("SimpleQueue()", "SimpleQueue"),
        ('Value("i")', "Synchronized"),
        ('Array("i", 3)', "SynchronizedArray"),
    ]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_queue_and_value_by_initializer_and_a_manager_queue_as_argument(method):
    run = shown_run("pitfalls/inheritance_fixed.py", method)
    assert texts(run) == [
        "initializer: Value 4, Queue [0, 10, 20, 30]",
        "manager.Queue() as a task argument: [0, 1, 2, 3]",
    ]


def test_lock_as_pool_task_argument_is_refused():
    run = shown_run("pitfalls/lock_in_pool.py")
    assert texts(run)[-1] == "RuntimeError: Lock objects should only be shared between processes through inheritance"


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_lock_through_initializer(method):
    run = shown_run("pitfalls/lock_by_initializer.py", method)
    assert texts(run) == ["[1, 2, 3, 4]"]


THREAD_LOCK = "cannot pickle '_thread.lock' object"


def test_lock_pool_and_bound_method_inside_what_a_pool_sends():
    run = shown_run("pitfalls/unpicklable_inside.py")
    assert texts(run) == [  # the same words on 3.11, 3.12 and 3.13
        "pool.map(total_of, [counter])",
        f"    TypeError: {THREAD_LOCK}",
        "pool.map(counter.add, [1])",
        f"    TypeError: {THREAD_LOCK}",
        "pool.map(total_of, [Holder(pool)])",
        "    NotImplementedError: pool objects cannot be passed between processes or pickled",
    ]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_getstate_leaves_the_lock_out_and_every_task_gets_a_copy(method):
    run = shown_run("pitfalls/lock_getstate.py", method)
    assert texts(run) == ["[10, 20, 30, 40]", "main: counter.total = 0"]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_initializer_makes_one_connection_per_worker(method):
    run = shown_run("pitfalls/client_per_worker.py", method)
    assert texts(run) == ["[0, 1, 4, 9, 16, 25]", "one connection per worker: True"]


def test_queue_put_returns_and_the_feeder_thread_loses_the_item():
    run = shown_run("pitfalls/queue_put_lost.py")
    lines = texts(run)
    assert run.exit_code == 0
    assert lines.index("main: put() returned") < len(lines) - 2
    assert lines[-2:] == [
        "main: get(timeout=1) raised queue.Empty: the job was lost",
        f"main: SimpleQueue.put() raised TypeError: {THREAD_LOCK}",
    ]
    feed = [i for i, t in enumerate(lines) if re.search(r"multiprocessing/queues\.py\", line \d+, in _feed$", t)]
    assert len(feed) == 1
    assert f"TypeError: {THREAD_LOCK}" in lines[feed[0] :]
    assert all(line.process == "MainProcess" for line in run.lines)  # the feeder is a thread


def test_unpicklable_result_is_a_maybe_encoding_error():
    run = shown_run("pitfalls/result_unpicklable.py")
    reason = f"""Reason: 'TypeError("{THREAD_LOCK}")'"""
    pattern = (
        r"multiprocessing\.pool\.MaybeEncodingError: Error sending result: "
        r"'<__main__\.Job object at 0x[0-9a-f]+>'\. " + re.escape(reason)
    )
    assert re.fullmatch(pattern, texts(run)[-1])


def test_exception_that_cannot_be_rebuilt_kills_the_result_handler():
    run = shown_run("pitfalls/exception_unpicklable.py")
    lines = texts(run)
    handler = "result_hander" if run.python.startswith("3.11.") else "result_handler"
    assert "Exception in thread Thread-3 (_handle_results):" in lines
    missing = "TypeError: JobError.__init__() missing 1 required positional argument: 'code'"
    assert missing in lines
    assert lines[-2:] == [
        "main: no result and no exception within 1 s",
        f"main: terminate() failed: Cannot have cache with {handler} not alive",
    ]
    assert lines.index(missing) < len(lines) - 1  # the handler died before terminate()


def test_exception_with_reduce_reaches_the_main_process():
    run = shown_run("pitfalls/exception_picklable.py")
    assert texts(run) == ["main: caught JobError('job 7 failed'), code 7"]


def test_missing_guard_breaks_the_executor_under_spawn():
    run = shown_run("pitfalls/no_guard_executor.py", "spawn")
    lines = texts(run)
    assert run.start_method == "spawn"
    bootstrapping = "        An attempt has been made to start a new process before the"
    broken = (
        "concurrent.futures.process.BrokenProcessPool: A process in the process pool was "
        "terminated abruptly while the future was running or pending."
    )
    assert bootstrapping in lines
    assert lines[-1] == broken
    assert lines.index(bootstrapping) < lines.index(broken)
    assert "[0, 1, 4, 9]" not in lines


def test_guard_lets_the_executor_work_under_spawn():
    run = shown_run("pitfalls/guard_executor.py", "spawn")
    assert texts(run) == ["[0, 1, 4, 9]"]


# --- Pool pitfalls ------------------------------------------------------------------


def workers(run) -> list[str]:
    return sorted(lane.name for lane in run.timeline.lanes if lane.role == "child")


def test_get_after_the_with_block_never_returns():
    run = shown_run("pitfalls/get_after_with.py")
    assert texts(run) == ["get() after the with block: no result within 1 s"]
    calls = [call for lane in run.timeline.lanes if lane.role == "child" for call in lane.calls]
    assert all(call.end is None for call in calls)  # no task finished: terminate() ended them


def test_get_inside_the_with_block():
    run = shown_run("pitfalls/get_inside_with.py")
    assert texts(run) == ["[0, 1, 4, 9]"]


def test_sigint_in_a_worker_loses_its_task():
    run = shown_run("pitfalls/ctrl_c_worker.py")
    lines = texts(run)
    assert "KeyboardInterrupt" in lines
    assert any(re.fullmatch(r"Process ForkPoolWorker-\d:", t) for t in lines)
    assert lines[-1] == "main: map still waiting after 1 s; task 3 was lost"
    assert "KeyboardInterrupt" not in lines_of(run, "MainProcess")  # only the worker got it
    assert workers(run) == ["ForkPoolWorker-1", "ForkPoolWorker-2", "ForkPoolWorker-3"]


def test_workers_ignoring_sigint_finish_the_map():
    run = shown_run("pitfalls/ctrl_c_ignored.py")
    assert texts(run) == ["[0, 1, 2, 3, 4, 5, 6, 7]"]
    assert workers(run) == ["ForkPoolWorker-1", "ForkPoolWorker-2"]  # no worker died


def test_pool_inside_a_pool_worker_is_refused():
    run = shown_run("pitfalls/nested_pool.py")
    assert texts(run)[-1] == "AssertionError: daemonic processes are not allowed to have children"


def test_flattened_tasks_in_one_pool():
    run = shown_run("pitfalls/flat_pool.py")
    assert texts(run) == ["[[1, 4], [9, 16]]"]


def test_chunksize_one_against_one_process():
    # Timings are shown as measured; only their form and the sums are checked.
    run = shown_run("pitfalls/chunksize_one.py")
    lines = texts(run)
    assert re.fullmatch(r"one process, no pool: sum 12502500, [\d.]+ ms", lines[0])
    assert re.fullmatch(r"imap, chunksize=1:    sum 12502500, \d+ ms", lines[1])
    assert re.fullmatch(r"that is \d+ µs per task of x \+ 1", lines[2])
    assert re.fullmatch(r"the pool took [\d,]+x as long as one process", lines[3])


def test_chunksize_batched_same_result():
    run = shown_run("pitfalls/chunksize_batched.py")
    lines = texts(run)
    assert re.fullmatch(r"chunksize=1:   sum 12502500, [\d.]+ s", lines[0])
    assert re.fullmatch(r"chunksize=500: sum 12502500, [\d.]+ s", lines[1])
    assert lines[2] == "same result: True"
    assert re.fullmatch(r"chunksize=1 took \d+x as long as chunksize=500", lines[3])


# --- A change another process doesn't see -------------------------------------------


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_global_changed_in_a_child_stays_there(method):
    run = shown_run("pitfalls/global_in_child.py", method)
    assert sorted(texts(run)[:2]) == ["Process-1: counter = 10", "Process-2: counter = 10"]
    assert texts(run)[2] == "main: counter = 0"


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_shared_value_is_seen_by_the_parent(method):
    run = shown_run("pitfalls/shared_counter.py", method)
    assert texts(run) == ["main: counter = 20"]


def test_append_to_a_nested_list_in_a_manager_dict_is_lost():
    run = shown_run("pitfalls/nested_proxy.py")
    assert texts(run) == ["main: results['done'] = []"]
    names = sorted(call.label for lane in run.timeline.lanes for call in lane.calls if call.label.startswith("record"))
    assert len(names) == 3  # all three children did call record()


def test_reassigning_the_list_keeps_every_change():
    run = shown_run("pitfalls/nested_proxy_fixed.py")
    assert texts(run) == ["main: results['done'] = ['job0', 'job1', 'job2']"]


def test_shared_memory_not_unlinked_leaks_and_warns():
    run = shown_run("pitfalls/shm_not_unlinked.py")
    lines = texts(run)
    name = re.fullmatch(r"main: wrote b'hello' to (psm_\w+)", lines[0])[1]
    assert lines[1] == f"main: after close(), /dev/shm/{name} exists: True"
    warning = next(t for t in lines if "UserWarning" in t)
    assert "resource_tracker: There appear to be 1 leaked shared_memory objects to clean up at shutdown" in warning
    assert not Path(f"/dev/shm/{name}").exists()  # the tracker removed it


def test_shared_memory_unlinked_leaves_nothing():
    run = shown_run("pitfalls/shm_unlinked.py")
    lines = texts(run)
    name = re.fullmatch(r"main: wrote b'hello' to (psm_\w+)", lines[0])[1]
    assert lines[1:] == [f"main: after unlink(), /dev/shm/{name} exists: False"]
    assert "Warning" not in run.output


# --- Works on Linux, wrong elsewhere ------------------------------------------------


def test_module_level_lock_excludes_only_under_fork():
    fork = shown_run("pitfalls/module_lock.py", "fork")
    spawn = shown_run("pitfalls/module_lock.py", "spawn")
    assert texts(fork) == ["second child got LOCK while the first holds it: False"]
    assert texts(spawn) == ["second child got LOCK while the first holds it: True"]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_lock_passed_as_argument_excludes(method):
    run = shown_run("pitfalls/lock_argument.py", method)
    assert texts(run) == ["second child got the lock while the first holds it: False"]


def test_fork_with_a_thread_holding_a_lock():
    fork = shown_run("pitfalls/fork_thread_lock.py", "fork")
    spawn = shown_run("pitfalls/fork_thread_lock.py", "spawn")
    assert texts(fork) == ["child: CACHE_LOCK acquired within 0.3 s: False", "main: child exitcode 0"]
    assert texts(spawn) == ["child: CACHE_LOCK acquired within 0.3 s: True", "main: child exitcode 0"]
    assert "DeprecationWarning" not in fork.output  # raised on 3.12+, but not shown by default


FORK_WARNING = (
    r"DeprecationWarning: This process \(pid=(\d+)\) is multi-threaded,"
    r" use of fork\(\) may lead to deadlocks in the child\."
)


def test_fork_warning_quoted_exactly_with_the_forking_pid():
    run = shown_run("pitfalls/fork_thread_warning.py", "fork")
    lines = texts(run)
    pid = int(re.fullmatch(r"main: pid (\d+), 2 threads", lines[0])[1])
    assert lines[-1] == "main: child exitcode 0"
    warnings = [(i, m) for i, t in enumerate(lines) if (m := re.search(FORK_WARNING, t))]
    if version(run) < (3, 12, 0):
        assert warnings == [] and "Warning" not in run.output
        return
    [(i, match)] = warnings
    assert int(match[1]) == pid
    assert run.lines[i].pid == pid
    assert lines[i].endswith(match[0]) and lines[i + 1].strip() == "self.pid = os.fork()"


def test_spawn_context_child_takes_the_lock():
    run = shown_run("pitfalls/fork_thread_spawn.py")
    assert texts(run) == ["child: CACHE_LOCK acquired within 0.3 s: True", "main: child exitcode 0, start method spawn"]


def draws(run) -> list[int]:
    return ast.literal_eval(texts(run)[0].removeprefix("draws by child: "))


def test_module_level_random_is_copied_by_fork():
    fork = shown_run("pitfalls/same_random.py", "fork")
    assert len(set(draws(fork))) == 1
    assert texts(fork)[1] == "distinct: 1 of 4"
    spawn = shown_run("pitfalls/same_random.py", "spawn")
    assert len(set(draws(spawn))) > 1


def test_own_generator_per_child_is_distinct_and_reproducible():
    fork = shown_run("pitfalls/own_random.py", "fork")
    spawn = shown_run("pitfalls/own_random.py", "spawn")
    assert draws(fork) == draws(spawn)
    assert texts(fork)[1] == texts(spawn)[1] == "distinct: 4 of 4"
