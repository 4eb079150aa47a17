import multiprocessing as mp
import os
import sys

MAIN_IMPORTED_IN = os.getpid()  # run again wherever this module is imported
PRELOAD = ["__main__", "colorsys", "jobs"]  # jobs.py: beside this program
WATCHED = ["colorsys", "jobs", "wave"]  # wave: not in the list


def child(n):
    if MAIN_IMPORTED_IN == os.getpid():
        main_by = "this child"
    elif MAIN_IMPORTED_IN == os.getppid():
        main_by = "the fork server"
    else:
        main_by = f"pid {MAIN_IMPORTED_IN}"
    found = [name for name in WATCHED if name in sys.modules]
    print(f"child {n}: __main__ imported by {main_by}")
    print(f"child {n}: already imported when it started: {found}")


def main():
    ctx = mp.get_context("forkserver")
    # Replaces the default list, ["__main__"]: keep "__main__" in it
    ctx.set_forkserver_preload(PRELOAD)
    for n in (1, 2):
        p = ctx.Process(target=child, args=(n,))
        p.start()
        p.join()
    found = [name for name in WATCHED if name in sys.modules]
    print(f"main: of {WATCHED}, imported here: {found}")


if __name__ == "__main__":
    main()
