"""performance/threads.py: a plain loop, threads and processes on CPU-bound and on
I/O-bound work, and whether the run's Python had the GIL."""

from __future__ import annotations

from ..chartkit import Bar, Group
from .common import Figure, finding, ms, ms_bar_chart, ms_point, tr

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
    title = tr(
        language,
        f"{data['tasks']} 个任务：普通循环、{data['workers']} 个线程、{data['workers']} 个进程",
        f"{data['tasks']} tasks: plain loop, {data['workers']} threads, {data['workers']} processes",
    )
    svg = ms_bar_chart(ident, title, groups, language)
    headers = [tr(language, "工作", "work")] + [names[w] + " ms" for w in WAYS]
    table = [[names[k]] + [ms(cell[k, w]) for w in WAYS] for k in kinds]
    findings = []
    for kind in kinds:
        loop = cell[kind, "plain loop"]
        for way in ("threads", "processes"):
            other = cell[kind, way]
            findings.append(
                finding(
                    language,
                    f"{names[kind]}：{names[way]}的速度是普通循环的 {loop['median'] / other['median']:.2f} 倍",
                    f"{names[kind]}: {names[way]} ran {loop['median'] / other['median']:.2f}× "
                    "as fast as the plain loop",
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
