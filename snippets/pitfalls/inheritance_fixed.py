import multiprocessing as mp

QUEUE = None  # set in each worker by the initializer
COUNTER = None


def init(queue, counter):
    global QUEUE, COUNTER
    QUEUE, COUNTER = queue, counter


def work(x):
    with COUNTER.get_lock():
        COUNTER.value += 1
    QUEUE.put(x * 10)


def put(queue, x):
    queue.put(x)  # a manager's proxy pickles as a task argument


def main():
    queue, counter = mp.Queue(), mp.Value("i", 0)
    with mp.Pool(2, initializer=init, initargs=(queue, counter)) as pool:
        pool.map(work, range(4))
        # read before the with block terminates the workers: a worker's
        # queue may still be sending what it put
        got = sorted(queue.get(timeout=5) for _ in range(4))
    print(f"initializer: Value {counter.value}, Queue {got}")

    with mp.Manager() as manager, mp.Pool(2) as pool:
        proxy = manager.Queue()
        pool.starmap(put, [(proxy, x) for x in range(4)])
        got = sorted(proxy.get(timeout=5) for _ in range(4))
        print(f"manager.Queue() as a task argument: {got}")


if __name__ == "__main__":
    main()
