"""performance/data.py: handing a payload to a child by each channel (Queue, Pipe, shared
memory, a Manager), beside pickling alone, by the payload's size."""

from __future__ import annotations

from ..chartkit import Series
from .common import Figure, best_of, center, finding, log_ms_chart, ms, ms_point, tr

STYLES = {"pickle only": "model", "Queue": "s1", "Pipe": "s2", "shared memory": "s3", "Manager": "s4"}


def size_label(n: int) -> str:
    """A byte count as 10 MB, 1.5 kB or 100 B."""
    for unit, scale in (("MB", 1_000_000), ("kB", 1000)):
        if n >= scale:
            return f"{n / scale:g} {unit}"
    return f"{n} B"


def fig_data(data: dict, language: str, ident: str) -> Figure:
    ways, sizes, rows = data["ways"], data["sizes"], data["rows"]
    cell = {(r["way"], r["size"]): r for r in rows}
    shown = _way_names(language)
    series = [
        Series(shown.get(way, way), [(s, *ms_point(cell[way, s])) for s in sizes], STYLES.get(way, "s5"))
        for way in ways
    ]
    title = tr(
        language,
        "把一份数据交给子进程（并收到回执）的用时，按数据大小",
        "Handing a payload to a child (and its reply), by size",
    )
    desc = "; ".join(f"{size_label(s)}: " + ", ".join(f"{w} {ms(cell[w, s])} ms" for w in ways) for s in sizes)
    svg = log_ms_chart(
        ident, title, desc, series, tr(language, "字节数（对数刻度）", "bytes (log scale)"), language, best_of(rows[0])
    )
    headers = [tr(language, "大小", "size")] + [shown.get(w, w) for w in ways]
    table = [[size_label(s)] + [ms(cell[w, s]) for w in ways] for s in sizes]
    return Figure(title, svg, headers, table, _findings(ways, sizes, cell, language))


def _way_names(language: str) -> dict[str, str]:
    """The ways that have a name of their own in the page's language (the others: as reported)."""
    return {
        "pickle only": tr(language, "仅 pickle", "pickling only"),
        "shared memory": tr(language, "共享内存", "shared memory"),
    }


def _findings(ways: list[str], sizes: list[int], cell: dict, language: str) -> list[str]:
    shown = _way_names(language)
    big, small = sizes[-1], sizes[0]
    channels = [w for w in ways if w != "pickle only"]
    order = sorted(channels, key=lambda w: center(cell[w, big]))
    fastest, second = cell[order[0], big], cell[order[1], big]
    findings = [
        finding(
            language,
            f"{size_label(big)} 时最快的是{shown.get(order[0], order[0])}（{ms(fastest)} ms），"
            f"最慢的是 {order[-1]}（{ms(cell[order[-1], big])} ms）",
            f"At {size_label(big)} the fastest was {order[0]} ({ms(fastest)} ms) and the slowest {order[-1]} "
            f"({ms(cell[order[-1], big])} ms)",
            fastest,
            second,
        ),
    ]
    if "pickle only" in ways and "Queue" in ways:
        share = center(cell["pickle only", big]) / center(cell["Queue", big])
        findings.append(
            tr(
                language,
                f"{size_label(big)} 的 bytes 对象，pickle 序列化加反序列化只占队列用时的 {share:.0%}："
                "其余是在进程之间复制数据的成本。",
                f"For a {size_label(big)} bytes object, pickling and unpickling were {share:.0%} of the Queue's time: "
                "the rest is copying the data between processes.",
            )
        )
    order_small = sorted(channels, key=lambda w: center(cell[w, small]))
    a, b = cell[order_small[0], small], cell[order_small[-1], small]
    findings.append(
        finding(
            language,
            f"{size_label(small)} 时，每种方式都只要零点几毫秒或更少：最快 {ms(a)} ms，最慢 {ms(b)} ms",
            f"At {size_label(small)} every channel took a fraction of a millisecond or less: {ms(a)} ms at best, "
            f"{ms(b)} ms at worst",
            a,
            b,
        ),
    )
    return findings
