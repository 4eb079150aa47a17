"""What the chapter tests ask of a run, in one place."""

from __future__ import annotations

import ast
import re

from snippetrun.trace import Lane, Span, Timeline

BOTH = ("fork", "spawn")
ALL = ("fork", "spawn", "forkserver")


def texts(run) -> list[str]:
    """The run's output lines, as the page shows them."""
    return [line.text for line in run.lines]


def exception_line(run) -> str:
    """The traceback's exception line: the last line, except for the notes Python 3.14 adds
    after it when pickling fails ("when serializing tuple item 0", gh-122213)."""
    return next(t for t in reversed(texts(run)) if not t.startswith("when serializing "))


def lines_of(run, process: str) -> list[str]:
    """The lines one process wrote ("MainProcess", "Process-1", ...), in order."""
    return [line.text for line in run.lines if line.process == process]


def main_pid(run) -> int:
    return run.timeline.lane("MainProcess").pid


def value_after(run, prefix: str):
    """The Python literal printed after ``prefix`` on the first line that starts with it."""
    line = next(t for t in texts(run) if t.startswith(prefix))
    return ast.literal_eval(line.removeprefix(prefix).strip())


def children(run_or_timeline) -> list[Lane]:
    """The timeline lanes of child processes (not the main process or the fork server)."""
    timeline: Timeline = getattr(run_or_timeline, "timeline", run_or_timeline)
    return [lane for lane in timeline.lanes if lane.role == "child"]


def overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def version(run) -> tuple[int, int, int]:
    """The interpreter the run used, with its micro: "3.12.5" -> (3, 12, 5)."""
    major, minor, micro = re.match(r"(\d+)\.(\d+)\.(\d+)", run.python).groups()
    return int(major), int(minor), int(micro)
