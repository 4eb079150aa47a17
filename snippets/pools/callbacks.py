import multiprocessing as mp
import os
import threading


def square(x):
    if x < 0:
        raise ValueError(f"negative input: {x}")
    return x * x


def where():
    return f"pid {os.getpid()}, thread {threading.current_thread().name}"


def on_result(value):
    print(f"callback({value!r}) runs in {where()}")


def on_error(error):
    print(f"error_callback({error!r}) runs in {where()}")


def main():
    print(f"main() runs in {where()}")
    with mp.Pool(2) as pool:
        print("apply:", pool.apply(square, (3,)))  # blocks until done
        ok = pool.apply_async(square, (4,), callback=on_result)
        bad = pool.apply_async(square, (-1,), error_callback=on_error)
        both = pool.map_async(square, [1, 2], callback=on_result)
        ok.wait(timeout=5)
        bad.wait(timeout=5)
        both.wait(timeout=5)
        print("successful():", ok.successful(), bad.successful())


if __name__ == "__main__":
    main()
