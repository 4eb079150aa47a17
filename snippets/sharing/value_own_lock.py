import multiprocessing as mp


def add_one(total, started):
    started.set()
    with total.get_lock():  # held across the read and the write
        total.value += 1  # .value takes the same lock again


def attempt(label, lock):
    total = mp.Value("i", 0, lock=lock)
    kind = f"lock={label:11} get_lock(): {type(total.get_lock()).__name__:5}"
    started = mp.Event()
    p = mp.Process(target=add_one, args=(total, started))
    p.start()
    started.wait()  # time the wait from here, not from start()
    p.join(timeout=1.0)
    if p.is_alive():
        p.terminate()  # end the demonstration
        p.join()
        print(f"{kind} still waiting after 1.0 s")
    else:
        print(f"{kind} value {total.value}")


def main():
    attempt("True", True)  # the default: a new RLock
    attempt("mp.RLock()", mp.RLock())
    attempt("mp.Lock()", mp.Lock())


if __name__ == "__main__":
    main()
