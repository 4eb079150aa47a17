import multiprocessing
import os


def mp_func(var, go):
    me = multiprocessing.current_process()
    print(
        f"child: var={var} pid={os.getpid()} "
        f"name={me.name} parent={os.getppid()}"
    )
    go.wait()  # stay alive until the parent has looked at us


def main():
    go = multiprocessing.Event()
    p = multiprocessing.Process(target=mp_func, args=(3, go))
    print(
        f"before start: pid = {p.pid} | alive = {p.is_alive()} "
        f"| exitcode = {p.exitcode}"
    )
    p.start()
    print(
        f"after start:  pid = {p.pid} | alive = {p.is_alive()} "
        f"| exitcode = {p.exitcode}"
    )
    go.set()
    p.join()
    print(
        f"after join:   pid = {p.pid} | alive = {p.is_alive()} "
        f"| exitcode = {p.exitcode}"
    )
    print("parent pid:", os.getpid(), "| child name:", p.name)


if __name__ == "__main__":
    main()
