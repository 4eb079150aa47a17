import multiprocessing as mp
import os

print(f"top level: pid {os.getpid()}, __name__ = {__name__!r}")


def work():
    print("child: working")


if __name__ == "__main__":  # true in the program you run, not on re-import
    p = mp.Process(target=work)
    p.start()
    p.join()
    print(f"pid {os.getpid()}: child exitcode {p.exitcode}")
