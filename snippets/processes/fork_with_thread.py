import multiprocessing as mp
import threading
import time
import warnings

# by default a DeprecationWarning is shown only for code in __main__
warnings.simplefilter("always", DeprecationWarning)

LOCK = threading.Lock()


def hold_lock(taken):
    with LOCK:
        taken.set()
        time.sleep(0.5)  # a thread busy inside its critical section


def child():
    print(f"child: threads alive here: {threading.active_count()}")
    got = LOCK.acquire(timeout=0.3)
    print(f"child: LOCK acquired: {got}")


def main():
    taken = threading.Event()
    t = threading.Thread(target=hold_lock, args=(taken,))
    t.start()
    taken.wait()  # the thread holds LOCK from here on
    print(
        f"main: start method {mp.get_start_method()}, "
        f"threads alive: {threading.active_count()}"
    )
    p = mp.Process(target=child)
    p.start()
    p.join()
    t.join()
    print(
        f"main: exitcode {p.exitcode}, LOCK acquired in main "
        f"after the thread ended: {LOCK.acquire(timeout=1)}"
    )


if __name__ == "__main__":
    main()
