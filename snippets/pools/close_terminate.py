import multiprocessing as mp
import time


def task(x):
    time.sleep(0.2)
    return x


def main():
    pool = mp.Pool(2)
    results = [pool.apply_async(task, (i,)) for i in range(4)]
    pool.close()  # no new tasks; the queued ones still run
    pool.join()  # wait for the workers to finish them and exit
    print("close + join:", [r.get() for r in results])

    pool = mp.Pool(2)
    results = [pool.apply_async(task, (i,)) for i in range(4)]
    pool.terminate()  # stop the workers now, queued tasks and all
    pool.join()
    print("terminate: ready() =", [r.ready() for r in results])

    with mp.Pool(2) as pool:
        late = pool.apply_async(task, (9,))
    # leaving the block called terminate(): the task will never finish
    try:
        late.get(timeout=1)
    except mp.TimeoutError:
        print("after the with block: get(timeout=1) raised TimeoutError")


if __name__ == "__main__":
    main()
