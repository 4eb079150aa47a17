import multiprocessing as mp
import os
import signal
import time


def ignore_sigint():
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is main's job


def task(x):
    if x == 3:
        os.kill(os.getpid(), signal.SIGINT)  # as if Ctrl-C reached the worker
    time.sleep(0.05)
    return x


def main():
    with mp.Pool(2, initializer=ignore_sigint) as pool:
        try:
            print(pool.map(task, range(8)))
        except KeyboardInterrupt:
            print("main: Ctrl-C, the with block terminates the pool")


if __name__ == "__main__":
    main()
