"""Turn the per-process trace files written by ``boot/sitecustomize.py`` into a timeline."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

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


def read_trace(folder: Path, t0: int, main_pid: int) -> tuple[Timeline | None, dict]:
    """Read every ``<pid>.jsonl`` in ``folder``; times become ms after ``t0``."""
    events: dict[int, list[dict]] = {}
    for path in folder.glob("*.jsonl"):
        rows = []
        for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                rows.append(json.loads(raw))
            except json.JSONDecodeError:
                continue  # a process killed in the middle of a write
        if rows:
            events[int(path.stem)] = rows
    facts: dict = {}
    for row in events.get(main_pid, []):
        if row["e"] == "boot":
            facts = row.get("facts", {})
    traced = any(row["e"] in ("start", "call", "line") for rows in events.values() for row in rows)
    if not traced:
        return None, facts

    def ms(row: dict) -> float:
        return round((row["t"] - t0) / 1e6, 3)

    lanes: list[Lane] = []
    records: list[tuple[float, int, str]] = []
    methods: list[str] = []
    for rows in events.values():
        for row in rows:
            if row["e"] == "start" and row.get("method") and row["method"] not in methods:
                methods.append(row["method"])
    last_time = 0.0
    for pid, rows in events.items():
        rows.sort(key=lambda row: row["t"])
        boot = next((row for row in rows if row["e"] == "boot"), None)
        role = boot["role"] if boot else "child"
        if role in HIDDEN_ROLES:
            continue
        if pid == main_pid:
            name, role = "MainProcess", "main"
        elif role == "forkserver":
            name = "forkserver"
        else:
            role = "child"
            start = next((row for row in rows if row["e"] == "start"), None)
            name = start["name"] if start else f"pid {pid}"
        lane = Lane(pid=pid, name=name, role=role, start=ms(rows[0]))
        stack: list[Span] = []
        lock_wait: float | None = None
        lock_held: Span | None = None
        for row in rows:
            t = ms(row)
            kind = row["e"]
            if kind == "exit":
                lane.end = t
                lane.exit_code = row.get("code")
            elif kind == "end":
                lane.end = t
            elif kind == "call":
                span = Span(t, None, f"{row['fn']}({_arguments(row['args'])})")
                stack.append(span)
                lane.calls.append(span)
            elif kind == "return" and stack:
                stack.pop().end = t
            elif kind == "lock_wait":
                lock_wait = t
            elif kind == "lock_acquired":
                if lock_wait is not None:
                    lane.waits.append(Span(lock_wait, t))
                lock_wait = None
                lock_held = Span(t, None, row.get("lock", "lock"))
                lane.locks.append(lock_held)
            elif kind == "lock_release" and lock_held is not None:
                lock_held.end = t
                lock_held = None
            elif kind == "line":
                lane.lines.append(t)
                records.append((t, pid, row["text"]))
        if lane.end is None:
            lane.end = ms(rows[-1])
        last_time = max(last_time, lane.end)
        lanes.append(lane)
    order = {"main": 0, "forkserver": 1, "child": 2}
    lanes.sort(key=lambda lane: (order[lane.role], lane.start))
    canonical = ("fork", "spawn", "forkserver")  # a stable order, whatever started first
    methods.sort(key=lambda m: canonical.index(m) if m in canonical else len(canonical))
    return Timeline(lanes=lanes, end=last_time, methods_used=tuple(methods), records=records), facts
