import multiprocessing as mp
import os
import queue
import time
from multiprocessing.managers import BaseManager

KEY = b"lab-secret"
jobs = queue.Queue()  # these live in the server process
results = queue.Queue()


def get_jobs():
    return jobs


def get_results():
    return results


class JobManager(BaseManager):
    pass


# Module level: the server and every worker know the same names.
JobManager.register("jobs", callable=get_jobs)
JobManager.register("results", callable=get_results)


def worker(address, key):
    # All a worker needs is the address and the key, as on another machine.
    manager = JobManager(address=address, authkey=key)
    manager.connect()
    todo, done = manager.jobs(), manager.results()
    while (n := todo.get()) is not None:
        time.sleep(0.05)  # a job that takes a moment
        done.put((n, n * n, os.getpid()))


def main():
    # Port 0: the system picks a free port; manager.address says which.
    server = JobManager(address=("127.0.0.1", 0), authkey=KEY)
    server.start()  # the server runs in a process of its own
    host, port = server.address
    print(f"server listening on {host} port {port}")
    todo, done = server.jobs(), server.results()
    workers = [
        mp.Process(target=worker, args=(server.address, KEY)) for _ in range(3)
    ]
    for w in workers:
        w.start()
    for n in range(8):
        todo.put(n)
    for _ in workers:
        todo.put(None)  # one end-of-work marker per worker
    answers = [done.get(timeout=10) for _ in range(8)]
    for w in workers:
        w.join()
    print("squares:", [sq for _, sq, _ in sorted(answers)])
    pids = [pid for _, _, pid in answers]
    print("jobs per worker:", sorted(pids.count(w.pid) for w in workers))

    intruder = JobManager(address=server.address, authkey=b"guess")
    try:
        intruder.connect()
    except mp.AuthenticationError as err:
        print(f"wrong key: {type(err).__name__}: {err}")
    server.shutdown()
    print("server stopped")


if __name__ == "__main__":
    main()
