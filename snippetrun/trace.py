"""Turn the per-process trace files written by ``boot/sitecustomize.py`` into a timeline."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .lines import OutputLine, attribute
from .redact import redact

HIDDEN_ROLES = ("resource_tracker", "semaphore_tracker")


@dataclass
class Span:
    start: float  # ms from the start of the run
    end: float | None  # None: still open when the process's trace ended
    label: str = ""


@dataclass
class Lane:
    pid: int
    name: str
    role: str  # main, child, forkserver
    start: float
    end: float | None = None
    exit_code: int | None = None
    calls: list[Span] = field(default_factory=list)  # entry calls of the snippet's functions
    locks: list[Span] = field(default_factory=list)  # from lock acquired to release
    waits: list[Span] = field(default_factory=list)  # from asking for a lock to getting it
    lines: list[float] = field(default_factory=list)  # when this process wrote each line
    # How the lane ends when the process wrote no exit of its own (it was killed): "signal",
    # at the signal its parent sent it; "seen", when its parent saw it gone; "" otherwise.
    killed: str = ""
    signal: int | None = None  # the signal that killed it, when known


@dataclass
class Timeline:
    lanes: list[Lane]
    end: float
    methods_used: tuple[str, ...]
    records: list[tuple[float, int, str]] = field(default_factory=list, repr=False)

    def lane(self, name: str) -> Lane:
        return next(lane for lane in self.lanes if lane.name == name)

    def attribute(self, lines: list[OutputLine]) -> list[OutputLine]:
        """Give each output line its writer and the time it was written (see lines.py), and
        mark the lanes with those same times, so the timeline and the text agree."""
        attributed = attribute(lines, self.records, {lane.pid: lane.name for lane in self.lanes})
        by_pid: dict[int, list[float]] = defaultdict(list)
        for line in attributed:
            if line.pid is not None:
                by_pid[line.pid].append(line.ms)
        for lane in self.lanes:
            lane.lines = by_pid.get(lane.pid, [])
        return attributed


def _arguments(args: list[str] | str) -> str:
    """A call's arguments as the timeline labels them: redacted first (a path argument must
    not name the build machine), then shortened."""
    if isinstance(args, str):
        args = [args]
    shown = []
    for text in args:
        text = redact(text)
        shown.append(text if len(text) <= 24 else text[:21] + "...")
    return ", ".join(shown)


Row = dict[str, Any]  # one event a process's tracer wrote: "e" (its kind), "t" (ns) and more
LANE_ORDER = {"main": 0, "forkserver": 1, "child": 2}
CANONICAL_METHODS = ("fork", "spawn", "forkserver")  # a stable order, whatever started first


def read_trace(folder: Path, t0: int, main_pid: int) -> tuple[Timeline | None, dict]:
    """Read every ``<pid>.jsonl`` in ``folder``; times become ms after ``t0``. The facts
    are those the main process's boot event reports; there is no timeline when the run
    was not traced."""
    events = _read_events(folder)
    facts = _boot_facts(events.get(main_pid, []))
    if not _traced(events):
        return None, facts
    methods = _methods_used(events)
    lanes: list[Lane] = []
    records: list[tuple[float, int, str]] = []
    for pid, rows in events.items():
        rows.sort(key=lambda row: row["t"])
        lane = _lane(pid, rows, main_pid, t0, records)
        if lane is not None:
            lanes.append(lane)
    _end_killed(lanes, events, t0)
    end = max([0.0, *(lane.end for lane in lanes)])
    lanes.sort(key=lambda lane: (LANE_ORDER[lane.role], lane.start))
    return Timeline(lanes=lanes, end=end, methods_used=methods, records=records), facts


def _read_events(folder: Path) -> dict[int, list[Row]]:
    """Each process's events by pid, as written (a line cut short by a kill is skipped)."""
    events: dict[int, list[Row]] = {}
    for path in folder.glob("*.jsonl"):
        rows = []
        for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                rows.append(json.loads(raw))
            except json.JSONDecodeError:
                continue  # a process killed in the middle of a write
        if rows:
            events[int(path.stem)] = rows
    return events


def _boot_facts(rows: list[Row]) -> dict:
    facts: dict = {}
    for row in rows:
        if row["e"] == "boot":
            facts = row.get("facts", {})
    return facts


def _traced(events: dict[int, list[Row]]) -> bool:
    return any(row["e"] in ("start", "call", "line") for rows in events.values() for row in rows)


def _methods_used(events: dict[int, list[Row]]) -> tuple[str, ...]:
    """The start methods the run's children were started with, in the canonical order."""
    methods: list[str] = []
    for rows in events.values():
        for row in rows:
            if row["e"] == "start" and row.get("method") and row["method"] not in methods:
                methods.append(row["method"])
    methods.sort(key=lambda m: CANONICAL_METHODS.index(m) if m in CANONICAL_METHODS else len(CANONICAL_METHODS))
    return tuple(methods)


