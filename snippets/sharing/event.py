import multiprocessing as mp
import time


def runner(i, go):
    go.wait()  # blocks until the main process sets the event
    print(f"runner {i}: off")


def main():
    go = mp.Event()
    runners = [mp.Process(target=runner, args=(i, go)) for i in range(3)]
    for r in runners:
        r.start()
    time.sleep(0.2)  # whatever the runners must wait for
    print(f"main: is_set() = {go.is_set()}, setting the event")
    go.set()
    for r in runners:
        r.join()


if __name__ == "__main__":
    main()
