import multiprocessing as mp


def consume(jobs):
    while True:
        item = jobs.get()  # waits forever once the queue is empty
        print(f"{mp.current_process().name}: got {item}")


def main():
    jobs = mp.Queue()
    consumers = [mp.Process(target=consume, args=(jobs,)) for _ in range(2)]
    for p in consumers:
        p.start()
    for item in range(4):
        jobs.put(item)
    for p in consumers:
        p.join(timeout=0.5)  # a plain join() would wait forever
    stuck = [p.name for p in consumers if p.is_alive()]
    print(f"join(timeout=0.5) gave up: {stuck} still wait in get()")
    for p in consumers:
        p.terminate()  # clean up the demonstration
        p.join()


if __name__ == "__main__":
    main()
