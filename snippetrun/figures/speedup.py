"""performance/speedup.py: the speedup of a pool against its number of workers, beside the
ideal (the fewest of workers, CPUs and tasks) and Amdahl's law fitted to the measurements
when there are enough of them, with each point's Karp–Flatt metric. Every sentence reads
right on 1 CPU and on 64."""

from __future__ import annotations

from ..chartkit import Series, line_chart
from .common import Figure, count, finding, median_range_headers, ms, ms_range, tr

MIN_FIT_POINTS = 3  # measured points with 2..CPUs workers that an Amdahl fit needs


def ideal(workers: int, cpus: int, tasks: int) -> int:
    """At most one task per worker on one CPU at a time."""
    return min(workers, cpus, tasks)


def karp_flatt(speedup: float, workers: int) -> float:
    """The serial fraction one measured point implies: e = (1/S − 1/n) / (1 − 1/n), n > 1."""
    return (1 / speedup - 1 / workers) / (1 - 1 / workers)


def fit_points(rows: list[dict], cpus: int) -> list[dict]:
    """The points an Amdahl fit may use: more than 1 worker, no more workers than CPUs."""
    return [r for r in rows if 1 < r["workers"] <= cpus]


def amdahl_fit(rows: list[dict], cpus: int) -> float | None:
    """The least-squares f of 1/S = f + (1 − f)/n over fit_points (clamped to 0..1), or
    None from fewer than MIN_FIT_POINTS of them."""
    points = fit_points(rows, cpus)
    if len(points) < MIN_FIT_POINTS:
        return None
    xs = [1 - 1 / r["workers"] for r in points]
    ys = [1 / r["speedup"] - 1 / r["workers"] for r in points]
    f = sum(x * y for x, y in zip(xs, ys, strict=True)) / sum(x * x for x in xs)
    return min(max(f, 0.0), 1.0)


def fig_speedup(data: dict, language: str, ident: str) -> Figure:
    cpus, tasks, rows = data["cpus"], data["tasks"], data["rows"]
    f = amdahl_fit(rows, cpus)
    measured = [(r["workers"], r["speedup"], r["speedup"], r["speedup"]) for r in rows]
    ideals = [(r["workers"], *[float(ideal(r["workers"], cpus, tasks))] * 3) for r in rows]
    title = tr(language, "加速比与工作进程数", "Speedup against the number of workers")
    series = [
        Series(
            tr(language, f"实测（{data['repeats']} 次中最好的一次）", f"measured (best of {data['repeats']})"), measured
        ),
        Series(
            tr(language, "理想（工作进程数、CPU 数、任务数中最小者）", "ideal (least of workers, CPUs, tasks)"),
            ideals,
            "ideal",
            False,
        ),
    ]
    if f is not None:
        model = [(r["workers"], *[1 / (f + (1 - f) / min(r["workers"], cpus))] * 3) for r in rows]
        series.append(
            Series(tr(language, f"阿姆达尔定律，f = {f:.2f}", f"Amdahl's law, f = {f:.2f}"), model, "model", False)
        )
    desc = "; ".join(f"{w}: {s:.2f}×" for w, s, _, _ in measured)
    svg = line_chart(
        ident,
        title,
        desc,
        series,
        tr(language, "工作进程数", "workers"),
        tr(language, "加速比（相对 1 个工作进程）", "speedup (against 1 worker)"),
    )
    headers = [
        tr(language, "工作进程", "workers"),
        *median_range_headers(language, best=True),
        tr(language, "加速比", "speedup"),
        tr(language, "理想", "ideal"),
        tr(language, "Karp–Flatt 指标 e", "Karp–Flatt e"),
    ]
    table = [
        [
            str(r["workers"]),
            ms(r),
            ms_range(r),
            f"{r['speedup']:.2f}×",
            f"{ideal(r['workers'], cpus, tasks)}×",
            f"{karp_flatt(r['speedup'], r['workers']):.2f}" if 1 < r["workers"] <= cpus else "–",
        ]
        for r in rows
    ]
    return Figure(title, svg, headers, table, speedup_findings(data, language))


def _workers(language: str, n: int) -> str:
    return count(language, n, "个工作进程", "worker")


def _cpus(language: str, n: int) -> str:
    return count(language, n, "个 CPU", "CPU")


def _ideal_note(language: str, row: dict, cpus: int, tasks: int) -> str:
    n = row["workers"]
    best = ideal(n, cpus, tasks)
    return tr(
        language,
        f"（理想值 {best} 倍：{_workers(language, n)}、{_cpus(language, cpus)}、{tasks} 个任务中最少的那个）",
        f" (ideal: {best}×, the least of {_workers(language, n)}, {_cpus(language, cpus)} and {tasks} tasks)",
    )


