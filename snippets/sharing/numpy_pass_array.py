import multiprocessing as mp
import os
from multiprocessing import shared_memory

import numpy as np


def fill(grid, row):
    grid[row] = row + 1  # the array itself was the argument, not the name
    print(
        f"child: owns its data: {grid.flags.owndata}, "
        f"row {row}: {grid[row].tolist()}"
    )


def main():
    block = shared_memory.SharedMemory(create=True, size=2 * 3 * 8)
    grid = np.ndarray((2, 3), dtype=np.int64, buffer=block.buf)
    grid[:] = 0
    p = mp.Process(target=fill, args=(grid, 1))
    p.start()
    p.join()
    print(f"main sees: {grid.tolist()}")
    del grid
    block.close()
    block.unlink()
    left = os.path.exists(f"/dev/shm/{block.name}")
    print(f"{block.name} in /dev/shm after unlink(): {left}")


if __name__ == "__main__":
    main()
