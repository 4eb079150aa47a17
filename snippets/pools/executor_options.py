import multiprocessing as mp
import os
from concurrent.futures import ProcessPoolExecutor


def hello(prefix):
    print(f"{prefix}: initializer in {mp.current_process().name}")


def task(x):
    return os.getpid()


def main():
    spawn = mp.get_context("spawn")
    with ProcessPoolExecutor(
        2, mp_context=spawn, initializer=hello, initargs=("spawn",)
    ) as ex:
        print("start method:", ex._mp_context.get_start_method())  # internal
        list(ex.map(task, range(2)))

    with ProcessPoolExecutor(2, max_tasks_per_child=1) as ex:
        pids = list(ex.map(task, range(4)))
        print("max_tasks_per_child=1: 4 tasks, distinct pids", len(set(pids)))
        print("default context then:", ex._mp_context.get_start_method())

    try:
        ProcessPoolExecutor(
            2, mp_context=mp.get_context("fork"), max_tasks_per_child=1
        )
    except ValueError as error:
        print("fork + max_tasks_per_child:", error)


if __name__ == "__main__":
    main()
