"""Fault: join() before draining a full queue, with no timeout: the producer waits for the
pipe to drain, the parent waits for the producer, and neither ever returns."""

import multiprocessing
import os
import sys


def note_pid():
    """Leave this process's pid where the fault tests look (they check it is gone)."""
    folder = os.environ.get("FAULT_PID_DIR")
    if folder:
        with open(os.path.join(folder, str(os.getpid())), "w") as f:
            f.write(sys.argv[0])


def producer(q):
    note_pid()
    q.put(b"x" * (1024 * 1024))


if __name__ == "__main__":
    note_pid()
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=producer, args=(q,))
    p.start()
    p.join()  # deadlock: nobody will ever read the 1 MiB still in the pipe
    print(len(q.get()))
