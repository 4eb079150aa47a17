"""Measure what the timeline tracer (snippetrun/boot/sitecustomize.py) costs a program.

Runs small programs with the tracer on and off, alternating, in one session, and reports
medians side by side:

* per profiled call: a call of a snippet function from another snippet function (the
  profile hook sees it but records nothing);
* per recorded call: an entry call (from module level), which writes two events;
* per process: starting and joining a child under fork, which writes start and exit events.

    python benchmarks/tracer_overhead.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

BOOT = Path(__file__).resolve().parent.parent / "snippetrun" / "boot"

PROGRAM = textwrap.dedent(
    """
    import json, multiprocessing, sys, time

    def leaf(x):
        return x

    def inner_calls(n):
        for i in range(n):
            leaf(i)

    def child():
        pass

    def main():
        result = {}
        t = time.perf_counter(); inner_calls(N_INNER); result["inner"] = time.perf_counter() - t
        t = time.perf_counter()
        for _ in range(N_PROC):
            p = multiprocessing.Process(target=child); p.start(); p.join()
        result["proc"] = time.perf_counter() - t
        return result

    if __name__ == "__main__":
        multiprocessing.set_start_method("fork", force=True)
        N_INNER, N_ENTRY, N_PROC = 200_000, 900, 20  # 900 entry calls: under the 2000-event cap
        t = time.perf_counter()
        for i in range(N_ENTRY):
            leaf(i)  # an entry call: recorded
        entry = time.perf_counter() - t
        result = main()
        result["entry"] = entry
        print(json.dumps(result), file=sys.__stdout__)
    """
)


def run_once(program: Path, trace: bool) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as trace_dir:
        env = dict(os.environ, PYTHONPATH=str(BOOT), SNIPPETRUN_SNIPPET=str(program))
        if trace:
            env.update(SNIPPETRUN_TRACE_DIR=trace_dir, SNIPPETRUN_TRACE="1")
        out = subprocess.run(
            [sys.executable, str(program)], env=env, capture_output=True, text=True, timeout=300, check=True
        )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        program = Path(folder) / "overhead.py"
        program.write_text(PROGRAM)
        results: dict[bool, list[dict[str, float]]] = {True: [], False: []}
        for _ in range(args.repeat):
            for trace in (False, True):  # alternate, so drift hits both alike
                results[trace].append(run_once(program, trace))

    def median(trace: bool, key: str) -> float:
        return statistics.median(r[key] for r in results[trace])

    rows = [
        ("profiled call (not recorded)", "inner", 200_000, 1e6, "µs"),
        ("recorded entry call", "entry", 900, 1e6, "µs"),
        ("child process (fork, start+join)", "proc", 20, 1e3, "ms"),
    ]
    print(f"{'what':36} {'off':>10} {'on':>10} {'overhead':>12} {'ratio':>7}")
    for label, key, count, scale, unit in rows:
        off, on = median(False, key) / count * scale, median(True, key) / count * scale
        print(f"{label:36} {off:8.3f}{unit} {on:8.3f}{unit} {on - off:9.3f} {unit} {on / off:6.1f}x")
    print(f"(medians of {args.repeat} alternating runs each, Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
