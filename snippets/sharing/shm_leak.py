import inspect
import os
from multiprocessing import shared_memory


def main():
    block = shared_memory.SharedMemory(create=True, size=64)
    block.buf[:5] = b"hello"
    print(f"created {block.name}")
    block.close()  # closed but never unlinked: the block outlives us
    still = os.path.exists(f"/dev/shm/{block.name}")
    print(f"{block.name} in /dev/shm as the program ends: {still}")
    params = inspect.signature(shared_memory.SharedMemory).parameters
    print(f"SharedMemory has a track parameter: {'track' in params}")


if __name__ == "__main__":
    main()
