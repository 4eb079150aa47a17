import multiprocessing as mp
import threading
from concurrent.futures import ProcessPoolExecutor

GATE = None  # an Event the parent sets to let the task finish


def init(gate):
    global GATE
    GATE = gate


def square(x):
    GATE.wait(timeout=5)
    return x * x


def report(future):
    thread = threading.current_thread()
    kind = type(thread).__name__
    print(f"report({future.result()}) runs in {thread.name} ({kind})")


def broken(future):
    raise ValueError("a bug in the callback")


def main():
    thread = threading.current_thread()
    print(f"main() runs in {thread.name} ({type(thread).__name__})")
    gate = mp.Event()
    with ProcessPoolExecutor(1, initializer=init, initargs=(gate,)) as ex:
        future = ex.submit(square, 3)
        future.add_done_callback(report)
        print("added while running: done() =", future.done())
        gate.set()
    # the with block waited for the executor's thread: report() has run
    print("added once done: done() =", future.done())
    future.add_done_callback(report)  # runs at once, in this thread
    future.add_done_callback(broken)  # its exception is only logged
    print("main: add_done_callback(broken) returned; result", future.result())


if __name__ == "__main__":
    main()
