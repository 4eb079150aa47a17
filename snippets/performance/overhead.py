"""Per-task overhead: Pool.map and ProcessPoolExecutor.map against
chunksize, and the task size from which a pool beats a plain loop."""

import json
import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from multiprocessing import Barrier, Pool

QUICK = "--quick" in sys.argv
REPEATS = 2 if QUICK else 5
TASKS = 300 if QUICK else 2000  # tiny tasks for the chunksize sweep
CHUNKSIZES = [1, 10, 100] if QUICK else [1, 4, 16, 64, 256, 1000]
COSTS = [10, 1000] if QUICK else [10, 100, 1000, 3000, 10000, 30000]
# Tasks per size in the crossover sweep: at least 4 per worker.
COST_TASKS = 40 if QUICK else max(200, 4 * os.cpu_count())
BARRIER = None  # each worker's copy of the pool's barrier


def square(x):
    return x * x


def spin(n):
    """A task of n loop iterations."""
    total = 0
    for i in range(n):
        total += i
    return total


def keep(barrier):
    global BARRIER
    BARRIER = barrier


def ready(_):
    """Wait until every worker holds one of these tasks: all are up."""
    BARRIER.wait(timeout=60)
    return os.getpid()


def all_up(mapper, workers):
    pids = set(mapper(ready, range(workers), chunksize=1))
    assert len(pids) == workers, "a worker was not up"


def summary(samples):
    """The best run is the least disturbed; the quartiles show spread."""
    q1, _, q3 = statistics.quantiles(samples, n=4, method="inclusive")
    return {"best": min(samples), "q1": q1, "q3": q3}


def timed(mapper, func, items, check):
    """Times of mapper(func, items), e.g. map or pool.map."""
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
    warm = {"initializer": keep, "initargs": (Barrier(workers),)}
    with Pool(workers, **warm) as pool:
        all_up(pool.map, workers)
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
    warm["initargs"] = (Barrier(workers),)
    with ProcessPoolExecutor(workers, **warm) as executor:
        all_up(executor.map, workers)
        for size in CHUNKSIZES:
            chunked = partial(executor.map, chunksize=size)
            stats = timed(chunked, square, numbers, check)
            chunks.append({"api": "Executor.map", "chunksize": size, **stats})

    print(
        f"{TASKS} tiny tasks, {workers} worker{'s' * (workers > 1)}, "
        f"ms, best of {REPEATS}; plain loop {loop['best'] * 1000:.2f} ms"
    )
    print("api           chunksize    ms")
    for row in chunks:
        print(
            f"{row['api']:13} {row['chunksize']:9} {row['best'] * 1000:7.1f}"
        )
    print(f"{COST_TASKS} tasks per size: loop against Pool.map")
    print("iterations/task   loop ms   pool ms")
    for row in crossover:
        print(
            f"{row['cost']:15}  {row['loop']['best'] * 1000:8.1f}  "
            f"{row['pool']['best'] * 1000:8.1f}"
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
