"""Not a fault: a slow run (a parent and a child, each sleeping) for the Ctrl-C tests."""

import multiprocessing
import os
import sys
import time


def note_pid():
    """Leave this process's pid where the fault tests look (they check it is gone)."""
    folder = os.environ.get("FAULT_PID_DIR")
    if folder:
        with open(os.path.join(folder, str(os.getpid())), "w") as f:
            f.write(sys.argv[0])


def nap():
    note_pid()
    time.sleep(120)


if __name__ == "__main__":
    note_pid()
    p = multiprocessing.Process(target=nap)
    p.start()
    print("started; sleeping", flush=True)
    p.join()
