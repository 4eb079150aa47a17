import multiprocessing

PAYLOAD = 1024 * 1024  # 1 MiB: far more than a pipe buffer holds


def producer(q):
    q.put(b"x" * PAYLOAD)
    print(
        "producer: put() returned; its feeder thread is still writing the data"
    )


def main():
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=producer, args=(q,))
    p.start()
    p.join(timeout=1.0)  # the seed's order: join before get
    if p.is_alive():
        print("join() gave up after 1.0 s: the producer cannot exit")
        print(
            "it waits for someone to read its data; "
            "a plain join() would wait forever"
        )
    data = q.get()  # draining the queue lets the producer finish
    p.join()
    print(f"after get(): received {len(data)} bytes, exitcode={p.exitcode}")


if __name__ == "__main__":
    main()
