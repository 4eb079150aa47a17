import multiprocessing as mp
import os

print(f"top level of the module: pid {os.getpid()}, __name__ = {__name__!r}")

SETTING = "set at import"


def child(i):
    print(
        f"child {i}: pid {os.getpid()}, parent pid {os.getppid()}, "
        f"SETTING = {SETTING!r}"
    )


def main():
    global SETTING
    SETTING = "changed by main() before start()"
    print(f"main: pid {os.getpid()}, start method {mp.get_start_method()}")
    for i in (1, 2):
        p = mp.Process(target=child, args=(i,))
        p.start()
        p.join()


if __name__ == "__main__":
    main()
