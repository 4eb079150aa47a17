"""Drawing primitives for the inline SVG pictures built at build time (no plotting library):
the accessible ``<svg>`` header, text widths, ticks and numbers, and two charts, a line chart
(linear or log axes, a band for each point's spread) and grouped horizontal bars.

Colours come from CSS classes (docs/assets/snippetrun.css) so the pictures follow the light
and dark themes. A drawing is never narrower than WIDTH CSS pixels (a narrower screen
scrolls it sideways), so its text, sized in CSS like the page's small print, is never drawn
smaller than that print; <title> and <desc> give screen readers the same facts in words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape

WIDTH = 640
HEIGHT = 300  # of a chart's plot and its axes; the legend adds a row per series below
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 14, 52  # plot margins
LEGEND_ROW = 20


def text_width(label: str) -> float:
    """Width of a label at the pictures' text size (monospace 0.68rem), with room: wide
    (CJK) characters count about double."""
    return sum(14.0 if ord(ch) > 0x2E80 else 8.5 for ch in label)


def svg_open(css_class: str, ident: str, title: str, desc: str, height: int) -> list[str]:
    """The opening tag, <title> and <desc> of a picture WIDTH wide, labelled by the last two."""
    return [
        f'<svg class="{css_class}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(desc)}</desc>',
    ]


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


def legend(entries: list[tuple[str, str, bool]], x: float, y: float) -> list[str]:
    """One row per (name, style, markers): a sample of the line, its dot, its name."""
    out = []
    for i, (name, style, markers) in enumerate(entries):
        row = y + i * LEGEND_ROW
        out.append(f'<line class="sr-line sr-{style}" x1="{x}" x2="{x + 22}" y1="{row}" y2="{row}"/>')
        if markers:
            out.append(f'<circle class="sr-dot sr-{style}" cx="{x + 11}" cy="{row}" r="3"/>')
        out.append(f'<text class="sr-legend" x="{x + 28}" y="{row + 4}">{escape(name)}</text>')
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
    xs = [p[0] for s in series for p in s.points]
    ys = [v for s in series for p in s.points for v in p[1:]]
    x = Axis(xs, log_x, LEFT + 8, WIDTH - RIGHT - 8, zero=False, tight=True)
    y = Axis(ys, log_y, HEIGHT - BOTTOM, TOP, zero=not log_y)
    out = svg_open("sr-chart", ident, title, desc, HEIGHT + LEGEND_ROW * len(series) + 6)
    out += _line_axes(x, y, sorted(set(xs)), x_label, y_label)
    for s in series:
        out += _series(s, x, y)
    out += legend([(s.name, s.style, s.markers) for s in series], LEFT, HEIGHT + 4)
    out.append(
        f'<rect class="sr-frame" x="{LEFT}" y="{TOP}" width="{WIDTH - RIGHT - LEFT}" height="{HEIGHT - BOTTOM - TOP}"/>'
    )
    out.append("</svg>")
    return "".join(out)


def _line_axes(x: Axis, y: Axis, xs: list[float], x_label: str, y_label: str) -> list[str]:
    """The grid and numbers of both axes, and their names; a linear x axis is labelled at the
    data's own x values."""
    out = []
    for tick in y.ticks:
        out.append(f'<line class="sr-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick)}" y2="{y(tick)}"/>')
        out.append(f'<text class="sr-axis" x="{LEFT - 6}" y="{y(tick) + 4}" text-anchor="end">{fmt(tick)}</text>')
    for tick in x.ticks if x.log else xs:
        out.append(
            f'<text class="sr-axis" x="{x(tick)}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">{fmt(tick)}</text>'
        )
    out.append(
        f'<text class="sr-axis" x="{(LEFT + WIDTH - RIGHT) / 2}" y="{HEIGHT - 10}" '
        f'text-anchor="middle">{escape(x_label)}</text>'
    )
    out.append(
        f'<text class="sr-axis" transform="translate(14 {(TOP + HEIGHT - BOTTOM) / 2}) rotate(-90)" '
        f'text-anchor="middle">{escape(y_label)}</text>'
    )
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


def bar_chart(ident: str, title: str, desc: str, groups: list[Group], x_label: str) -> str:
    label_w = round(12 + max(text_width(b.label) for g in groups for b in g.bars))
    rows = sum(len(g.bars) for g in groups)
    height = TOP + rows * BAR_HEIGHT + len(groups) * (BAR_GAP + 18) + 40
    top_value = max(b.high for g in groups for b in g.bars) or 1.0
    axis = Axis([0.0, top_value], False, label_w, WIDTH - 70, zero=True)
    out = svg_open("sr-chart", ident, title, desc, height)
    bottom = height - 40
    for tick in axis.ticks:
        out.append(f'<line class="sr-grid" x1="{axis(tick)}" x2="{axis(tick)}" y1="{TOP}" y2="{bottom}"/>')
        out.append(f'<text class="sr-axis" x="{axis(tick)}" y="{bottom + 16}" text-anchor="middle">{fmt(tick)}</text>')
    out.append(
        f'<text class="sr-axis" x="{(label_w + WIDTH - 70) / 2}" y="{height - 8}" '
        f'text-anchor="middle">{escape(x_label)}</text>'
    )
    row = TOP
    for group in groups:
        out.append(f'<text class="sr-group" x="4" y="{row + 12}">{escape(group.label)}</text>')
        row += 18
        for bar in group.bars:
            out += _bar(group, bar, axis, label_w, row)
            row += BAR_HEIGHT
        row += BAR_GAP
    out.append("</svg>")
    return "".join(out)


def _bar(group: Group, bar: Bar, axis: Axis, label_w: int, row: float) -> list[str]:
    """One bar's row: its label, the bar (value), the whisker (low to high) and the value."""
    width = max(axis(bar.value) - label_w, 1.0)
    return [
        f'<text class="sr-legend" x="{label_w - 6}" y="{row + 12}" text-anchor="end">{escape(bar.label)}</text>',
        f'<rect class="sr-bar sr-{bar.style}" x="{label_w}" y="{row + 2}" width="{width:.1f}" '
        f'height="{BAR_HEIGHT - 4}"><title>{escape(group.label)}, {escape(bar.label)}: {bar.value:.3g} '
        f"({bar.low:.3g}–{bar.high:.3g})</title></rect>",
        f'<line class="sr-whisker" x1="{axis(bar.low)}" x2="{axis(bar.high)}" '
        f'y1="{row + BAR_HEIGHT / 2}" y2="{row + BAR_HEIGHT / 2}"/>',
        f'<text class="sr-value" x="{max(axis(bar.value), axis(bar.high)) + 4}" y="{row + 12}">{bar.value:.3g}</text>',
    ]
