import multiprocessing as mp


def square(x):
    return x * x


def report(result):
    print(f"callback: got {result}")
    raise ValueError("bug in the callback")


def main():
    pool = mp.Pool(1)  # one worker: results come back in order
    pool.apply_async(square, (2,), callback=report)
    later = pool.apply_async(square, (3,))
    try:
        print("square(3) =", later.get(timeout=1))
    except mp.TimeoutError:
        print("main: square(3) never arrived within 1 s")
    try:
        pool.terminate()
    except AssertionError as error:
        print(f"main: terminate() failed: {error}")


if __name__ == "__main__":
    main()
