import multiprocessing as mp


def square(x):
    return x * x


def main():
    groups = [[1, 2], [3, 4]]
    flat = [x for group in groups for x in group]  # one level of tasks
    with mp.Pool(2) as pool:
        squares = iter(pool.map(square, flat))
    print([[next(squares) for _ in group] for group in groups])


if __name__ == "__main__":
    main()
