import multiprocessing as mp
import os
import sqlite3

db = None  # this worker's own connection, made by init_worker


def init_worker():
    global db
    db = sqlite3.connect(":memory:")  # once per worker, in the worker


def square(x):
    value = db.execute("select ? * ?", (x, x)).fetchone()[0]
    return value, os.getpid(), id(db)


def main():
    with mp.Pool(2, initializer=init_worker) as pool:
        results = pool.map(square, range(6))
    print([value for value, _, _ in results])
    pids = {pid for _, pid, _ in results}
    connections = {(pid, conn) for _, pid, conn in results}
    print(f"one connection per worker: {len(connections) == len(pids)}")


if __name__ == "__main__":
    main()
