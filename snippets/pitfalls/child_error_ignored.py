import multiprocessing as mp


def convert(text):
    print(f"{mp.current_process().name}: {int(text)}")


def main():
    jobs = [mp.Process(target=convert, args=(t,)) for t in ["1", "x", "3"]]
    for p in jobs:
        p.start()
    for p in jobs:
        p.join()
    print("main: all done")  # the program still exits with code 0


if __name__ == "__main__":
    main()
