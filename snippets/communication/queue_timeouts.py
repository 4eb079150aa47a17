import multiprocessing
import queue  # the exceptions Full and Empty live here
import time


def timed(action):
    start = time.monotonic()
    try:
        result = action()
    except (queue.Full, queue.Empty) as error:
        result = f"raised queue.{type(error).__name__}"
    return f"{result} after {time.monotonic() - start:.1f} s"


def main():
    q = multiprocessing.Queue(maxsize=2)  # at most two items at a time
    q.put("a")
    q.put("b")
    print("put(block=False):", timed(lambda: q.put("c", block=False)))
    print("put(timeout=0.3):", timed(lambda: q.put("c", timeout=0.3)))
    print("get():           ", timed(q.get))
    print("get():           ", timed(q.get))
    print("get(block=False):", timed(lambda: q.get(block=False)))
    print("get(timeout=0.3):", timed(lambda: q.get(timeout=0.3)))


if __name__ == "__main__":
    main()
