import multiprocessing as mp
import threading


def consume(jobs):
    while True:
        item = jobs.get()
        print(f"consumer: handled {item}")
        # forgot jobs.task_done()


def main():
    jobs = mp.JoinableQueue()
    mp.Process(target=consume, args=(jobs,), daemon=True).start()
    for item in range(3):
        jobs.put(item)
    # JoinableQueue.join() has no timeout: wait for it in a thread instead
    waiter = threading.Thread(target=jobs.join, daemon=True)
    waiter.start()
    waiter.join(timeout=1)
    print(f"jobs.join() still waiting after 1 s: {waiter.is_alive()}")


if __name__ == "__main__":
    main()
