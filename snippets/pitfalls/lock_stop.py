import multiprocessing as mp


def holder(lock, holding, stop):
    with lock:  # released when the block ends, also on an exception
        print("child: holds the lock until asked to stop", flush=True)
        holding.set()
        stop.wait(timeout=10)
    print("child: released the lock, exiting")


def main():
    lock = mp.Lock()
    holding, stop = mp.Event(), mp.Event()
    p = mp.Process(target=holder, args=(lock, holding, stop))
    p.start()
    holding.wait(timeout=10)
    stop.set()  # ask it to stop instead of terminate() or kill()
    p.join()
    print(f"child exit code: {p.exitcode}")
    got = lock.acquire(timeout=1)
    print(f"parent: acquire(timeout=1) returned {got}")


if __name__ == "__main__":
    main()
