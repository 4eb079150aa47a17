import multiprocessing as mp


def parse(text):
    return int(text)


def main():
    results, errors = [], []
    with mp.Pool(2) as pool:
        for text in ["1", "2", "three", "4"]:
            pool.apply_async(
                parse,
                (text,),
                callback=results.append,
                error_callback=errors.append,  # called with the exception
            )
        pool.close()
        pool.join()
    print(f"results: {sorted(results)} ({len(results)} of 4)")
    for error in errors:
        print(f"error: {error!r}")


if __name__ == "__main__":
    main()
