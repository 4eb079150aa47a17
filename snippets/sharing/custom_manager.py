import multiprocessing as mp
import os
import threading
from multiprocessing.managers import BaseManager


class Tally:
    """An ordinary class; the manager keeps the one instance."""

    def __init__(self):
        self._counts = {}
        self._lock = threading.Lock()  # the manager serves calls in threads

    def add(self, word):
        with self._lock:
            self._counts[word] = self._counts.get(word, 0) + 1
        return os.getpid()  # where this method ran

    def counts(self):
        return dict(sorted(self._counts.items()))


class TallyManager(BaseManager):
    pass


def worker(tally, words, pids):
    for word in words:
        pids.put(tally.add(word))


def main():
    # Not at import time: start() hands the server this registry itself.
    TallyManager.register("Tally", Tally)
    with TallyManager() as manager:
        tally = manager.Tally()  # a proxy; the object lives in the manager
        pids = mp.SimpleQueue()
        texts = ["a b a", "b a c"]
        args = [(tally, t.split(), pids) for t in texts]
        workers = [mp.Process(target=worker, args=a) for a in args]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        ran_in = {pids.get() for _ in range(6)}
        print(f"counts: {tally.counts()}")
        print(f"add() ran in: pid {sorted(ran_in)}")
        print(f"main process:  pid {os.getpid()}")


if __name__ == "__main__":
    main()
