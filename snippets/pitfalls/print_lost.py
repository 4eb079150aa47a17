import multiprocessing as mp
import time


def work(started):
    for step in range(3):
        print(f"step {step} done; ", end="")  # no newline: stays in the buffer
    started.set()
    time.sleep(10)  # a long job, stopped from outside


def main():
    started = mp.Event()
    p = mp.Process(target=work, args=(started,))
    p.start()
    started.wait()
    p.terminate()  # SIGTERM: the child dies without flushing stdout
    p.join()
    print(f"main: child terminated, exitcode {p.exitcode}")


if __name__ == "__main__":
    main()
