"""Charts of a benchmark's run, drawn as inline SVG at build time (no plotting library):
line charts (linear or log axes, a band for each point's spread) and grouped horizontal
bars. As in svg.py, colours come from CSS classes (docs/assets/snippetrun.css) so the
picture follows the light and dark themes, the drawing is never narrower than WIDTH CSS
pixels (a phone scrolls it sideways), and <title>/<desc> give the numbers in words.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from html import escape

WIDTH = 640
HEIGHT = 300  # of the plot and its axes; the legend adds a row per series below
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 14, 52  # plot margins
LEGEND_ROW = 20


def text_width(label: str) -> float:
    """Width of a label at the charts' text size (monospace 0.68rem, as in svg.py), with
    room: wide (CJK) characters count about double."""
    return sum(14.0 if ord(ch) > 0x2E80 else 8.5 for ch in label)


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


def _fmt(value: float) -> str:
    if value == 0:
        return "0"
    if abs(value) >= 1e6 and math.log10(abs(value)).is_integer():
        return "10" + str(int(math.log10(abs(value)))).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 1:
        return f"{value:g}"
    return f"{value:.2g}"


def _nice_ticks(low: float, high: float) -> list[float]:
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


def _log_ticks(low: float, high: float) -> list[float]:
    return [10.0**e for e in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)]


class _Axis:
    def __init__(
        self, values: list[float], log: bool, start: float, end: float, zero: bool, tight: bool = False
    ) -> None:
        positive = [v for v in values if v > 0] or [1.0]
        self.log = log
        if log and tight:  # the data's own range; ticks at the powers of ten inside it
            self.low, self.high = math.log10(min(positive)), math.log10(max(positive))
            self.ticks = [t for t in _log_ticks(min(positive), max(positive)) if min(positive) <= t <= max(positive)]
        elif log:
            self.ticks = _log_ticks(min(positive), max(positive))
            self.low, self.high = math.log10(self.ticks[0]), math.log10(self.ticks[-1])
        else:
            low = 0.0 if zero else min(values)
            self.ticks = _nice_ticks(low, max(values))
            self.low, self.high = self.ticks[0], self.ticks[-1]
        self.start, self.end = start, end

    def __call__(self, value: float) -> float:
        v = math.log10(max(value, 1e-12)) if self.log else value
        share = (v - self.low) / ((self.high - self.low) or 1.0)
        return round(self.start + share * (self.end - self.start), 1)


def _svg_open(ident: str, title: str, desc: str, height: int) -> list[str]:
    return [
        f'<svg class="sr-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(desc)}</desc>',
    ]


def _legend(entries: list[tuple[str, str, bool]], x: float, y: float) -> list[str]:
    out = []
    for i, (name, style, markers) in enumerate(entries):
        row = y + i * 20
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
    x = _Axis(xs, log_x, LEFT + 8, WIDTH - RIGHT - 8, zero=False, tight=True)
    y = _Axis(ys, log_y, HEIGHT - BOTTOM, TOP, zero=not log_y)
    out = _svg_open(ident, title, desc, HEIGHT + LEGEND_ROW * len(series) + 6)
    for tick in y.ticks:
        out.append(f'<line class="sr-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick)}" y2="{y(tick)}"/>')
        out.append(f'<text class="sr-axis" x="{LEFT - 6}" y="{y(tick) + 4}" text-anchor="end">{_fmt(tick)}</text>')
    x_ticks = x.ticks if log_x else sorted(set(xs))
    for tick in x_ticks:
        out.append(
            f'<text class="sr-axis" x="{x(tick)}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">{_fmt(tick)}</text>'
        )
    out.append(
        f'<text class="sr-axis" x="{(LEFT + WIDTH - RIGHT) / 2}" y="{HEIGHT - 10}" '
        f'text-anchor="middle">{escape(x_label)}</text>'
    )
    out.append(
        f'<text class="sr-axis" transform="translate(14 {(TOP + HEIGHT - BOTTOM) / 2}) rotate(-90)" '
        f'text-anchor="middle">{escape(y_label)}</text>'
    )
    for s in series:
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
                    f"<title>{escape(s.name)}: {_fmt(px)} → {py:.3g} ({low:.3g}–{high:.3g})</title></circle>"
                )
    out += _legend([(s.name, s.style, s.markers) for s in series], LEFT, HEIGHT + 4)
    out.append(
        f'<rect class="sr-frame" x="{LEFT}" y="{TOP}" width="{WIDTH - RIGHT - LEFT}" height="{HEIGHT - BOTTOM - TOP}"/>'
    )
    out.append("</svg>")
    return "".join(out)


def _ms_bar_chart(ident: str, title: str, groups: list[Group], language: str) -> str:
    """Bars of milliseconds (median, whisker: range), described bar by bar."""
    desc = "; ".join(f"{g.label}: " + ", ".join(f"{b.label} {b.value:.3g} ms" for b in g.bars) for g in groups)
    axis = _t(language, "毫秒（中位数，横线为范围）", "ms (median, whisker: range)")
    return bar_chart(ident, title, desc, groups, axis)


def bar_chart(ident: str, title: str, desc: str, groups: list[Group], x_label: str) -> str:
    bar_h, gap = 16, 14
    label_w = round(12 + max(text_width(b.label) for g in groups for b in g.bars))
    rows = sum(len(g.bars) for g in groups)
    height = TOP + rows * bar_h + len(groups) * (gap + 18) + 40
    top_value = max(b.high for g in groups for b in g.bars) or 1.0
    axis = _Axis([0.0, top_value], False, label_w, WIDTH - 70, zero=True)
    out = _svg_open(ident, title, desc, height)
    bottom = height - 40
    for tick in axis.ticks:
        out.append(f'<line class="sr-grid" x1="{axis(tick)}" x2="{axis(tick)}" y1="{TOP}" y2="{bottom}"/>')
        out.append(f'<text class="sr-axis" x="{axis(tick)}" y="{bottom + 16}" text-anchor="middle">{_fmt(tick)}</text>')
    out.append(
        f'<text class="sr-axis" x="{(label_w + WIDTH - 70) / 2}" y="{height - 8}" '
        f'text-anchor="middle">{escape(x_label)}</text>'
    )
    row = TOP
    for group in groups:
        out.append(f'<text class="sr-group" x="4" y="{row + 12}">{escape(group.label)}</text>')
        row += 18
        for bar in group.bars:
            width = max(axis(bar.value) - label_w, 1.0)
            out.append(
                f'<text class="sr-legend" x="{label_w - 6}" y="{row + 12}" text-anchor="end">{escape(bar.label)}</text>'
            )
            out.append(
                f'<rect class="sr-bar sr-{bar.style}" x="{label_w}" y="{row + 2}" width="{width:.1f}" '
                f'height="{bar_h - 4}"><title>{escape(group.label)}, {escape(bar.label)}: {bar.value:.3g} '
                f"({bar.low:.3g}–{bar.high:.3g})</title></rect>"
            )
            out.append(
                f'<line class="sr-whisker" x1="{axis(bar.low)}" x2="{axis(bar.high)}" '
                f'y1="{row + bar_h / 2}" y2="{row + bar_h / 2}"/>'
            )
            out.append(
                f'<text class="sr-value" x="{max(axis(bar.value), axis(bar.high)) + 4}" '
                f'y="{row + 12}">{bar.value:.3g}</text>'
            )
            row += bar_h
        row += gap
    out.append("</svg>")
    return "".join(out)


# --- the chapter's figures: a chart, a table of the same numbers, and what they show --------


@dataclass
class Figure:
    title: str
    svg: str
    headers: list[str]
    rows: list[list[str]]
    findings: list[str]


def _t(language: str, zh: str, en: str) -> str:
    return zh if language == "zh" else en


def spread(stats: dict) -> float:
    return stats["high"] - stats["low"]


def noisy(a: dict, b: dict) -> bool:
    """The difference of two medians is no larger than their typical spread."""
    return abs(a["median"] - b["median"]) <= (spread(a) + spread(b)) / 2


def _ms(stats: dict) -> str:
    return f"{stats['median'] * 1000:.3g}"


def _range(stats: dict) -> str:
    return f"{stats['low'] * 1000:.3g}–{stats['high'] * 1000:.3g}"


def _noise_note(language: str, a: dict, b: dict) -> str:
    if not noisy(a, b):
        return ""
    return _t(
        language,
        "；但两者的波动范围与差值相当，这个差别在噪声之内，不能当真",
        "; but their spread is as large as the difference, so this is within the noise",
    )


def fig_speedup(data: dict, language: str, ident: str) -> Figure:
    cpus, rows, f = data["cpus"], data["rows"], data["serial_fraction"]
    base = rows[0]["median"]
    measured = [(r["workers"], r["speedup"], base / r["high"], base / r["low"]) for r in rows]
    ideal = [(r["workers"], *[float(min(r["workers"], cpus))] * 3) for r in rows]
    model = []
    for r in rows:
        s = 1 / (f + (1 - f) / min(r["workers"], cpus))
        model.append((r["workers"], s, s, s))
    title = _t(language, "加速比与工作进程数", "Speedup against the number of workers")
    names = (
        _t(language, "实测（中位数，阴影为范围）", "measured (median, band: range)"),
        _t(language, "理想（至多 CPU 数）", "ideal (up to the CPU count)"),
        _t(language, f"阿姆达尔定律，f = {f:.2f}", f"Amdahl's law, f = {f:.2f}"),
    )
    desc = "; ".join(f"{w}: {s:.2f}×" for w, s, _, _ in measured)
    svg = line_chart(
        ident,
        title,
        desc,
        [
            Series(names[0], measured, "s1"),
            Series(names[1], ideal, "ideal", False),
            Series(names[2], model, "model", False),
        ],
        _t(language, "工作进程数", "workers"),
        _t(language, "加速比（相对 1 个工作进程）", "speedup (against 1 worker)"),
    )
    headers = [
        _t(language, "工作进程", "workers"),
        _t(language, "中位数 ms", "median ms"),
        _t(language, "范围 ms", "range ms"),
        _t(language, "加速比", "speedup"),
    ]
    table = [[str(r["workers"]), _ms(r), _range(r), f"{r['speedup']:.2f}×"] for r in rows]
    at = next((r for r in rows if r["workers"] == cpus), rows[-1])
    top = rows[-1]
    findings = [
        _t(
            language,
            f"在这台机器上（{cpus} 个 CPU），{at['workers']} 个工作进程的速度是 1 个的 {at['speedup']:.2f} 倍"
            f"（理想值 {min(at['workers'], cpus)} 倍）",
            f"On this machine ({cpus} CPUs), {at['workers']} workers ran {at['speedup']:.2f}× as fast as 1 "
            f"(ideal: {min(at['workers'], cpus)}×)",
        )
        + _noise_note(language, rows[0], at)
        + _t(language, "。", "."),
    ]
    if top is not at:
        findings.append(
            _t(
                language,
                f"工作进程多于 CPU 时没有更多的 CPU 可用：{top['workers']} 个工作进程"
                f"是 1 个的 {top['speedup']:.2f} 倍，"
                f"{at['workers']} 个是 {at['speedup']:.2f} 倍",
                f"More workers than CPUs find no more CPUs: {top['workers']} workers ran {top['speedup']:.2f}× "
                f"as fast as 1, against {at['speedup']:.2f}× for {at['workers']}",
            )
            + _noise_note(language, at, top)
            + _t(language, "。", "."),
        )
    if f > 0:
        findings.append(
            _t(
                language,
                f"把实测加速比代入阿姆达尔定律，得到串行部分 f ≈ {f:.2f}："
                f"按这个拟合，再多的 CPU 也至多快 {1 / f:.1f} 倍（只有 CPU 数以内的点参与拟合，CPU 少时它很粗略）。",
                f"Fitting Amdahl's law to the measured speedups gives a serial fraction f ≈ {f:.2f}: by this "
                f"fit no number of CPUs gets past {1 / f:.1f}× (only points up to the CPU count enter the fit, "
                "so with few CPUs it is rough).",
            )
        )
    else:
        findings.append(
            _t(
                language,
                "实测加速比没有显示出串行部分（f = 0）：在这个 CPU 数以内，它与理想值一致。",
                "The measured speedups show no serial fraction (f = 0): up to this CPU count they match the ideal.",
            )
        )
    return Figure(title, svg, headers, table, findings)


def _start_figure(data: dict, language: str, ident: str, which: str) -> Figure:
    bare, heavy = data["variants"]["bare"], data["variants"]["heavy"]
    labels = {
        "bare": _t(language, f"少量导入（{bare['modules']} 个模块）", f"few imports ({bare['modules']} modules)"),
        "heavy": _t(language, f"大量导入（{heavy['modules']} 个模块）", f"heavy imports ({heavy['modules']} modules)"),
    }
    groups = []
    table = []
    for b_row, h_row in zip(bare["rows"], heavy["rows"], strict=True):
        method = b_row["method"]
        bars = []
        for variant, row, style in (("bare", b_row, "s1"), ("heavy", h_row, "s2")):
            stats = row[which]
            bars.append(Bar(labels[variant], *(stats[k] * 1000 for k in ("median", "low", "high")), style))
            table.append([method, labels[variant], _ms(stats), _range(stats)])
        groups.append(Group(method, bars))
    if which == "process":
        title = _t(language, "启动一个进程（start + join）的用时", "Starting one process (start + join)")
    else:
        title = _t(
            language,
            f"启动 {data['workers']} 个工作进程的进程池（创建、第一次 map、关闭）的用时",
            f"A pool of {data['workers']} workers: create, first map, close",
        )
    svg = _ms_bar_chart(ident, title, groups, language)
    headers = [
        _t(language, "启动方式", "start method"),
        _t(language, "父进程的导入", "parent's imports"),
        _t(language, "中位数 ms", "median ms"),
        _t(language, "范围 ms", "range ms"),
    ]
    by = {row["method"]: row[which] for row in bare["rows"]}
    heavy_by = {row["method"]: row[which] for row in heavy["rows"]}
    fork, spawn = by["fork"], by["spawn"]
    findings = [
        _t(
            language,
            f"少量导入时，spawn 用了 {_ms(spawn)} ms，fork 用了 {_ms(fork)} ms："
            f"spawn 是 fork 的 {spawn['median'] / fork['median']:.0f} 倍",
            f"With few imports, spawn took {_ms(spawn)} ms and fork {_ms(fork)} ms: "
            f"spawn cost {spawn['median'] / fork['median']:.0f}× as much as fork",
        )
        + _noise_note(language, fork, spawn)
        + _t(language, "。", "."),
    ]
    for method in by:
        a, b = by[method], heavy_by[method]
        grew = b["median"] - a["median"]
        if noisy(a, b):
            findings.append(
                _t(
                    language,
                    f"{method}：父进程多导入 {heavy['modules'] - bare['modules']} 个模块后，用时从 {_ms(a)} ms 变为 "
                    f"{_ms(b)} ms，变化在噪声之内。",
                    f"{method}: with {heavy['modules'] - bare['modules']} more modules in the parent it went from "
                    f"{_ms(a)} ms to {_ms(b)} ms, a change within the noise.",
                )
            )
        else:
            findings.append(
                _t(
                    language,
                    f"{method}：父进程多导入 {heavy['modules'] - bare['modules']} 个模块后，用时从 {_ms(a)} ms "
                    f"{'增加' if grew > 0 else '减少'}到 {_ms(b)} ms（{b['median'] / a['median']:.1f} 倍）。",
                    f"{method}: with {heavy['modules'] - bare['modules']} more modules in the parent it went from "
                    f"{_ms(a)} ms to {_ms(b)} ms ({b['median'] / a['median']:.1f}×).",
                )
            )
    return Figure(title, svg, headers, table, findings)


def fig_start_process(data: dict, language: str, ident: str) -> Figure:
    return _start_figure(data, language, ident, "process")


def fig_start_pool(data: dict, language: str, ident: str) -> Figure:
    return _start_figure(data, language, ident, "pool")


def fig_chunksize(data: dict, language: str, ident: str) -> Figure:
    loop = data["loop"]
    series = []
    table = []
    findings = []
    apis = list(dict.fromkeys(row["api"] for row in data["chunks"]))
    for style, api in zip(("s1", "s2"), apis, strict=False):
        rows = [r for r in data["chunks"] if r["api"] == api]
        series.append(
            Series(api, [(r["chunksize"], r["median"] * 1000, r["low"] * 1000, r["high"] * 1000) for r in rows], style)
        )
        table += [[api, str(r["chunksize"]), _ms(r), _range(r)] for r in rows]
        first, best = rows[0], min(rows, key=lambda r: r["median"])
        findings.append(
            _t(
                language,
                f"{api}：分块大小 {first['chunksize']} 时用了 {_ms(first)} ms，最快的是分块大小 {best['chunksize']}，"
                f"{_ms(best)} ms（快 {first['median'] / best['median']:.0f} 倍）",
                f"{api}: {_ms(first)} ms at chunksize {first['chunksize']}; fastest at chunksize {best['chunksize']}, "
                f"{_ms(best)} ms ({first['median'] / best['median']:.0f}× faster)",
            )
            + _noise_note(language, first, best)
            + _t(language, "。", "."),
        )
    xs = sorted({r["chunksize"] for r in data["chunks"]})
    loop_ms = loop["median"] * 1000
    name = _t(language, "普通循环", "plain loop")
    series.append(Series(name, [(x, loop_ms, loop_ms, loop_ms) for x in (xs[0], xs[-1])], "ideal", False))
    table.append([name, "–", _ms(loop), _range(loop)])
    best = min(data["chunks"], key=lambda r: r["median"])
    ratio = best["median"] / loop["median"]
    findings.append(
        _t(
            language,
            f"同样 {data['tasks']} 个小任务，普通循环只用了 {_ms(loop)} ms；最快的进程池写法（{best['api']}，"
            f"分块大小 {best['chunksize']}）用时是它的 {ratio:.1f} 倍。",
            f"The plain loop did the same {data['tasks']} tiny tasks in {_ms(loop)} ms; the fastest pool "
            f"({best['api']}, chunksize {best['chunksize']}) took {ratio:.1f}× as long.",
        )
    )
    title = _t(
        language, f"{data['tasks']} 个小任务的总用时与分块大小", f"{data['tasks']} tiny tasks: time against chunksize"
    )
    desc = "; ".join(f"{r['api']} chunksize {r['chunksize']}: {_ms(r)} ms" for r in data["chunks"])
    svg = line_chart(
        ident,
        title,
        desc + f"; {name}: {_ms(loop)} ms",
        series,
        _t(language, "分块大小（chunksize，对数刻度）", "chunksize (log scale)"),
        _t(language, "毫秒（对数刻度）", "ms (log scale)"),
        log_x=True,
        log_y=True,
    )
    headers = ["API", "chunksize", _t(language, "中位数 ms", "median ms"), _t(language, "范围 ms", "range ms")]
    return Figure(title, svg, headers, table, findings)


def crossover_point(rows: list[dict]) -> dict | None:
    """The first task size from which the pool beat the loop at every larger size."""
    found = None
    for row in reversed(rows):
        if row["pool"]["median"] < row["loop"]["median"]:
            found = row
        else:
            break
    return found


def fig_crossover(data: dict, language: str, ident: str) -> Figure:
    n = data["cost_tasks"]
    rows = data["crossover"]

    def per_task(row: dict) -> float:  # µs of the plain loop's time per task
        return row["loop"]["median"] / n * 1e6

    loop_name, pool_name = _t(language, "普通循环", "plain loop"), "Pool.map"
    series = [
        Series(loop_name, [(r["cost"], *(r["loop"][k] * 1000 for k in ("median", "low", "high"))) for r in rows], "s3"),
        Series(pool_name, [(r["cost"], *(r["pool"][k] * 1000 for k in ("median", "low", "high"))) for r in rows], "s1"),
    ]
    title = _t(
        language,
        f"{n} 个任务：普通循环与 Pool.map，按任务大小",
        f"{n} tasks: plain loop against Pool.map, by task size",
    )
    desc = "; ".join(f"{r['cost']}: {_ms(r['loop'])} / {_ms(r['pool'])} ms" for r in rows)
    svg = line_chart(
        ident,
        title,
        desc,
        series,
        _t(language, "每个任务的循环次数（对数刻度）", "loop iterations per task (log scale)"),
        _t(language, "毫秒（对数刻度）", "ms (log scale)"),
        log_x=True,
        log_y=True,
    )
    headers = [
        _t(language, "每任务循环次数", "iterations/task"),
        _t(language, "每任务 µs（循环）", "µs/task (loop)"),
        _t(language, "普通循环 ms", "plain loop ms"),
        "Pool.map ms",
    ]
    table = [[str(r["cost"]), f"{per_task(r):.3g}", _ms(r["loop"]), _ms(r["pool"])] for r in rows]
    point = crossover_point(rows)
    if point is None:
        findings = [
            _t(
                language,
                "在这次构建测到的任务大小里，进程池没有一次在所有更大的任务上都比普通循环快。",
                "At no task size measured by this build did the pool beat the plain loop from there on.",
            )
        ]
    else:
        findings = [
            _t(
                language,
                f"从每个任务约 {per_task(point):.3g} µs 的计算量（{point['cost']} 次循环）起，Pool.map 比普通循环快："
                f"{_ms(point['pool'])} ms 对 {_ms(point['loop'])} ms",
                f"From about {per_task(point):.3g} µs of work per task ({point['cost']} iterations) on, Pool.map beat "
                f"the plain loop: {_ms(point['pool'])} ms against {_ms(point['loop'])} ms",
            )
            + _noise_note(language, point["loop"], point["pool"])
            + _t(language, "。", "."),
        ]
    last = rows[-1]
    findings.append(
        _t(
            language,
            f"最大的任务（{last['cost']} 次循环）上，进程池的速度是循环的 "
            f"{last['loop']['median'] / last['pool']['median']:.2f} 倍（{data['workers']} 个工作进程）。",
            f"At the largest size ({last['cost']} iterations) the pool ran "
            f"{last['loop']['median'] / last['pool']['median']:.2f}× as fast as the loop ({data['workers']} workers).",
        )
    )
    return Figure(title, svg, headers, table, findings)


def _size(n: int) -> str:
    for unit, scale in (("MB", 1_000_000), ("kB", 1000)):
        if n >= scale:
            return f"{n / scale:g} {unit}"
    return f"{n} B"


def fig_data(data: dict, language: str, ident: str) -> Figure:
    ways, sizes, rows = data["ways"], data["sizes"], data["rows"]
    cell = {(r["way"], r["size"]): r for r in rows}
    styles = {"pickle only": "model", "Queue": "s1", "Pipe": "s2", "shared memory": "s3", "Manager": "s4"}
    shown = {
        "pickle only": _t(language, "仅 pickle 序列化", "pickling only"),
        "shared memory": _t(language, "共享内存", "shared memory"),
    }
    series = [
        Series(
            shown.get(way, way),
            [(s, *(cell[way, s][k] * 1000 for k in ("median", "low", "high"))) for s in sizes],
            styles.get(way, "s5"),
        )
        for way in ways
    ]
    title = _t(
        language,
        "把一份数据交给子进程（并收到回执）的用时，按数据大小",
        "Handing a payload to a child (and its reply), by size",
    )
    desc = "; ".join(f"{_size(s)}: " + ", ".join(f"{w} {_ms(cell[w, s])} ms" for w in ways) for s in sizes)
    svg = line_chart(
        ident,
        title,
        desc,
        series,
        _t(language, "字节数（对数刻度）", "bytes (log scale)"),
        _t(language, "毫秒（对数刻度）", "ms (log scale)"),
        log_x=True,
        log_y=True,
    )
    headers = [_t(language, "大小", "size")] + [shown.get(w, w) for w in ways]
    table = [[_size(s)] + [_ms(cell[w, s]) for w in ways] for s in sizes]
    big, small = sizes[-1], sizes[0]
    channels = [w for w in ways if w != "pickle only"]
    order = sorted(channels, key=lambda w: cell[w, big]["median"])
    fastest, second = cell[order[0], big], cell[order[1], big]
    findings = [
        _t(
            language,
            f"{_size(big)} 时最快的是{shown.get(order[0], order[0])}（{_ms(fastest)} ms），"
            f"最慢的是 {order[-1]}（{_ms(cell[order[-1], big])} ms）",
            f"At {_size(big)} the fastest was {order[0]} ({_ms(fastest)} ms) and the slowest {order[-1]} "
            f"({_ms(cell[order[-1], big])} ms)",
        )
        + _noise_note(language, fastest, second)
        + _t(language, "。", "."),
    ]
    if "pickle only" in ways and "Queue" in ways:
        share = cell["pickle only", big]["median"] / cell["Queue", big]["median"]
        findings.append(
            _t(
                language,
                f"{_size(big)} 的 bytes 对象，pickle 序列化加反序列化只占队列用时的 {share:.0%}："
                "其余是在进程之间复制数据的成本。",
                f"For a {_size(big)} bytes object, pickling and unpickling were {share:.0%} of the Queue's time: "
                "the rest is copying the data between processes.",
            )
        )
    order_small = sorted(channels, key=lambda w: cell[w, small]["median"])
    a, b = cell[order_small[0], small], cell[order_small[-1], small]
    findings.append(
        _t(
            language,
            f"{_size(small)} 时，每种方式都只要零点几毫秒或更少：最快 {_ms(a)} ms，最慢 {_ms(b)} ms",
            f"At {_size(small)} every channel took a fraction of a millisecond or less: {_ms(a)} ms at best, "
            f"{_ms(b)} ms at worst",
        )
        + _noise_note(language, a, b)
        + _t(language, "。", "."),
    )
    return Figure(title, svg, headers, table, findings)


def fig_threads(data: dict, language: str, ident: str) -> Figure:
    kinds = list(dict.fromkeys(r["kind"] for r in data["rows"]))
    cell = {(r["kind"], r["way"]): r for r in data["rows"]}
    ways = ["plain loop", "threads", "processes"]
    names = {
        "plain loop": _t(language, "普通循环", "plain loop"),
        "threads": _t(language, "线程", "threads"),
        "processes": _t(language, "进程", "processes"),
        "CPU-bound": _t(language, "CPU 密集", "CPU-bound"),
        "I/O-bound": _t(language, "I/O 密集（sleep）", "I/O-bound (sleep)"),
    }
    groups = [
        Group(
            names[kind],
            [
                Bar(names[way], *(cell[kind, way][k] * 1000 for k in ("median", "low", "high")), style)
                for way, style in zip(ways, ("s3", "s2", "s1"), strict=True)
            ],
        )
        for kind in kinds
    ]
    title = _t(
        language,
        f"{data['tasks']} 个任务：普通循环、{data['workers']} 个线程、{data['workers']} 个进程",
        f"{data['tasks']} tasks: plain loop, {data['workers']} threads, {data['workers']} processes",
    )
    svg = _ms_bar_chart(ident, title, groups, language)
    headers = [_t(language, "工作", "work")] + [names[w] + " ms" for w in ways]
    table = [[names[k]] + [_ms(cell[k, w]) for w in ways] for k in kinds]
    findings = []
    for kind in kinds:
        loop = cell[kind, "plain loop"]
        for way in ("threads", "processes"):
            other = cell[kind, way]
            findings.append(
                _t(
                    language,
                    f"{names[kind]}：{names[way]}的速度是普通循环的 {loop['median'] / other['median']:.2f} 倍",
                    f"{names[kind]}: {names[way]} ran {loop['median'] / other['median']:.2f}× "
                    "as fast as the plain loop",
                )
                + _noise_note(language, loop, other)
                + _t(language, "。", "."),
            )
    findings.append(
        _t(
            language,
            f"这次运行的 Python {data['python']} {'启用了' if data['gil'] else '没有启用'}全局解释器锁（GIL）。",
            f"This run's Python {data['python']} had the Global Interpreter Lock (GIL) "
            f"{'enabled' if data['gil'] else 'disabled'}.",
        )
    )
    return Figure(title, svg, headers, table, findings)


FIGURES = {
    "speedup": fig_speedup,
    "start_process": fig_start_process,
    "start_pool": fig_start_pool,
    "chunksize": fig_chunksize,
    "crossover": fig_crossover,
    "data": fig_data,
    "threads": fig_threads,
}


def report_of(output: str) -> dict:
    """The JSON line a benchmark prints last."""
    line = next((line for line in reversed(output.splitlines()) if line.startswith("{")), None)
    if line is None:
        raise ValueError("the program printed no JSON report line")
    return json.loads(line)


def figure_html(figure: Figure, ident: str) -> str:
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
