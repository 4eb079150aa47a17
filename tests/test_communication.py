"""Chapter 3, passing messages: each test checks a claim its page makes about a real run."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from snippetrun import shown_run
from tests.runs import BOTH, children, lines_of, texts, value_after

pytestmark = pytest.mark.timeout(300)

SNIPPETS = Path(__file__).resolve().parent.parent / "snippets"


# --- Queue in depth -----------------------------------------------------------------


def test_queue_timeouts_full_and_empty():
    run = shown_run("communication/queue_timeouts.py")
    results = [t.split(":", 1)[1].split(" after ")[0].strip() for t in texts(run)]
    assert results == [
        "raised queue.Full",  # put(block=False) on a full queue
        "raised queue.Full",  # put(timeout=0.3): waited, then gave up
        "a",
        "b",
        "raised queue.Empty",
        "raised queue.Empty",
    ]


@pytest.mark.parametrize("method", BOTH)
def test_queue_copy_is_taken_by_the_feeder_thread(method):
    run = shown_run("communication/queue_copy.py", method)
    main = lines_of(run, "MainProcess")
    assert main == [
        "main: put() returned, then appended 'cake'",
        "pickled by QueueFeederThread: ['tea', 'cake']",
        "main still has: ['tea', 'cake']",
    ]
    assert lines_of(run, "Process-1") == ["consumer received: ['tea', 'cake']"]
    # the consumer is started before the first put() (whether it runs yet is the scheduler's
    # business); it reads only after the change (the order check below)
    source = (SNIPPETS / "communication/queue_copy.py").read_text()
    assert source.index("p.start()") < source.index("q.put(BIG)")
    # the copy is made after put() returned, and before the consumer receives it
    order = texts(run)
    assert (
        order.index("main: put() returned, then appended 'cake'")
        < order.index("pickled by QueueFeederThread: ['tea', 'cake']")
        < order.index("consumer received: ['tea', 'cake']")
    )


@pytest.mark.parametrize("method", BOTH)
def test_queue_feeder_thread_close_join_thread(method):
    run = shown_run("communication/queue_feeder.py", method)
    assert lines_of(run, "Process-1") == [
        "before put(): ['MainThread']",
        "after put():  ['MainThread', 'QueueFeederThread']",
        "after close() and join_thread(): ['MainThread']",
        "put() after close(): ValueError, the queue is closed here",
    ]
    assert lines_of(run, "MainProcess") == ["main received: [0, 1, 2]"]


@pytest.mark.parametrize("method", BOTH)
def test_cancel_join_thread_loses_data(method):
    run = shown_run("communication/queue_cancel_join.py", method)
    assert lines_of(run, "Process-1") == ["producer: put 100 items, exiting"]
    assert "producer exitcode: 0" in texts(run)
    got = int(re.search(r"received (\d+) of 100 items", run.output)[1])
    assert 0 <= got < 100  # never all of them: the pipe holds less than 100 KB; maybe none
    assert "they are items 0, 1, 2, ... in order: True" in texts(run)
    assert f"lost: {100 - got}" in texts(run)


@pytest.mark.parametrize("method", BOTH)
def test_queue_hints_empty_is_only_now(method):
    run = shown_run("communication/queue_hints.py", method)
    assert texts(run) == [
        "empty(): True | qsize(): 0",
        "loop 'while not q.empty()' took: []",
        "after the producer ended, qsize(): 3",
        "three get() calls took: [0, 1, 2]",
    ]


# --- Producers and consumers --------------------------------------------------------


@pytest.mark.parametrize("method", BOTH)
def test_poison_pills_nothing_lost_or_duplicated(method):
    run = shown_run("communication/producers_consumers.py", method)
    assert texts(run) == [
        "sent 15, received 15",
        "each consumer's count adds up: True",
        "missing: []",
        "duplicated: []",
        "exit codes: [0, 0, 0, 0, 0]",
    ]
    consumers = [
        lane for lane in run.timeline.lanes if lane.role == "child" and lane.calls[0].label.startswith("consume")
    ]
    assert len(consumers) == 2 and all(lane.exit_code == 0 for lane in consumers)


def test_one_pill_too_few_leaves_a_consumer_waiting():
    run = shown_run("communication/too_few_pills.py")
    assert texts(run) == [
        "one pill, two consumers: one stopped",
        "still waiting in get() after 1.0 s: 1 consumer",
    ]


@pytest.mark.parametrize("method", BOTH)
def test_joinable_queue_forgotten_task_done_hangs_join(method):
    run = shown_run("communication/joinable_queue.py", method)
    assert texts(run) == [
        "a consumer that calls task_done() for every item:",
        "  join() returned: every item got its task_done()",
        "  worker exitcode: 0",
        "a consumer that forgets one task_done():",
        "  join() still waiting after 1.0 s: a task_done() is missing",
        "  one more task_done() from main: join() returned",
        "  worker exitcode: 0",
    ]


@pytest.mark.parametrize("method", BOTH)
def test_simple_queue_has_no_feeder_thread(method):
    run = shown_run("communication/simple_queue.py", method)
    children = sorted(t for t in texts(run) if "after put()" in t)
    assert children == [
        "Queue        after put(), threads: ['MainThread', 'QueueFeederThread']",
        "SimpleQueue  after put(), threads: ['MainThread']",
    ]
    main = lines_of(run, "MainProcess")
    assert main == [
        "main got: hello from a Queue",
        "main got: hello from a SimpleQueue",
        "SimpleQueue.get parameters: ()",
        "SimpleQueue has qsize(): False",
    ]


# --- Pipes --------------------------------------------------------------------------


@pytest.mark.parametrize("method", BOTH)
def test_pipe_basics(method):
    run = shown_run("communication/pipe_basics.py", method)
    assert texts(run) == [
        "poll(0.1) before asking: False",
        "poll(5) after asking:    True",
        "recv():       {'answer': 6}",
        "recv() takes: ()",  # no timeout: poll() bounds the wait
        "recv_bytes(): b'HELLO'",
        "one-way pipe: one way",
        "reader.send(): connection is read-only",
    ]


@pytest.mark.parametrize("method", BOTH)
def test_pipe_eof_needs_every_write_end_closed(method):
    run = shown_run("communication/pipe_eof.py", method)
    if method == "fork":  # the child inherited a copy of the write end
        assert lines_of(run, "Process-1") == ["reader: [0, 1, 2], then no EOF after 1.0 s"]
    else:  # spawn: the child has only the end it was given
        assert lines_of(run, "Process-1") == ["reader: [0, 1, 2], then EOFError"]


@pytest.mark.parametrize("method", BOTH)
def test_pipe_eof_fixed_child_closes_its_copy(method):
    run = shown_run("communication/pipe_eof_fixed.py", method)
    assert lines_of(run, "Process-1") == ["reader: [0, 1, 2], then EOFError"]


@pytest.mark.parametrize("method", BOTH)
def test_pipe_shared_end_with_a_lock_is_intact(method):
    run = shown_run("communication/pipe_shared_end.py", method)
    assert value_after(run, "with a lock:") == ["1048576 bytes of 'A'", "1048576 bytes of 'B'"]
    # Without the lock the messages may come out intact or mixed, and mixed takes more than one
    # form: both letters in one message, or the other message's length header read as data
    # ('\x00\x10B' when the two headers went out back to back). Both are allowed. Either way
    # the stream holds only the letters and the two headers' bytes (0x00100000 = 1 MiB), and a
    # run whose messages are all clean one-letter ones must show one A and one B.
    without = value_after(run, "without a lock:")
    whole = {"1048576 bytes of 'A'", "1048576 bytes of 'B'"}
    assert without == sorted(whole) or any(m not in whole for m in without), without
    for message in without:
        size, shown = re.fullmatch(r"(\d+) bytes of ('.*')", message).groups()
        assert set(ast.literal_eval(shown)) <= {"A", "B", "\x00", "\x10"}, message
        assert int(size) <= 2 * (4 + 1048576), message


def test_pipe_send_bytes_writes_once_up_to_16_kib_then_twice():
    run = shown_run("communication/pipe_writes.py")
    assert texts(run) == [
        "send_bytes() of     100 bytes: write() calls: 1",
        "send_bytes() of   16384 bytes: write() calls: 1",
        "send_bytes() of   16385 bytes: write() calls: 2",
        "send_bytes() of 1048576 bytes: write() calls: 2",
    ]


# --- Waiting on many things ---------------------------------------------------------


@pytest.mark.parametrize("method", BOTH)
def test_wait_serves_whoever_is_ready_and_notices_a_death(method):
    run = shown_run("communication/wait_many.py", method)
    assert texts(run) == [
        "main: wait(sentinels, timeout=0.1) -> []",
        "main: serving 'C: 2 + 2?'",
        "worker C got: 4",
        "main: serving 'B: 2 + 2?'",
        "worker B got: 4",
        "main: serving 'A: 2 + 2?'",
        "worker A got: 4",
        "main: worker D died, exitcode -9",
        "main: every worker has ended; non-zero exit codes: {'D': -9}",
    ]
    codes = [lane.exit_code for lane in run.timeline.lanes if lane.role == "child"]
    assert codes.count(0) == 3  # D was killed: it wrote no exit, its code is the -9 its parent saw
    # The timeline tells the page's story: D is killed only after A has been served, so D's
    # lane, marked killed, does not end before A's answer (it ends where the parent saw it gone).
    d = next(lane for lane in children(run) if lane.calls[0].label.startswith("worker('D'"))
    a_answered = next(line.ms for line in run.lines if line.text == "worker A got: 4")
    assert (d.killed, d.signal, d.exit_code) == ("seen", 9, -9)
    assert d.end > a_answered


def test_wait_many_timeline_says_d_was_killed(built_site):
    """Both languages' text alternatives of each timeline on the page name D's end a kill."""
    for language, killed in (("zh", "被终止（SIGKILL）"), ("en", "killed (SIGKILL)")):
        page = BeautifulSoup(built_site.html("communication/waiting", language), "html.parser")
        timelines = [desc.get_text() for desc in page.select("svg.sr-timeline desc")]
        assert len(timelines) == len(BOTH)
        assert all(desc.count(killed) == 1 for desc in timelines)


# --- Choosing -----------------------------------------------------------------------


@pytest.mark.parametrize("method", BOTH)
def test_manager_queue_travels_as_an_argument(method):
    run = shown_run("communication/manager_queue.py", method)
    assert lines_of(run, "MainProcess") == [
        "Queue as a task argument: RuntimeError: Queue objects should only be shared between processes through "
        "inheritance",
        "Manager().Queue() as a task argument: [0, 1, 4, 9]",
        "type of q: AutoProxy[Queue]",
    ]


@pytest.mark.parametrize("method", BOTH)
def test_channel_table_answers(method):
    run = shown_run("communication/channel_table.py", method)
    header, *rows = texts(run)
    assert header.split() == ["get(timeout)", "maxsize=1", "has", "threads", "after", "put"]
    # columns: name, get(timeout=0.05) on an empty channel, maxsize=1 and two puts, methods,
    # the threads of a fresh child after one put()
    cells = {r[:18].strip(): [r[19:32].strip(), r[32:43].strip(), r[43:60].strip(), r[60:]] for r in rows}
    feeder = "MainThread, QueueFeederThread"
    assert cells == {
        "Pipe()": ["no get()", "-", "-", "MainThread"],
        "SimpleQueue()": ["TypeError", "TypeError", "-", "MainThread"],
        "Queue()": ["queue.Empty", "queue.Full", "qsize", feeder],
        "JoinableQueue()": ["queue.Empty", "queue.Full", "qsize, task_done", feeder],
        "Manager().Queue()": ["queue.Empty", "queue.Full", "qsize, task_done", "MainThread"],
    }
