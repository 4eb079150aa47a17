import multiprocessing
import os
import signal
from multiprocessing.connection import wait


def worker(name, conn, after, served):
    if after is not None:
        after.wait()  # ask only once the previous worker has been served
    if name == "D":
        os.kill(os.getpid(), signal.SIGKILL)  # dies before asking
    conn.send(f"{name}: 2 + 2?")
    print(f"worker {name} got:", conn.recv())
    served.set()


def main():
    names = ["A", "B", "C", "D"]
    # C asks first, then B, then A; D dies once A has been served.
    served = {n: multiprocessing.Event() for n in names}
    after = {"C": None, "B": served["C"], "A": served["B"], "D": served["A"]}
    conns, workers = {}, {}
    for n in names:
        here, there = multiprocessing.Pipe()
        args = (n, there, after[n], served[n])
        p = multiprocessing.Process(target=worker, args=args)
        p.start()
        there.close()
        conns[here], workers[p.sentinel] = n, (n, p)

    # Nobody can end before being served: a timeout gives an empty list.
    early = wait(list(workers), timeout=0.1)
    print("main: wait(sentinels, timeout=0.1) ->", early)
    codes = {}
    while workers:  # until every worker has ended
        for ready in wait(list(conns) + list(workers)):
            if ready in conns:
                try:
                    question = ready.recv()
                except EOFError:  # that worker has closed its end
                    del conns[ready]
                    continue
                print(f"main: serving {question!r}")
                ready.send(4)
            else:
                n, p = workers.pop(ready)  # a sentinel: the process ended
                p.join()
                if p.exitcode != 0:
                    print(f"main: worker {n} died, exitcode {p.exitcode}")
                    codes[n] = p.exitcode
    print("main: every worker has ended; non-zero exit codes:", codes)


if __name__ == "__main__":
    main()
