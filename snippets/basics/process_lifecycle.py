import multiprocessing
import os


def mp_func(var, go):
    me = multiprocessing.current_process()
    print(f"child: var={var} pid={os.getpid()} name={me.name} parent={os.getppid()}")
    go.wait()  # stay alive until the parent has looked at us


def main():
    go = multiprocessing.Event()
    p = multiprocessing.Process(target=mp_func, args=(3, go))
    print("before start: pid =", p.pid, "| alive =", p.is_alive(), "| exitcode =", p.exitcode)
    p.start()
    print("after start:  pid =", p.pid, "| alive =", p.is_alive(), "| exitcode =", p.exitcode)
    go.set()
    p.join()
    print("after join:   pid =", p.pid, "| alive =", p.is_alive(), "| exitcode =", p.exitcode)
    print("parent pid:", os.getpid(), "| child name:", p.name)


if __name__ == "__main__":
    main()
