import multiprocessing as mp


def work(i, results):
    results.put((i, list(range(100_000))))


def main():
    results = mp.Queue()
    workers = [mp.Process(target=work, args=(i, results)) for i in range(2)]
    for p in workers:
        p.start()
    got = dict(results.get() for _ in workers)  # get everything first
    for p in workers:
        p.join()  # then join: nothing is left in the pipe
    print(f"results from workers {sorted(got)}, sizes", end=" ")
    print([len(got[i]) for i in sorted(got)])
    print("exit codes", [p.exitcode for p in workers])


if __name__ == "__main__":
    main()
