import multiprocessing as mp

GATES = None  # one Event per task, set in each worker by the initializer


def init(gates):
    global GATES
    GATES = gates


def task(x):
    if not GATES[x].wait(timeout=5):  # wait until the parent lets it finish
        raise TimeoutError(f"gate {x} was never opened")
    return x


def square(x):
    return x * x


def power(x, y):
    return x**y


def main():
    gates = [mp.Event() for _ in range(3)]
    with mp.Pool(3, initializer=init, initargs=(gates,)) as pool:
        print("map:           ", pool.map(square, [2, 3, 4]))
        print("starmap:       ", pool.starmap(power, [(2, 1), (2, 5)]))
        order = [2, 0, 1]  # the order in which the parent lets tasks finish

        for i in order:
            gates[i].set()
        print("imap:          ", list(pool.imap(task, range(3))))

        for gate in gates:
            gate.clear()
        results = pool.imap_unordered(task, range(3))
        received = []
        for i in order:
            gates[i].set()  # let task i finish, then wait for its result
            received.append(next(results))
        print("imap_unordered:", received)


if __name__ == "__main__":
    main()
