"""Draw a run's timeline as inline SVG: one lane per process, no JavaScript.

Each timeline is drawn twice: a wide drawing (lane names left of the bars, WIDTH units
across) and a narrow one for phones (lane names above the bars, NARROW units across), one
of them shown by a CSS media query (docs/assets/snippetrun.css), so on any screen the whole
run is in view with its text no smaller than the page's small print. The time axis starts
just before the first child starts: the interpreter's start-up before it is squeezed into a
short, labelled stretch at the left, so the children's work fills the drawing.

Colours come from CSS classes so the picture follows the light and dark themes; a <title>
and <desc> give screen readers the same facts in words (the narrow drawing is labelled by
the wide one's).
"""

from __future__ import annotations

import signal
from dataclasses import dataclass
from html import escape

from .chartkit import WIDTH, svg_open, text_width
from .i18n import text
from .trace import Lane, Timeline

NARROW = 360  # units across the phone drawing: about a phone's column, so 1 unit ≈ 1 CSS px
LANE = 30
NARROW_LANE = 42  # a name row above the bar
TOP = 8
AXIS = 40
BREAK_AT = 0.15  # squeeze the start-up when the first child starts after this share of the run
LABEL_CHAR = 7.7  # width of a call label's character (12.6 px monospace), with room


def _nice_step(total: float, most: int = 8) -> float:
    for step in (0.5, 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000):
        if total / step <= most:
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


def axis_break(timeline: Timeline) -> float:
    """Where the drawn axis leaves the squeezed start-up (ms): a little before the first child
    (or forkserver) starts; 0 when the children start early enough to need no squeezing."""
    total = max(timeline.end, 1.0)
    starts = [lane.start for lane in timeline.lanes if lane.role != "main"]
    if not starts or min(starts) <= BREAK_AT * total:
        return 0.0
    first = min(starts)
    return max(first - 0.02 * (total - first), 0.0)


@dataclass
class Scale:
    """Milliseconds to units across: the squeezed start-up (0..cut) in the first ``gap`` units
    after ``left``, the rest of the run linearly up to ``right``."""

    left: float
    right: float
    total: float
    cut: float
    gap: float

    def __call__(self, ms: float) -> float:
        ms = max(ms, 0.0)
        if self.cut and ms < self.cut:
            return round(self.left + ms / self.cut * self.gap, 1)
        span = (self.right - self.left - self.gap) / max(self.total - self.cut, 1e-9)
        return round(self.left + self.gap + (ms - self.cut) * span, 1)


def timeline_svg(timeline: Timeline, title: str, language: str, ident: str) -> str:
    """The wide drawing, then the narrow one (the page's CSS shows one of them)."""
    return _wide(timeline, title, language, ident) + _narrow(timeline, language, ident)


