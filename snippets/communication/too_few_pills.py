import multiprocessing as mp
import queue

CONSUMERS = 2


def consume(tasks, done):
    while tasks.get() is not None:  # None is the poison pill
        pass
    done.put(mp.current_process().name)


def main():
    tasks, done = mp.Queue(), mp.Queue()
    args = (tasks, done)
    consumers = [mp.Process(target=consume, args=args) for _ in range(2)]
    for c in consumers:
        c.start()
    for n in range(10):
        tasks.put(n)
    tasks.put(None)  # one pill for two consumers: one too few
    done.get()  # one consumer takes the pill and stops
    try:
        done.get(timeout=1.0)
        print("both consumers stopped")
    except queue.Empty:
        print("one pill, two consumers: one stopped")
    for c in consumers:
        c.join(timeout=1.0)  # a plain join() would wait forever
    stuck = sum(c.is_alive() for c in consumers)
    print(f"still waiting in get() after 1.0 s: {stuck} consumer")
    for c in consumers:
        c.terminate()  # end the demonstration
        c.join()


if __name__ == "__main__":
    main()
