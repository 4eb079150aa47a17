import multiprocessing as mp


def use(obj):
    return type(obj).__name__


def main():
    objects = {
        "Lock()": mp.Lock(),
        "RLock()": mp.RLock(),
        "Semaphore()": mp.Semaphore(),
        "BoundedSemaphore()": mp.BoundedSemaphore(),
        "Condition()": mp.Condition(),
        "Event()": mp.Event(),
        "Barrier(2)": mp.Barrier(2),
        "Queue()": mp.Queue(),
        "JoinableQueue()": mp.JoinableQueue(),
        "SimpleQueue()": mp.SimpleQueue(),
        'Value("i")': mp.Value("i"),
        'Array("i", 3)': mp.Array("i", 3),
    }
    with mp.Pool(1) as pool:
        for label, obj in objects.items():
            try:
                pool.apply(use, (obj,))  # a task argument: pickled
            except RuntimeError as error:
                print(f"{label:19} {error}")


if __name__ == "__main__":
    main()
