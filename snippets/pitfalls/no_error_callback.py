import multiprocessing as mp


def parse(text):
    return int(text)


def main():
    results = []
    with mp.Pool(2) as pool:
        for text in ["1", "2", "three", "4"]:
            pool.apply_async(parse, (text,), callback=results.append)
        pool.close()
        pool.join()  # every task has ended
    print(f"results: {sorted(results)} ({len(results)} of 4), no error shown")


if __name__ == "__main__":
    main()
