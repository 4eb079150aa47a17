import multiprocessing
import os
import time


def mp_func(var):
    me = multiprocessing.current_process()
    print(f"child: var={var} pid={os.getpid()} name={me.name} parent={os.getppid()}")
    time.sleep(0.1)


def main():
    p = multiprocessing.Process(target=mp_func, args=(3,))
    print("before start: pid =", p.pid, "| alive =", p.is_alive(), "| exitcode =", p.exitcode)
    p.start()
    print("after start:  pid =", p.pid, "| alive =", p.is_alive(), "| exitcode =", p.exitcode)
    p.join()
    print("after join:   pid =", p.pid, "| alive =", p.is_alive(), "| exitcode =", p.exitcode)
    print("parent pid:", os.getpid(), "| child name:", p.name)


if __name__ == "__main__":
    main()
