import multiprocessing as mp
import time


def tiny(x):
    return x + 1


def main():
    with mp.Pool(2) as pool:
        start = time.perf_counter()
        total = sum(pool.imap(tiny, range(5_000)))  # chunksize=1: default
        seconds = time.perf_counter() - start
    print(f"imap, chunksize=1: sum {total}, {seconds:.2f} s")
    print(f"that is {seconds / 5_000 * 1e6:.0f} µs per task of x + 1")


if __name__ == "__main__":
    main()
