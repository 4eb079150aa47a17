import multiprocessing
from collections import Counter

PRODUCERS = 3
CONSUMERS = 2
STOP = None  # the poison pill: one per consumer


def produce(tasks, pid):
    for n in range(5):  # five items per producer
        tasks.put(f"p{pid}-{n}")


def consume(tasks, results):
    count = 0
    while True:
        item = tasks.get()
        if item is STOP:
            break
        results.put(item.upper())
        count += 1
    results.put(("done", count))  # the last thing this consumer sends


def start(target, *args):
    p = multiprocessing.Process(target=target, args=args)
    p.start()
    return p


def main():
    tasks = multiprocessing.Queue()
    results = multiprocessing.Queue()
    consumers = [start(consume, tasks, results) for _ in range(CONSUMERS)]
    producers = [start(produce, tasks, i) for i in range(PRODUCERS)]
    for p in producers:
        p.join()  # every task is in the queue now
    for _ in consumers:
        tasks.put(STOP)  # behind every task: one pill per consumer

    received, counts = [], []
    while len(counts) < CONSUMERS:  # until every consumer has said "done"
        item = results.get()
        if isinstance(item, tuple):
            counts.append(item[1])
        else:
            received.append(item)
    for p in consumers:
        p.join()

    expected = [f"P{i}-{n}" for i in range(PRODUCERS) for n in range(5)]
    seen = Counter(received)
    print(f"sent {len(expected)}, received {len(received)}")
    print("each consumer's count adds up:", sum(counts) == len(received))
    print("missing:", sorted(set(expected) - set(seen)))
    print("duplicated:", sorted(k for k, v in seen.items() if v > 1))
    print("exit codes:", [p.exitcode for p in consumers + producers])


if __name__ == "__main__":
    main()
