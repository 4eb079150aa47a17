"""What starting a process costs, by start method and by what the
parent has imported."""

import importlib
import json
import os
import statistics
import subprocess
import sys
import time
from multiprocessing import get_context

QUICK = "--quick" in sys.argv
REPEATS = 2 if QUICK else 5
POOL_REPEATS = 2 if QUICK else 5
METHODS = ["fork", "spawn", "forkserver"]
HEAVY = [
    "asyncio",
    "decimal",
    "email.message",
    "http.client",
    "sqlite3",
    "unittest",
]

# A spawn or forkserver child runs this file again (as __mp_main__) with
# the parent's sys.argv: with --heavy it imports the heavy modules too.
if "--heavy" in sys.argv:
    for name in HEAVY:
        importlib.import_module(name)


def noop(x=None):
    return x


def summary(samples):
    """The best run is the least disturbed; the quartiles show spread."""
    q1, _, q3 = statistics.quantiles(samples, n=4, method="inclusive")
    return {"best": min(samples), "q1": q1, "q3": q3}


def one_process(ctx):
    start = time.perf_counter()
    p = ctx.Process(target=noop)
    p.start()
    p.join()
    return time.perf_counter() - start


def pool_of(ctx, workers):
    start = time.perf_counter()
    with ctx.Pool(workers) as pool:
        pool.map(noop, range(workers), chunksize=1)
    return time.perf_counter() - start


def measure(workers):
    """Run in a fresh interpreter: every start method, one process and
    a pool of `workers`."""
    rows = []
    for method in METHODS:
        ctx = get_context(method)
        one_process(ctx)  # warm-up: forkserver starts its server here
        one = [one_process(ctx) for _ in range(REPEATS)]
        pool = [pool_of(ctx, workers) for _ in range(POOL_REPEATS)]
        rows.append(
            {"method": method, "process": summary(one), "pool": summary(pool)}
        )
    return {"modules": len(sys.modules), "rows": rows}


def main():
    workers = os.cpu_count()
    results = {}
    for variant in ["bare", "heavy"]:
        # A new interpreter per variant, so the parent's imports differ.
        command = [sys.executable, __file__, "--measure", str(workers)]
        command += ["--heavy"] if variant == "heavy" else []
        command += ["--quick"] if QUICK else []
        out = subprocess.run(command, capture_output=True, text=True)
        results[variant] = json.loads(out.stdout)

    print(
        f"milliseconds, best run (one process: start + join, best of "
        f"{REPEATS}; pool of {workers}: start, first map, close, best of "
        f"{POOL_REPEATS})"
    )
    print("imports            method        one process   pool")
    for variant, result in results.items():
        label = f"{variant} ({result['modules']} modules)"
        for row in result["rows"]:
            print(
                f"{label:18} {row['method']:10} "
                f"{row['process']['best'] * 1000:14.1f} "
                f"{row['pool']['best'] * 1000:6.1f}"
            )
    report = {
        "bench": "startup",
        "repeats": REPEATS,
        "pool_repeats": POOL_REPEATS,
        "workers": workers,
        "heavy": HEAVY,
        "variants": results,
    }
    print(json.dumps(report))


if __name__ == "__main__":
    if "--measure" in sys.argv:
        size = int(sys.argv[sys.argv.index("--measure") + 1])
        print(json.dumps(measure(size)))
    else:
        main()
