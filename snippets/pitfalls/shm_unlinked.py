import os
from multiprocessing import shared_memory


def main():
    shm = shared_memory.SharedMemory(create=True, size=1024)
    try:
        shm.buf[:5] = b"hello"
        print(f"main: wrote {bytes(shm.buf[:5])!r} to {shm.name}")
    finally:
        shm.close()
        shm.unlink()  # the creator removes the block once nobody needs it
    path = f"/dev/shm/{shm.name}"
    print(f"main: after unlink(), {path} exists: {os.path.exists(path)}")


if __name__ == "__main__":
    main()
