import multiprocessing as mp
import os
import threading
import warnings

# DeprecationWarning is hidden by default; ask for it
warnings.simplefilter("default", DeprecationWarning)


def child():
    print(f"child: pid {os.getpid()}")


def main():
    stop = threading.Event()
    helper = threading.Thread(target=stop.wait)  # any background thread
    helper.start()
    print(f"main: pid {os.getpid()}, {threading.active_count()} threads")
    p = mp.Process(target=child)
    p.start()  # fork() happens here, in the main process
    p.join()
    stop.set()
    helper.join()
    print(f"main: child exitcode {p.exitcode}")


if __name__ == "__main__":
    main()
