from concurrent.futures import ProcessPoolExecutor


def square(x):
    return x * x


if __name__ == "__main__":  # a spawned worker imports the module, skips this
    with ProcessPoolExecutor(max_workers=1) as executor:
        print(list(executor.map(square, range(4))))
