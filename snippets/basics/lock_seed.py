import multiprocessing
import time

a = 10
lock = multiprocessing.Lock()


def mp_func1():
    global a, lock
    lock.acquire()
    for i in range(10):
        a = a + 1
        time.sleep(0.05)
        print(a)
    lock.release()


def mp_func2():
    global a
    lock.acquire()
    for i in range(10):
        a = a + 10
        time.sleep(0.05)
        print(a)
    lock.release()


def mulProcess():
    global a
    p1 = multiprocessing.Process(target=mp_func1)
    p2 = multiprocessing.Process(target=mp_func2)
    p1.start()
    p2.start()
    p1.join()
    p2.join()


if __name__ == "__main__":
    mulProcess()
