import multiprocessing as mp
import os
from concurrent.futures import ProcessPoolExecutor, wait


def task(x):
    return os.getpid()


def run():
    ex = ProcessPoolExecutor(1, max_tasks_per_child=2)
    futures = [ex.submit(task, x) for x in range(6)]
    done, _ = wait(futures, timeout=2)
    pids = {f.result() for f in done}
    print(
        f"done within 2 s: {len(done)} of 6 tasks, workers used: {len(pids)}"
    )
    ex.shutdown(wait=False, cancel_futures=True)


def main():
    p = mp.Process(target=run)  # the executor lives in a process we can kill
    p.start()
    p.join(timeout=5)
    if p.is_alive():
        print("main: 5 s later that process still waits; killing it")
        p.kill()
        p.join()
    print("main: its exit code:", p.exitcode)


if __name__ == "__main__":
    main()
