import multiprocessing
import threading


def thread_names():
    return [t.name for t in threading.enumerate()]


def producer(q):
    print("before put():", thread_names())
    for i in range(3):
        q.put(i)
    print("after put(): ", thread_names())
    q.close()  # no more put() from this process
    q.join_thread()  # wait until the feeder has written everything
    print("after close() and join_thread():", thread_names())
    try:
        q.put(3)
    except ValueError:
        print("put() after close(): ValueError, the queue is closed here")


def main():
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=producer, args=(q,))
    p.start()
    p.join()  # small data: the pipe holds it, so joining first is fine
    print("main received:", [q.get() for _ in range(3)])


if __name__ == "__main__":
    main()
