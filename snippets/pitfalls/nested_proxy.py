import multiprocessing as mp


def record(results, name):
    results["done"].append(name)  # appends to a copy of the list


def main():
    with mp.Manager() as manager:
        results = manager.dict(done=[])
        children = []
        for name in ("job0", "job1", "job2"):
            p = mp.Process(target=record, args=(results, name))
            children.append(p)
        for p in children:
            p.start()
        for p in children:
            p.join()
        print(f"main: results['done'] = {results['done']}")


if __name__ == "__main__":
    main()
