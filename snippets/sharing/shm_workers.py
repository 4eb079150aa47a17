import multiprocessing as mp
import os
import struct
from multiprocessing import shared_memory

SLOT = struct.Struct("q")  # one signed 64-bit integer per worker


def worker(name, i):
    block = shared_memory.SharedMemory(name=name)  # attach by name
    SLOT.pack_into(block.buf, i * SLOT.size, (i + 1) * 100)
    block.close()  # this process is done with it; the block stays


def main():
    n = 4
    block = shared_memory.SharedMemory(create=True, size=n * SLOT.size)
    print(f"created {block.name}, {block.size} bytes")
    args = [(block.name, i) for i in range(n)]
    workers = [mp.Process(target=worker, args=a) for a in args]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    values = block.buf.cast("q")  # a view of the same bytes as integers
    print(f"read back: {values.tolist()}")
    try:
        block.close()  # refused: the view still points into the block
    except BufferError as error:
        print(f"close() with the view alive: BufferError: {error}")
    values.release()  # views must go before close()
    block.close()  # this process's mapping
    block.unlink()  # the block itself, once, by one process
    left = os.path.exists(f"/dev/shm/{block.name}")
    print(f"{block.name} in /dev/shm after unlink(): {left}")


if __name__ == "__main__":
    main()
