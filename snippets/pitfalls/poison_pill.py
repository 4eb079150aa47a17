import multiprocessing as mp

STOP = None  # the poison pill


def consume(jobs):
    while (item := jobs.get()) is not STOP:
        print(f"{mp.current_process().name}: got {item}")
    print(f"{mp.current_process().name}: got the pill, exiting")


def main():
    jobs = mp.Queue()
    consumers = [mp.Process(target=consume, args=(jobs,)) for _ in range(2)]
    for p in consumers:
        p.start()
    for item in range(4):
        jobs.put(item)
    for _ in consumers:
        jobs.put(STOP)  # one pill per consumer, after the real items
    for p in consumers:
        p.join()
    print("exit codes", [p.exitcode for p in consumers])


if __name__ == "__main__":
    main()
