import multiprocessing as mp
import time


def work(i, slots, log):
    with slots:  # at most two workers get past this line at once
        log[2 * i] = time.monotonic()
        time.sleep(0.1)
        log[2 * i + 1] = time.monotonic()


def most_at_once(log, n):
    events = []
    for i in range(n):
        events += [(log[2 * i], 1), (log[2 * i + 1], -1)]
    inside = most = 0
    for _, step in sorted(events):
        inside += step
        most = max(most, inside)
    return most


def main():
    n = 5
    slots = mp.Semaphore(2)
    log = mp.RawArray("d", 2 * n)  # in and out, per worker
    workers = [mp.Process(target=work, args=(i, slots, log)) for i in range(n)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(f"workers: {n}, Semaphore(2)")
    print(f"most workers inside at once: {most_at_once(log, n)}")


if __name__ == "__main__":
    main()
