import multiprocessing as mp
import time


def work(started):
    for step in range(3):
        print(f"step {step} done; ", end="", flush=True)  # written at once
    started.set()
    time.sleep(10)


def main():
    started = mp.Event()
    p = mp.Process(target=work, args=(started,))
    p.start()
    started.wait()
    p.terminate()
    p.join()
    print()
    print(f"main: child terminated, exitcode {p.exitcode}")


if __name__ == "__main__":
    main()
