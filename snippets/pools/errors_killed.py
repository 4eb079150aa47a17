import multiprocessing as mp
import os
import signal
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

RUNNING = None  # an Event shared by the executor's workers


def init(running):
    global RUNNING
    RUNNING = running


def crash():
    os.kill(os.getpid(), signal.SIGKILL)  # the worker dies mid-task


def task(x):
    if x == 0:
        RUNNING.wait(timeout=30)  # until task 1 runs in the other worker
        crash()
    RUNNING.set()
    time.sleep(3)  # task 1 is still running when task 0 dies
    return x


def double(x):
    return 2 * x


def name(error):
    return f"{type(error).__module__}.{type(error).__qualname__}"


def main():
    with ProcessPoolExecutor(
        2, initializer=init, initargs=(mp.Event(),)
    ) as ex:
        futures = [ex.submit(task, x) for x in range(3)]
        errors = [future.exception(timeout=5) for future in futures]
        for x, error in enumerate(errors):
            print(f"Executor: task {x}:", type(error).__name__)
        messages = {f"{name(error)}: {error}" for error in errors}
        print("Executor: their message:", *messages)
        try:
            ex.submit(task, 9)
        except BrokenProcessPool as error:
            print(f"Executor: submit() afterwards: {name(error)}: {error}")

    with mp.Pool(2) as pool:
        lost = pool.apply_async(crash)
        try:
            lost.get(timeout=1)
        except mp.TimeoutError as error:
            print("Pool: the lost task: get(timeout=1) raised", name(error))
        print("Pool: a new task still runs:", pool.apply(double, (5,)))


if __name__ == "__main__":
    main()
