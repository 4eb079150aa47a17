import multiprocessing as mp
import time
from concurrent.futures import ProcessPoolExecutor

STARTED = None  # set in the worker by the initializer
GATE = None  # task 0 holds the only worker until the parent opens it


def init(started, gate):
    global STARTED, GATE
    STARTED, GATE = started, gate


def task(x):
    STARTED.set()
    GATE.wait(timeout=5)
    return x


def main():
    started, gate = mp.Event(), mp.Event()
    ex = ProcessPoolExecutor(1, initializer=init, initargs=(started, gate))
    futures = [ex.submit(task, i) for i in range(6)]
    started.wait(timeout=5)  # task 0 is running now
    print("cancel() on the running task:", futures[0].cancel())
    print("cancel() on the last task:   ", futures[5].cancel())
    ex.shutdown(wait=False, cancel_futures=True)  # cancel what still waits
    while not futures[4].cancelled():  # the executor's thread cancels
        time.sleep(0.01)
    gate.set()  # only now can task 0 end and the worker take another
    ex.shutdown(wait=True)  # wait for the tasks that had started
    ran = [i for i, f in enumerate(futures) if not f.cancelled()]
    cancelled = [i for i, f in enumerate(futures) if f.cancelled()]
    print("ran:", ran, "| cancelled:", cancelled)
    print("results:", [futures[i].result() for i in ran])


if __name__ == "__main__":
    main()
