import multiprocessing as mp
import os
import signal
import time

STARTED = None  # a Barrier shared by the workers and the parent


def init(started):
    global STARTED
    STARTED = started
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # only the parent handles it


def task(x):
    STARTED.wait(timeout=5)
    time.sleep(5)
    return x


def main():
    started = mp.Barrier(3)
    pool = mp.Pool(2, initializer=init, initargs=(started,))
    try:
        result = pool.map_async(task, range(2))
        started.wait(timeout=5)
        time.sleep(0.2)  # both workers are now in time.sleep()
        os.killpg(os.getpgrp(), signal.SIGINT)  # what Ctrl-C does
        print(result.get(timeout=5))
    except KeyboardInterrupt:
        print("main: KeyboardInterrupt, terminating the pool")
        pool.terminate()
    else:
        pool.close()
    finally:
        pool.join()
    print("children left:", mp.active_children())


if __name__ == "__main__":
    main()
