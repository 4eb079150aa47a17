import multiprocessing as mp
import time


def worker(i, barrier):
    time.sleep(0.1 * i)  # they arrive one by one
    print(f"worker {i}: arrived")
    barrier.wait()
    print(f"worker {i}: left")


def main():
    barrier = mp.Barrier(3)
    workers = [mp.Process(target=worker, args=(i, barrier)) for i in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()


if __name__ == "__main__":
    main()
