import os
import threading
from multiprocessing.pool import ThreadPool


def task(x):
    return x * x, os.getpid(), threading.current_thread().name


def main():
    print("main: pid", os.getpid())
    with ThreadPool(2) as pool:
        for square, pid, thread in pool.map(task, range(3)):
            print(f"square={square} pid={pid} thread={thread}")
        print("imap_unordered:", sorted(pool.imap_unordered(abs, [-1, -2])))


if __name__ == "__main__":
    main()
