import multiprocessing as mp
import time
from concurrent.futures import ProcessPoolExecutor

started = None  # set in the Pool's worker by init()


def init(event):
    global started
    started = event


def stuck(seconds):
    if started is not None:
        started.set()  # the task is running now
    time.sleep(seconds)  # stands for a task that hangs
    return seconds


def name(error):
    return f"{type(error).__module__}.{type(error).__qualname__}"


def main():
    running = mp.Event()
    pool = mp.Pool(1, initializer=init, initargs=(running,))
    result = pool.apply_async(stuck, (30,))
    running.wait(timeout=30)  # however slowly the worker starts
    try:
        result.get(timeout=0.5)
    except mp.TimeoutError as error:  # not the builtin TimeoutError
        print("Pool: get(timeout=0.5) raised", name(error))
        print("Pool: a builtin TimeoutError?", isinstance(error, TimeoutError))
    print("Pool: the worker is still busy, ready() =", result.ready())
    pool.terminate()  # the only way to stop the stuck worker
    pool.join()
    print("Pool: terminate() stopped it")

    start = time.monotonic()
    with ProcessPoolExecutor(1) as ex:
        future = ex.submit(stuck, 1)
        try:
            future.result(timeout=0.5)
        except TimeoutError as error:  # the builtin, since Python 3.11
            print("Executor: result(timeout=0.5) raised", name(error))
        print("Executor: cancel() =", future.cancel(), "(it is running)")
    # leaving the block waited for the task to end
    took = time.monotonic() - start
    print(f"Executor: shutdown returned after {took:.1f} s:", future.result())


if __name__ == "__main__":
    main()
