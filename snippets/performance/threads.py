"""Threads against processes against a plain loop, for CPU-bound and
for I/O-bound (sleeping) work."""

import json
import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing import Barrier

QUICK = "--quick" in sys.argv
REPEATS = 2 if QUICK else 5
CPUS = os.cpu_count()
TASKS = 4 * CPUS  # every process has tasks to do
# The same total work on every machine: the more tasks, the smaller.
SIZE = (160_000 if QUICK else 1_200_000) // TASKS  # iterations per task
NAP = (0.016 if QUICK else 0.16) / TASKS  # seconds per I/O task
BARRIER = None  # each worker's copy of the pool's barrier


def crunch(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def nap(seconds):
    time.sleep(seconds)  # stands in for a network or disk wait
    return 1


def keep(barrier):
    global BARRIER
    BARRIER = barrier


def ready(_):
    """Wait until every worker holds one of these tasks: all are up."""
    BARRIER.wait(timeout=60)
    return os.getpid()


def summary(samples):
    """The best run is the least disturbed; the quartiles show spread."""
    q1, _, q3 = statistics.quantiles(samples, n=4, method="inclusive")
    return {"best": min(samples), "q1": q1, "q3": q3}


def timed(mapper, func, items, check):
    """Times of mapper(func, items), e.g. map or threads.map."""
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
    jobs = {"CPU-bound": (crunch, SIZE), "I/O-bound": (nap, NAP)}
    checks = {"CPU-bound": crunch(SIZE) * TASKS, "I/O-bound": TASKS}
    rows = []
    cpu_threads = ThreadPoolExecutor(CPUS)
    io_threads = ThreadPoolExecutor(TASKS)  # one thread per waiting task
    barrier = Barrier(CPUS)
    processes = ProcessPoolExecutor(
        CPUS, initializer=keep, initargs=(barrier,)
    )
    with cpu_threads, io_threads, processes:
        pids = set(processes.map(ready, range(CPUS)))
        assert len(pids) == CPUS, "a worker was not up"
        threads = {"CPU-bound": cpu_threads, "I/O-bound": io_threads}
        for kind, (func, arg) in jobs.items():
            args = [arg] * TASKS
            ways = {
                "plain loop": map,
                "threads": threads[kind].map,
                "processes": processes.map,
            }
            for way, mapper in ways.items():
                stats = timed(mapper, func, args, checks[kind])
                rows.append({"kind": kind, "way": way, **stats})

    print(
        f"{TASKS} tasks; threads: {CPUS} (CPU), {TASKS} (I/O); "
        f"processes: {CPUS}; GIL enabled: {gil_enabled()}"
    )
    print(f"ms, best of {REPEATS}")
    print("work        plain loop   threads  processes")
    for kind in jobs:
        cells = [r["best"] * 1000 for r in rows if r["kind"] == kind]
        print(f"{kind:10}" + "".join(f"{ms:11.1f}" for ms in cells))
    report = {
        "bench": "threads",
        "repeats": REPEATS,
        "tasks": TASKS,
        "workers": CPUS,
        "io_threads": TASKS,
        "gil": gil_enabled(),
        "python": sys.version.split()[0],
        "checks": checks,
        "rows": rows,
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
