import multiprocessing


def report(q, i):
    q.put(i * i)


def main():
    # The manager first: its server process starts before the pool's threads
    with multiprocessing.Manager() as manager, multiprocessing.Pool(2) as pool:
        plain = multiprocessing.Queue()
        try:
            pool.apply(report, (plain, 1))  # pickled as a task argument
        except RuntimeError as error:
            print("Queue as a task argument: RuntimeError:", error)

        q = manager.Queue()  # a proxy: it pickles like any object
        for i in range(4):
            pool.apply(report, (q, i))
        got = [q.get() for _ in range(4)]
        print("Manager().Queue() as a task argument:", got)
        print("type of q:", type(q).__name__)


if __name__ == "__main__":
    main()
