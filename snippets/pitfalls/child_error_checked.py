import multiprocessing as mp
import sys


def convert(text):
    print(f"{mp.current_process().name}: {int(text)}")


def main():
    jobs = [mp.Process(target=convert, args=(t,)) for t in ["1", "x", "3"]]
    for p in jobs:
        p.start()
    for p in jobs:
        p.join()
    failed = [p.name for p in jobs if p.exitcode != 0]
    if failed:
        sys.exit(f"main: failed: {failed}")  # exit code 1, says why
    print("main: all done")


if __name__ == "__main__":
    main()
