import multiprocessing as mp


def worker(i, squares, seen, ns, lock):
    squares[i] = i * i  # each call is a message to the manager
    seen.append(i)
    with lock:  # read, add, write: three messages; the lock makes them one
        ns.count += 1


def main():
    with mp.Manager() as manager:
        squares = manager.dict()
        seen = manager.list()
        ns = manager.Namespace()
        ns.count = 0
        lock = manager.Lock()
        shared = (squares, seen, ns, lock)
        args = [(i, *shared) for i in range(4)]
        workers = [mp.Process(target=worker, args=a) for a in args]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        print(f"squares: {dict(sorted(squares.items()))}")
        print(f"seen:    {sorted(seen)}")
        print(f"count:   {ns.count}")
        print(f"types:   {type(squares).__name__}, {type(seen).__name__}")


if __name__ == "__main__":
    main()
