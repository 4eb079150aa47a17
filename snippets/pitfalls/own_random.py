import multiprocessing as mp
import random

SEED = 2024


def roll(i, results):
    rng = random.Random(SEED * 1000 + i)  # one generator per child
    results.put((i, rng.randint(1, 1_000_000)))


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
