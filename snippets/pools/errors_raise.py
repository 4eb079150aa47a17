import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor, as_completed


def check(x):
    if x == 1:
        raise ValueError(f"bad input: {x}")
    return x


def main():
    with mp.Pool(2) as pool:
        try:
            pool.map(check, range(3))
        except ValueError as error:
            print("Pool.map raised:", repr(error), "- no result at all")
        results = pool.imap(check, range(3))
        got = []
        for _ in range(3):
            try:
                got.append(next(results))
            except ValueError as error:
                got.append(repr(error))
        print("Pool.imap went on:", got)

    with ProcessPoolExecutor(2) as ex:
        got = []
        try:
            for value in ex.map(check, range(3)):
                got.append(value)
        except ValueError as error:
            print("Executor.map raised:", repr(error), "after", got)
        futures = {ex.submit(check, x): x for x in range(3)}
        outcome = {}
        for future in as_completed(futures):
            error = future.exception()
            outcome[futures[future]] = (
                repr(error) if error else future.result()
            )
        print("one future each:", dict(sorted(outcome.items())))


if __name__ == "__main__":
    main()
