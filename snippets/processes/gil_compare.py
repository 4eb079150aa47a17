import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

TASKS = 4
N = 1_500_000
REPEAT = 3  # best of three: the machine may be busy
WORKERS = os.cpu_count() or 2


def count_odd_squares(n):
    # pure Python, CPU-bound: holds the GIL the whole time
    return sum(1 for i in range(n) if (i * i) % 2)


def sequential():
    return [count_odd_squares(N) for _ in range(TASKS)]


def with_threads():
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(count_odd_squares, [N] * TASKS))


def with_processes():
    with ProcessPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(count_odd_squares, [N] * TASKS))


def timed(fn):
    best = float("inf")
    for _ in range(REPEAT):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main():
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    print(
        f"Python {sys.version.split()[0]}, "
        f"GIL enabled: {gil}, CPUs: {os.cpu_count()}"
    )
    if hasattr(os, "getloadavg"):  # Unix: how busy the machine already was
        print(
            "load average over the last minute, before the runs: "
            f"{os.getloadavg()[0]:.2f}"
        )
    print(
        f"{TASKS} tasks of count_odd_squares({N:_}), "
        f"{WORKERS} workers for threads and processes, best of {REPEAT}"
    )
    rows = [
        (name, *timed(fn))
        for name, fn in [
            ("sequential", sequential),
            ("threads", with_threads),
            ("processes", with_processes),
        ]
    ]
    base = rows[0][1]
    print(f"{'run':<12}{'seconds':>9}{'speedup':>9}  result")
    for name, seconds, result in rows:
        print(f"{name:<12}{seconds:>9.2f}{base / seconds:>8.2f}x  {result}")
    print(
        "same result in all three:", all(r == rows[0][2] for _, _, r in rows)
    )


if __name__ == "__main__":
    main()
