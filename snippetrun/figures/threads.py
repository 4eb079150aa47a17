"""performance/threads.py: a plain loop, threads and processes on CPU-bound and on
I/O-bound work, and whether the run's Python had the GIL."""

from __future__ import annotations

from ..chartkit import Bar, Group
from .common import Figure, best_of, center, count, finding, ms, ms_bar_chart, ms_point, tr

WAYS = ["plain loop", "threads", "processes"]


def fig_threads(data: dict, language: str, ident: str) -> Figure:
    kinds = list(dict.fromkeys(r["kind"] for r in data["rows"]))
    cell = {(r["kind"], r["way"]): r for r in data["rows"]}
    names = {
        "plain loop": tr(language, "普通循环", "plain loop"),
        "threads": tr(language, "线程", "threads"),
        "processes": tr(language, "进程", "processes"),
        "CPU-bound": tr(language, "CPU 密集", "CPU-bound"),
        "I/O-bound": tr(language, "I/O 密集（sleep）", "I/O-bound (sleep)"),
    }
    groups = [
        Group(
            names[kind],
            [
                Bar(names[way], *ms_point(cell[kind, way]), style)
                for way, style in zip(WAYS, ("s3", "s2", "s1"), strict=True)
            ],
        )
        for kind in kinds
    ]
    workers, io_threads = data["workers"], data.get("io_threads", data["workers"])
    title = tr(
        language,
        f"{data['tasks']} 个任务：普通循环、线程（CPU 密集 {workers} 个，I/O 密集 {io_threads} 个）、{workers} 个进程",
        f"{data['tasks']} tasks: a plain loop, threads ({workers} for CPU-bound work, {io_threads} for I/O), "
        + count(language, workers, "个进程", "process", "processes"),
    )
    best = all(best_of(r) for r in data["rows"])
    svg = ms_bar_chart(ident, title, groups, language, best=best)
    if best:
        work = tr(language, f"工作（{data['repeats']} 次中最好的一次）", f"work (best of {data['repeats']})")
    else:
        work = tr(language, "工作（中位数）", "work (median)")
    headers = [work] + [names[w] + " ms" for w in WAYS]
    table = [[names[k]] + [ms(cell[k, w]) for w in WAYS] for k in kinds]
    findings = []
    for kind in kinds:
        loop = cell[kind, "plain loop"]
        for way in ("threads", "processes"):
            other = cell[kind, way]
            findings.append(
                finding(
                    language,
                    f"{names[kind]}：{names[way]}的速度是普通循环的 {center(loop) / center(other):.2f} 倍",
                    f"{names[kind]}: {names[way]} ran {center(loop) / center(other):.2f}× as fast as the plain loop",
                    loop,
                    other,
                ),
            )
    findings.append(
        tr(
            language,
            f"这次运行的 Python {data['python']} {'启用了' if data['gil'] else '没有启用'}全局解释器锁（GIL）。",
            f"This run's Python {data['python']} had the Global Interpreter Lock (GIL) "
            f"{'enabled' if data['gil'] else 'disabled'}.",
        )
    )
    return Figure(title, svg, headers, table, findings)
