import multiprocessing as mp


def runner(i, go):
    go.wait()  # blocks until the main process sets the event
    print(f"runner {i}: off")


def main():
    go = mp.Event()
    runners = [mp.Process(target=runner, args=(i, go)) for i in range(3)]
    for r in runners:
        r.start()
    early = go.wait(timeout=0.2)  # nobody sets it: False after 0.2 s
    print(f"main: wait(timeout=0.2) -> {early}, setting the event")
    go.set()
    for r in runners:
        r.join()


if __name__ == "__main__":
    main()
