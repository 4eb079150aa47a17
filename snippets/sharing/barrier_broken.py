import multiprocessing as mp
import threading
import time


def wait_at(name, barrier, timeout=None):
    try:
        barrier.wait(timeout=timeout)
        print(f"{name}: passed")
    except threading.BrokenBarrierError:
        print(f"{name}: BrokenBarrierError")


def main():
    # Three parties expected, two come: the first timeout breaks it.
    short = mp.Barrier(3)
    pair = [mp.Process(target=wait_at, args=(n, short, 0.2)) for n in "AB"]
    for p in pair:
        p.start()
    for p in pair:
        p.join()
    print(f"main: broken = {short.broken}")

    # abort() breaks the barrier for whoever waits at it.
    aborted = mp.Barrier(2)
    p = mp.Process(target=wait_at, args=("C", aborted))
    p.start()
    while aborted.n_waiting < 1:  # until C is really waiting
        time.sleep(0.01)
    print(f"main: {aborted.n_waiting} waiting, calling abort()")
    aborted.abort()
    p.join()

    # Broken stays broken: every wait() raises until reset().
    wait_at("main", aborted, 0.2)
    aborted.reset()
    print(f"main: reset(), broken = {aborted.broken}")
    p = mp.Process(target=wait_at, args=("D", aborted))
    p.start()
    wait_at("main", aborted, 5)
    p.join()


if __name__ == "__main__":
    main()
