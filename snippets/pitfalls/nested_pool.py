import multiprocessing as mp


def square(x):
    return x * x


def square_group(group):
    with mp.Pool(2) as inner:  # a pool inside a pool worker
        return inner.map(square, group)


def main():
    groups = [[1, 2], [3, 4]]
    with mp.Pool(2) as pool:
        print(pool.map(square_group, groups))


if __name__ == "__main__":
    main()
