import multiprocessing as mp
import time


def child():
    print("child: step 1", flush=True)
    print("child: step 2", flush=True)
    print("child: now stuck", flush=True)
    time.sleep(60)


if __name__ == "__main__":
    p = mp.Process(target=child)
    p.start()
    time.sleep(0.5)
    print("parent: waiting for the child", flush=True)
    p.join()
