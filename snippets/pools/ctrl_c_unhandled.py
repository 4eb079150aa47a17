import multiprocessing as mp
import os
import signal
import threading
import time

STARTED = None  # a Barrier shared by the workers and the parent


def init(started):
    global STARTED
    STARTED = started
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # only the parent gets it


def task(x):
    STARTED.wait(timeout=5)
    time.sleep(5)
    return x


def main():
    started = mp.Barrier(3)
    pool = mp.Pool(2, initializer=init, initargs=(started,))
    result = pool.map_async(task, range(2))
    started.wait(timeout=5)
    # Ctrl-C in 0.5 s, while the parent waits in get()
    ctrl_c = (os.getpgrp(), signal.SIGINT)
    threading.Timer(0.5, os.killpg, ctrl_c).start()
    print("main: waiting in get(), no timeout, no except")
    print(result.get())  # KeyboardInterrupt ends the program here


if __name__ == "__main__":
    main()
