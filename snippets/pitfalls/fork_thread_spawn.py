import multiprocessing as mp
import threading
import time

CACHE_LOCK = threading.Lock()


def refresh_cache(taken):
    with CACHE_LOCK:
        taken.set()
        time.sleep(0.5)


def child():
    got = CACHE_LOCK.acquire(timeout=0.3)
    print(f"child: CACHE_LOCK acquired within 0.3 s: {got}")


def main():
    ctx = mp.get_context("spawn")  # a fresh interpreter: no copied locks
    taken = threading.Event()
    threading.Thread(target=refresh_cache, args=(taken,)).start()
    taken.wait()
    p = ctx.Process(target=child)
    p.start()
    p.join()
    method = ctx.get_start_method()
    print(f"main: child exitcode {p.exitcode}, start method {method}")


if __name__ == "__main__":
    main()
