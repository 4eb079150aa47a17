import multiprocessing as mp
import os
import signal
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool


def task(x):
    if x == 0:
        os.kill(os.getpid(), signal.SIGKILL)  # the worker dies mid-task
    time.sleep(3)  # the other tasks are still running when it dies
    return x


def double(x):
    return 2 * x


def main():
    with ProcessPoolExecutor(2) as ex:
        futures = [ex.submit(task, x) for x in range(3)]
        for x, future in enumerate(futures):
            error = future.exception(timeout=5)
            print(f"Executor: task {x}:", type(error).__name__)
        try:
            ex.submit(task, 9)
        except BrokenProcessPool as error:
            print("Executor: submit() afterwards:", type(error).__name__)

    with mp.Pool(2) as pool:
        lost = pool.apply_async(task, (0,))
        try:
            lost.get(timeout=1)
        except mp.TimeoutError:
            print("Pool: the lost task: get(timeout=1) raised TimeoutError")
        print("Pool: a new task still runs:", pool.apply(double, (5,)))


if __name__ == "__main__":
    main()
