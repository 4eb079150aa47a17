import multiprocessing as mp
import os
import signal


def holder(lock):
    lock.acquire()
    print("child: holds the lock, and is killed now", flush=True)
    os.kill(
        os.getpid(), signal.SIGKILL
    )  # as terminate() or the OOM killer might


def main():
    lock = mp.Lock()
    p = mp.Process(target=holder, args=(lock,))
    p.start()
    p.join()
    print(f"child exit code: {p.exitcode}")
    got = lock.acquire(timeout=1)
    print(f"parent: acquire(timeout=1) returned {got}")


if __name__ == "__main__":
    main()
