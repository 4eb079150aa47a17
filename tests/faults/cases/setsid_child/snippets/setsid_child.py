"""Fault: a child moves to its own session (os.setsid) and outlives the program, which exits 0."""

import os
import sys
import time


def note_pid():
    """Leave this process's pid where the fault tests look (they check it is gone)."""
    folder = os.environ.get("FAULT_PID_DIR")
    if folder:
        with open(os.path.join(folder, str(os.getpid())), "w") as f:
            f.write(sys.argv[0])


if __name__ == "__main__":
    note_pid()
    r, w = os.pipe()
    if os.fork() == 0:
        os.setsid()  # out of the program's process group: killing the group misses it
        note_pid()
        os.write(w, b"1")
        time.sleep(120)
        os._exit(0)
    os.read(r, 1)  # wait until the child has left the group
    print("main: done, the child in its own session is still running")
