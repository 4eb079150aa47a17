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
from snippetrun.figures import speedup as speedup_figure
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
    """The best of N runs and their quartiles."""
    return set(stats) >= {"best", "q1", "q3"} and 0 < stats["best"] <= stats["q1"] <= stats["q3"]


def spin(n: int) -> int:
    return sum(range(n))


def crunch(n: int) -> int:
    return sum(i * i % 7 for i in range(n))


# --- each report: right results, well-formed ---------------------------------------------


def worker_counts(cpus: int) -> list[int]:
    """What the speedup benchmark measures: every count up to 8, then steps of a quarter of
    the CPU count, up to twice the CPU count."""
    step = max(cpus // 4, 1)
    return sorted({*range(1, min(2 * cpus, 8) + 1), *range(step, 2 * cpus + 1, step), cpus, 2 * cpus})


def test_worker_counts_stay_few_on_many_cpus():
    assert worker_counts(1) == [1, 2]
    assert worker_counts(2) == [1, 2, 3, 4]
    assert worker_counts(16) == [1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 20, 24, 28, 32]
    assert worker_counts(64) == [1, 2, 3, 4, 5, 6, 7, 8, 16, 32, 48, 64, 80, 96, 112, 128]
    assert 18 in worker_counts(18) and 36 in worker_counts(18)


def check_speedup(report: dict, per_cpu: int, repeats: int) -> None:
    tasks = 12 * CPUS  # grows with the CPUs, so no worker count runs out of tasks
    size = per_cpu * min(CPUS, 8) // tasks  # the total work stops growing at 8 CPUs
    assert report["bench"] == "speedup" and report["cpus"] == CPUS and report["repeats"] == repeats
    assert report["tasks"] == tasks and report["size"] == size
    assert report["checksum"] == crunch(size) * tasks  # every pool computed the same, right sums
    rows = report["rows"]
    assert [row["workers"] for row in rows] == worker_counts(CPUS)
    assert all(is_stats(row) for row in rows)
    assert report["loop"] > 0
    assert rows[0]["speedup"] == 1.0
    for row in rows:
        assert row["speedup"] == pytest.approx(rows[0]["best"] / row["best"])
    fraction = speedup_figure.amdahl_fit(rows, CPUS)  # the page's fit, from the same rows
    if fraction is None:
        assert report["serial_fraction"] is None and CPUS <= 3
    else:
        assert report["serial_fraction"] == pytest.approx(fraction)


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
    assert report["cost_tasks"] == max(200, 4 * CPUS)  # every worker has tasks, on any machine
    assert all(is_stats(row) for row in report["chunks"]) and is_stats(report["loop"])
    assert all(is_stats(row["loop"]) and is_stats(row["pool"]) for row in report["crossover"])


def check_data(report: dict, sizes: list[int]) -> None:
    assert report["bench"] == "data" and report["sizes"] == sizes
    ways = ["pickle only", "Queue", "Pipe", "shared memory", "Manager"]
    assert report["ways"] == ways
    assert [(row["size"], row["way"]) for row in report["rows"]] == [(s, w) for s in sizes for w in ways]
    assert all(is_stats(row) for row in report["rows"])
    assert report["exit_codes"] == [0, 0, 0, 0]  # each child checked its data and ended cleanly


def check_threads(report: dict, total: int, python: str) -> None:
    tasks = 4 * CPUS
    assert report["bench"] == "threads" and report["workers"] == CPUS and report["tasks"] == tasks
    assert report["io_threads"] == tasks  # as many threads as waiting tasks
    assert report["checks"] == {"CPU-bound": crunch(total // tasks) * tasks, "I/O-bound": tasks}
    kinds = [(row["kind"], row["way"]) for row in report["rows"]]
    assert kinds == [(k, w) for k in ("CPU-bound", "I/O-bound") for w in ("plain loop", "threads", "processes")]
    assert all(is_stats(row) for row in report["rows"])
    assert report["python"] == python
    assert report["gil"] is True  # no free-threaded build on the build machine


def test_speedup_build_run():
    check_speedup(built("performance/speedup.py"), 1_440_000, 5)


def test_startup_build_run():
    check_startup(built("performance/startup.py"), 5, 5)


def test_overhead_build_run():
    check_overhead(
        built("performance/overhead.py"), 2000, [1, 4, 16, 64, 256, 1000], [10, 100, 1000, 3000, 10000, 30000]
    )


def test_data_build_run():
    check_data(built("performance/data.py"), [100, 10_000, 1_000_000, 10_000_000, 20_000_000])


def test_threads_build_run():
    run = shown_run("performance/threads.py")
    check_threads(charts.report_of(run.output), 1_200_000, run.python)


# --- computed conclusions ----------------------------------------------------------------


def test_noise_is_called_noise():
    narrow = {"median": 1.0, "low": 0.99, "high": 1.01}
    wide = {"median": 1.2, "low": 0.8, "high": 1.6}
    far = {"median": 2.0, "low": 1.98, "high": 2.02}
    assert charts.noisy(narrow, wide) and not charts.noisy(narrow, far)
    assert "noise" in charts._noise_note("en", narrow, wide) and charts._noise_note("en", narrow, far) == ""
    assert "噪声" in charts._noise_note("zh", narrow, wide)
    # Best-of-N timings are compared by their best runs, their spread is their quartiles.
    best = {"best": 1.0, "q1": 1.01, "q3": 1.03}
    assert charts.noisy(best, {"best": 1.02, "q1": 1.5, "q3": 3.0})  # a wide spread: the difference is noise
    assert not charts.noisy(best, {"best": 1.5, "q1": 1.51, "q3": 1.53})


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
    # How busy the machine was: the 1-minute load average at the start and the end of the run.
    start, end = run.load
    load = (
        f"1 分钟平均负载：开始时 {start:.2f}，结束时 {end:.2f}"
        if language == "zh"
        else f"1-minute load average {start:.2f} at the start, {end:.2f} at the end"
    )
    assert load in facts.get_text()


@pytest.mark.parametrize("snippet", SNIPPETS)
def test_page_shows_the_program_and_its_output(built_site, snippet):
    run = shown_run(snippet)
    page = next(page for s, page in FIGURES.values() if s == snippet)
    for language in ("zh", "en"):
        soup = BeautifulSoup(built_site.html(page, language), "html.parser")
        block = soup.select_one(f'div.sr-benchmark[data-snippet="{snippet}"][data-figure=""]')
        assert block.select_one("div.sr-output").get_text().strip() == run.output.strip()
        assert block.select_one("p.sr-facts")["data-run-id"] == run.run_id


# --- every sentence on every machine: made-up reports from 1, 2, 16 and 64 CPUs -------------
#
# The figures' conclusions are fed reports shaped like the benchmarks' own, from machines the
# build never runs on. The numbers are made up (Amdahl's law with f = 0.1, more workers than
# CPUs 10 % slower), so every sentence is known in advance, in both languages: no timing.

MACHINES = [1, 2, 16, 64]
F = 0.1


def timing(seconds: float) -> dict:
    return {"best": seconds, "q1": seconds * 1.01, "q3": seconds * 1.02}


def speedup_report(cpus: int) -> dict:
    rows = []
    for workers in worker_counts(cpus):
        seconds = 0.4 * (F + (1 - F) / min(workers, cpus)) * (1.1 if workers > cpus else 1.0)
        rows.append({"workers": workers, **timing(seconds)})
    for row in rows:
        row["speedup"] = rows[0]["best"] / row["best"]
    return {"bench": "speedup", "cpus": cpus, "repeats": 5, "tasks": 12 * cpus, "rows": rows}


KARP_FLATT = {
    "zh": "表中最后一列是每个点的 Karp–Flatt 指标 e = (1/S − 1/n) / (1 − 1/n)，即单凭这一个点推算出的串行部分：{}。"
    "e 若随工作进程数上升，说明开销随工作进程增多而增长（阿姆达尔定律的 f 是常数）。",
    "en": "The table's last column is each point's Karp–Flatt metric e = (1/S − 1/n) / (1 − 1/n), the serial fraction "
    "that point alone implies: {}. An e that rises with the workers means overhead that grows with them "
    "(Amdahl's f is a constant).",
}


def _fit(points: int, cpus: int) -> dict[str, str]:
    return {
        "zh": f"用工作进程数为 2 到 {cpus} 的 {points} 个实测点按最小二乘拟合阿姆达尔定律，得到串行部分 f ≈ 0.10："
        "按这个拟合，再多的 CPU 也至多快 10.0 倍（拟合点少时它很粗略）。",
        "en": f"Fitting Amdahl's law (least squares) to the {points} measured points with 2 to {cpus} workers gives "
        "a serial fraction f ≈ 0.10: by this fit no number of CPUs gets past 10.0× (a fit from few points is rough).",
    }


SPEEDUP_SENTENCES = {
    1: {
        "zh": [
            "这台机器只有 1 个 CPU：工作进程再多也只能轮流使用它，所以对任何工作进程数，理想加速比都是 1 倍。",
            "工作进程多于 CPU 时没有更多的 CPU 可用：2 个工作进程的速度是 1 个的 0.91 倍"
            "（理想值 1 倍：2 个工作进程、1 个 CPU、12 个任务中最少的那个）。",
            "图中没有阿姆达尔定律的拟合曲线：拟合至少需要 3 个工作进程数在 2 到 CPU 数之间的实测点，"
            "而这台机器只有 1 个 CPU，这次运行一个这样的点也没有。",
        ],
        "en": [
            "This machine has 1 CPU: however many workers there are, they take turns on it, "
            "so the ideal speedup is 1× for any number of workers.",
            "More workers than CPUs find no more CPUs: 2 workers ran 0.91× as fast as 1 "
            "(ideal: 1×, the least of 2 workers, 1 CPU and 12 tasks).",
            "No Amdahl's law curve is drawn: a fit needs at least 3 measured points with 2 workers or more "
            "and no more workers than CPUs, and with 1 CPU this run has none.",
        ],
    },
    2: {
        "zh": [
            "在这台机器上（2 个 CPU），2 个工作进程的速度是 1 个的 1.82 倍"
            "（理想值 2 倍：2 个工作进程、2 个 CPU、24 个任务中最少的那个）。",
            "工作进程多于 CPU 时没有更多的 CPU 可用：4 个工作进程的速度是 1 个的 1.65 倍"
            "（理想值 2 倍：4 个工作进程、2 个 CPU、24 个任务中最少的那个），2 个工作进程是 1.82 倍。",
            "图中没有阿姆达尔定律的拟合曲线：拟合至少需要 3 个工作进程数在 2 到 CPU 数之间的实测点，"
            "而这台机器只有 2 个 CPU，这次运行只有 1 个这样的点。",
            KARP_FLATT["zh"].format("2 个工作进程时为 0.10"),
        ],
        "en": [
            "On this machine (2 CPUs), 2 workers ran 1.82× as fast as 1 "
            "(ideal: 2×, the least of 2 workers, 2 CPUs and 24 tasks).",
            "More workers than CPUs find no more CPUs: 4 workers ran 1.65× as fast as 1 "
            "(ideal: 2×, the least of 4 workers, 2 CPUs and 24 tasks), against 1.82× for 2.",
            "No Amdahl's law curve is drawn: a fit needs at least 3 measured points with 2 workers or more "
            "and no more workers than CPUs, and with 2 CPUs this run has 1 such point.",
            KARP_FLATT["en"].format("0.10 with 2 workers"),
        ],
    },
    16: {
        "zh": [
            "在这台机器上（16 个 CPU），16 个工作进程的速度是 1 个的 6.40 倍"
            "（理想值 16 倍：16 个工作进程、16 个 CPU、192 个任务中最少的那个）。",
            "工作进程多于 CPU 时没有更多的 CPU 可用：32 个工作进程的速度是 1 个的 5.82 倍"
            "（理想值 16 倍：32 个工作进程、16 个 CPU、192 个任务中最少的那个），16 个工作进程是 6.40 倍。",
            _fit(9, 16)["zh"],
            KARP_FLATT["zh"].format("2 个工作进程时为 0.10，16 个工作进程时为 0.10"),
        ],
        "en": [
            "On this machine (16 CPUs), 16 workers ran 6.40× as fast as 1 "
            "(ideal: 16×, the least of 16 workers, 16 CPUs and 192 tasks).",
            "More workers than CPUs find no more CPUs: 32 workers ran 5.82× as fast as 1 "
            "(ideal: 16×, the least of 32 workers, 16 CPUs and 192 tasks), against 6.40× for 16.",
            _fit(9, 16)["en"],
            KARP_FLATT["en"].format("0.10 with 2 workers, 0.10 with 16"),
        ],
    },
    64: {
        "zh": [
            "在这台机器上（64 个 CPU），64 个工作进程的速度是 1 个的 8.77 倍"
            "（理想值 64 倍：64 个工作进程、64 个 CPU、768 个任务中最少的那个）。",
            "工作进程多于 CPU 时没有更多的 CPU 可用：128 个工作进程的速度是 1 个的 7.97 倍"
            "（理想值 64 倍：128 个工作进程、64 个 CPU、768 个任务中最少的那个），64 个工作进程是 8.77 倍。",
            _fit(11, 64)["zh"],
            KARP_FLATT["zh"].format("2 个工作进程时为 0.10，64 个工作进程时为 0.10"),
        ],
        "en": [
            "On this machine (64 CPUs), 64 workers ran 8.77× as fast as 1 "
            "(ideal: 64×, the least of 64 workers, 64 CPUs and 768 tasks).",
            "More workers than CPUs find no more CPUs: 128 workers ran 7.97× as fast as 1 "
            "(ideal: 64×, the least of 128 workers, 64 CPUs and 768 tasks), against 8.77× for 64.",
            _fit(11, 64)["en"],
            KARP_FLATT["en"].format("0.10 with 2 workers, 0.10 with 64"),
        ],
    },
}


@pytest.mark.parametrize("cpus", MACHINES)
@pytest.mark.parametrize("language", ["zh", "en"])
def test_speedup_reads_right_on_any_machine(cpus, language):
    report = speedup_report(cpus)
    figure = charts.fig_speedup(report, language, "sr-chart-1")
    assert figure.findings == SPEEDUP_SENTENCES[cpus][language]
    # The ideal drawn and tabled is the least of workers, CPUs and tasks: never above the CPUs.
    ideals = [row[4] for row in figure.rows]
    assert ideals == [f"{min(r['workers'], cpus, 12 * cpus)}×" for r in report["rows"]]
    # The Amdahl curve is drawn only from a fit: from 3 or more points with 2..CPUs workers.
    assert ("f = 0.10" in figure.svg) == (cpus >= 16)  # the legend names the fitted f
    # The Karp–Flatt metric is given for the points with 2..CPUs workers, and only for them.
    metrics = [row[5] for row in figure.rows]
    assert metrics == ["0.10" if 1 < r["workers"] <= cpus else "–" for r in report["rows"]]


def test_speedup_fit_needs_three_points_at_or_below_the_cpus():
    rows = speedup_report(3)["rows"]  # points with 2 and 3 workers: two, not enough
    assert speedup_figure.amdahl_fit(rows, 3) is None
    assert speedup_figure.amdahl_fit(speedup_report(4)["rows"], 4) == pytest.approx(F)


def threads_report(cpus: int) -> dict:
    rows = [
        {"kind": kind, "way": way, **timing(seconds)}
        for kind, times in (("CPU-bound", (0.2, 0.22, 0.2 / min(cpus, 4))), ("I/O-bound", (0.16, 0.02, 0.04)))
        for way, seconds in zip(("plain loop", "threads", "processes"), times, strict=True)
    ]
    tasks = 4 * cpus
    return {
        "bench": "threads",
        "repeats": 5,
        "tasks": tasks,
        "workers": cpus,
        "io_threads": tasks,
        "gil": True,
        "python": "3.12.0",
        "rows": rows,
    }


THREADS_TITLES = {
    1: (
        "4 个任务：普通循环、线程（CPU 密集 1 个，I/O 密集 4 个）、1 个进程",
        "4 tasks: a plain loop, threads (1 for CPU-bound work, 4 for I/O), 1 process",
    ),
    2: (
        "8 个任务：普通循环、线程（CPU 密集 2 个，I/O 密集 8 个）、2 个进程",
        "8 tasks: a plain loop, threads (2 for CPU-bound work, 8 for I/O), 2 processes",
    ),
    16: (
        "64 个任务：普通循环、线程（CPU 密集 16 个，I/O 密集 64 个）、16 个进程",
        "64 tasks: a plain loop, threads (16 for CPU-bound work, 64 for I/O), 16 processes",
    ),
    64: (
        "256 个任务：普通循环、线程（CPU 密集 64 个，I/O 密集 256 个）、64 个进程",
        "256 tasks: a plain loop, threads (64 for CPU-bound work, 256 for I/O), 64 processes",
    ),
}


@pytest.mark.parametrize("cpus", MACHINES)
def test_threads_read_right_on_any_machine(cpus):
    speedup = f"{min(cpus, 4):.2f}"
    expected = {
        "zh": [
            "CPU 密集：线程的速度是普通循环的 0.91 倍。",
            f"CPU 密集：进程的速度是普通循环的 {speedup} 倍"
            + ("；但两者的波动范围与差值相当，这个差别在噪声之内，不能当真。" if cpus == 1 else "。"),
            "I/O 密集（sleep）：线程的速度是普通循环的 8.00 倍。",
            "I/O 密集（sleep）：进程的速度是普通循环的 4.00 倍。",
            "这次运行的 Python 3.12.0 启用了全局解释器锁（GIL）。",
        ],
        "en": [
            "CPU-bound: threads ran 0.91× as fast as the plain loop.",
            f"CPU-bound: processes ran {speedup}× as fast as the plain loop"
            + ("; but their spread is as large as the difference, so this is within the noise." if cpus == 1 else "."),
            "I/O-bound (sleep): threads ran 8.00× as fast as the plain loop.",
            "I/O-bound (sleep): processes ran 4.00× as fast as the plain loop.",
            "This run's Python 3.12.0 had the Global Interpreter Lock (GIL) enabled.",
        ],
    }
    for i, language in enumerate(("zh", "en")):
        figure = charts.fig_threads(threads_report(cpus), language, "sr-chart-1")
        assert figure.title == THREADS_TITLES[cpus][i]
        assert figure.findings == expected[language]
        assert figure.headers[0] == ("工作（5 次中最好的一次）", "work (best of 5)")[i]


@pytest.mark.parametrize("cpus", MACHINES)
def test_pool_sizes_read_right_on_any_machine(cpus):
    """The overhead and startup figures name the pool's size: "1 worker", "2 workers"."""
    workers = f"{cpus} worker" + ("s" if cpus > 1 else "")
    crossover = [
        {"cost": cost, "loop": timing(loop), "pool": timing(pool)}
        for cost, loop, pool in ((10, 0.001, 0.01), (1000, 0.05, 0.03))
    ]
    overhead = {"workers": cpus, "repeats": 5, "cost_tasks": 200, "crossover": crossover}
    en = charts.fig_crossover(overhead, "en", "sr-chart-1").findings[-1]
    zh = charts.fig_crossover(overhead, "zh", "sr-chart-1").findings[-1]
    assert en == f"At the largest size (1000 iterations) the pool ran 1.67× as fast as the loop ({workers})."
    assert zh == f"最大的任务（1000 次循环）上，进程池的速度是循环的 1.67 倍（{cpus} 个工作进程）。"
    variant = {
        "modules": 40,
        "rows": [{"method": m, "process": timing(0.01), "pool": timing(0.05)} for m in ("fork", "spawn", "forkserver")],
    }
    startup = {"workers": cpus, "variants": {"bare": variant, "heavy": {**variant, "modules": 400}}}
    assert charts.fig_start_pool(startup, "en", "sr-chart-1").title == f"A pool of {workers}: create, first map, close"
    assert charts.fig_start_pool(startup, "zh", "sr-chart-1").title == (
        f"启动 {cpus} 个工作进程的进程池（创建、第一次 map、关闭）的用时"
    )


def test_plural_forms():
    assert [charts_count("en", n) for n in (0, 1, 2)] == ["0 CPUs", "1 CPU", "2 CPUs"]
    assert [charts_count("zh", n) for n in (1, 2)] == ["1 个 CPU", "2 个 CPU"]


def charts_count(language: str, n: int) -> str:
    from snippetrun.figures.common import count

    return count(language, n, "个 CPU", "CPU")


def test_load_average_is_a_fact_of_untraced_runs_only():
    """The load average goes with a timing (an untraced run), in each language."""
    from dataclasses import replace

    from snippetrun.render import RenderContext, facts

    run = replace(shown_run("performance/speedup.py"), load=(0.5, 1.25))
    assert "1-minute load average 0.50 at the start, 1.25 at the end" in facts(run, RenderContext("en"))
    assert "1 分钟平均负载：开始时 0.50，结束时 1.25" in facts(run, RenderContext("zh"))
    traced = replace(run, spec=replace(run.spec, trace=True))
    assert "load average" not in facts(traced, RenderContext("en"))
    assert "load average" not in facts(replace(run, load=None), RenderContext("en"))


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
