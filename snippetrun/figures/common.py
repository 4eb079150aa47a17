"""What every benchmark figure is made of: a chart, a table of the same numbers and
sentences saying what they show, in either language, with a word of caution where a
difference is within the noise."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ..chartkit import Group, Series, bar_chart, line_chart


@dataclass
class Figure:
    title: str
    svg: str
    headers: list[str]
    rows: list[list[str]]
    findings: list[str]


def tr(language: str, zh: str, en: str) -> str:
    """The text in the page's language."""
    return zh if language == "zh" else en


def count(language: str, n: int, zh: str, en: str, en_plural: str | None = None) -> str:
    """A number and its noun: "3 个工作进程"; "1 worker", "2 workers" (English plural forms)."""
    if language == "zh":
        return f"{n} {zh}"
    return f"{n} {en if n == 1 else en_plural or en + 's'}"


def best_of(stats: dict) -> bool:
    """The stats give the best (minimum) of N runs and their quartiles, not a median and range:
    what CPU-bound timings report, since other programs can only make a run slower."""
    return "best" in stats


def center(stats: dict) -> float:
    """The value a figure shows: the best run, or the median."""
    return stats["best"] if best_of(stats) else stats["median"]


def bounds(stats: dict) -> tuple[float, float]:
    """The spread a figure shows: the quartiles (the middle half of the runs), or the range."""
    return (stats["q1"], stats["q3"]) if best_of(stats) else (stats["low"], stats["high"])


def spread(stats: dict) -> float:
    low, high = bounds(stats)
    return high - low


def noisy(a: dict, b: dict) -> bool:
    """The difference of the two values is no larger than their typical spread."""
    return abs(center(a) - center(b)) <= (spread(a) + spread(b)) / 2


def sig3(value: float) -> str:
    """Three significant digits, never in exponent form: 0.123, 45.6, 1234."""
    return f"{value:.0f}" if value >= 1000 else f"{value:.3g}"


def ms_text(seconds: float) -> str:
    """Seconds as milliseconds, to three significant digits."""
    return sig3(seconds * 1000)


def ms(stats: dict) -> str:
    """The shown value (best or median), in milliseconds."""
    return ms_text(center(stats))


def ms_range(stats: dict) -> str:
    low, high = bounds(stats)
    return f"{ms_text(low)}–{ms_text(high)}"


def ms_point(stats: dict) -> tuple[float, float, float]:
    """Value, low and high in milliseconds: a point's (or a bar's) value and its spread."""
    low, high = bounds(stats)
    return center(stats) * 1000, low * 1000, high * 1000


def noise_note(language: str, a: dict, b: dict) -> str:
    if not noisy(a, b):
        return ""
    return tr(
        language,
        "；但两者的波动范围与差值相当，这个差别在噪声之内，不能当真",
        "; but their spread is as large as the difference, so this is within the noise",
    )


def finding(language: str, zh: str, en: str, a: dict, b: dict) -> str:
    """A sentence comparing ``a`` and ``b``, with the noise note when their difference is noise."""
    return tr(language, zh, en) + noise_note(language, a, b) + tr(language, "。", ".")


def median_range_headers(language: str, best: bool = False) -> list[str]:
    """The table's two timing columns: median and range, or (``best``) best and quartiles."""
    if best:
        return [tr(language, "最好 ms", "best ms"), tr(language, "四分位数 ms", "quartiles ms")]
    return [tr(language, "中位数 ms", "median ms"), tr(language, "范围 ms", "range ms")]


def ms_bar_chart(ident: str, title: str, groups: list[Group], language: str, best: bool = False) -> str:
    """Bars of milliseconds (median, whisker: range; or ``best``: best run, whisker: quartiles),
    described bar by bar."""
    desc = "; ".join(f"{g.label}: " + ", ".join(f"{b.label} {sig3(b.value)} ms" for b in g.bars) for g in groups)
    if best:
        axis = tr(language, "毫秒（最好一次，横线为四分位数）", "ms (best run, whisker: quartiles)")
    else:
        axis = tr(language, "毫秒（中位数，横线为范围）", "ms (median, whisker: range)")
    return bar_chart(ident, title, desc, groups, axis)


def log_ms_chart(
    ident: str, title: str, desc: str, series: list[Series], x_label: str, language: str, best: bool = False
) -> str:
    """A line chart of milliseconds, both axes in log scale (``best``: the points are best runs,
    the bands their quartiles)."""
    if best:
        y_label = tr(language, "毫秒（最好一次，对数刻度）", "ms (best run, log scale)")
    else:
        y_label = tr(language, "毫秒（对数刻度）", "ms (log scale)")
    return line_chart(ident, title, desc, series, x_label, y_label, log_x=True, log_y=True)


TABLE_EN = "The chart's numbers as a table"


def figure_html(figure: Figure, ident: str, language: str = "en") -> str:
    """The figure as the page shows it: the chart and its caption, the table (folded: the
    chart shows the same numbers), the findings."""
    head = "".join(f"<th>{escape(h)}</th>" for h in figure.headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in figure.rows)
    findings = "".join(f"<li>{escape(f)}</li>" for f in figure.findings)
    return (
        f'<div class="sr-bench" id="{ident}">'
        f'<figure class="sr-figure sr-chart-figure" data-search-exclude>{figure.svg}'
        f"<figcaption>{escape(figure.title)}</figcaption></figure>"
        f'<details class="sr-bench-details"><summary>{escape(tr(language, "图中数据（表格）", TABLE_EN))}'
        f'</summary><div class="sr-bench-table"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody>'
        "</table></div></details>"
        f'<ul class="sr-findings">{findings}</ul></div>'
    )
