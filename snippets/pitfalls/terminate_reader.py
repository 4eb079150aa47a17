import multiprocessing as mp
import queue
import time


def wait_for_job(jobs):
    print(f"reader: waiting for a job, got {jobs.get()}")


def read_lock_taken(jobs):
    # Peek at the queue's private read lock: for this demonstration only.
    if jobs._rlock.acquire(block=False):
        jobs._rlock.release()
        return False
    return True


def main():
    jobs = mp.Queue()
    reader = mp.Process(target=wait_for_job, args=(jobs,))
    reader.start()
    while not read_lock_taken(jobs):  # until the reader waits inside get()
        time.sleep(0.01)
    reader.terminate()  # killed while it holds the queue's read lock
    reader.join()
    print(f"reader terminated, exitcode {reader.exitcode}")
    jobs.put("job 1")
    try:
        print("main: got", jobs.get(timeout=1))
    except queue.Empty:
        print("main: get(timeout=1) found nothing, though 'job 1' was put")


if __name__ == "__main__":
    main()
