"""Moving data to another process: Queue, Pipe, shared memory and a
Manager proxy, by payload size, with the pickling cost on its own."""

import json
import pickle
import statistics
import sys
import time
from multiprocessing import Manager, Pipe, Process, Queue
from multiprocessing.shared_memory import SharedMemory

QUICK = "--quick" in sys.argv
REPEATS = 2 if QUICK else 5
SIZES = (
    [100, 10_000, 1_000_000]
    if QUICK
    else [
        100,
        10_000,
        1_000_000,
        10_000_000,
        20_000_000,
    ]
)


def queue_child(inbox, acks):
    while (data := inbox.get()) is not None:
        acks.put(sum(data[::4096]))


def pipe_child(conn):
    while (data := conn.recv()) is not None:
        conn.send(sum(data[::4096]))


def shm_child(name, conn):
    block = SharedMemory(name=name)
    while (size := conn.recv()) is not None:
        data = bytes(block.buf[:size])  # the child's own copy
        conn.send(sum(data[::4096]))
    block.close()


def manager_child(store, conn):
    while conn.recv() is not None:
        data = store["payload"]
        conn.send(sum(data[::4096]))


def summary(samples):
    """The best run is the least disturbed; the quartiles show spread."""
    q1, _, q3 = statistics.quantiles(samples, n=4, method="inclusive")
    return {"best": min(samples), "q1": q1, "q3": q3}


def timed(send, payload):
    """Times of send(payload), which returns the child's checksum."""
    samples = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        answer = send(payload)
        samples.append(time.perf_counter() - start)
        assert answer == sum(payload[::4096]), "wrong data"
    return summary(samples)


def pickle_round_trip(payload):
    data = pickle.loads(pickle.dumps(payload))
    return sum(data[::4096])


def main():
    block = SharedMemory(create=True, size=max(SIZES))
    manager = Manager()
    store = manager.dict()
    inbox, acks = Queue(), Queue()
    parent, child = Pipe()
    shm_parent, shm_conn = Pipe()
    mgr_parent, mgr_conn = Pipe()
    # Every child starts before any queue has a feeder thread.
    children = [
        Process(target=queue_child, args=(inbox, acks)),
        Process(target=pipe_child, args=(child,)),
        Process(target=shm_child, args=(block.name, shm_conn)),
        Process(target=manager_child, args=(store, mgr_conn)),
    ]
    for p in children:
        p.start()

    def by_queue(data):
        inbox.put(data)
        return acks.get()

    def by_pipe(data):
        parent.send(data)
        return parent.recv()

    def by_shm(data):
        block.buf[: len(data)] = data
        shm_parent.send(len(data))
        return shm_parent.recv()

    def by_manager(data):
        store["payload"] = data
        mgr_parent.send(True)
        return mgr_parent.recv()

    ways = {
        "pickle only": pickle_round_trip,
        "Queue": by_queue,
        "Pipe": by_pipe,
        "shared memory": by_shm,
        "Manager": by_manager,
    }
    rows = []
    try:
        for size in SIZES:
            payload = bytes(range(256)) * (size // 256) + bytes(size % 256)
            for way, send in ways.items():
                send(payload)  # warm-up
                rows.append({"way": way, "size": size, **timed(send, payload)})
    finally:
        inbox.put(None)
        parent.send(None)
        shm_parent.send(None)
        mgr_parent.send(None)
        for p in children:
            p.join()
        manager.shutdown()
        block.close()
        block.unlink()

    print(
        f"one payload to a child and its checksum back; ms, best of {REPEATS}"
    )
    print(f"{'bytes':>10}  " + "  ".join(f"{way:>13}" for way in ways))
    for size in SIZES:
        cells = [r for r in rows if r["size"] == size]
        print(
            f"{size:10}  "
            + "  ".join(f"{r['best'] * 1000:13.3f}" for r in cells)
        )
    report = {
        "bench": "data",
        "repeats": REPEATS,
        "sizes": SIZES,
        "ways": list(ways),
        "rows": rows,
        "exit_codes": [p.exitcode for p in children],
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
