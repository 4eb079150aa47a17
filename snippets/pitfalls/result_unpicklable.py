import multiprocessing as mp
import threading


class Job:
    def __init__(self, n):
        self.n = n
        self.lock = threading.Lock()  # cannot be pickled


def make_job(n):
    return Job(n)  # the result must travel back to the parent


def main():
    with mp.Pool(2) as pool:
        print(pool.apply(make_job, (1,)))


if __name__ == "__main__":
    main()
