"""performance/overhead.py: what a pool's overhead costs tiny tasks (time against
chunksize, beside a plain loop), and from which task size a pool beats the plain loop."""

from __future__ import annotations

from ..chartkit import Series
from .common import (
    Figure,
    best_of,
    center,
    count,
    finding,
    log_ms_chart,
    median_range_headers,
    ms,
    ms_point,
    ms_range,
    sig3,
    tr,
)


def fig_chunksize(data: dict, language: str, ident: str) -> Figure:
    loop = data["loop"]
    series = []
    table = []
    findings = []
    apis = list(dict.fromkeys(row["api"] for row in data["chunks"]))
    for style, api in zip(("s1", "s2"), apis, strict=False):
        rows = [r for r in data["chunks"] if r["api"] == api]
        series.append(Series(api, [(r["chunksize"], *ms_point(r)) for r in rows], style))
        table += [[api, str(r["chunksize"]), ms(r), ms_range(r)] for r in rows]
        first, best = rows[0], min(rows, key=center)
        findings.append(
            finding(
                language,
                f"{api}：分块大小 {first['chunksize']} 时用了 {ms(first)} ms，最快的是分块大小 {best['chunksize']}，"
                f"{ms(best)} ms（快 {center(first) / center(best):.0f} 倍）",
                f"{api}: {ms(first)} ms at chunksize {first['chunksize']}; fastest at chunksize {best['chunksize']}, "
                f"{ms(best)} ms ({center(first) / center(best):.0f}× faster)",
                first,
                best,
            ),
        )
    xs = sorted({r["chunksize"] for r in data["chunks"]})
    loop_ms = center(loop) * 1000
    name = tr(language, "普通循环", "plain loop")
    series.append(Series(name, [(x, loop_ms, loop_ms, loop_ms) for x in (xs[0], xs[-1])], "ideal", False))
    table.append([name, "–", ms(loop), ms_range(loop)])
    best = min(data["chunks"], key=center)
    ratio = center(best) / center(loop)
    findings.append(
        tr(
            language,
            f"同样 {data['tasks']} 个小任务，普通循环只用了 {ms(loop)} ms；最快的进程池写法（{best['api']}，"
            f"分块大小 {best['chunksize']}）用时是它的 {ratio:.1f} 倍。",
            f"The plain loop did the same {data['tasks']} tiny tasks in {ms(loop)} ms; the fastest pool "
            f"({best['api']}, chunksize {best['chunksize']}) took {ratio:.1f}× as long.",
        )
    )
    title = tr(
        language, f"{data['tasks']} 个小任务的总用时与分块大小", f"{data['tasks']} tiny tasks: time against chunksize"
    )
    desc = "; ".join(f"{r['api']} chunksize {r['chunksize']}: {ms(r)} ms" for r in data["chunks"])
    x_label = tr(language, "分块大小（chunksize，对数刻度）", "chunksize (log scale)")
    svg = log_ms_chart(ident, title, desc + f"; {name}: {ms(loop)} ms", series, x_label, language, best_of(loop))
    headers = ["API", "chunksize", *median_range_headers(language, best=best_of(loop))]
    return Figure(title, svg, headers, table, findings)


def crossover_point(rows: list[dict]) -> dict | None:
    """The first task size from which the pool beat the loop at every larger size."""
    found = None
    for row in reversed(rows):
        if center(row["pool"]) < center(row["loop"]):
            found = row
        else:
            break
    return found


def _per_task(row: dict, n: int) -> float:
    """µs of the plain loop's time per task."""
    return center(row["loop"]) / n * 1e6


def fig_crossover(data: dict, language: str, ident: str) -> Figure:
    n = data["cost_tasks"]
    rows = data["crossover"]
    loop_name, pool_name = tr(language, "普通循环", "plain loop"), "Pool.map"
    series = [
        Series(loop_name, [(r["cost"], *ms_point(r["loop"])) for r in rows], "s3"),
        Series(pool_name, [(r["cost"], *ms_point(r["pool"])) for r in rows], "s1"),
    ]
    title = tr(
        language,
        f"{n} 个任务：普通循环与 Pool.map，按任务大小",
        f"{n} tasks: plain loop against Pool.map, by task size",
    )
    desc = "; ".join(f"{r['cost']}: {ms(r['loop'])} / {ms(r['pool'])} ms" for r in rows)
    x_label = tr(language, "每个任务的循环次数（对数刻度）", "loop iterations per task (log scale)")
    svg = log_ms_chart(ident, title, desc, series, x_label, language, bool(rows) and best_of(rows[0]["loop"]))
    headers = [
        tr(language, "每任务循环次数", "iterations/task"),
        tr(language, "每任务 µs（循环）", "µs/task (loop)"),
        tr(language, "普通循环 ms", "plain loop ms"),
        "Pool.map ms",
    ]
    if rows and best_of(rows[0]["loop"]):
        best = tr(language, f"（{data['repeats']} 次中最好的一次）", f" (best of {data['repeats']})")
        headers[2:] = [h + best for h in headers[2:]]
    table = [[str(r["cost"]), sig3(_per_task(r, n)), ms(r["loop"]), ms(r["pool"])] for r in rows]
    return Figure(title, svg, headers, table, _crossover_findings(data, language))


def _crossover_findings(data: dict, language: str) -> list[str]:
    n = data["cost_tasks"]
    rows = data["crossover"]
    point = crossover_point(rows)
    if point is None:
        findings = [
            tr(
                language,
                "在这次构建测到的任务大小里，进程池没有一次在所有更大的任务上都比普通循环快。",
                "At no task size measured by this build did the pool beat the plain loop from there on.",
            )
        ]
    else:
        per_task = _per_task(point, n)
        findings = [
            finding(
                language,
                f"从每个任务约 {sig3(per_task)} µs 的计算量（{point['cost']} 次循环）起，Pool.map 比普通循环快："
                f"{ms(point['pool'])} ms 对 {ms(point['loop'])} ms",
                f"From about {sig3(per_task)} µs of work per task ({point['cost']} iterations) on, Pool.map beat "
                f"the plain loop: {ms(point['pool'])} ms against {ms(point['loop'])} ms",
                point["loop"],
                point["pool"],
            ),
        ]
    last = rows[-1]
    findings.append(
        tr(
            language,
            f"最大的任务（{last['cost']} 次循环）上，进程池的速度是循环的 "
            f"{center(last['loop']) / center(last['pool']):.2f} 倍（{data['workers']} 个工作进程）。",
            f"At the largest size ({last['cost']} iterations) the pool ran "
            f"{center(last['loop']) / center(last['pool']):.2f}× as fast as the loop "
            f"({count('en', data['workers'], '', 'worker')}).",
        )
    )
    return findings
