import multiprocessing as mp
import os
import signal
import time
from multiprocessing.connection import wait

STARTED = None  # a Barrier shared by the workers and the parent


def init(started):
    global STARTED
    STARTED = started


def task(x):
    STARTED.wait(timeout=5)  # both tasks are running...
    time.sleep(5)  # ...when Ctrl-C arrives here
    return x


def main():
    started = mp.Barrier(3)
    pool = mp.Pool(2, initializer=init, initargs=(started,))
    workers = mp.active_children()  # the pool's two workers
    result = pool.map_async(task, range(2))
    try:
        started.wait(timeout=5)
        time.sleep(0.2)  # both workers are now in time.sleep()
        os.killpg(os.getpgrp(), signal.SIGINT)  # as Ctrl-C in a terminal does
        result.get(timeout=5)
    except KeyboardInterrupt:
        print("main: KeyboardInterrupt")
    # let each worker print its traceback and exit
    pending = [worker.sentinel for worker in workers]
    while pending and (ready := wait(pending, timeout=5)):
        pending = [s for s in pending if s not in ready]
    print("workers still running:", len(pending))
    try:  # the parent caught Ctrl-C and waits on: without a timeout, a hang
        result.get(timeout=1)
    except mp.TimeoutError:
        print("main: get(timeout=1) after that: the results never come")
    pool.terminate()  # the replacements the pool started
    pool.join()


if __name__ == "__main__":
    main()
