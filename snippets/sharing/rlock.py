import multiprocessing as mp


def log(lock, message):
    # A helper that takes the lock itself, so it is safe to call alone.
    if not lock.acquire(timeout=0.3):
        print("  log: gave up after 0.3 s; without a timeout, a hang")
        return
    print(f"  log: {message}")
    lock.release()


def update(lock):
    with lock:
        print(f"{type(lock).__name__}: update holds the lock")
        log(lock, "called from inside update")  # takes the same lock again


def main():
    for lock in (mp.Lock(), mp.RLock()):
        p = mp.Process(target=update, args=(lock,))
        p.start()
        p.join()


if __name__ == "__main__":
    main()
