import inspect
import multiprocessing
import threading


def producer(q, label):
    q.put(f"hello from a {label}")
    names = [t.name for t in threading.enumerate()]
    print(f"{label:12} after put(), threads: {names}")


def main():
    for q in (multiprocessing.Queue(), multiprocessing.SimpleQueue()):
        label = type(q).__name__
        p = multiprocessing.Process(target=producer, args=(q, label))
        p.start()
        print("main got:", q.get())
        p.join()

    sq = multiprocessing.SimpleQueue()
    print("SimpleQueue.get parameters:", inspect.signature(sq.get))
    print("SimpleQueue has qsize():", hasattr(sq, "qsize"))
    sq.close()


if __name__ == "__main__":
    main()
