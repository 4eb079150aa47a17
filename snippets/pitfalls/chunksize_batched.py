import multiprocessing as mp
import time


def tiny(x):
    return x + 1


def timed(pool, chunksize):
    start = time.perf_counter()
    total = sum(pool.imap(tiny, range(5_000), chunksize=chunksize))
    return total, time.perf_counter() - start


def main():
    with mp.Pool(2) as pool:
        one_sum, one = timed(pool, 1)
        many_sum, many = timed(pool, 500)
    print(f"chunksize=1:   sum {one_sum}, {one:.2f} s")
    print(f"chunksize=500: sum {many_sum}, {many:.3f} s")
    print(f"same result: {one_sum == many_sum}")
    print(f"chunksize=1 took {one / many:.0f}x as long as chunksize=500")


if __name__ == "__main__":
    main()
