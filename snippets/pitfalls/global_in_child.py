import multiprocessing as mp

counter = 0


def add(n):
    global counter
    counter += n  # changes this process's copy only
    print(f"{mp.current_process().name}: counter = {counter}")


def main():
    children = [mp.Process(target=add, args=(10,)) for _ in range(2)]
    for p in children:
        p.start()
    for p in children:
        p.join()
    print(f"main: counter = {counter}")


if __name__ == "__main__":
    main()
