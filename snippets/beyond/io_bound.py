import asyncio
import os
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

WAITS = 20
SECONDS = 0.05  # stands for a network or disk wait


def fetch(i):
    time.sleep(SECONDS)  # the thread releases the GIL while it waits
    return i


async def fetch_async(i):
    await asyncio.sleep(SECONDS)  # the event loop runs others meanwhile
    return i


async def all_async():
    return await asyncio.gather(*(fetch_async(i) for i in range(WAITS)))


def timed(name, fn):
    start = time.perf_counter()
    result = list(fn())
    print(f"{name:<34}{time.perf_counter() - start:>6.2f} s")
    return result


def main():
    print(f"{WAITS} waits of {SECONDS} s each, CPUs: {os.cpu_count()}")
    runs = [
        ("one after another", lambda: map(fetch, range(WAITS))),
        ("asyncio, one thread", lambda: asyncio.run(all_async())),
    ]
    with ThreadPoolExecutor(WAITS) as pool:
        runs.append(
            (f"{WAITS} threads", lambda: pool.map(fetch, range(WAITS)))
        )
        with ProcessPoolExecutor(2) as procs:
            runs.append(
                ("2 processes", lambda: procs.map(fetch, range(WAITS)))
            )
            results = [timed(name, fn) for name, fn in runs]
    print("same results:", all(r == list(range(WAITS)) for r in results))


if __name__ == "__main__":
    main()
