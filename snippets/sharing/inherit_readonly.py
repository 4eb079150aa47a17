import multiprocessing as mp

TABLE = None  # filled in by main() before any child starts


def lookup(keys):
    if TABLE is None:
        print("child: TABLE is None (this interpreter re-imported the module)")
        return
    found = [TABLE[k] for k in keys]
    print(f"child: TABLE has {len(TABLE)} entries, lookups {found}")


def main():
    global TABLE
    TABLE = {n: n * n for n in range(100_000)}  # large, built once, read-only
    p = mp.Process(target=lookup, args=([3, 99_999],))  # only the keys travel
    p.start()
    p.join()


if __name__ == "__main__":
    main()
