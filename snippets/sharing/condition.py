import multiprocessing as mp
import time


def producer(items, cond, waiting):
    waiting.wait()  # start once the consumer is inside wait_for()
    for _ in range(5):
        time.sleep(0.05)
        with cond:
            items.value += 1
            print(f"producer: {items.value} items")
            cond.notify_all()  # wake the waiters: they re-check


def consumer(items, cond, waiting):
    with cond:
        waiting.set()  # the producer can only get the lock once we wait
        ok = cond.wait_for(lambda: items.value >= 3, timeout=5)
        print(f"consumer: woke with {items.value} items (ok={ok})")


def main():
    items = mp.RawValue("i", 0)  # guarded by the condition's lock
    cond = mp.Condition()
    waiting = mp.Event()
    args = (items, cond, waiting)
    c = mp.Process(target=consumer, args=args)
    p = mp.Process(target=producer, args=args)
    c.start()
    p.start()
    c.join()
    p.join()


if __name__ == "__main__":
    main()