def _axis(timeline: Timeline, scale: Scale, y0: float, axis_y: float, width: float, most: int, language: str):
    out = []
    total = scale.total
    step = _nice_step(total - scale.cut, most)
    first = 0.0
    if scale.cut:
        out.append(
            f'<rect class="sr-gap" x="{scale.left}" y="{y0}" width="{scale.gap}" height="{axis_y - y0}"/>'
            f'<path class="sr-break" d="M{scale.left + scale.gap / 2 - 5} {axis_y + 7} l4 -8 m3 8 l4 -8"/>'
        )
        zero = "0.0" if step < 1 else "0"
        out.append(f'<text class="sr-axis" x="{scale.left}" y="{axis_y + 18}" text-anchor="middle">{zero}</text>')
        first = (int(scale.cut // step) + 1) * step
    tick = first
    shown_from = scale.left + scale.gap + 14 if scale.cut else -1e9
    while tick <= total + 1e-9:
        at = scale(tick)
        if at >= shown_from:
            out.append(f'<line class="sr-grid" x1="{at}" x2="{at}" y1="{y0}" y2="{axis_y + 4}"/>')
            label = f"{tick:.1f}" if step < 1 else f"{tick:g}"  # one format for the whole axis
            out.append(f'<text class="sr-axis" x="{at}" y="{axis_y + 18}" text-anchor="middle">{label}</text>')
        tick += step
    out.append(
        f'<text class="sr-axis" x="{width - 4}" y="{axis_y + 36}" text-anchor="end">{text(language, "axis")}</text>'
    )
    if scale.cut:
        out.append(
            f'<text class="sr-axis sr-break-label" x="4" y="{axis_y + 36}">'
            f"{escape(text(language, 'axis_break', ms=scale.cut))}</text>"
        )
    return out


def _wide(timeline: Timeline, title: str, language: str, ident: str) -> str:
    total = max(timeline.end, 1.0)
    left = round(max(80.0, 12 + max((text_width(lane.name) for lane in timeline.lanes), default=0)))
    cut = axis_break(timeline)
    scale = Scale(left, WIDTH - 18, total, cut, 28 if cut else 0)
    height = TOP + LANE * len(timeline.lanes) + AXIS
    out = svg_open("sr-timeline", ident, title, describe(timeline, language), height)
    axis_y = TOP + LANE * len(timeline.lanes)
    out += _axis(timeline, scale, TOP, axis_y, WIDTH, 8, language)
    for index, lane in enumerate(timeline.lanes):
        y = TOP + index * LANE
        out.append(
            f'<text class="sr-lane-name" x="{left - 6}" y="{y + 20}" text-anchor="end">{escape(lane.name)}</text>'
        )
        out.extend(_lane(lane, y, scale, timeline.end, WIDTH - 4))
        if lane.killed:
            out.append(_killed_mark(lane, y, scale, language))
    out.append("</svg>")
    return "".join(out)


def _narrow(timeline: Timeline, language: str, ident: str) -> str:
    total = max(timeline.end, 1.0)
    cut = axis_break(timeline)
    scale = Scale(8, NARROW - 16, total, cut, 20 if cut else 0)
    height = TOP + NARROW_LANE * len(timeline.lanes) + AXIS
    out = [
        f'<svg class="sr-timeline sr-narrow" viewBox="0 0 {NARROW} {height}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" xmlns="http://www.w3.org/2000/svg">'
    ]
    axis_y = TOP + NARROW_LANE * len(timeline.lanes)
    out += _axis(timeline, scale, TOP, axis_y, NARROW, 4, language)
    for index, lane in enumerate(timeline.lanes):
        y = TOP + index * NARROW_LANE
        name_x = max(scale(lane.start), 4)
        anchor = "start"
        if name_x + text_width(lane.name) > NARROW - 4:
            name_x, anchor = NARROW - 4, "end"
        out.append(
            f'<text class="sr-lane-name" x="{name_x}" y="{y + 11}" text-anchor="{anchor}">{escape(lane.name)}</text>'
        )
        out.extend(_lane(lane, y + 12, scale, timeline.end, NARROW - 4))
        if lane.killed:
            out.append(_killed_mark(lane, y + 12, scale, language))
    out.append("</svg>")
    return "".join(out)


def _lane(lane: Lane, y: float, x: Scale, run_end: float, limit: float) -> list[str]:
    end = lane.end if lane.end is not None else run_end
    parts = [
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
    taken: list[tuple[float, float]] = []  # the spans of the labels already placed in this lane
    labels = []
    for call in lane.calls:
        call_end = call.end if call.end is not None else end
        start, width = x(call.start), max(x(call_end) - x(call.start), 1.5)
        taken.append((start, start + width))
        parts.append(
            f'<rect class="sr-call" x="{start}" y="{y + 8}" width="{width:.1f}" height="11" rx="2">'
            f"<title>{escape(call.label)}: {call.start:.1f}–{call_end:.1f} ms</title></rect>"
        )
        labels.append((call.label, start, width))
    placed: list[tuple[float, float]] = []
    for label, start, width in labels:
        spot = _label_spot(label, start, width, limit, taken, placed)
        if spot:
            shown, at, outside = spot
            placed.append((at - 2, at + len(shown) * LABEL_CHAR + 2))
            cls = "sr-call-label sr-outside" if outside else "sr-call-label"
            parts.append(f'<text class="{cls}" x="{at}" y="{y + 18}">{escape(shown)}</text>')
    for ms in lane.lines[:200]:
        parts.append(f'<line class="sr-print" x1="{x(ms)}" x2="{x(ms)}" y1="{y + 3}" y2="{y + 7}"/>')
    return parts


def _label_spot(label, start, width, limit, boxes, placed):
    """Where a call's label goes: inside its box when it fits there (the whole label, else the
    function's name), else just right of the box where that is free of other calls and labels;
    None when there is no room (the box's tooltip and the description still name it)."""
    short = label.split("(")[0]
    for shown in (label, short):
        if len(shown) * LABEL_CHAR + 6 < width and _free(start + 3, start + 3 + len(shown) * LABEL_CHAR, placed):
            return shown, start + 3, False
    for shown in (short,):
        at = start + width + 3
        stop = at + len(shown) * LABEL_CHAR
        others = [b for b in boxes if b[0] > start + 0.1]
        if stop <= limit and _free(at, stop, others) and _free(at, stop, placed):
            return shown, at, True
    return None


def _free(a: float, b: float, spans: list[tuple[float, float]]) -> bool:
    return all(b <= s or a >= e for s, e in spans)


def _killed_mark(lane: Lane, y: float, x, language: str) -> str:
    """A cross at the end of a killed process's lane: it did not exit, it was ended there."""
    end = x(lane.end)
    label = escape(ending(lane, language).lstrip("，, "))
    return (
        f'<g class="sr-killed"><title>{escape(lane.name)} pid {lane.pid}: {label}</title>'
        f'<path d="M{end - 5:.1f} {y + 10} l10 10 m0 -10 l-10 10"/></g>'
    )
