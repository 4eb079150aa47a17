import multiprocessing as mp


def main():
    plain = mp.Semaphore(1)
    plain.acquire()
    plain.release()
    plain.release()  # one release too many: accepted without a word
    print(f"Semaphore(1) after an extra release: value {plain.get_value()}")

    bounded = mp.BoundedSemaphore(1)
    bounded.acquire()
    bounded.release()
    try:
        bounded.release()
    except ValueError as error:
        print(f"BoundedSemaphore(1), extra release: ValueError: {error}")


if __name__ == "__main__":
    main()
