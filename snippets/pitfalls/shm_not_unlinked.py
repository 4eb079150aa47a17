import os
from multiprocessing import shared_memory


def main():
    shm = shared_memory.SharedMemory(create=True, size=1024)
    shm.buf[:5] = b"hello"
    print(f"main: wrote {bytes(shm.buf[:5])!r} to {shm.name}")
    shm.close()  # closes this process's view; the block itself remains
    path = f"/dev/shm/{shm.name}"
    print(f"main: after close(), {path} exists: {os.path.exists(path)}")
    # forgot shm.unlink()


if __name__ == "__main__":
    main()
