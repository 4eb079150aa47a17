import multiprocessing as mp
import time


def slow_square(x):
    time.sleep(0.5)
    return x * x


def main():
    with mp.Pool(2) as pool:
        result = pool.map_async(slow_square, range(4))
    # Leaving the block called pool.terminate(): the workers are gone.
    try:
        print(result.get(timeout=1))  # a plain get() would wait forever
    except mp.TimeoutError:
        print("get() after the with block: no result within 1 s")


if __name__ == "__main__":
    main()
