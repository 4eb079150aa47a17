import multiprocessing as mp


def main():
    p = mp.Process(target=lambda: print("child: hello from a lambda"))
    p.start()
    p.join()
    print("main: exitcode", p.exitcode)


if __name__ == "__main__":
    main()
