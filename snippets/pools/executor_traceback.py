from concurrent.futures import ProcessPoolExecutor


def parse(text):
    return int(text)


def main():
    with ProcessPoolExecutor(2) as ex:
        future = ex.submit(parse, "forty-two")
        print(future.result())  # raises here, in the parent


if __name__ == "__main__":
    main()
