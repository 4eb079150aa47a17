import multiprocessing as mp


def add(counter, n):
    with counter.get_lock():  # += is a read and a write: lock it
        counter.value += n


def main():
    counter = mp.Value("i", 0)  # in shared memory, passed as an argument
    children = [mp.Process(target=add, args=(counter, 10)) for _ in range(2)]
    for p in children:
        p.start()
    for p in children:
        p.join()
    print(f"main: counter = {counter.value}")


if __name__ == "__main__":
    main()
