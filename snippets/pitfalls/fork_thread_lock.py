import multiprocessing as mp
import threading
import time

CACHE_LOCK = threading.Lock()  # e.g. a library's internal lock


def refresh_cache(taken):
    with CACHE_LOCK:
        taken.set()
        time.sleep(0.5)  # a background thread busy inside the lock


def child():
    got = CACHE_LOCK.acquire(timeout=0.3)  # a plain acquire() would hang
    print(f"child: CACHE_LOCK acquired within 0.3 s: {got}")


def main():
    taken = threading.Event()
    threading.Thread(target=refresh_cache, args=(taken,)).start()
    taken.wait()  # the thread holds CACHE_LOCK from here on
    p = mp.Process(target=child)
    p.start()
    p.join()
    print(f"main: child exitcode {p.exitcode}")


if __name__ == "__main__":
    main()
