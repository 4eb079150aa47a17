import multiprocessing as mp
import os
import time


def task(x):
    time.sleep(0.02)
    return x, os.getpid()


def by_worker(results):
    tasks = {}
    for x, pid in results:
        tasks.setdefault(pid, []).append(x)
    return sorted(tasks.values())


def main():
    with mp.Pool(2) as pool:
        for size in (1, 4):
            results = pool.map(task, range(8), chunksize=size)
            print(f"chunksize={size}: tasks per worker {by_worker(results)}")
        # No chunksize: map makes about four chunks per worker,
        # ceil(24 / (4 * 2)) = 3 tasks each.
        results = pool.map(task, range(24))
        print(f"default: tasks per worker {by_worker(results)}")


if __name__ == "__main__":
    main()
