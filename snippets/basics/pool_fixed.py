import multiprocessing as mp
import os


def square(x):
    if x == 2:
        raise ValueError(f"bad input: {x}")
    return x * x


def main():
    with mp.Pool(3) as pool:  # terminate() on exit: get results inside
        results = [pool.apply_async(square, (i,)) for i in range(4)]
        for i, r in enumerate(results):
            try:
                print(f"square({i}) = {r.get(timeout=10)}")
            except ValueError as error:
                print(f"square({i}) raised in the worker: {error!r}")
        print("map:", pool.map(square, [0, 1, 3]))
    print("os.cpu_count():", os.cpu_count())
    with mp.Pool() as pool:
        print("Pool() starts", len(pool._pool), "workers")  # _pool: internal


if __name__ == "__main__":
    main()
