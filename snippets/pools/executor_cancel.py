import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor

STARTED = None  # set in the worker by the initializer


def init(started):
    global STARTED
    STARTED = started


def task(x):
    STARTED.set()
    mp.Event().wait(0.3)  # sleep
    return x


def main():
    started = mp.Event()
    ex = ProcessPoolExecutor(1, initializer=init, initargs=(started,))
    futures = [ex.submit(task, i) for i in range(6)]
    started.wait(timeout=5)  # task 0 is running now
    print("cancel() on the running task:", futures[0].cancel())
    print("cancel() on the last task:   ", futures[5].cancel())
    ex.shutdown(wait=True, cancel_futures=True)
    ran = [i for i, f in enumerate(futures) if not f.cancelled()]
    cancelled = [i for i, f in enumerate(futures) if f.cancelled()]
    print("ran:", ran, "| cancelled:", cancelled)
    print("results:", [futures[i].result() for i in ran])


if __name__ == "__main__":
    main()
