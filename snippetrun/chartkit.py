"""Drawing primitives for the inline SVG pictures built at build time (no plotting library):
the accessible ``<svg>`` header, text widths, ticks and numbers, and two charts, a line chart
(linear or log axes, a band for each point's spread) and grouped horizontal bars.

Colours come from CSS classes (docs/assets/snippetrun.css) so the pictures follow the light
and dark themes. Each picture is drawn twice, WIDTH units across for a wide column and
NARROW for a phone's, and the page's CSS shows the one that fits, so the whole picture is
in view and its text, sized in CSS like the page's small print, is never drawn much smaller
than that print; <title> and <desc> give screen readers the same facts in words (the narrow
drawing is labelled by the wide one's).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape

WIDTH = 640
NARROW = 360  # a phone's column, in CSS pixels
LABEL_CHAR = 7.7  # a direct label's character (12.6 px monospace), with room
HEIGHT = 300  # of a chart's plot and its axes; the legend adds a row per series below
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 14, 52  # plot margins
LEGEND_ROW = 20


def text_width(label: str) -> float:
    """Width of a label at the pictures' text size (monospace 0.68rem), with room: wide
    (CJK) characters count about double."""
    return sum(14.0 if ord(ch) > 0x2E80 else 8.5 for ch in label)


def svg_open(css_class: str, ident: str, title: str, desc: str, height: int, width: int = WIDTH) -> list[str]:
    """The opening tag, <title> and <desc> of a picture ``width`` wide, labelled by the last
    two; the narrow copy of a picture (width NARROW) has no title of its own: it is labelled
    by its wide copy's."""
    opening = (
        f'<svg class="{css_class}{" sr-narrow" if width == NARROW else " sr-wide"}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{ident}-t {ident}-d" xmlns="http://www.w3.org/2000/svg">'
    )
    if width == NARROW:
        return [opening]
    return [opening, f'<title id="{ident}-t">{escape(title)}</title>', f'<desc id="{ident}-d">{escape(desc)}</desc>']


SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def tick_format(ticks: list[float], log: bool = False):
    """One format for all of an axis's numbers: whole numbers with thousands separators, or
    the same count of decimals on every tick, or (a log axis reaching below 1 or up to a
    million) every tick as a power of ten."""
    if log and ticks and (min(ticks) < 1 or max(ticks) >= 1e6):
        return lambda v: "10" + str(round(math.log10(v))).translate(SUPERSCRIPT)
    decimals = 0
    for tick in ticks:
        while decimals < 3 and abs(round(tick, decimals) - tick) > 1e-9 * max(abs(tick), 1):
            decimals += 1
    return lambda v: f"{v:,.{decimals}f}"


def fmt(value: float) -> str:
    """A tick's number, short: 1,000 and 0.05, and powers of ten from a million as 10⁶."""
    if value == 0:
        return "0"
    if abs(value) >= 1e6 and math.log10(abs(value)).is_integer():
        return "10" + str(int(math.log10(abs(value)))).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 1:
        return f"{value:g}"
    return f"{value:.2g}"


def nice_ticks(low: float, high: float) -> list[float]:
    """About five ticks a step of 1, 2, 2.5 or 5 (times a power of ten) apart, covering both ends."""
    span = high - low or 1.0
    raw = span / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    value = math.floor(low / step) * step
    ticks = [round(value, 10)]
    while ticks[-1] < high - step * 1e-9:
        value += step
        ticks.append(round(value, 10))
    return ticks


def log_ticks(low: float, high: float) -> list[float]:
    """The powers of ten from the one at or below ``low`` to the one at or above ``high``."""
    return [10.0**e for e in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)]


class Axis:
    """Maps a value to a pixel between ``start`` and ``end``, and knows where its ticks go."""

    def __init__(
        self, values: list[float], log: bool, start: float, end: float, zero: bool, tight: bool = False
    ) -> None:
        positive = [v for v in values if v > 0] or [1.0]
        self.log = log
        if log and tight:  # the data's own range; ticks at the powers of ten inside it
            self.low, self.high = math.log10(min(positive)), math.log10(max(positive))
            self.ticks = [t for t in log_ticks(min(positive), max(positive)) if min(positive) <= t <= max(positive)]
        elif log:
            self.ticks = log_ticks(min(positive), max(positive))
            self.low, self.high = math.log10(self.ticks[0]), math.log10(self.ticks[-1])
        else:
            low = 0.0 if zero else min(values)
            self.ticks = nice_ticks(low, max(values))
            self.low, self.high = self.ticks[0], self.ticks[-1]
        self.start, self.end = start, end

    def __call__(self, value: float) -> float:
        v = math.log10(max(value, 1e-12)) if self.log else value
        share = (v - self.low) / ((self.high - self.low) or 1.0)
        return round(self.start + share * (self.end - self.start), 1)


# --- the charts ---------------------------------------------------------------------------------


@dataclass
class Series:
    name: str
    points: list[tuple[float, float, float, float]]  # x, y, low, high (low = high = y: none)
    style: str = "s1"  # CSS class: s1..s5 colours, "ideal" and "model" reference lines
    markers: bool = True


