from multiprocessing.managers import BaseManager


class Counter:
    def __init__(self):
        self.n = 0

    def add(self):
        self.n += 1
        return self.n


class FirstManager(BaseManager):
    pass


class SecondManager(BaseManager):
    pass


def use(manager, label):
    try:
        manager.start()  # the registry travels to the server here
    except Exception as error:
        print(f"{label}: {type(error).__name__}: {error}")
        return
    with manager:
        print(f"{label}: add() -> {manager.Counter().add()}")


def main():
    FirstManager.register("Counter", Counter)  # in main(), not on import
    use(FirstManager(), "class at module level")

    class LocalCounter(Counter):  # importable from nowhere
        pass

    SecondManager.register("Counter", LocalCounter)
    use(SecondManager(), "class inside main()")


if __name__ == "__main__":
    main()
