import multiprocessing as mp
import queue
import threading


class Job:
    def __init__(self, n):
        self.n = n
        self.lock = threading.Lock()  # cannot be pickled


def main():
    jobs = mp.Queue()
    jobs.put(Job(1))  # returns at once: a feeder thread pickles it later
    print("main: put() returned")
    try:
        jobs.get(timeout=1)
    except queue.Empty:
        print("main: get(timeout=1) raised queue.Empty: the job was lost")
    simple = mp.SimpleQueue()
    try:
        simple.put(Job(2))  # pickles in put() itself
    except TypeError as error:
        print(f"main: SimpleQueue.put() raised TypeError: {error}")


if __name__ == "__main__":
    main()