@dataclass
class Bar:
    label: str
    value: float
    low: float
    high: float
    style: str = "s1"


@dataclass
class Group:
    label: str
    bars: list[Bar] = field(default_factory=list)


def direct_labels(series: list[Series], x: Axis, y: Axis, left: float, top: float, bottom: float) -> list[str]:
    """Each line's name at its right end, with a sample of its line (colour, dash, dot): above
    or below the end, wherever it crosses fewer of the drawn lines (above when both are
    clear), moved apart from the names already placed."""
    paths = [[(x(px), y(py)) for px, py, _, _ in sorted(s.points)] for s in series]

    def crossings(a: float, b: float, low: float, high: float) -> int:
        hits = 0
        for path in paths:
            for (x1, y1), (x2, y2) in zip(path, path[1:], strict=False):
                for step in range(9):
                    px = x1 + (x2 - x1) * step / 8
                    py = y1 + (y2 - y1) * step / 8
                    hits += a - 24 <= px <= b and low <= py <= high
        return hits

    ends = sorted(((y(max(s.points)[1]), x(max(s.points)[0]), s) for s in series), key=lambda e: e[0])
    out: list[str] = []
    placed: list[tuple[float, float]] = []
    for ey, ex, s in ends:
        cjk = any(ord(c) > 0x2E80 for c in s.name)
        width = text_width(s.name) * 0.95 if cjk else len(s.name) * LABEL_CHAR
        start = max(ex - width, left + 24)
        candidates = []
        for row in (ey - 9, ey + 17, ey - 25, ey + 33):
            row = min(max(row, top + 13), bottom - 4)
            clash = any(abs(row - other) < 15 and not (start - 24 > b or ex < a) for other, (a, b) in placed)
            candidates.append((clash, crossings(start, ex, row - 12, row + 4), row))
        clash, _, row = min(candidates, key=lambda c: (c[0], c[1]))
        placed.append((row, (start - 24, ex)))
        out.append(
            f'<line class="sr-line sr-{s.style}" x1="{start - 22}" x2="{start - 4}" y1="{row - 4}" y2="{row - 4}"/>'
        )
        if s.markers:
            out.append(f'<circle class="sr-dot sr-{s.style}" cx="{start - 13}" cy="{row - 4}" r="3"/>')
        out.append(f'<text class="sr-legend" x="{start}" y="{row}">{escape(s.name)}</text>')
    return out


def line_chart(
    ident: str,
    title: str,
    desc: str,
    series: list[Series],
    x_label: str,
    y_label: str,
    log_x: bool = False,
    log_y: bool = False,
) -> str:
    """The chart drawn wide, then narrow (the page's CSS shows one)."""
    return "".join(
        _line_chart(ident, title, desc, series, x_label, y_label, log_x, log_y, width) for width in (WIDTH, NARROW)
    )


PLOT_TOP = TOP + 18  # the y axis's title is written across, above the plot


def _line_chart(ident, title, desc, series, x_label, y_label, log_x, log_y, width) -> str:
    left = LEFT if width == WIDTH else 52
    xs = [p[0] for s in series for p in s.points]
    ys = [v for s in series for p in s.points for v in p[1:]]
    x = Axis(xs, log_x, left + 8, width - RIGHT - 8, zero=False, tight=True)
    y = Axis(ys, log_y, HEIGHT - BOTTOM, PLOT_TOP, zero=not log_y)
    out = svg_open("sr-chart", ident, title, desc, HEIGHT, width)
    out += _line_axes(x, y, sorted(set(xs)), x_label, y_label, left, width)
    for s in series:
        out += _series(s, x, y)
    out += direct_labels(series, x, y, left, PLOT_TOP, HEIGHT - BOTTOM)
    out.append(
        f'<rect class="sr-frame" x="{left}" y="{PLOT_TOP}" width="{width - RIGHT - left}" '
        f'height="{HEIGHT - BOTTOM - PLOT_TOP}"/>'
    )
    out.append("</svg>")
    return "".join(out)


def _line_axes(x: Axis, y: Axis, xs: list[float], x_label: str, y_label: str, left: float, width: float) -> list[str]:
    """The grid and numbers of both axes (one format per axis), and their names written
    across; a linear x axis is labelled at the data's own x values (those with room)."""
    out = []
    y_fmt = tick_format(y.ticks, y.log)
    for tick in y.ticks:
        out.append(f'<line class="sr-grid" x1="{left}" x2="{width - RIGHT}" y1="{y(tick)}" y2="{y(tick)}"/>')
        out.append(f'<text class="sr-axis" x="{left - 6}" y="{y(tick) + 4}" text-anchor="end">{y_fmt(tick)}</text>')
    x_ticks = x.ticks if x.log else xs
    x_fmt = tick_format(x_ticks, x.log)
    last = -1e9
    for tick in x_ticks:
        label = x_fmt(tick)
        room = len(label) * 8.5 / 2 + 6
        if x(tick) - room < last:
            continue
        last = x(tick) + room
        out.append(
            f'<text class="sr-axis" x="{x(tick)}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">{label}</text>'
        )
    out.append(
        f'<text class="sr-axis sr-axis-title" x="{(left + width - RIGHT) / 2}" y="{HEIGHT - 14}" '
        f'text-anchor="middle">{escape(x_label)}</text>'
    )
    out.append(f'<text class="sr-axis sr-axis-title" x="4" y="{TOP + 4}">{escape(y_label)}</text>')
    return out


