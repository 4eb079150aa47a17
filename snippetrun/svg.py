"""Draw a run's timeline as inline SVG: one lane per process, no JavaScript.

Colours come from CSS classes (docs/assets/snippetrun.css) so the picture follows the
light and dark themes; a <title> and <desc> give screen readers the same facts in words.
"""

from __future__ import annotations

import signal
from html import escape

from .chartkit import WIDTH, svg_open, text_width
from .i18n import text
from .trace import Lane, Timeline

LANE = 30
TOP = 8
AXIS = 40


def _nice_step(total: float) -> float:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000):
        if total / step <= 8:
            return step
    return 50000


def _signal_name(number: int | None) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def ending(lane: Lane, language: str) -> str:
    """How the lane ends, in words: its exit code, or how it was killed ("" if unknown)."""
    if lane.killed:
        return text(language, f"lane_killed_{lane.killed}", signal=_signal_name(lane.signal))
    if lane.exit_code is not None:
        return text(language, "lane_exit", code=lane.exit_code)
    return ""


def describe(timeline: Timeline, language: str) -> str:
    parts = []
    for lane in timeline.lanes:
        end = lane.end if lane.end is not None else timeline.end
        line = text(language, "lane_summary", name=lane.name, pid=lane.pid, start=lane.start, end=end)
        line += ending(lane, language)
        for call in lane.calls[:12]:
            line += text(language, "lane_call", label=call.label, start=call.start, end=call.end or end)
        for lock in lane.locks[:4]:
            line += text(language, "lane_lock", start=lock.start, end=lock.end or end)
        parts.append(line)
    return ("。" if language == "zh" else ". ").join(parts) + ("。" if language == "zh" else ".")


def timeline_svg(timeline: Timeline, title: str, language: str, ident: str) -> str:
    total = max(timeline.end, 1.0)
    left = round(max(80.0, 12 + max((text_width(lane.name) for lane in timeline.lanes), default=0)))
    scale = (WIDTH - left - 10) / total

    def x(ms: float) -> float:
        return round(left + max(ms, 0.0) * scale, 1)

    height = TOP + LANE * len(timeline.lanes) + AXIS
    out = svg_open("sr-timeline", ident, title, describe(timeline, language), height)
    step = _nice_step(total)
    tick = 0.0
    axis_y = TOP + LANE * len(timeline.lanes)
    while tick <= total + 1e-9:
        out.append(f'<line class="sr-grid" x1="{x(tick)}" x2="{x(tick)}" y1="{TOP}" y2="{axis_y + 4}"/>')
        out.append(f'<text class="sr-axis" x="{x(tick)}" y="{axis_y + 18}" text-anchor="middle">{tick:g}</text>')
        tick += step
    out.append(
        f'<text class="sr-axis" x="{WIDTH - 4}" y="{axis_y + 36}" text-anchor="end">{text(language, "axis")}</text>'
    )
    for index, lane in enumerate(timeline.lanes):
        out.extend(_lane(lane, TOP + index * LANE, x, left, timeline.end))
        if lane.killed:
            out.append(_killed_mark(lane, TOP + index * LANE, x, language))
    out.append("</svg>")
    return "".join(out)


def _lane(lane: Lane, y: float, x, left: float, run_end: float) -> list[str]:
    end = lane.end if lane.end is not None else run_end
    parts = [
        f'<text class="sr-lane-name" x="{left - 6}" y="{y + 20}" text-anchor="end">{escape(lane.name)}</text>',
        f'<rect class="sr-life sr-{lane.role}" x="{x(lane.start)}" y="{y + 6}" '
        f'width="{max(x(end) - x(lane.start), 1.5):.1f}" height="18" rx="3">'
        f"<title>{escape(lane.name)} pid {lane.pid}: {lane.start:.1f}–{end:.1f} ms</title></rect>",
    ]
    for wait in lane.waits:
        wait_end = wait.end if wait.end is not None else end
        if wait_end - wait.start > 0:
            parts.append(
                f'<rect class="sr-wait" x="{x(wait.start)}" y="{y + 20}" '
                f'width="{max(x(wait_end) - x(wait.start), 1):.1f}" height="4"/>'
            )
    for lock in lane.locks:
        lock_end = lock.end if lock.end is not None else end
        parts.append(
            f'<rect class="sr-lock" x="{x(lock.start)}" y="{y + 20}" '
            f'width="{max(x(lock_end) - x(lock.start), 1):.1f}" height="4">'
            f"<title>lock {lock.start:.1f}–{lock_end:.1f} ms</title></rect>"
        )
    for call in lane.calls:
        call_end = call.end if call.end is not None else end
        width = max(x(call_end) - x(call.start), 1.5)
        parts.append(
            f'<rect class="sr-call" x="{x(call.start)}" y="{y + 8}" width="{width:.1f}" height="11" rx="2">'
            f"<title>{escape(call.label)}: {call.start:.1f}–{call_end:.1f} ms</title></rect>"
        )
        label = call.label if len(call.label) * 6.2 < width else call.label.split("(")[0]
        if len(label) * 6.2 < width:
            parts.append(f'<text class="sr-call-label" x="{x(call.start) + 3}" y="{y + 17}">{escape(label)}</text>')
    for ms in lane.lines[:200]:
        parts.append(f'<line class="sr-print" x1="{x(ms)}" x2="{x(ms)}" y1="{y + 3}" y2="{y + 7}"/>')
    return parts


def _killed_mark(lane: Lane, y: float, x, language: str) -> str:
    """A cross at the end of a killed process's lane: it did not exit, it was ended there."""
    end = x(lane.end)
    label = escape(ending(lane, language).lstrip("，, "))
    return (
        f'<g class="sr-killed"><title>{escape(lane.name)} pid {lane.pid}: {label}</title>'
        f'<path d="M{end - 5:.1f} {y + 10} l10 10 m0 -10 l-10 10"/></g>'
    )
