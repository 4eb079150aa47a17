import multiprocessing as mp
import threading


def release(lock, where):
    try:
        lock.release()
        print(f"release() from {where}: released")
    except AssertionError as error:
        print(f"release() from {where}: AssertionError: {error}")


def main():
    lock = mp.RLock()
    lock.acquire()  # held by the main thread of the main process
    t = threading.Thread(target=release, args=(lock, "another thread"))
    t.start()
    t.join()
    p = mp.Process(target=release, args=(lock, "another process"))
    p.start()
    p.join()
    release(lock, "the owner")


if __name__ == "__main__":
    main()
