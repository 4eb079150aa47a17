import multiprocessing
import threading

ITEMS = 5
FORGET = 3  # the buggy consumer forgets task_done() for this item


def consume(tasks, handled, forgetful):
    count = 0
    while True:
        item = tasks.get()
        if item is None:
            tasks.task_done()
            break
        count += 1
        if forgetful and item == FORGET:
            continue  # bug: no task_done() for this item
        tasks.task_done()
        if count == ITEMS:
            handled.set()  # after the last item's task_done()


def run(forgetful):
    tasks = multiprocessing.JoinableQueue()
    handled = multiprocessing.Event()  # set once the worker is done with all
    worker = multiprocessing.Process(
        target=consume,
        args=(tasks, handled, forgetful),
    )
    worker.start()
    for item in range(ITEMS):
        tasks.put(item)
    handled.wait(timeout=30)

    # JoinableQueue.join() has no timeout: call it in a helper thread
    # and wait for that thread with one.
    joiner = threading.Thread(target=tasks.join, daemon=True)
    joiner.start()
    joiner.join(timeout=1.0)
    if joiner.is_alive():
        print("  join() still waiting after 1.0 s: a task_done() is missing")
        tasks.task_done()  # supply the missing call: join() returns
        joiner.join()
        print("  one more task_done() from main: join() returned")
    else:
        print("  join() returned: every item got its task_done()")
    tasks.put(None)  # stop the worker
    worker.join()
    tasks.close()
    tasks.join_thread()
    print("  worker exitcode:", worker.exitcode)


def main():
    print("a consumer that calls task_done() for every item:")
    run(forgetful=False)
    print("a consumer that forgets one task_done():")
    run(forgetful=True)


if __name__ == "__main__":
    main()
