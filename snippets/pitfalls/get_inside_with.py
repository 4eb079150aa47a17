import multiprocessing as mp
import time


def slow_square(x):
    time.sleep(0.5)
    return x * x


def main():
    with mp.Pool(2) as pool:
        result = pool.map_async(slow_square, range(4))
        print(result.get())  # inside the block, while the workers live


if __name__ == "__main__":
    main()
