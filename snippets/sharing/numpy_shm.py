import multiprocessing as mp
import os
from multiprocessing import shared_memory

import numpy as np

ROWS, COLS = 4, 1_000_000  # one row per worker
DTYPE = np.float64


def attach(block):
    """The block's bytes seen as the grid: a view, nothing copied."""
    return np.ndarray((ROWS, COLS), dtype=DTYPE, buffer=block.buf)


def worker(name, row):
    block = shared_memory.SharedMemory(name=name)  # attach by name
    grid = attach(block)
    grid[row] = np.arange(COLS) * (row + 1)  # this worker's row only
    print(
        f"worker {row}: row {row} written, owns its data: {grid.flags.owndata}"
    )
    del grid  # no array may point into the block after close()
    block.close()


def main():
    size = ROWS * COLS * np.dtype(DTYPE).itemsize
    block = shared_memory.SharedMemory(create=True, size=size)
    grid = attach(block)
    grid[:] = 0
    print(f"{block.name}: {grid.shape} {grid.dtype}, {grid.nbytes:_} bytes")
    args = [(block.name, row) for row in range(ROWS)]
    workers = [mp.Process(target=worker, args=a) for a in args]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    expected = np.arange(COLS) * np.arange(1, ROWS + 1)[:, None]
    print(f"row sums: {grid.sum(axis=1).tolist()}")
    print(f"every row as expected: {np.array_equal(grid, expected)}")
    del grid
    block.close()  # in every process that attached
    block.unlink()  # once, by the creator
    left = os.path.exists(f"/dev/shm/{block.name}")
    print(f"{block.name} in /dev/shm after unlink(): {left}")


if __name__ == "__main__":
    main()
