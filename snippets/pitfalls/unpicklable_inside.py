import multiprocessing as mp
import threading


class Counter:
    def __init__(self):
        self.lock = threading.Lock()  # a thread lock: cannot be pickled
        self.total = 0

    def add(self, x):
        with self.lock:
            self.total += x
            return self.total


class Holder:
    def __init__(self, pool):
        self.pool = pool  # a pool cannot be pickled either


def total_of(counter):
    return counter.total


def main():
    counter = Counter()
    with mp.Pool(2) as pool:
        attempts = [
            ("pool.map(total_of, [counter])", total_of, [counter]),
            ("pool.map(counter.add, [1])", counter.add, [1]),
            ("pool.map(total_of, [Holder(pool)])", total_of, [Holder(pool)]),
        ]
        for call, function, items in attempts:
            try:
                pool.map(function, items)
            except Exception as error:
                print(f"{call}\n    {type(error).__name__}: {error}")


if __name__ == "__main__":
    main()
