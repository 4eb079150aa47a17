import os
import queue
from multiprocessing.managers import BaseManager

KEY = b"lab-secret"
jobs = queue.Queue()


def get_jobs():
    return jobs


class JobManager(BaseManager):
    pass


JobManager.register("jobs", callable=get_jobs)

CODE = (
    "import os; "
    "print(f'server: running code a client sent, pid {os.getpid()}')"
)


class NotAJob:
    """Pickle stores 'call exec(CODE)'; whoever unpickles it runs it."""

    def __reduce__(self):
        return (exec, (CODE,))


def main():
    server = JobManager(address=("127.0.0.1", 0), authkey=KEY)
    server.start()
    print(f"client: pid {os.getpid()}, sending a 'job'")
    server.jobs().put(NotAJob())  # pickled here, unpickled in the server
    print(f"client: the queue now holds {server.jobs().get(timeout=5)!r}")
    server.shutdown()


if __name__ == "__main__":
    main()
