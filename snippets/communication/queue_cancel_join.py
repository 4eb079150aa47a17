import multiprocessing
import queue

COUNT = 100
ITEM = b"x" * 1000  # 100 items of 1 KB: more than a 64 KiB pipe holds


def producer(q):
    q.cancel_join_thread()  # exit without waiting for the feeder
    for i in range(COUNT):
        q.put((i, ITEM))
    print(f"producer: put {COUNT} items, exiting")


def main():
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=producer, args=(q,))
    p.start()
    p.join()  # returns: the producer did not wait for its feeder
    print("producer exitcode:", p.exitcode)
    received = []
    try:
        while True:
            received.append(q.get(timeout=0.5)[0])
    except queue.Empty:
        pass
    print(f"received {len(received)} of {COUNT} items")
    in_order = received == list(range(len(received)))
    print("they are items 0, 1, 2, ... in order:", in_order)
    print("lost:", COUNT - len(received))


if __name__ == "__main__":
    main()
