import multiprocessing as mp


def add_one(lock, x):
    with lock:
        return x + 1


def main():
    lock = mp.Lock()
    with mp.Pool(2) as pool:
        print(pool.starmap(add_one, [(lock, x) for x in range(4)]))


if __name__ == "__main__":
    main()
