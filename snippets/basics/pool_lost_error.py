import multiprocessing as mp


def mp_func(x):
    if x == 2:
        raise ValueError(f"bad input: {x}")
    print("input:", x)


def main():
    pool = mp.Pool(3)
    for i in range(4):
        pool.apply_async(mp_func, (i,))  # the AsyncResult is thrown away
    pool.close()
    pool.join()
    print("done: no error was reported")


if __name__ == "__main__":
    main()
