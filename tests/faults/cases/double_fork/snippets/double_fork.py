"""Fault: a daemonized grandchild (fork, setsid, fork) outlives the program, which exits 0."""

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
    child = os.fork()
    if child == 0:
        os.setsid()
        if os.fork() == 0:  # the grandchild: reparented away from us, in its own session
            note_pid()
            time.sleep(120)
        os._exit(0)
    os.waitpid(child, 0)
    print("main: done, the daemonized grandchild is still running")
