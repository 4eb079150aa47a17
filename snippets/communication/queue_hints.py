import multiprocessing
import queue


def producer(q, go):
    go.wait()  # start only when main says so
    for i in range(3):
        q.put(i)


def size(q):
    try:
        return q.qsize()
    except NotImplementedError:  # macOS
        return "not implemented on this platform"


def main():
    q = multiprocessing.Queue()
    go = multiprocessing.Event()
    p = multiprocessing.Process(target=producer, args=(q, go))
    p.start()

    # A consumer that trusts empty(): it stops before anything was sent.
    print("empty():", q.empty(), "| qsize():", size(q))
    taken = []
    while not q.empty():
        taken.append(q.get())
    print("loop 'while not q.empty()' took:", taken)

    go.set()  # now the producer puts three items
    p.join()
    print("after the producer ended, qsize():", size(q))

    # The reliable way: get() a known number of items, with a timeout.
    taken = []
    try:
        for _ in range(3):
            taken.append(q.get(timeout=5))
    except queue.Empty:
        print("gave up waiting")
    print("three get() calls took:", taken)


if __name__ == "__main__":
    main()
