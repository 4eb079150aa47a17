import multiprocessing as mp
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

CRASHED = None  # an Event shared by every worker: crash only once


def init(crashed):
    global CRASHED
    CRASHED = crashed


def task(x):
    if x == 2 and not CRASHED.is_set():
        CRASHED.set()
        os.kill(os.getpid(), signal.SIGKILL)
    return x * 10


def run_all(inputs, crashed, attempts=3):
    results = {}
    for attempt in range(1, attempts + 1):
        todo = [x for x in inputs if x not in results]
        # a fresh executor per attempt; the with block shuts it down
        with ProcessPoolExecutor(
            2, initializer=init, initargs=(crashed,)
        ) as ex:
            futures = {x: ex.submit(task, x) for x in todo}
            for x, future in futures.items():
                try:
                    results[x] = future.result(timeout=10)
                except BrokenProcessPool:
                    pass  # retried with the next executor
        print(f"attempt {attempt}: {len(results)} of {len(inputs)} done")
        if len(results) == len(inputs):
            return [results[x] for x in inputs]
    raise RuntimeError("gave up")


def main():
    print("results:", run_all(range(5), mp.Event()))
    print("children left:", mp.active_children())


if __name__ == "__main__":
    main()
