import multiprocessing as mp
import random

RNG = random.Random()  # module level, seeded once when the module is imported


def draw(i, q):
    own = random.Random(1000 + i)  # the fix: one seeded generator per child
    q.put(
        (i, random.getrandbits(32), RNG.getrandbits(32), own.getrandbits(32))
    )


def main():
    q = mp.Queue()
    children = [mp.Process(target=draw, args=(i, q)) for i in range(4)]
    for p in children:
        p.start()
    rows = sorted(q.get() for _ in children)
    for p in children:
        p.join()
    names = ("random.getrandbits", "RNG.getrandbits", "own.getrandbits")
    print("child", *(f"{name:>18}" for name in names))
    for i, *values in rows:
        print(f"{i:>5}", *(f"{value:>18}" for value in values))
    for column, name in enumerate(names, start=1):
        distinct = len({row[column] for row in rows})
        print(f"{name}: {distinct} distinct of {len(rows)}")


if __name__ == "__main__":
    main()