def _series(s: Series, x: Axis, y: Axis) -> list[str]:
    """One series: its band (where the points have a spread), its line and its dots."""
    out = []
    points = sorted(s.points)
    band = [(x(px), y(high)) for px, _, _, high in points] + [(x(px), y(low)) for px, _, low, _ in points[::-1]]
    if any(low != high for _, _, low, high in points):
        out.append(f'<polygon class="sr-band sr-{s.style}" points="{" ".join(f"{a},{b}" for a, b in band)}"/>')
    path = " ".join(f"{x(px)},{y(py)}" for px, py, _, _ in points)
    out.append(f'<polyline class="sr-line sr-{s.style}" points="{path}"/>')
    if s.markers:
        for px, py, low, high in points:
            out.append(
                f'<circle class="sr-dot sr-{s.style}" cx="{x(px)}" cy="{y(py)}" r="3.5">'
                f"<title>{escape(s.name)}: {fmt(px)} → {py:.3g} ({low:.3g}–{high:.3g})</title></circle>"
            )
    return out


BAR_HEIGHT, BAR_GAP = 16, 14  # a bar's row, and the space after a group
NARROW_BAR = 30  # a phone's bar row: the bar's label above the bar


def bar_chart(ident: str, title: str, desc: str, groups: list[Group], x_label: str) -> str:
    """The chart drawn wide (labels left of the bars), then narrow (labels above them)."""
    return _bar_chart(ident, title, desc, groups, x_label, WIDTH) + _bar_chart(
        ident, title, desc, groups, x_label, NARROW
    )


def _bar_chart(ident: str, title: str, desc: str, groups: list[Group], x_label: str, width: int) -> str:
    narrow = width == NARROW
    label_w = 8 if narrow else round(12 + max(text_width(b.label) for g in groups for b in g.bars))
    rows = sum(len(g.bars) for g in groups)
    row_h = NARROW_BAR if narrow else BAR_HEIGHT
    height = TOP + rows * row_h + len(groups) * (BAR_GAP + 18) + 40
    top_value = max(b.high for g in groups for b in g.bars) or 1.0
    axis = Axis([0.0, top_value], False, label_w, width - (56 if narrow else 70), zero=True)
    out = svg_open("sr-chart", ident, title, desc, height, width)
    bottom = height - 40
    x_fmt = tick_format(axis.ticks)
    last = -1e9
    for tick in axis.ticks:
        out.append(f'<line class="sr-grid" x1="{axis(tick)}" x2="{axis(tick)}" y1="{TOP}" y2="{bottom}"/>')
        label = x_fmt(tick)
        room = len(label) * 8.5 / 2 + 4
        if axis(tick) - room >= last:
            last = axis(tick) + room
            out.append(f'<text class="sr-axis" x="{axis(tick)}" y="{bottom + 16}" text-anchor="middle">{label}</text>')
    out.append(
        f'<text class="sr-axis sr-axis-title" x="{(label_w + width - 70) / 2 if not narrow else width / 2}" '
        f'y="{height - 8}" text-anchor="middle">{escape(x_label)}</text>'
    )
    row = TOP
    for group in groups:
        out.append(f'<text class="sr-group" x="4" y="{row + 12}">{escape(group.label)}</text>')
        row += 18
        for bar in group.bars:
            out += _bar(group, bar, axis, label_w, row, narrow)
            row += row_h
        row += BAR_GAP
    out.append("</svg>")
    return "".join(out)


def _bar(group: Group, bar: Bar, axis: Axis, label_w: int, row: float, narrow: bool = False) -> list[str]:
    """One bar's row: its label, the bar (value), the whisker (low to high) and the value."""
    width = max(axis(bar.value) - label_w, 1.0)
    if narrow:
        label = f'<text class="sr-legend" x="{label_w}" y="{row + 11}">{escape(bar.label)}</text>'
        row += 14
    else:
        label = f'<text class="sr-legend" x="{label_w - 6}" y="{row + 12}" text-anchor="end">{escape(bar.label)}</text>'
    return [
        label,
        f'<rect class="sr-bar sr-{bar.style}" x="{label_w}" y="{row + 2}" width="{width:.1f}" '
        f'height="{BAR_HEIGHT - 4}"><title>{escape(group.label)}, {escape(bar.label)}: {bar.value:.3g} '
        f"({bar.low:.3g}–{bar.high:.3g})</title></rect>",
        f'<line class="sr-whisker" x1="{axis(bar.low)}" x2="{axis(bar.high)}" '
        f'y1="{row + BAR_HEIGHT / 2}" y2="{row + BAR_HEIGHT / 2}"/>',
        f'<text class="sr-value" x="{max(axis(bar.value), axis(bar.high)) + 4}" y="{row + 12}">{bar.value:.3g}</text>',
    ]
