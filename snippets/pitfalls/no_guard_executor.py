from concurrent.futures import ProcessPoolExecutor


def square(x):
    return x * x


# No `if __name__ == "__main__":` guard: a spawned worker runs this too.
with ProcessPoolExecutor(max_workers=1) as executor:
    print(list(executor.map(square, range(4))))
