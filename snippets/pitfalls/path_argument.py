import multiprocessing as mp


def count_lines(path):
    with open(path) as f:  # the child opens the file itself
        print(f"child: {sum(1 for _ in f)} lines")


def main():
    p = mp.Process(target=count_lines, args=(__file__,))
    p.start()
    p.join()
    print(f"main: exitcode {p.exitcode}")


if __name__ == "__main__":
    main()
