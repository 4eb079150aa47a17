import multiprocessing as mp
import os
import signal
import time
from concurrent.futures import ProcessPoolExecutor

STARTED = None  # a Barrier shared by the workers and the parent


def init(started):
    global STARTED
    STARTED = started
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # only the parent handles it


def task(x):
    if x < 2:
        STARTED.wait(timeout=5)  # tasks 0 and 1 are running...
        time.sleep(0.5)  # ...when Ctrl-C arrives here
    return x


def outcome(future):
    return "cancelled" if future.cancelled() else future.result()


def ctrl_c(label, cancel):
    started = mp.Barrier(3)
    futures = []
    try:
        ex = ProcessPoolExecutor(2, initializer=init, initargs=(started,))
        with ex:
            futures = [ex.submit(task, x) for x in range(8)]
            try:
                started.wait(timeout=5)
                time.sleep(0.2)  # both workers are now in time.sleep()
                os.killpg(os.getpgrp(), signal.SIGINT)  # what Ctrl-C does
                print(label, "results:", [f.result() for f in futures])
            except KeyboardInterrupt:
                if cancel:  # Python 3.9+
                    ex.shutdown(wait=True, cancel_futures=True)
                raise  # the with block then calls shutdown(wait=True)
    except KeyboardInterrupt:
        print(label, "KeyboardInterrupt has left the with block")
    print(label, "outcomes:", [outcome(f) for f in futures])


def main():
    ctrl_c("with:", cancel=False)
    ctrl_c("cancel_futures:", cancel=True)


if __name__ == "__main__":
    main()
