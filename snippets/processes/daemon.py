import multiprocessing as mp
import signal
import sys
import time


def daemon_loop(ready):
    signal.signal(signal.SIGTERM, on_sigterm)
    print("daemon: started, looping forever")
    try:
        mp.Process(target=time.sleep, args=(0,)).start()
    except AssertionError as error:
        print("daemon: cannot start a child:", error)
    ready.set()  # the handler is in place and both lines are printed
    while True:
        time.sleep(0.05)


def on_sigterm(signum, frame):
    print("daemon: got SIGTERM as the parent exits")
    sys.exit(0)


def worker(main_done):
    main_done.wait(timeout=10)
    print("worker: the main block has ended, I still finish my work")


def main():
    main_done = mp.Event()
    ready = mp.Event()
    d = mp.Process(
        target=daemon_loop, args=(ready,), name="daemon", daemon=True
    )
    w = mp.Process(target=worker, args=(main_done,), name="worker")
    d.start()
    w.start()
    ready.wait(timeout=10)  # the daemon is up and looping
    print(
        f"main: end of the main block; daemon alive={d.is_alive()}, "
        f"worker alive={w.is_alive()}"
    )
    main_done.set()  # no join(): multiprocessing handles both children at exit


if __name__ == "__main__":
    main()
