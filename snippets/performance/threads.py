"""Threads against processes against a plain loop, for CPU-bound and
for I/O-bound (sleeping) work."""

import json
import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

QUICK = "--quick" in sys.argv
REPEATS = 2 if QUICK else 5
TASKS = 8
SIZE = 20_000 if QUICK else 150_000  # loop iterations per CPU task
NAP = 0.002 if QUICK else 0.02  # seconds per I/O task


def crunch(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def nap(seconds):
    time.sleep(seconds)  # stands in for a network or disk wait
    return 1


def summary(samples):
    return {
        "median": statistics.median(samples),
        "low": min(samples),
        "high": max(samples),
    }


def timed(mapper, func, items, check):
    """Median time of mapper(func, items), e.g. map or threads.map."""
    samples = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = list(mapper(func, items))
        samples.append(time.perf_counter() - start)
        assert sum(result) == check, "wrong results"
    return summary(samples)


def gil_enabled():
    check = getattr(sys, "_is_gil_enabled", None)  # Python 3.13+
    return True if check is None else check()


def main():
    workers = os.cpu_count()
    jobs = {"CPU-bound": (crunch, SIZE), "I/O-bound": (nap, NAP)}
    checks = {"CPU-bound": crunch(SIZE) * TASKS, "I/O-bound": TASKS}
    rows = []
    threads = ThreadPoolExecutor(workers)
    processes = ProcessPoolExecutor(workers)
    with threads, processes:
        list(processes.map(abs, range(workers)))  # workers are up
        for kind, (func, arg) in jobs.items():
            args = [arg] * TASKS
            ways = {
                "plain loop": map,
                "threads": threads.map,
                "processes": processes.map,
            }
            for way, mapper in ways.items():
                stats = timed(mapper, func, args, checks[kind])
                rows.append({"kind": kind, "way": way, **stats})

    print(
        f"{TASKS} tasks, {workers} threads or {workers} processes, "
        f"GIL enabled: {gil_enabled()}; ms, median of {REPEATS}"
    )
    print("work        plain loop   threads  processes")
    for kind in jobs:
        cells = [r["median"] * 1000 for r in rows if r["kind"] == kind]
        print(f"{kind:10}" + "".join(f"{ms:11.1f}" for ms in cells))
    report = {
        "bench": "threads",
        "repeats": REPEATS,
        "tasks": TASKS,
        "workers": workers,
        "gil": gil_enabled(),
        "python": sys.version.split()[0],
        "checks": checks,
        "rows": rows,
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
