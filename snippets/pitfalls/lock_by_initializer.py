import multiprocessing as mp

lock = None  # each worker's copy, set by init_worker


def init_worker(shared_lock):
    global lock
    lock = shared_lock  # passed at worker start: allowed


def add_one(x):
    with lock:
        return x + 1


def main():
    shared_lock = mp.Lock()
    with mp.Pool(2, initializer=init_worker, initargs=(shared_lock,)) as pool:
        print(pool.map(add_one, range(4)))


if __name__ == "__main__":
    main()
