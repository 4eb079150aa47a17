import multiprocessing as mp
import os

CONNECTION = None  # set once in each worker by the initializer


def connect(name):
    global CONNECTION
    CONNECTION = f"{name} connection of pid {os.getpid()}"
    print(f"initializer ran in pid {os.getpid()}")


def task(x):
    return x, CONNECTION


def main():
    pool = mp.Pool(2, initializer=connect, initargs=("db",))
    for x, connection in pool.map(task, range(3)):
        print(f"task {x} used the {connection}")
    pool.close()  # unlike leaving a with block, lets every worker finish
    pool.join()


if __name__ == "__main__":
    main()
