import multiprocessing as mp
import time

ROUNDS = 10


def add(counter, start):
    start.wait()  # every worker begins at the same moment
    for _ in range(ROUNDS):
        seen = counter.value  # read
        time.sleep(0.005)  # the CPU goes elsewhere: another worker reads too
        counter.value = seen + 1  # write back what may already be stale


def main():
    counter = mp.RawValue("i", 0)  # shared memory, no lock
    start = mp.Barrier(3)
    workers = [mp.Process(target=add, args=(counter, start)) for _ in range(3)]
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
