"""Speedup of CPU-bound work against the number of workers."""

import json
import os
import statistics
import sys
import time
from multiprocessing import Pool

QUICK = "--quick" in sys.argv
REPEATS = 2 if QUICK else 5
TASKS = 24  # divides evenly among 1, 2, 3, 4, 6 and 8 workers
SIZE = 20_000 if QUICK else 120_000  # loop iterations per task


def work(n):
    """Pure-Python arithmetic: holds the GIL the whole time."""
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def timed(call):
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


def summary(samples):
    return {
        "median": statistics.median(samples),
        "low": min(samples),
        "high": max(samples),
    }


def run_pool(workers):
    samples, checksums = [], set()
    for _ in range(REPEATS):
        with Pool(workers) as pool:
            pool.map(abs, range(workers))  # every worker is up
            seconds, results = timed(
                lambda: pool.map(work, [SIZE] * TASKS, chunksize=1)
            )
        samples.append(seconds)
        checksums.add(sum(results))
    return summary(samples), checksums


def amdahl_fraction(rows, cpus):
    """Serial fraction f that best fits S(n) = 1 / (f + (1 - f) / n)."""
    fits = []
    for row in rows:
        n = row["workers"]
        if 1 < n <= cpus:
            f = (1 / row["speedup"] - 1 / n) / (1 - 1 / n)
            fits.append(min(max(f, 0.0), 1.0))
    return statistics.median(fits) if fits else 0.0


def main():
    cpus = os.cpu_count()
    seconds, results = timed(lambda: [work(SIZE) for _ in range(TASKS)])
    loop = summary([seconds])
    checksums = {sum(results)}
    rows = []
    for workers in range(1, 2 * cpus + 1):
        stats, sums = run_pool(workers)
        checksums |= sums
        rows.append({"workers": workers, **stats})
    base = rows[0]["median"]
    for row in rows:
        row["speedup"] = base / row["median"]
    fraction = amdahl_fraction(rows, cpus)

    print(
        f"{TASKS} tasks x {SIZE} iterations, {REPEATS} repeats, "
        f"{cpus} CPUs; plain loop {loop['median'] * 1000:.0f} ms"
    )
    print("workers  median ms  spread ms    speedup")
    for row in rows:
        spread = (row["high"] - row["low"]) * 1000
        print(
            f"{row['workers']:7}  {row['median'] * 1000:9.1f}  "
            f"{spread:9.1f}  {row['speedup']:8.2f}x"
        )
    print(f"serial fraction (Amdahl fit): {fraction:.3f}")
    report = {
        "bench": "speedup",
        "cpus": cpus,
        "repeats": REPEATS,
        "tasks": TASKS,
        "size": SIZE,
        "checksum": checksums.pop() if len(checksums) == 1 else None,
        "loop": loop,
        "rows": rows,
        "serial_fraction": fraction,
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