def speedup_findings(data: dict, language: str) -> list[str]:
    cpus, tasks, rows = data["cpus"], data["tasks"], data["rows"]
    base = rows[0]
    at = max((r for r in rows if r["workers"] <= cpus), key=lambda r: r["workers"])
    top = rows[-1]
    findings = []
    if at is base:
        findings.append(
            tr(
                language,
                f"这台机器只有 {_cpus(language, cpus)}：工作进程再多也只能轮流使用它，"
                "所以对任何工作进程数，理想加速比都是 1 倍。",
                f"This machine has {_cpus(language, cpus)}: however many workers there are, they take turns "
                "on it, so the ideal speedup is 1× for any number of workers.",
            )
        )
    else:
        findings.append(
            finding(
                language,
                f"在这台机器上（{_cpus(language, cpus)}），{_workers(language, at['workers'])}的速度"
                f"是 1 个的 {at['speedup']:.2f} 倍" + _ideal_note(language, at, cpus, tasks),
                f"On this machine ({_cpus(language, cpus)}), {_workers(language, at['workers'])} ran "
                f"{at['speedup']:.2f}× as fast as 1" + _ideal_note(language, at, cpus, tasks),
                base,
                at,
            )
        )
    if top["workers"] > cpus:
        against = (
            ""
            if at is base
            else tr(
                language,
                f"，{_workers(language, at['workers'])}是 {at['speedup']:.2f} 倍",
                f", against {at['speedup']:.2f}× for {at['workers']}",
            )
        )
        findings.append(
            finding(
                language,
                f"工作进程多于 CPU 时没有更多的 CPU 可用：{_workers(language, top['workers'])}"
                f"的速度是 1 个的 {top['speedup']:.2f} 倍" + _ideal_note(language, top, cpus, tasks) + against,
                f"More workers than CPUs find no more CPUs: {_workers(language, top['workers'])} ran "
                f"{top['speedup']:.2f}× as fast as 1" + _ideal_note(language, top, cpus, tasks) + against,
                at,
                top,
            )
        )
    findings.append(_amdahl(rows, cpus, language))
    points = fit_points(rows, cpus)
    if points:
        findings.append(_karp_flatt(points, language))
    return findings


def _amdahl(rows: list[dict], cpus: int, language: str) -> str:
    points = len(fit_points(rows, cpus))
    f = amdahl_fit(rows, cpus)
    if f is None:
        such = tr(language, f"只有 {points} 个这样的点", count("en", points, "", "such point"))
        if points == 0:
            such = tr(language, "一个这样的点也没有", "none")
        return tr(
            language,
            f"图中没有阿姆达尔定律的拟合曲线：拟合至少需要 {MIN_FIT_POINTS} 个工作进程数在 2 到 CPU 数之间的实测点，"
            f"而这台机器只有 {_cpus(language, cpus)}，这次运行{such}。",
            f"No Amdahl's law curve is drawn: a fit needs at least {MIN_FIT_POINTS} measured points with "
            f"2 workers or more and no more workers than CPUs, and with {_cpus(language, cpus)} this run has "
            f"{such}.",
        )
    used = tr(
        language,
        f"用工作进程数为 2 到 {cpus} 的 {points} 个实测点",
        f"the {points} measured points with 2 to {cpus} workers",
    )
    if f < 0.005:
        return tr(
            language,
            f"{used}按最小二乘拟合阿姆达尔定律，得不出串行部分（f ≈ 0）：在这个 CPU 数以内，实测加速比与理想值一致。",
            f"Fitting Amdahl's law (least squares) to {used} finds no serial fraction (f ≈ 0): up to this "
            "CPU count the measured speedups match the ideal.",
        )
    return tr(
        language,
        f"{used}按最小二乘拟合阿姆达尔定律，得到串行部分 f ≈ {f:.2f}："
        f"按这个拟合，再多的 CPU 也至多快 {1 / f:.1f} 倍（拟合点少时它很粗略）。",
        f"Fitting Amdahl's law (least squares) to {used} gives a serial fraction f ≈ {f:.2f}: by this "
        f"fit no number of CPUs gets past {1 / f:.1f}× (a fit from few points is rough).",
    )


def _karp_flatt(points: list[dict], language: str) -> str:
    ends = points[:1] if len(points) == 1 else [points[0], points[-1]]
    values = [
        (
            karp_flatt(r["speedup"], r["workers"]),
            _workers("zh", r["workers"]),
            _workers("en", r["workers"]) if i == 0 else str(r["workers"]),
        )
        for i, r in enumerate(ends)
    ]
    zh = "，".join(f"{w_zh}时为 {e:.2f}" for e, w_zh, _ in values)
    en = ", ".join(f"{e:.2f} with {w_en}" for e, _, w_en in values)
    return tr(
        language,
        f"表中最后一列是每个点的 Karp–Flatt 指标 e = (1/S − 1/n) / (1 − 1/n)，即单凭这一个点推算出的串行部分："
        f"{zh}。e 若随工作进程数上升，说明开销随工作进程增多而增长（阿姆达尔定律的 f 是常数）。",
        f"The table's last column is each point's Karp–Flatt metric e = (1/S − 1/n) / (1 − 1/n), the serial "
        f"fraction that point alone implies: {en}. An e that rises with the workers means overhead that grows "
        "with them (Amdahl's f is a constant).",
    )
