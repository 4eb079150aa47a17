import multiprocessing as mp

LOCK = mp.Lock()  # module level: spawn re-imports, making a new lock


def hold(held, done):
    with LOCK:
        held.set()
        done.wait(timeout=5)  # keep holding until the other child has tried


def try_lock(held, done):
    held.wait(timeout=5)
    got = LOCK.acquire(block=False)
    print(f"second child got LOCK while the first holds it: {got}")
    done.set()


def main():
    held, done = mp.Event(), mp.Event()
    first = mp.Process(target=hold, args=(held, done))
    second = mp.Process(target=try_lock, args=(held, done))
    first.start()
    second.start()
    first.join()
    second.join()


if __name__ == "__main__":
    main()
