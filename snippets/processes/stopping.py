import multiprocessing as mp
import signal
import sys
import time


def sleep_long():
    time.sleep(30)  # far longer than anyone waits for it


def sleep_with_cleanup(ready):
    signal.signal(signal.SIGTERM, on_sigterm)
    ready.set()
    time.sleep(30)


def on_sigterm(signum, frame):
    print("careful: got SIGTERM, cleaning up")
    sys.exit(0)


def main():
    p = mp.Process(target=sleep_long, name="slow")
    p.start()
    p.join(timeout=0.2)  # returns after 0.2 s whether or not the child ended
    print(f"after join(0.2): alive={p.is_alive()} exitcode={p.exitcode}")
    p.terminate()  # SIGTERM
    p.join()
    print(f"after terminate(): alive={p.is_alive()} exitcode={p.exitcode}")

    for stop in ("terminate", "kill"):
        ready = mp.Event()
        q = mp.Process(
            target=sleep_with_cleanup, args=(ready,), name="careful"
        )
        q.start()
        ready.wait(timeout=10)  # the handler is installed from here on
        getattr(q, stop)()
        q.join()
        print(f"careful after {stop}(): exitcode={q.exitcode}")

    q.close()  # frees the process object's resources; only after it has ended
    try:
        q.is_alive()
    except ValueError as error:
        print("after close():", error)


if __name__ == "__main__":
    main()
