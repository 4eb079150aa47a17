"""Fault: the child ignores SIGTERM, so terminate() does nothing and join() waits forever."""

import multiprocessing
import os
import signal
import sys
import time


def note_pid():
    """Leave this process's pid where the fault tests look (they check it is gone)."""
    folder = os.environ.get("FAULT_PID_DIR")
    if folder:
        with open(os.path.join(folder, str(os.getpid())), "w") as f:
            f.write(sys.argv[0])


def stubborn(ready):
    note_pid()
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    ready.set()
    while True:
        time.sleep(1)


if __name__ == "__main__":
    note_pid()
    ready = multiprocessing.Event()
    p = multiprocessing.Process(target=stubborn, args=(ready,))
    p.start()
    ready.wait()
    p.terminate()
    print("sent SIGTERM; joining")
    p.join()
