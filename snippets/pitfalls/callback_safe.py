import multiprocessing as mp


def square(x):
    return x * x


def report(result):
    try:
        print(f"callback: got {result}")
        raise ValueError("bug in the callback")
    except Exception as error:  # never let it escape into the pool
        print(f"callback: caught {error!r}")


def main():
    with mp.Pool(1) as pool:
        first = pool.apply_async(square, (2,), callback=report)
        later = pool.apply_async(square, (3,))
        print("square(3) =", later.get(timeout=1))
        first.wait()
    print("main: pool closed normally")


if __name__ == "__main__":
    main()
