import inspect
import multiprocessing as mp


def fail_inside(lock):
    with lock:
        raise ValueError("something went wrong")


def main():
    lock = mp.Lock()
    try:
        fail_inside(lock)
    except ValueError as error:
        print(f"inside 'with lock:': ValueError: {error}")
    print(f"then acquire(block=False) -> {lock.acquire(block=False)}")
    lock.release()

    print(f"acquire{inspect.signature(lock.acquire)}")
    try:
        lock.acquire(blocking=False)  # threading.Lock's name for it
    except TypeError as error:
        print(f"acquire(blocking=False): TypeError: {error}")


if __name__ == "__main__":
    main()
