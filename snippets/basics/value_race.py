import multiprocessing

N = 50_000


def add_unlocked(total):
    for _ in range(N):
        total.value += 1  # read, add, write: another process can cut in


def add_locked(total):
    for _ in range(N):
        with total.get_lock():  # the Value's own lock: three steps as one
            total.value += 1


def run(target):
    total = multiprocessing.Value("i", 0)
    workers = [
        multiprocessing.Process(target=target, args=(total,)) for _ in range(2)
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
