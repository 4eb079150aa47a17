import multiprocessing as mp


def hold(lock, held, done):
    with lock:
        held.set()
        done.wait(timeout=5)


def try_lock(lock, held, done):
    held.wait(timeout=5)
    got = lock.acquire(block=False)
    print(f"second child got the lock while the first holds it: {got}")
    done.set()


def main():
    lock = mp.Lock()  # created once, in the parent, passed to both
    held, done = mp.Event(), mp.Event()
    first = mp.Process(target=hold, args=(lock, held, done))
    second = mp.Process(target=try_lock, args=(lock, held, done))
    first.start()
    second.start()
    first.join()
    second.join()


if __name__ == "__main__":
    main()
