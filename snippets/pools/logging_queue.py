import logging
import logging.handlers
import multiprocessing as mp


def init(queue):
    root = logging.getLogger()
    root.handlers[:] = [logging.handlers.QueueHandler(queue)]
    root.setLevel(logging.INFO)


def task(x):
    logging.getLogger("app").info("working on %d", x)
    return x


def main():
    queue = mp.Queue()
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(processName)-17s %(message)s"))
    listener = logging.handlers.QueueListener(queue, handler)
    pool = mp.Pool(2, initializer=init, initargs=(queue,))
    listener.start()  # one thread in the parent writes every record
    pool.map(task, range(4))
    pool.close()  # not terminate(): a worker killed while writing to the
    pool.join()  # queue could leave it locked for good
    listener.stop()  # writes what is still queued, then returns


if __name__ == "__main__":
    main()
