import multiprocessing as mp
import time

ROUNDS = 10


def next_step():
    time.sleep(0.005)  # the work that computes the increment
    return 1


def add(total, start, use_lock):
    start.wait()
    for _ in range(ROUNDS):
        if use_lock:
            with total.get_lock():  # the Value's own lock, held throughout
                total.value += next_step()
        else:
            total.value += next_step()  # read, compute, then write


def count(use_lock):
    total = mp.Value("i", 0)  # lock=True: get and set are locked
    start = mp.Barrier(3)
    args = (total, start, use_lock)
    workers = [mp.Process(target=add, args=args) for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return total.value


def main():
    expected = 3 * ROUNDS
    for use_lock in (False, True):
        got = count(use_lock)
        label = "with get_lock()" if use_lock else "plain +=       "
        print(f"{label}: {got} of {expected}, lost {expected - got}")


if __name__ == "__main__":
    main()
