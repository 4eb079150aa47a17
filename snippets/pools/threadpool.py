import os
import threading
from multiprocessing.pool import Pool, ThreadPool


def task(x):
    return x * x, os.getpid(), threading.current_thread().name


def main():
    print("main: pid", os.getpid())
    with ThreadPool(2) as pool:
        for square, pid, thread in pool.map(task, range(3)):
            print(f"square={square} pid={pid} thread={thread}")
        print("imap_unordered:", sorted(pool.imap_unordered(abs, [-1, -2])))
    public = {name for name in dir(Pool) if not name.startswith("_")}
    missing = sorted(public - set(dir(ThreadPool)))
    print(f"Pool has {len(public)} public methods; ThreadPool lacks {missing}")


if __name__ == "__main__":
    main()
