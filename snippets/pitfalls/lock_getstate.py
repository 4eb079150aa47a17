import multiprocessing as mp
import threading


class Counter:
    def __init__(self):
        self.lock = threading.Lock()
        self.total = 0

    def __getstate__(self):
        state = self.__dict__.copy()
        del state["lock"]  # a lock cannot travel: leave it out
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.lock = threading.Lock()  # a fresh lock on arrival

    def add(self, x):
        with self.lock:
            self.total += x
            return self.total


def main():
    counter = Counter()
    with mp.Pool(2) as pool:
        # chunksize=1: every task gets a copy of counter of its own
        print(pool.map(counter.add, [10, 20, 30, 40], chunksize=1))
    print(f"main: counter.total = {counter.total}")


if __name__ == "__main__":
    main()
