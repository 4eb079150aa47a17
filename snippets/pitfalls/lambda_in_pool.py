import multiprocessing as mp


def main():
    with mp.Pool(2) as pool:
        print(pool.map(lambda x: x * x, range(4)))


if __name__ == "__main__":
    main()