def _ms(row: Row, t0: int) -> float:
    return round((row["t"] - t0) / 1e6, 3)


def _identity(pid: int, rows: list[Row], main_pid: int) -> tuple[str, str] | None:
    """A process's lane name and role (main, forkserver, child); None for the helpers the
    timeline does not show."""
    boot = next((row for row in rows if row["e"] == "boot"), None)
    role = boot["role"] if boot else "child"
    if role in HIDDEN_ROLES:
        return None
    if pid == main_pid:
        return "MainProcess", "main"
    if role == "forkserver":
        return "forkserver", role
    start = next((row for row in rows if row["e"] == "start"), None)
    return (start["name"] if start else f"pid {pid}"), "child"


def _lane(pid: int, rows: list[Row], main_pid: int, t0: int, records: list[tuple[float, int, str]]) -> Lane | None:
    """The lane of one process from its events in time order; its output lines go to
    ``records`` too. None for a hidden helper."""
    identity = _identity(pid, rows, main_pid)
    if identity is None:
        return None
    name, role = identity
    lane = Lane(pid=pid, name=name, role=role, start=_ms(rows[0], t0))
    replay = _Replay(lane, records)
    for row in rows:
        replay.event(row, _ms(row, t0))
    if lane.end is None:  # no exit of its own: its last event, unless _end_killed knows more
        lane.end = _ms(rows[-1], t0)
    return lane


def _end_killed(lanes: list[Lane], events: dict[int, list[Row]], t0: int) -> None:
    """End each lane that wrote no exit of its own where its parent knows it ended: at the
    signal the parent sent it (terminate(), kill()) if that is what killed it, else when the
    parent first saw it gone (join(), exitcode). Drawn at its last event, a killed process
    would seem to die before things it outlived. A lane nothing is known of stays as it is."""
    signals: dict[int, list[tuple[float, int]]] = defaultdict(list)
    seen: dict[int, tuple[float, int]] = {}
    for rows in events.values():
        for row in rows:
            if row["e"] == "signal":
                signals[row["to"]].append((_ms(row, t0), row["sig"]))
            elif row["e"] == "reaped" and row["child"] not in seen:
                seen[row["child"]] = (_ms(row, t0), row["code"])
    for lane in lanes:
        if any(row["e"] in ("exit", "end") for row in events[lane.pid]):
            continue
        gone = seen.get(lane.pid)
        if gone is not None:
            lane.exit_code = gone[1]
            if gone[1] >= 0:
                continue  # it exited, yet its exit was not written: nothing says when
        sent = [
            (t, sig)
            for t, sig in sorted(signals.get(lane.pid, []))
            if t >= lane.end and (gone is None or (t <= gone[0] and gone[1] == -sig))
        ]
        if sent:
            lane.end, lane.signal, lane.killed = sent[0][0], sent[0][1], "signal"
        elif gone is not None:
            lane.end, lane.signal, lane.killed = gone[0], -gone[1], "seen"


class _Replay:
    """Fills a lane event by event: the calls still open, a lock being waited for, the lock held."""

    def __init__(self, lane: Lane, records: list[tuple[float, int, str]]) -> None:
        self.lane = lane
        self.records = records
        self.stack: list[Span] = []
        self.lock_wait: float | None = None
        self.lock_held: Span | None = None
        self.handlers: dict[str, Callable[[Row, float], None]] = {
            "exit": self.exit,
            "end": self.end,
            "call": self.call,
            "return": self.return_,
            "lock_wait": self.wait,
            "lock_acquired": self.acquired,
            "lock_release": self.release,
            "line": self.line,
        }

    def event(self, row: Row, t: float) -> None:
        handler = self.handlers.get(row["e"])
        if handler is not None:
            handler(row, t)

    def exit(self, row: Row, t: float) -> None:
        self.lane.end = t
        self.lane.exit_code = row.get("code")

    def end(self, row: Row, t: float) -> None:
        self.lane.end = t

    def call(self, row: Row, t: float) -> None:
        span = Span(t, None, f"{row['fn']}({_arguments(row['args'])})")
        self.stack.append(span)
        self.lane.calls.append(span)

    def return_(self, row: Row, t: float) -> None:
        if self.stack:
            self.stack.pop().end = t

    def wait(self, row: Row, t: float) -> None:
        self.lock_wait = t

    def acquired(self, row: Row, t: float) -> None:
        if self.lock_wait is not None:
            self.lane.waits.append(Span(self.lock_wait, t))
        self.lock_wait = None
        self.lock_held = Span(t, None, row.get("lock", "lock"))
        self.lane.locks.append(self.lock_held)

    def release(self, row: Row, t: float) -> None:
        if self.lock_held is not None:
            self.lock_held.end = t
            self.lock_held = None

    def line(self, row: Row, t: float) -> None:
        self.lane.lines.append(t)
        self.records.append((t, self.lane.pid, row["text"]))
