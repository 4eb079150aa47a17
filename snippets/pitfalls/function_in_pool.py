import functools
import multiprocessing as mp


def power(x, exponent):
    return x**exponent


def square(x):  # module level: a worker finds it by name
    return x * x


def main():
    with mp.Pool(2) as pool:
        print(pool.map(square, range(4)))
        cube = functools.partial(power, exponent=3)  # instead of a lambda
        print(pool.map(cube, range(4)))


if __name__ == "__main__":
    main()
