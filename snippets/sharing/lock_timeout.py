import multiprocessing as mp


def worker(lock, gave_up):
    got = lock.acquire(timeout=0.2)  # wait at most 0.2 s
    print(f"worker: acquire(timeout=0.2) -> {got}")
    gave_up.set()
    got = lock.acquire(timeout=5)
    print(f"worker: acquire(timeout=5) -> {got}")
    lock.release()


def main():
    lock = mp.Lock()
    gave_up = mp.Event()
    lock.acquire()
    print("main: holding the lock")
    p = mp.Process(target=worker, args=(lock, gave_up))
    p.start()
    gave_up.wait()
    print("main: releasing the lock")
    lock.release()
    p.join()


if __name__ == "__main__":
    main()
