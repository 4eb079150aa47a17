import os
import time
from itertools import pairwise
from multiprocessing import Pool
from multiprocessing.shared_memory import SharedMemory

import numpy as np

N = 2_000_000  # float64: 16 MB; the whole program runs in about a second
WORKERS = min(4, os.cpu_count() or 1)
REPEAT = 3  # best of three: the machine may be busy


def double_copy(part):
    return part * 2  # part came pickled; the result goes back pickled


def double_shared(task):
    name, lo, hi = task
    block = SharedMemory(name=name)
    data = np.ndarray((N,), dtype=np.float64, buffer=block.buf)
    data[lo:hi] *= 2  # in place: nothing goes back
    del data
    block.close()


def time_pickling(pool, original):
    best = float("inf")
    for _ in range(REPEAT):
        start = time.perf_counter()
        parts = pool.map(double_copy, np.array_split(original, WORKERS))
        result = np.concatenate(parts)
        best = min(best, time.perf_counter() - start)
    return best, result


def time_shared(pool, block, shared, original):
    edges = np.linspace(0, N, WORKERS + 1).astype(int).tolist()
    tasks = [(block.name, lo, hi) for lo, hi in pairwise(edges)]
    best = float("inf")
    for _ in range(REPEAT):
        np.copyto(shared, original)  # every round starts from the same data
        start = time.perf_counter()
        pool.map(double_shared, tasks)
        best = min(best, time.perf_counter() - start)
    return best


def main():
    original = np.random.default_rng(0).random(N)
    block = SharedMemory(create=True, size=original.nbytes)
    shared = np.ndarray(original.shape, original.dtype, buffer=block.buf)
    print(
        f"{N:_} float64 ({original.nbytes / 1e6:.0f} MB), "
        f"{WORKERS} workers, best of {REPEAT}"
    )
    with Pool(WORKERS) as pool:
        pool.map(abs, range(WORKERS))  # start the workers before timing
        copied, result = time_pickling(pool, original)
        in_place = time_shared(pool, block, shared, original)
    print(f"pickled through the pool: {copied:.3f} s")
    print(f"shared memory:            {in_place:.3f} s")
    print(f"pickling / shared memory: {copied / in_place:.1f}")
    print(f"same result: {np.array_equal(result, shared)}")
    print(f"shapes: {result.shape} and {shared.shape}")
    print(f"checksums: {result.sum():.6f} and {shared.sum():.6f}")
    del shared  # before close()
    block.close()
    block.unlink()
    left = os.path.exists(f"/dev/shm/{block.name}")
    print(f"{block.name} in /dev/shm after unlink(): {left}")


if __name__ == "__main__":
    main()
