import multiprocessing as mp


def record(results, lock, name):
    with lock:  # read, change, write back: one step at a time
        done = results["done"]
        done.append(name)
        results["done"] = done  # assigning sends the new list to the manager


def main():
    with mp.Manager() as manager:
        results = manager.dict(done=[])
        lock = manager.Lock()
        children = []
        for name in ("job0", "job1", "job2"):
            p = mp.Process(target=record, args=(results, lock, name))
            children.append(p)
        for p in children:
            p.start()
        for p in children:
            p.join()
        print(f"main: results['done'] = {sorted(results['done'])}")


if __name__ == "__main__":
    main()
