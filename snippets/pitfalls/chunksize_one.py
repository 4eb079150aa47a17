import multiprocessing as mp
import time


def tiny(x):
    return x + 1


def main():
    start = time.perf_counter()
    serial = sum(map(tiny, range(5_000)))  # one process, no pool
    alone = time.perf_counter() - start
    with mp.Pool(2) as pool:
        start = time.perf_counter()
        total = sum(pool.imap(tiny, range(5_000)))  # chunksize=1: default
        seconds = time.perf_counter() - start
    print(f"one process, no pool: sum {serial}, {alone * 1e3:.2f} ms")
    print(f"imap, chunksize=1:    sum {total}, {seconds * 1e3:.0f} ms")
    print(f"that is {seconds / 5_000 * 1e6:.0f} µs per task of x + 1")
    print(f"the pool took {seconds / alone:,.0f}x as long as one process")


if __name__ == "__main__":
    main()
