import multiprocessing as mp
from multiprocessing import shared_memory


def worker(name, i):
    items = shared_memory.ShareableList(name=name)
    items[i] = items[i] * 10
    items.shm.close()


def main():
    items = shared_memory.ShareableList([1, 2.5, 3, "abc", None])
    name = items.shm.name
    print(f"created {name}: {list(items)}")
    args = [(name, i) for i in range(3)]
    workers = [mp.Process(target=worker, args=a) for a in args]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(f"after the workers: {list(items)}")
    items[3] = "xyz"  # fits: same size as "abc"
    try:
        items[3] = "a longer string"
    except ValueError as error:
        print(f"ValueError: {error}")
    print(f"final: {list(items)}")
    items.shm.close()
    items.shm.unlink()


if __name__ == "__main__":
    main()
