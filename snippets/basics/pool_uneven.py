import multiprocessing as mp
import time

DURATIONS = {0: 0.3, 1: 1.0, 2: 1.0, 3: 0.3}  # seconds per task


def task(x):
    time.sleep(DURATIONS[x])
    return x, time.time()  # wall clock: comparable across processes


def main():
    start = time.time()
    with mp.Pool(3) as pool:
        results = [pool.apply_async(task, (i,)) for i in range(4)]
        for r in results:
            x, finished = r.get()
            print(f"task {x} done at {finished - start:.2f} s")


if __name__ == "__main__":
    main()
