"""Chapter 6: the benchmarks. The build's own runs (the ones the pages show) are checked for
correct results and a well-formed shape, and the pages are checked to show that very run's
numbers as a chart, a table and computed conclusions in each language. No timing is asserted.
"""

from __future__ import annotations

import os
import re

import pytest
from bs4 import BeautifulSoup

from snippetrun import charts, shown_run
from tests.runs import texts, version

pytestmark = pytest.mark.timeout(300)

CPUS = os.cpu_count()
FIGURES = {
    "speedup": ("performance/speedup.py", "performance/speedup"),
    "start_process": ("performance/startup.py", "performance/startup"),
    "start_pool": ("performance/startup.py", "performance/startup"),
    "chunksize": ("performance/overhead.py", "performance/overhead"),
    "crossover": ("performance/overhead.py", "performance/overhead"),
    "data": ("performance/data.py", "performance/data"),
    "threads": ("performance/threads.py", "performance/threads"),
}
SNIPPETS = sorted({snippet for snippet, _ in FIGURES.values()})


def built(snippet: str) -> dict:
    return charts.report_of(shown_run(snippet).output)


def is_stats(stats: dict) -> bool:
    return set(stats) >= {"median", "low", "high"} and 0 < stats["low"] <= stats["median"] <= stats["high"]


def spin(n: int) -> int:
    return sum(range(n))


def crunch(n: int) -> int:
    return sum(i * i % 7 for i in range(n))


# --- each report: right results, well-formed ---------------------------------------------


def check_speedup(report: dict, size: int, repeats: int) -> None:
    assert report["bench"] == "speedup" and report["cpus"] == CPUS and report["repeats"] == repeats
    assert report["size"] == size and report["tasks"] == 24
    assert report["checksum"] == crunch(size) * 24  # every pool computed the same, right sums
    rows = report["rows"]
    assert [row["workers"] for row in rows] == list(range(1, 2 * CPUS + 1))
    assert all(is_stats(row) for row in rows) and is_stats(report["loop"])
    assert rows[0]["speedup"] == 1.0
    for row in rows:
        assert row["speedup"] == pytest.approx(rows[0]["median"] / row["median"])
    assert 0.0 <= report["serial_fraction"] <= 1.0
    assert report["serial_fraction"] == pytest.approx(charts_fraction(rows, CPUS))


def charts_fraction(rows: list[dict], cpus: int) -> float:
    """The Amdahl fit, recomputed: the median of the Karp-Flatt serial fractions."""
    fits = sorted(
        min(max((1 / r["speedup"] - 1 / r["workers"]) / (1 - 1 / r["workers"]), 0.0), 1.0)
        for r in rows
        if 1 < r["workers"] <= cpus
    )
    if not fits:
        return 0.0
    middle = len(fits) // 2
    return fits[middle] if len(fits) % 2 else (fits[middle - 1] + fits[middle]) / 2


def check_startup(report: dict, repeats: int, pool_repeats: int) -> None:
    assert report["bench"] == "startup" and report["workers"] == CPUS
    assert (report["repeats"], report["pool_repeats"]) == (repeats, pool_repeats)
    variants = report["variants"]
    assert list(variants) == ["bare", "heavy"]
    # The heavy round's parent really had more modules imported.
    assert variants["heavy"]["modules"] > variants["bare"]["modules"] + len(report["heavy"])
    for variant in variants.values():
        assert [row["method"] for row in variant["rows"]] == ["fork", "spawn", "forkserver"]
        assert all(is_stats(row["process"]) and is_stats(row["pool"]) for row in variant["rows"])


def check_overhead(report: dict, tasks: int, chunksizes: list[int], costs: list[int]) -> None:
    assert report["bench"] == "overhead" and report["workers"] == CPUS and report["tasks"] == tasks
    assert report["checksum"] == sum(x * x for x in range(tasks))
    apis = [(row["api"], row["chunksize"]) for row in report["chunks"]]
    assert apis == [(api, size) for api in ("Pool.map", "Executor.map") for size in chunksizes]
    assert [row["cost"] for row in report["crossover"]] == costs
    assert all(is_stats(row) for row in report["chunks"]) and is_stats(report["loop"])
    assert all(is_stats(row["loop"]) and is_stats(row["pool"]) for row in report["crossover"])


def check_data(report: dict, sizes: list[int]) -> None:
    assert report["bench"] == "data" and report["sizes"] == sizes
    ways = ["pickle only", "Queue", "Pipe", "shared memory", "Manager"]
    assert report["ways"] == ways
    assert [(row["size"], row["way"]) for row in report["rows"]] == [(s, w) for s in sizes for w in ways]
    assert all(is_stats(row) for row in report["rows"])
    assert report["exit_codes"] == [0, 0, 0, 0]  # each child checked its data and ended cleanly


