"""performance/speedup.py: the speedup of a pool against its number of workers, beside the
ideal and Amdahl's law fitted to the measurements."""

from __future__ import annotations

from ..chartkit import Series, line_chart
from .common import Figure, finding, median_range_headers, ms, ms_range, tr


def fig_speedup(data: dict, language: str, ident: str) -> Figure:
    cpus, rows, f = data["cpus"], data["rows"], data["serial_fraction"]
    base = rows[0]["median"]
    measured = [(r["workers"], r["speedup"], base / r["high"], base / r["low"]) for r in rows]
    ideal = [(r["workers"], *[float(min(r["workers"], cpus))] * 3) for r in rows]
    model = []
    for r in rows:
        s = 1 / (f + (1 - f) / min(r["workers"], cpus))
        model.append((r["workers"], s, s, s))
    title = tr(language, "加速比与工作进程数", "Speedup against the number of workers")
    names = (
        tr(language, "实测（中位数，阴影为范围）", "measured (median, band: range)"),
        tr(language, "理想（至多 CPU 数）", "ideal (up to the CPU count)"),
        tr(language, f"阿姆达尔定律，f = {f:.2f}", f"Amdahl's law, f = {f:.2f}"),
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
        tr(language, "工作进程数", "workers"),
        tr(language, "加速比（相对 1 个工作进程）", "speedup (against 1 worker)"),
    )
    headers = [tr(language, "工作进程", "workers"), *median_range_headers(language), tr(language, "加速比", "speedup")]
    table = [[str(r["workers"]), ms(r), ms_range(r), f"{r['speedup']:.2f}×"] for r in rows]
    return Figure(title, svg, headers, table, _findings(rows, cpus, f, language))


def _findings(rows: list[dict], cpus: int, f: float, language: str) -> list[str]:
    at = next((r for r in rows if r["workers"] == cpus), rows[-1])
    top = rows[-1]
    findings = [
        finding(
            language,
            f"在这台机器上（{cpus} 个 CPU），{at['workers']} 个工作进程的速度是 1 个的 {at['speedup']:.2f} 倍"
            f"（理想值 {min(at['workers'], cpus)} 倍）",
            f"On this machine ({cpus} CPUs), {at['workers']} workers ran {at['speedup']:.2f}× as fast as 1 "
            f"(ideal: {min(at['workers'], cpus)}×)",
            rows[0],
            at,
        ),
    ]
    if top is not at:
        findings.append(
            finding(
                language,
                f"工作进程多于 CPU 时没有更多的 CPU 可用：{top['workers']} 个工作进程"
                f"是 1 个的 {top['speedup']:.2f} 倍，"
                f"{at['workers']} 个是 {at['speedup']:.2f} 倍",
                f"More workers than CPUs find no more CPUs: {top['workers']} workers ran {top['speedup']:.2f}× "
                f"as fast as 1, against {at['speedup']:.2f}× for {at['workers']}",
                at,
                top,
            ),
        )
    findings.append(_amdahl(f, language))
    return findings


def _amdahl(f: float, language: str) -> str:
    if f > 0:
        return tr(
            language,
            f"把实测加速比代入阿姆达尔定律，得到串行部分 f ≈ {f:.2f}："
            f"按这个拟合，再多的 CPU 也至多快 {1 / f:.1f} 倍（只有 CPU 数以内的点参与拟合，CPU 少时它很粗略）。",
            f"Fitting Amdahl's law to the measured speedups gives a serial fraction f ≈ {f:.2f}: by this "
            f"fit no number of CPUs gets past {1 / f:.1f}× (only points up to the CPU count enter the fit, "
            "so with few CPUs it is rough).",
        )
    return tr(
        language,
        "实测加速比没有显示出串行部分（f = 0）：在这个 CPU 数以内，它与理想值一致。",
        "The measured speedups show no serial fraction (f = 0): up to this CPU count they match the ideal.",
    )
