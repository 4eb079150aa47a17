import multiprocessing as mp
import os
import sys

RAN_IN = os.getpid()  # the process that ran this file's top level


def child():
    me = os.getpid()
    who = "this child" if RAN_IN == me else f"pid {RAN_IN}, not this child"
    print(f"child {me}: the main module was run by {who}")
    for name in ["decimal", "fractions"]:
        print(f"child: {name} already imported: {name in sys.modules}")


def main():
    ctx = mp.get_context("forkserver")
    # before the server starts; keep "__main__", the default, in the list
    ctx.set_forkserver_preload(["__main__", "decimal"])
    print(f"main {os.getpid()}: the main module was run here")
    p = ctx.Process(target=child)
    p.start()
    p.join()


if __name__ == "__main__":
    main()
