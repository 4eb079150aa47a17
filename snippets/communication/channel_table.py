import multiprocessing as mp
import queue
import threading


def one_put(channel, report):
    # A fresh process: which threads does one put() leave running?
    send = channel.send if hasattr(channel, "send") else channel.put
    send("x")
    report.put(", ".join(sorted(t.name for t in threading.enumerate())))


def threads_after_put(channel):
    report = mp.SimpleQueue()
    p = mp.Process(target=one_put, args=(channel, report))
    p.start()
    names = report.get()
    p.join()
    return names


def get_with_timeout(channel):
    if not hasattr(channel, "get"):
        return "no get()"
    try:
        channel.get(timeout=0.05)
    except queue.Empty:
        return "queue.Empty"
    except TypeError:
        return "TypeError"


def maxsize_one(make):
    try:
        channel = make(maxsize=1)
    except TypeError:
        return "TypeError"
    channel.put(1)
    try:
        channel.put(2, timeout=0.05)
    except queue.Full:
        return "queue.Full"
    return "no bound"


def row(name, channel, bounded):
    has = [m for m in ("qsize", "task_done") if hasattr(channel, m)]
    cells = [get_with_timeout(channel), bounded, ", ".join(has) or "-"]
    print(f"{name:18} {cells[0]:12} {cells[1]:10} {cells[2]:16}", end=" ")
    print(threads_after_put(channel))


def main():
    head = ["get(timeout)", "maxsize=1", "has"]
    print(f"{'':18} {head[0]:12} {head[1]:10} {head[2]:16} threads after put")
    with mp.Manager() as manager:
        here, there = mp.Pipe()
        row("Pipe()", here, "-")
        for name, make in [
            ("SimpleQueue()", mp.SimpleQueue),
            ("Queue()", mp.Queue),
            ("JoinableQueue()", mp.JoinableQueue),
            ("Manager().Queue()", manager.Queue),
        ]:
            row(name, make(), maxsize_one(make))


if __name__ == "__main__":
    main()
