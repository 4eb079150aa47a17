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


def spread(stats: dict) -> float:
    return stats["high"] - stats["low"]


def noisy(a: dict, b: dict) -> bool:
    """The difference of two medians is no larger than their typical spread."""
    return abs(a["median"] - b["median"]) <= (spread(a) + spread(b)) / 2


def ms(stats: dict) -> str:
    """The median, in milliseconds."""
    return f"{stats['median'] * 1000:.3g}"


def ms_range(stats: dict) -> str:
    return f"{stats['low'] * 1000:.3g}–{stats['high'] * 1000:.3g}"


def ms_point(stats: dict) -> tuple[float, float, float]:
    """Median, low and high in milliseconds: a point's (or a bar's) value and its spread."""
    return stats["median"] * 1000, stats["low"] * 1000, stats["high"] * 1000


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


def median_range_headers(language: str) -> list[str]:
    return [tr(language, "中位数 ms", "median ms"), tr(language, "范围 ms", "range ms")]


def ms_bar_chart(ident: str, title: str, groups: list[Group], language: str) -> str:
    """Bars of milliseconds (median, whisker: range), described bar by bar."""
    desc = "; ".join(f"{g.label}: " + ", ".join(f"{b.label} {b.value:.3g} ms" for b in g.bars) for g in groups)
    axis = tr(language, "毫秒（中位数，横线为范围）", "ms (median, whisker: range)")
    return bar_chart(ident, title, desc, groups, axis)


def log_ms_chart(ident: str, title: str, desc: str, series: list[Series], x_label: str, language: str) -> str:
    """A line chart of milliseconds, both axes in log scale."""
    y_label = tr(language, "毫秒（对数刻度）", "ms (log scale)")
    return line_chart(ident, title, desc, series, x_label, y_label, log_x=True, log_y=True)


def figure_html(figure: Figure, ident: str) -> str:
    """The figure as the page shows it: the chart and its caption, the table, the findings."""
    head = "".join(f"<th>{escape(h)}</th>" for h in figure.headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in figure.rows)
    findings = "".join(f"<li>{escape(f)}</li>" for f in figure.findings)
    return (
        f'<div class="sr-bench" id="{ident}">'
        f'<figure class="sr-figure sr-chart-figure" data-search-exclude>{figure.svg}'
        f"<figcaption>{escape(figure.title)}</figcaption></figure>"
        f'<div class="sr-bench-table"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'
        f'<ul class="sr-findings">{findings}</ul></div>'
    )
