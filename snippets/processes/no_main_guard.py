import multiprocessing as mp
import os

print(f"top level: pid {os.getpid()}, __name__ = {__name__!r}")


def work():
    print("child: working")


# No `if __name__ == "__main__":` guard: this runs on every import.
p = mp.Process(target=work)
p.start()
p.join(timeout=10)
print(f"pid {os.getpid()}: child exitcode {p.exitcode}")
