import multiprocessing as mp


def greet(name):
    print(f"hello from {name}", flush=True)


if __name__ == "__main__":
    p = mp.Process(target=greet, args=("a child",))
    p.start()
    p.join()
    print("exit code", p.exitcode)
