"""Speedup of CPU-bound work against the number of workers."""

import json
import os
import statistics
import sys
import time
from multiprocessing import Barrier, Pool

QUICK = "--quick" in sys.argv
REPEATS = 2 if QUICK else 5
CPUS = os.cpu_count()
TASKS = 12 * CPUS  # 1 to 2 x CPUS workers never run out of tasks
# Total work grows with the CPUs up to 8, then stops growing, so a
# run stays short on any machine: the more tasks, the less in each.
PER_CPU = 240_000 if QUICK else 1_440_000  # loop iterations
SIZE = PER_CPU * min(CPUS, 8) // TASKS
BARRIER = None  # each worker's copy of the pool's barrier


def work(n):
    """Pure-Python arithmetic: holds the GIL the whole time."""
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def worker_counts(cpus):
    """Every count up to 8, then steps of a quarter of the CPUs, to 2x."""
    few = range(1, min(2 * cpus, 8) + 1)
    many = range(cpus // 4 or 1, 2 * cpus + 1, cpus // 4 or 1)
    return sorted({*few, *many, cpus, 2 * cpus})


def keep(barrier):
    global BARRIER
    BARRIER = barrier


def ready(_):
    """Wait until every worker holds one of these tasks: all are up."""
    BARRIER.wait(timeout=60)
    return os.getpid()


def timed(call):
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


def summary(samples):
    """The best run is the least disturbed; the quartiles show spread."""
    q1, _, q3 = statistics.quantiles(samples, n=4, method="inclusive")
    return {"best": min(samples), "q1": q1, "q3": q3}


def run_pool(workers):
    samples, checksums = [], set()
    for _ in range(REPEATS):
        barrier = Barrier(workers)
        with Pool(workers, initializer=keep, initargs=(barrier,)) as pool:
            pids = pool.map(ready, range(workers), chunksize=1)
            assert len(set(pids)) == workers, "a worker was not up"
            seconds, results = timed(
                lambda: pool.map(work, [SIZE] * TASKS, chunksize=1)
            )
        samples.append(seconds)
        checksums.add(sum(results))
    return summary(samples), checksums


def karp_flatt(speedup, n):
    """The serial fraction one point implies (n > 1)."""
    return (1 / speedup - 1 / n) / (1 - 1 / n)


def amdahl_fit(rows, cpus):
    """Least-squares f of 1/S = f + (1 - f)/n, from the points with
    2..cpus workers; None from fewer than 3 such points."""
    points = [r for r in rows if 1 < r["workers"] <= cpus]
    if len(points) < 3:
        return None
    pairs = [
        (1 - 1 / r["workers"], 1 / r["speedup"] - 1 / r["workers"])
        for r in points
    ]
    f = sum(x * y for x, y in pairs) / sum(x * x for x, _ in pairs)
    return min(max(f, 0.0), 1.0)


def main():
    seconds, results = timed(lambda: [work(SIZE) for _ in range(TASKS)])
    checksums = {sum(results)}
    rows = []
    for workers in worker_counts(CPUS):
        stats, sums = run_pool(workers)
        checksums |= sums
        rows.append({"workers": workers, **stats})
    base = rows[0]["best"]
    for row in rows:
        row["speedup"] = base / row["best"]
    fraction = amdahl_fit(rows, CPUS)

    print(
        f"{TASKS} tasks x {SIZE} iterations, best of {REPEATS}, "
        f"{CPUS} CPU{'s' * (CPUS > 1)}; plain loop {seconds * 1000:.0f} ms"
    )
    print("workers    best ms  IQR ms  speedup  Karp-Flatt")
    for row in rows:
        n, iqr = row["workers"], (row["q3"] - row["q1"]) * 1000
        metric = karp_flatt(row["speedup"], n) if 1 < n <= CPUS else None
        shown = "-" if metric is None else f"{metric:.3f}"
        print(
            f"{n:7}  {row['best'] * 1000:9.1f}  {iqr:6.1f}  "
            f"{row['speedup']:6.2f}x  {shown:>10}"
        )
    if fraction is None:
        print("Amdahl fit: none (needs 3 points with 2..CPUs workers)")
    else:
        print(f"serial fraction (Amdahl fit): {fraction:.3f}")
    report = {
        "bench": "speedup",
        "cpus": CPUS,
        "repeats": REPEATS,
        "tasks": TASKS,
        "size": SIZE,
        "checksum": checksums.pop() if len(checksums) == 1 else None,
        "loop": seconds,
        "rows": rows,
        "serial_fraction": fraction,
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
