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
    items[3] = "abcdefgh"  # fits: "abc" got a slot of 8 bytes
    print(f"8 characters: {items[3]!r}")
    try:
        items[3] = "abcdefghi"  # 9 bytes: no room
    except ValueError as error:
        print(f"9 characters: ValueError: {error}")
    items[3] = "xyz\0"  # a trailing NUL byte is dropped on reading
    print(f"'xyz\\0' reads back as {items[3]!r}")
    print(f"final: {list(items)}")
    items.shm.close()
    items.shm.unlink()


if __name__ == "__main__":
    main()
