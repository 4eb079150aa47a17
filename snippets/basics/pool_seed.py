import multiprocessing as mp
import time


def mp_func(x):
    print("input:", x)
    time.sleep(0.3)


def multipro():
    pool = mp.Pool(3)
    for i in range(4):
        pool.apply_async(mp_func, (i,))
    print("Waiting for print...")
    pool.close()
    pool.join()


if __name__ == "__main__":
    multipro()
