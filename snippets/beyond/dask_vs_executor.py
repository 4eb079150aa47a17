import logging
import multiprocessing as mp
import os
import socket
import sys
import time
from concurrent.futures import ProcessPoolExecutor

import dask
from dask.distributed import Client, LocalCluster

N = 1_000_000  # one CPU-bound task
TASKS = 8
SMALL = 200  # tiny tasks, to measure the cost of one task
REPEAT = 3  # best of three: the machine may be busy


def count_odd_squares(n):
    # pure Python, CPU-bound (as in chapter 2)
    return sum(1 for i in range(n) if (i * i) % 2)


def nothing(x):
    return x


def timed(fn):
    best = float("inf")
    for _ in range(REPEAT):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def on_executor():
    start = time.perf_counter()
    # spawn, like Dask's workers: both start fresh interpreters
    spawn = mp.get_context("spawn")
    with ProcessPoolExecutor(2, mp_context=spawn) as ex:
        ex.submit(nothing, 0).result()  # wait until a worker is up
        startup = time.perf_counter() - start
        small, _ = timed(lambda: list(ex.map(nothing, range(SMALL))))
        work, results = timed(
            lambda: list(ex.map(count_odd_squares, [N] * TASKS))
        )
    return startup, small / SMALL, work, results


def on_dask(ports):
    start = time.perf_counter()
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=logging.ERROR,  # no info/warning log lines
    ) as cluster:
        # A real cluster: Client("tcp://scheduler-host:8786")
        with Client(cluster.scheduler_address) as client:
            client.submit(nothing, 0).result()
            startup = time.perf_counter() - start
            ports += listening_ports(client)
            small, _ = timed(
                lambda: client.gather(
                    client.map(nothing, range(SMALL), pure=False)
                )
            )
            # pure=False: by default Dask runs a call with the same
            # function and arguments once and reuses its result.
            work, results = timed(
                lambda: client.gather(
                    client.map(count_odd_squares, [N] * TASKS, pure=False)
                )
            )
    return startup, small / SMALL, work, results


def listening_ports(client):
    info = client.scheduler_info()
    ports = {info["address"]}  # the scheduler
    for address, worker in info["workers"].items():
        ports |= {address, worker["nanny"], *worker["services"].values()}
    return sorted(int(str(p).rsplit(":", 1)[-1]) for p in ports)


def still_open(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def main():
    print(
        f"Python {sys.version.split()[0]}, dask {dask.__version__}, "
        f"CPUs: {os.cpu_count()}"
    )
    ex_start, ex_task, ex_work, ex_results = on_executor()
    ports = []
    dk_start, dk_task, dk_work, dk_results = on_dask(ports)
    print(f"{'':24}{'executor':>10}{'dask':>10}{'dask/ex':>9}")
    rows = [
        ("start-up, s", ex_start, dk_start),
        ("per tiny task, ms", ex_task * 1e3, dk_task * 1e3),
        (f"{TASKS} x count, s", ex_work, dk_work),
    ]
    for name, ex, dk in rows:
        print(f"{name:24}{ex:>10.3f}{dk:>10.3f}{dk / ex:>8.1f}x")
    print("same results:", ex_results == dk_results, ex_results[:2], "...")
    print("ports the cluster listened on:", ports)
    print("still open after close:", [p for p in ports if still_open(p)])


if __name__ == "__main__":
    main()
