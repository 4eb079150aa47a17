import multiprocessing as mp


def count_multiples(chunk):
    # Private work, no shared state, no lock: just return the answer.
    return sum(1 for n in chunk if n % 3 == 0 or n % 5 == 0)


def main():
    numbers = range(100_000)
    chunks = [numbers[i : i + 25_000] for i in range(0, 100_000, 25_000)]
    with mp.Pool(2) as pool:
        parts = pool.map(count_multiples, chunks)
    print(f"parts: {parts}")
    print(f"total: {sum(parts)}")
    print(f"check: {count_multiples(numbers)}")


if __name__ == "__main__":
    main()
