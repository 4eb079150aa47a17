import multiprocessing as mp
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor

CALLS = None  # counts the initializer's calls, shared by every worker


def init(calls):
    with calls.get_lock():
        calls.value += 1
        first = calls.value == 1
    if not first:  # show the first worker's traceback only
        sys.stderr = open(os.devnull, "w")
    raise RuntimeError("cannot connect to the database")


def task(x):
    return x


def wait_for(calls, n):
    deadline = time.monotonic() + 30
    while calls.value < n and time.monotonic() < deadline:
        time.sleep(0.01)


def main():
    calls = mp.Value("i", 0)
    pool = mp.Pool(2, initializer=init, initargs=(calls,))
    result = pool.map_async(task, range(4))
    wait_for(calls, 6)  # two workers, then at least four replacements
    try:
        result.get(timeout=0.2)
    except mp.TimeoutError:
        print("Pool: get(timeout=0.2) raised multiprocessing.TimeoutError")
    pool.terminate()
    pool.join()
    print("Pool: initializer calls before terminate():", calls.value)

    calls = mp.Value("i", 0)
    with ProcessPoolExecutor(1, initializer=init, initargs=(calls,)) as ex:
        future = ex.submit(task, 1)
        try:
            future.result(timeout=30)
        except Exception as error:
            print("Executor:", f"{type(error).__name__}: {error}")
    print("Executor: initializer calls:", calls.value)


if __name__ == "__main__":
    main()
