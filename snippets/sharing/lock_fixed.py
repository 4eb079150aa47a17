import multiprocessing as mp
import time

ROUNDS = 10


def add(counter, lock, start):
    start.wait()
    for _ in range(ROUNDS):
        with lock:  # acquire() here, release() on leaving, even on error
            seen = counter.value
            time.sleep(0.005)
            counter.value = seen + 1


def main():
    counter = mp.RawValue("i", 0)
    lock = mp.Lock()
    start = mp.Barrier(3)
    args = (counter, lock, start)
    workers = [mp.Process(target=add, args=args) for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    expected = 3 * ROUNDS
    print(f"expected: {expected}")
    print(f"counted:  {counter.value}")
    print(f"lost:     {expected - counter.value}")


if __name__ == "__main__":
    main()
