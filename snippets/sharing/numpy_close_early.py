import faulthandler
import multiprocessing as mp
import os
import signal
from multiprocessing import shared_memory

import numpy as np

N = 1_000_000


def close_first(name):
    faulthandler.enable()  # on a crash, print where it happened
    block = shared_memory.SharedMemory(name=name)
    data = np.ndarray((N,), dtype=np.int64, buffer=block.buf)
    block.close()  # no error: nothing tells close() about the array
    print("child: close() returned, now reading the array", flush=True)
    print(f"child: sum {data.sum()}")  # the memory is no longer mapped


def try_close(block):
    try:
        block.close()
        print("close(): done")
    except BufferError as error:
        print(f"close(): {type(error).__name__}: {error}")


def main():
    block = shared_memory.SharedMemory(create=True, size=N * 8)
    p = mp.Process(target=close_first, args=(block.name,))
    p.start()
    p.join()
    crashed = p.exitcode == -signal.SIGSEGV
    print(f"child exitcode: {p.exitcode} (killed by SIGSEGV: {crashed})")

    # np.frombuffer keeps the buffer exported: close() refuses instead
    data = np.frombuffer(block.buf, dtype=np.int64).reshape(1000, 1000)
    head = data[0]  # a slice is a view of the same block
    try_close(block)
    del data
    try_close(block)  # the slice still points into the block
    del head
    try_close(block)
    block.unlink()
    left = os.path.exists(f"/dev/shm/{block.name}")
    print(f"{block.name} in /dev/shm after unlink(): {left}")


if __name__ == "__main__":
    main()
