import multiprocessing as mp


def consume(jobs):
    while True:
        item = jobs.get()
        try:
            print(f"consumer: handled {item}")
        finally:
            jobs.task_done()  # one call per get(), even if handling fails


def main():
    jobs = mp.JoinableQueue()
    mp.Process(target=consume, args=(jobs,), daemon=True).start()
    for item in range(3):
        jobs.put(item)
    jobs.join()  # returns once every item was marked done
    print("jobs.join() returned: all 3 items done")


if __name__ == "__main__":
    main()