def check_threads(report: dict, size: int, python: str) -> None:
    assert report["bench"] == "threads" and report["workers"] == CPUS and report["tasks"] == 8
    assert report["checks"] == {"CPU-bound": crunch(size) * 8, "I/O-bound": 8}
    kinds = [(row["kind"], row["way"]) for row in report["rows"]]
    assert kinds == [(k, w) for k in ("CPU-bound", "I/O-bound") for w in ("plain loop", "threads", "processes")]
    assert all(is_stats(row) for row in report["rows"])
    assert report["python"] == python
    assert report["gil"] is True  # no free-threaded build on the build machine


def test_speedup_build_run():
    check_speedup(built("performance/speedup.py"), 120_000, 5)


def test_startup_build_run():
    check_startup(built("performance/startup.py"), 5, 3)


def test_overhead_build_run():
    check_overhead(
        built("performance/overhead.py"), 2000, [1, 4, 16, 64, 256, 1000], [10, 100, 1000, 3000, 10000, 30000]
    )


def test_data_build_run():
    check_data(built("performance/data.py"), [100, 10_000, 1_000_000, 10_000_000, 20_000_000])


def test_threads_build_run():
    run = shown_run("performance/threads.py")
    check_threads(charts.report_of(run.output), 150_000, run.python)


# --- computed conclusions ----------------------------------------------------------------


def test_noise_is_called_noise():
    narrow = {"median": 1.0, "low": 0.99, "high": 1.01}
    wide = {"median": 1.2, "low": 0.8, "high": 1.6}
    far = {"median": 2.0, "low": 1.98, "high": 2.02}
    assert charts.noisy(narrow, wide) and not charts.noisy(narrow, far)
    assert "noise" in charts._noise_note("en", narrow, wide) and charts._noise_note("en", narrow, far) == ""
    assert "噪声" in charts._noise_note("zh", narrow, wide)


def test_crossover_is_where_the_pool_wins_from_then_on():
    def row(cost, loop, pool):
        return {"cost": cost, "loop": {"median": loop}, "pool": {"median": pool}}

    rows = [row(10, 1, 5), row(100, 2, 1), row(1000, 4, 5), row(10000, 9, 5), row(30000, 20, 8)]
    assert charts.crossover_point(rows)["cost"] == 10000
    assert charts.crossover_point(rows[:3]) is None


# --- the pages show the build's run ------------------------------------------------------


@pytest.mark.parametrize("figure", list(FIGURES))
@pytest.mark.parametrize("language", ["zh", "en"])
def test_page_shows_the_builds_numbers(built_site, figure, language):
    snippet, page = FIGURES[figure]
    run = shown_run(snippet)
    soup = BeautifulSoup(built_site.html(page, language), "html.parser")
    block = soup.select_one(f'div.sr-benchmark[data-figure="{figure}"]')
    svg = block.select_one("svg.sr-chart")
    ident = svg.find("title")["id"].removesuffix("-t")
    expected = charts.FIGURES[figure](charts.report_of(run.output), language, ident)
    assert svg.find("title").get_text() == expected.title
    assert svg.find("desc").get_text() and svg["role"] == "img"
    rows = [[td.get_text() for td in tr.select("td")] for tr in block.select("div.sr-bench-table tbody tr")]
    assert rows == expected.rows and rows
    assert [li.get_text() for li in block.select("ul.sr-findings li")] == expected.findings
    facts = block.select_one("p.sr-facts")
    assert facts["data-run-id"] == run.run_id
    assert ("独占机器运行" if language == "zh" else "ran alone") in facts.get_text()


@pytest.mark.parametrize("snippet", SNIPPETS)
def test_page_shows_the_program_and_its_output(built_site, snippet):
    run = shown_run(snippet)
    page = next(page for s, page in FIGURES.values() if s == snippet)
    for language in ("zh", "en"):
        soup = BeautifulSoup(built_site.html(page, language), "html.parser")
        block = soup.select_one(f'div.sr-benchmark[data-snippet="{snippet}"][data-figure=""]')
        assert block.select_one("div.sr-output").get_text().strip() == run.output.strip()
        assert block.select_one("p.sr-facts")["data-run-id"] == run.run_id


def test_forkserver_preload_imports_once_in_the_server():
    run = shown_run("performance/forkserver_preload.py")
    lines = texts(run)
    main = int(re.fullmatch(r"main (\d+): the main module was run here", lines[0])[1])
    [child] = [lane for lane in run.timeline.lanes if lane.role == "child"]
    [server] = [lane for lane in run.timeline.lanes if lane.role == "forkserver"]
    assert main != child.pid
    v = version(run)
    if (3, 13, 8) <= v < (3, 14, 0) or v >= (3, 14, 1):  # gh-126631: __main__ preloaded
        assert lines[1] == f"child {child.pid}: the main module was run by pid {server.pid}, not this child"
    else:  # the server never imported __main__; the child ran it again
        assert lines[1] == f"child {child.pid}: the main module was run by this child"
    assert lines[2:] == ["child: decimal already imported: True", "child: fractions already imported: False"]
