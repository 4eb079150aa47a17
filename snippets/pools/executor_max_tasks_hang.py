import multiprocessing as mp
import os
from concurrent.futures import ProcessPoolExecutor, wait


def task(x):
    return os.getpid()


def run(reported):
    ex = ProcessPoolExecutor(1, max_tasks_per_child=2)
    futures = [ex.submit(task, x) for x in range(6)]
    for future in futures[:2]:  # the first worker runs these two, then exits
        future.result(timeout=30)
    done, _ = wait(futures, timeout=3)
    pids = {f.result() for f in done}
    print(
        f"3 s after the first two: {len(done)} of 6 tasks done,"
        f" workers used: {len(pids)}"
    )
    reported.set()
    ex.shutdown(wait=False, cancel_futures=True)


def main():
    reported = mp.Event()
    # the executor lives in a process the parent can kill
    p = mp.Process(target=run, args=(reported,))
    p.start()
    reported.wait(timeout=60)
    p.join(timeout=2)
    if p.is_alive():
        print("main: 2 s after its report that process still waits; kill it")
        p.kill()
        p.join()
    print("main: its exit code:", p.exitcode)


if __name__ == "__main__":
    main()
