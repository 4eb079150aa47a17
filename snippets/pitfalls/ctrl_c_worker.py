import multiprocessing as mp
import os
import signal
import time


def task(x):
    if x == 3:
        os.kill(os.getpid(), signal.SIGINT)  # as if Ctrl-C reached the worker
    time.sleep(0.05)
    return x


def main():
    with mp.Pool(2) as pool:
        result = pool.map_async(task, range(8))
        try:
            print(result.get(timeout=1))  # a plain map() would wait forever
        except mp.TimeoutError:
            print("main: map still waiting after 1 s; task 3 was lost")


if __name__ == "__main__":
    main()
