import logging
import multiprocessing as mp
import os
import socket
import sys
import time
from concurrent.futures import ProcessPoolExecutor

import dask
import psutil
from dask.distributed import Client, LocalCluster

N = 1_000_000  # one CPU-bound task
TASKS = 8
SMALL = 200  # tiny tasks, to measure the cost of one task
REPEAT = 3  # best of three, taking turns: the machine may be busy


def count_odd_squares(n):
    # pure Python, CPU-bound (as in chapter 2)
    return sum(1 for i in range(n) if (i * i) % 2)


def nothing(x):
    return x


def best_of(*fns):
    """Each function's best time and last result, the functions taking
    turns so that a busy moment of the machine hits them all alike."""
    best = [float("inf")] * len(fns)
    results = [None] * len(fns)
    for _ in range(REPEAT):
        for i, fn in enumerate(fns):
            start = time.perf_counter()
            results[i] = fn()
            best[i] = min(best[i], time.perf_counter() - start)
    return best, results


def listening_ports():
    """Every TCP port this process and its children listen on."""
    me = psutil.Process()
    ports = set()
    for process in [me, *me.children(recursive=True)]:
        for conn in process.net_connections(kind="tcp"):
            if conn.status == psutil.CONN_LISTEN:
                ports.add(conn.laddr.port)
    return sorted(ports)


def still_open(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def main():
    print(
        f"Python {sys.version.split()[0]}, dask {dask.__version__}, "
        f"CPUs: {os.cpu_count()}, load average: {os.getloadavg()[0]:.2f}"
    )
    start = time.perf_counter()
    # spawn, like Dask's workers: both start fresh interpreters
    spawn = mp.get_context("spawn")
    with ProcessPoolExecutor(2, mp_context=spawn) as ex:
        ex.submit(nothing, 0).result()  # wait until a worker is up
        ex_start = time.perf_counter() - start
        start = time.perf_counter()
        with LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.CRITICAL,  # see dask_client.py
        ) as cluster:
            # A real cluster: Client("tcp://scheduler-host:8786")
            with Client(cluster.scheduler_address) as client:
                client.submit(nothing, 0).result()
                dk_start = time.perf_counter() - start
                ports = listening_ports()
                http = client.scheduler_info()["services"]["dashboard"]
                # pure=False: by default Dask runs a call with the same
                # function and arguments once and reuses its result.
                times, results = best_of(
                    lambda: list(ex.map(nothing, range(SMALL))),
                    lambda: client.gather(
                        client.map(nothing, range(SMALL), pure=False)
                    ),
                    lambda: list(ex.map(count_odd_squares, [N] * TASKS)),
                    lambda: client.gather(
                        client.map(count_odd_squares, [N] * TASKS, pure=False)
                    ),
                )
    print(f"{'':24}{'executor':>10}{'dask':>10}{'dask/ex':>9}")
    rows = [
        ("start-up, s", ex_start, dk_start),
        ("per tiny task, ms", *(t / SMALL * 1e3 for t in times[:2])),
        (f"{TASKS} x count, s", *times[2:]),
    ]
    for name, ex_time, dk_time in rows:
        ratio = dk_time / ex_time
        print(f"{name:24}{ex_time:>10.3f}{dk_time:>10.3f}{ratio:>8.1f}x")
    print("same results:", results[2] == results[3], results[2][:2], "...")
    print("ports the cluster listened on:", ports)
    print("among them the scheduler's HTTP server:", http)
    print("still open after close:", [p for p in ports if still_open(p)])


if __name__ == "__main__":
    main()
