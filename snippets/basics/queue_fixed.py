import multiprocessing


def mp_func(a, q):
    q.put((a, a * 2))


def main():
    q = multiprocessing.Queue()
    lst = [1, 10, 20, 30]
    processes = [
        multiprocessing.Process(target=mp_func, args=(a, q)) for a in lst
    ]
    for p in processes:
        p.start()
    res = [q.get() for _ in processes]  # drain first: one get() per put()
    for p in processes:
        p.join()  # then join: every child can exit now
    print("arrival order:", res)
    print("by input:     ", [b for a, b in sorted(res)])
    print("exit codes:   ", [p.exitcode for p in processes])


if __name__ == "__main__":
    main()
