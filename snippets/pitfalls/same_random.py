import multiprocessing as mp
import random

RNG = random.Random()  # module level: seeded once, when the module loads


def roll(i, results):
    results.put((i, RNG.randint(1, 1_000_000)))


def main():
    results = mp.Queue()
    children = [mp.Process(target=roll, args=(i, results)) for i in range(4)]
    for p in children:
        p.start()
    draws = dict(results.get() for _ in children)
    for p in children:
        p.join()
    print("draws by child:", [draws[i] for i in range(4)])
    print(f"distinct: {len(set(draws.values()))} of 4")


if __name__ == "__main__":
    main()
