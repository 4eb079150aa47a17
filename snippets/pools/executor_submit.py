import inspect
import multiprocessing as mp
from concurrent.futures import (
    FIRST_COMPLETED,
    FIRST_EXCEPTION,
    ProcessPoolExecutor,
    as_completed,
    wait,
)

GATES = None  # one Event per task, set in each worker by the initializer


def init(gates):
    global GATES
    GATES = gates


def task(x):
    if x < 0:
        raise ValueError(f"negative input: {x}")
    if not GATES[x].wait(timeout=5):  # wait until the parent lets it finish
        raise TimeoutError(f"gate {x} was never opened")
    return x


def main():
    gates = [mp.Event() for _ in range(3)]
    with ProcessPoolExecutor(3, initializer=init, initargs=(gates,)) as ex:
        futures = [ex.submit(task, i) for i in range(3)]
        print("submitted:", [f.done() for f in futures], "done")
        gates[1].set()
        done, not_done = wait(futures, timeout=5, return_when=FIRST_COMPLETED)
        print("FIRST_COMPLETED:", [f.result() for f in done], len(not_done))

        order = []
        gates[2].set()
        for future in as_completed(not_done, timeout=5):
            order.append(future.result())
            gates[0].set()  # task 0 may finish only after task 2 has
        print("as_completed:", order)

        for gate in gates:
            gate.clear()
        failing = [ex.submit(task, -1)] + [ex.submit(task, i) for i in (0, 1)]
        done, not_done = wait(failing, timeout=5, return_when=FIRST_EXCEPTION)
        print("FIRST_EXCEPTION:", [repr(f.exception()) for f in done], end="")
        print(",", len(not_done), "not done")

        for gate in gates:
            gate.set()
        print("map:", list(ex.map(task, [2, 1, 0])))
        print("map, chunksize=2:", list(ex.map(task, [0, 1, 2], chunksize=2)))
        default = inspect.signature(ex.map).parameters["chunksize"].default
        print("map's default chunksize:", default)


if __name__ == "__main__":
    main()
