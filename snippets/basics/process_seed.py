import multiprocessing
import time


def mp_func(var):
    time.sleep(0.1)
    print(var)


def multi_pros():
    p = multiprocessing.Process(target=mp_func, args=(3,))
    p.start()
    p.join()
    print("p.pid:", p.pid)
    print("p.name:", p.name)
    print("p.is_alive:", p.is_alive())


if __name__ == "__main__":
    multi_pros()
