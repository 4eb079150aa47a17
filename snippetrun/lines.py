"""A run's output as lines: when each reached the engine, who wrote it and when.

Two clocks meet here. The engine stamps each chunk it reads from the pipe; the tracer in
each process stamps each line just before writing it. A line was written somewhere between
its own stamp and the moment the engine read it. The time shown is the earliest moment in
that interval that keeps the output's order: no line is ever shown as written before the
line above it.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class OutputLine:
    text: str
    ms: float  # when the line was written, from the start of the run
    pid: int | None  # the process that wrote it, where the trace could tell
    process: str | None


def split_lines(chunks: Iterable[tuple[int, bytes]], t0: int) -> list[OutputLine]:
    """The output as whole lines, each stamped when its newline reached the engine."""
    lines: list[OutputLine] = []
    pending = b""
    stamp = t0
    for stamp, data in chunks:
        pending += data
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            lines.append(OutputLine(line.decode("utf-8", "replace"), (stamp - t0) / 1e6, None, None))
    if pending:
        lines.append(OutputLine(pending.decode("utf-8", "replace"), (stamp - t0) / 1e6, None, None))
    return lines


def attribute(
    lines: list[OutputLine], records: Iterable[tuple[float, int, str]], names: dict[int, str]
) -> list[OutputLine]:
    """Give each line its writer and time from the trace's records (ms, pid, text).

    Lines are matched to records by text, in order. The time shown is the writer's stamp,
    raised where needed to the time of the line above and never later than when the engine
    read the line, so the times never go backwards down the output.
    """
    by_text: dict[str, deque[tuple[float, int]]] = defaultdict(deque)
    for ms, pid, text in sorted(records):
        by_text[text].append((ms, pid))
    result = []
    floor = 0.0
    for line in lines:
        queue = by_text.get(line.text.rstrip("\r")[:300])
        if queue:
            written, pid = queue.popleft()
            shown = max(min(written, line.ms), floor)
            line = replace(line, ms=shown, pid=pid, process=names.get(pid))
        else:
            line = replace(line, ms=max(line.ms, floor))
        floor = line.ms
        result.append(line)
    return result
