import functools
import pickle


def square(x):
    return x * x


def make_adder(n):
    def add(x):  # a nested function: main.<locals>... has no importable name
        return x + n

    return add


def main():
    candidates = {
        "square": square,
        "functools.partial(square, 3)": functools.partial(square, 3),
        "lambda x: x * x": lambda x: x * x,
        "make_adder(1)": make_adder(1),
    }
    for label, obj in candidates.items():
        try:
            data = pickle.dumps(obj)
            print(f"{label:<30} pickled, {len(data)} bytes: {data!r}")
        except (pickle.PicklingError, AttributeError) as error:
            print(f"{label:<30} {type(error).__name__}: {error}")


if __name__ == "__main__":
    main()
