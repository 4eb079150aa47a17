"""performance/startup.py: what starting a process, and a pool, costs under each start
method, with few and with many modules imported in the parent."""

from __future__ import annotations

from ..chartkit import Bar, Group
from .common import (
    Figure,
    best_of,
    center,
    count,
    finding,
    median_range_headers,
    ms,
    ms_bar_chart,
    ms_point,
    ms_range,
    noisy,
    tr,
)


def fig_start_process(data: dict, language: str, ident: str) -> Figure:
    return start_figure(data, language, ident, "process")


def fig_start_pool(data: dict, language: str, ident: str) -> Figure:
    return start_figure(data, language, ident, "pool")


def start_figure(data: dict, language: str, ident: str, which: str) -> Figure:
    """The figure of one measurement (``which``: "process" or "pool") of the report."""
    bare, heavy = data["variants"]["bare"], data["variants"]["heavy"]
    labels = {
        "bare": tr(language, f"少量导入（{bare['modules']} 个模块）", f"few imports ({bare['modules']} modules)"),
        "heavy": tr(language, f"大量导入（{heavy['modules']} 个模块）", f"heavy imports ({heavy['modules']} modules)"),
    }
    groups = []
    table = []
    for b_row, h_row in zip(bare["rows"], heavy["rows"], strict=True):
        method = b_row["method"]
        bars = []
        for variant, row, style in (("bare", b_row, "s1"), ("heavy", h_row, "s2")):
            stats = row[which]
            bars.append(Bar(labels[variant], *ms_point(stats), style))
            table.append([method, labels[variant], ms(stats), ms_range(stats)])
        groups.append(Group(method, bars))
    if which == "process":
        title = tr(language, "启动一个进程（start + join）的用时", "Starting one process (start + join)")
    else:
        title = tr(
            language,
            f"启动 {data['workers']} 个工作进程的进程池（创建、第一次 map、关闭）的用时",
            f"A pool of {count('en', data['workers'], '', 'worker')}: create, first map, close",
        )
    best = best_of(bare["rows"][0][which])
    svg = ms_bar_chart(ident, title, groups, language, best=best)
    headers = [
        tr(language, "启动方式", "start method"),
        tr(language, "父进程的导入", "parent's imports"),
        *median_range_headers(language, best=best),
    ]
    return Figure(title, svg, headers, table, _findings(data, language, which))


def _findings(data: dict, language: str, which: str) -> list[str]:
    bare, heavy = data["variants"]["bare"], data["variants"]["heavy"]
    by = {row["method"]: row[which] for row in bare["rows"]}
    heavy_by = {row["method"]: row[which] for row in heavy["rows"]}
    fork, spawn = by["fork"], by["spawn"]
    findings = [
        finding(
            language,
            f"少量导入时，spawn 用了 {ms(spawn)} ms，fork 用了 {ms(fork)} ms："
            f"spawn 是 fork 的 {center(spawn) / center(fork):.0f} 倍",
            f"With few imports, spawn took {ms(spawn)} ms and fork {ms(fork)} ms: "
            f"spawn cost {center(spawn) / center(fork):.0f}× as much as fork",
            fork,
            spawn,
        ),
    ]
    more = heavy["modules"] - bare["modules"]
    findings += [_imports_finding(method, more, by[method], heavy_by[method], language) for method in by]
    return findings


def _imports_finding(method: str, more: int, a: dict, b: dict, language: str) -> str:
    """How ``more`` modules imported in the parent changed the time from ``a`` to ``b``."""
    if noisy(a, b):
        return tr(
            language,
            f"{method}：父进程多导入 {more} 个模块后，用时从 {ms(a)} ms 变为 {ms(b)} ms，变化在噪声之内。",
            f"{method}: with {more} more modules in the parent it went from "
            f"{ms(a)} ms to {ms(b)} ms, a change within the noise.",
        )
    grew = center(b) - center(a)
    return tr(
        language,
        f"{method}：父进程多导入 {more} 个模块后，用时从 {ms(a)} ms "
        f"{'增加' if grew > 0 else '减少'}到 {ms(b)} ms（{center(b) / center(a):.1f} 倍）。",
        f"{method}: with {more} more modules in the parent it went from "
        f"{ms(a)} ms to {ms(b)} ms ({center(b) / center(a):.1f}×).",
    )
