"""The engine's own promises, checked without a build: redaction, the start method as a
parameter, the timeline's SVG and its text alternative, the timestamped view."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from snippetrun import RunSpec, SnippetError, fresh_run
from snippetrun.redact import redact
from snippetrun.render import RenderContext, snippet_block, timestamped
from snippetrun.runner import ROOT
from snippetrun.svg import timeline_svg
from snippetrun.trace import read_trace

pytestmark = pytest.mark.timeout(120)


def test_redact_build_paths_and_home():
    text = f'File "{ROOT}/snippets/basics/x.py", line 3\n{Path.home()}/.cache/thing\nroot of the problem'
    out = redact(text)
    assert str(ROOT) not in out and str(Path.home()) + "/" not in out
    assert 'File "snippets/basics/x.py", line 3' in out
    assert "~/.cache/thing" in out
    assert "root of the problem" in out  # words are left alone


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_start_method_is_a_parameter(method):
    run = fresh_run("basics/process_seed.py", method)
    assert run.start_method == method
    assert run.timeline.lane("Process-1").exit_code == 0


def test_unknown_method_and_missing_file_are_named():
    with pytest.raises(
        SnippetError,
        match=r"snippets/basics/process_seed.py: unknown start method 'thread' \(valid: fork, spawn, forkserver\)",
    ):
        fresh_run("basics/process_seed.py", "thread")
    with pytest.raises(SnippetError, match=r"snippets/basics/nope.py: no such snippet file"):
        fresh_run("basics/nope.py")


def test_timeline_svg_has_lanes_and_a_text_alternative():
    run = fresh_run("basics/pool_seed.py", "fork")
    svg = timeline_svg(run.timeline, "Timeline", "en", "t1")
    assert svg.startswith('<svg class="sr-timeline sr-wide"') and 'role="img"' in svg
    assert 'aria-labelledby="t1-t t1-d"' in svg
    desc = re.search(r'<desc id="t1-d">(.*?)</desc>', svg).group(1)
    for lane in run.timeline.lanes:
        assert lane.name in svg and lane.name in desc
    assert desc.count("mp_func(") == 4
    zh = timeline_svg(run.timeline, "时间线", "zh", "t2")
    assert "毫秒" in zh
    # a narrow copy for phones (lane names above the bars), labelled by the wide one's title
    wide, narrow = svg.split('<svg class="sr-timeline sr-narrow"')
    assert narrow.startswith(' viewBox="0 0 360 ') and 'aria-labelledby="t1-t t1-d"' in narrow
    assert "<title id=" not in narrow and "<desc" not in narrow
    for lane in run.timeline.lanes:
        assert f">{lane.name}</text>" in narrow


def test_timeline_axis_squeezes_the_start_up_before_the_first_child():
    """The children start late in a run (the interpreter's start-up comes first): the axis
    squeezes 0 ms up to just before the first child into a short labelled stretch, so the
    children's work fills the drawing."""
    from snippetrun.svg import Scale, axis_break
    from snippetrun.trace import Lane, Timeline

    main = Lane(pid=1, name="MainProcess", role="main", start=0.0, end=100.0)
    child = Lane(pid=2, name="Process-1", role="child", start=80.0, end=95.0)
    timeline = Timeline([main, child], 100.0, ("fork",))
    cut = axis_break(timeline)
    assert 75 < cut < 80
    x = Scale(100, 600, 100.0, cut, 28)
    assert (x(child.start) - 100) / 500 < 0.3 and (x(child.end) - x(child.start)) / 500 > 0.5
    svg = timeline_svg(timeline, "t", "en", "t1")
    assert 'class="sr-gap"' in svg and f"start-up 0–{cut:.0f} ms squeezed" in svg
    early = Timeline([main, Lane(pid=2, name="Process-1", role="child", start=5.0, end=95.0)], 100.0, ("fork",))
    assert axis_break(early) == 0 and 'class="sr-gap"' not in timeline_svg(early, "t", "en", "t1")


def _write_trace(folder: Path, pid: int, *rows: dict) -> None:
    lines = [json.dumps({**row, "t": int(row["t"] * 1e6), "pid": pid}) for row in rows]
    (folder / f"{pid}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_killed_process_ends_where_its_parent_knows_it_ended(tmp_path):
    """A child that wrote no exit ends at the signal its parent sent it, or else when its
    parent saw it gone; never at its last event, and drawn and described as killed."""
    _write_trace(
        tmp_path,
        100,
        {"e": "boot", "role": "main", "facts": {}, "t": 0},
        {"e": "call", "fn": "main", "args": [], "t": 1},
        {"e": "signal", "to": 200, "sig": 15, "t": 5},
        {"e": "reaped", "child": 200, "code": -15, "t": 6},
        {"e": "reaped", "child": 300, "code": -9, "t": 8},
        {"e": "reaped", "child": 400, "code": 0, "t": 9},
        {"e": "exit", "code": None, "t": 10},
    )
    _write_trace(
        tmp_path, 200, {"e": "start", "name": "Process-1", "t": 2}, {"e": "call", "fn": "w", "args": [], "t": 3}
    )
    _write_trace(tmp_path, 300, {"e": "start", "name": "Process-2", "t": 2}, {"e": "line", "text": "hi", "t": 3})
    _write_trace(
        tmp_path,
        400,
        {"e": "start", "name": "Process-3", "t": 2},
        {"e": "exit", "code": 0, "t": 4},
        {"e": "end", "t": 4.5},
    )
    timeline, _ = read_trace(tmp_path, 0, 100)
    terminated, gone, exited = (timeline.lane(f"Process-{n}") for n in (1, 2, 3))
    assert (terminated.end, terminated.killed, terminated.signal, terminated.exit_code) == (5, "signal", 15, -15)
    assert (gone.end, gone.killed, gone.signal, gone.exit_code) == (8, "seen", 9, -9)
    assert (exited.end, exited.killed, exited.exit_code) == (4.5, "", 0)
    for language, words in (("en", "killed"), ("zh", "被终止")):
        svg = timeline_svg(timeline, "t", language, "t1")
        wide, narrow = svg.split('<svg class="sr-timeline sr-narrow"')
        assert wide.count('class="sr-killed"') == 2 and narrow.count('class="sr-killed"') == 2
        desc = re.search(r'<desc id="t1-d">(.*?)</desc>', svg).group(1)
        assert desc.count(words) == 2 and "SIGTERM" in desc and "SIGKILL" in desc


def test_timestamped_view_names_the_writer_of_each_line():
    run = fresh_run("basics/process_seed.py", "fork")
    rows = timestamped(run).splitlines()
    assert len(rows) == len(run.output.splitlines())
    assert re.fullmatch(r"\+\s*[\d.]+ ms  Process-1\s+3", rows[0])
    assert all("MainProcess" in row for row in rows[1:])


def test_rendered_block_has_source_tabs_and_facts():
    run = fresh_run("basics/process_seed.py", "fork")
    source = (ROOT / "snippets/basics/process_seed.py").read_text()
    block = snippet_block("basics/process_seed.py", source, [("fork", run)], RenderContext("zh"))
    assert "snippets/basics/process_seed.py" in block
    assert ">fork</label>" in block and "时间戳（毫秒）" in block and "启动方式 fork" in block
    assert f'data-run-id="{run.run_id}"' in block


@pytest.fixture(scope="module")
def untraced_run():
    """One run with tracing off (a timing example, several seconds of work), for both tests."""
    return fresh_run("processes/gil_compare.py", trace=False)


def test_untraced_run_still_says_its_start_method(untraced_run):
    run = untraced_run
    assert run.timeline is None
    assert run.start_method == run.default_method
    assert run.start_method in ("fork", "spawn", "forkserver")


def test_untraced_run_says_why_it_has_no_timeline(untraced_run):
    run = untraced_run
    source = (ROOT / "snippets/processes/gil_compare.py").read_text()
    block = snippet_block("processes/gil_compare.py", source, [("default", run)], RenderContext("en"))
    assert "sr-timeline" not in block
    assert "no timeline (run with tracing off)" in block


def _spin(stop) -> None:
    while not stop.is_set():
        pass


@pytest.mark.parametrize("snippet", ["basics/process_seed.py", "basics/pool_seed.py", "basics/lock_seed.py"])
def test_times_never_go_backwards_with_both_cores_busy(snippet):
    """Fresh runs while every core spins: the stamped lines, and the marks on the timeline
    lanes, are in the order the output shows, and agree with each other."""
    import multiprocessing
    import os

    stop = multiprocessing.Event()
    spinners = [multiprocessing.Process(target=_spin, args=(stop,)) for _ in range(os.cpu_count() or 2)]
    for spinner in spinners:
        spinner.start()
    try:
        runs = [fresh_run(RunSpec(snippet, "fork")) for _ in range(3)]
    finally:
        stop.set()
        for spinner in spinners:
            spinner.join(timeout=10)
    for run in runs:
        times = [line.ms for line in run.lines]
        assert times == sorted(times)
        for lane in run.timeline.lanes:
            assert lane.lines == [line.ms for line in run.lines if line.pid == lane.pid]
