"""Per-task overhead: Pool.map and ProcessPoolExecutor.map against
chunksize, and the task size from which a pool beats a plain loop."""

import json
import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from multiprocessing import Pool

QUICK = "--quick" in sys.argv
REPEATS = 2 if QUICK else 3
TASKS = 300 if QUICK else 2000  # tiny tasks for the chunksize sweep
CHUNKSIZES = [1, 10, 100] if QUICK else [1, 4, 16, 64, 256, 1000]
COSTS = [10, 1000] if QUICK else [10, 100, 1000, 3000, 10000, 30000]
COST_TASKS = 40 if QUICK else 200  # tasks per size in the crossover sweep


def square(x):
    return x * x


def spin(n):
    """A task of n loop iterations."""
    total = 0
    for i in range(n):
        total += i
    return total


def summary(samples):
    return {
        "median": statistics.median(samples),
        "low": min(samples),
        "high": max(samples),
    }


def timed(mapper, func, items, check):
    """Median time of mapper(func, items), e.g. map or pool.map."""
    samples = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = list(mapper(func, items))
        samples.append(time.perf_counter() - start)
        assert sum(result) == check, "wrong results"
    return summary(samples)


def main():
    workers = os.cpu_count()
    numbers = range(TASKS)
    check = sum(x * x for x in numbers)
    loop = timed(map, square, numbers, check)
    chunks = []
    # One pool of each kind at a time, started and warmed up untimed.
    with Pool(workers) as pool:
        pool.map(square, range(workers))
        for size in CHUNKSIZES:
            chunked = partial(pool.map, chunksize=size)
            stats = timed(chunked, square, numbers, check)
            chunks.append({"api": "Pool.map", "chunksize": size, **stats})
        crossover = []
        for cost in COSTS:
            tasks = [cost] * COST_TASKS
            total = spin(cost) * COST_TASKS
            plain = timed(map, spin, tasks, total)
            pooled = timed(pool.map, spin, tasks, total)
            crossover.append({"cost": cost, "loop": plain, "pool": pooled})
    with ProcessPoolExecutor(workers) as executor:
        list(executor.map(square, range(workers)))
        for size in CHUNKSIZES:
            chunked = partial(executor.map, chunksize=size)
            stats = timed(chunked, square, numbers, check)
            chunks.append({"api": "Executor.map", "chunksize": size, **stats})

    print(
        f"{TASKS} tiny tasks, {workers} workers, medians of {REPEATS}; "
        f"plain loop {loop['median'] * 1000:.2f} ms"
    )
    print("api           chunksize    ms")
    for row in chunks:
        print(
            f"{row['api']:13} {row['chunksize']:9} {row['median'] * 1000:7.1f}"
        )
    print(f"{COST_TASKS} tasks per size: loop against Pool.map")
    print("iterations/task   loop ms   pool ms")
    for row in crossover:
        print(
            f"{row['cost']:15}  {row['loop']['median'] * 1000:8.1f}  "
            f"{row['pool']['median'] * 1000:8.1f}"
        )
    report = {
        "bench": "overhead",
        "workers": workers,
        "repeats": REPEATS,
        "tasks": TASKS,
        "checksum": check,
        "loop": loop,
        "chunks": chunks,
        "cost_tasks": COST_TASKS,
        "crossover": crossover,
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
