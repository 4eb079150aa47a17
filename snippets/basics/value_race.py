import multiprocessing
import time

N = 500  # updates per process


def add_unlocked(total, ready):
    ready.wait()  # both processes start adding at the same moment
    for _ in range(N):
        value = total.value  # read
        time.sleep(0.0001)  # the other process gets to run in between
        total.value = value + 1  # write: whatever it wrote meanwhile is lost


def add_locked(total, ready):
    ready.wait()
    for _ in range(N):
        with total.get_lock():  # the Value's own lock: read and write as one
            value = total.value
            time.sleep(0.0001)
            total.value = value + 1


def run(target):
    total = multiprocessing.Value("i", 0)
    ready = multiprocessing.Barrier(2)
    workers = [
        multiprocessing.Process(target=target, args=(total, ready)),
        multiprocessing.Process(target=target, args=(total, ready)),
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return total.value


def main():
    expected = 2 * N
    unlocked = run(add_unlocked)
    locked = run(add_locked)
    print(f"expected:     {expected}")
    print(f"without lock: {unlocked} ({expected - unlocked} updates lost)")
    print(f"with lock:    {locked} ({expected - locked} updates lost)")


if __name__ == "__main__":
    main()
