import multiprocessing as mp


def count_lines(f):
    print(f"child: {sum(1 for _ in f)} lines")


def main():
    with open(__file__) as f:
        p = mp.Process(target=count_lines, args=(f,))
        try:
            p.start()  # spawn and forkserver pickle args here
        except TypeError as error:
            print(f"start() failed: {type(error).__name__}: {error}")
            return
        p.join()
    print(f"main: exitcode {p.exitcode}")


if __name__ == "__main__":
    main()
