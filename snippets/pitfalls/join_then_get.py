import multiprocessing as mp


def work(i, results):
    results.put((i, list(range(100_000))))  # far more than a pipe holds
    print(f"worker {i}: put() returned, about to exit")


def main():
    results = mp.Queue()
    workers = [mp.Process(target=work, args=(i, results)) for i in range(2)]
    for p in workers:
        p.start()
    for p in workers:
        p.join(timeout=0.5)  # a plain join() would wait forever
    alive = [p.name for p in workers if p.is_alive()]
    print(f"after join(timeout=0.5): still alive {alive}")
    got = [results.get() for _ in workers]  # draining lets them exit
    for p in workers:
        p.join()
    print(f"after get(): {len(got)} results, exit codes", end=" ")
    print([p.exitcode for p in workers])


if __name__ == "__main__":
    main()
