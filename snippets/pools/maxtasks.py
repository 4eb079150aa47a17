import multiprocessing as mp
import os
import time


def task(x):
    time.sleep(0.05)
    return os.getpid()


def main():
    with mp.Pool(2, maxtasksperchild=2) as pool:
        pids = pool.map(task, range(6), chunksize=1)
    names = {}  # pid -> A, B, C... in order of first appearance
    for pid in pids:
        names.setdefault(pid, "ABCDEFGH"[len(names)])
    print("worker of each task:", " ".join(names[pid] for pid in pids))
    print("distinct worker pids:", len(names))


if __name__ == "__main__":
    main()
