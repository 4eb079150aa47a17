"""What the parallel build buys: a cold `mkdocs build --strict` with the scheduler as it
runs by default, beside one with every run made one after another (SNIPPETRUN_WORKERS=1),
in the same invocation. Prints, for each: the build's wall time, the sum of its runs' wall
times (from the build's own manifest) and their ratio; then the parallel build against the
serial build's sum of runs, the fairer baseline (runs slow each other down when they
overlap, which inflates the parallel build's own sum).

    python benchmarks/build_speed.py [--skip-serial]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(workers: str | None) -> tuple[float, float, int]:
    with tempfile.TemporaryDirectory() as folder:
        manifest = Path(folder) / "manifest.json"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SNIPPETRUN_MANIFEST=str(manifest))
        env.pop("SNIPPETRUN_WORKERS", None)
        if workers:
            env["SNIPPETRUN_WORKERS"] = workers
        started = time.monotonic()
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(Path(folder) / "site")],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=1800,
        )
        seconds = time.monotonic() - started
        runs = json.loads(manifest.read_text(encoding="utf-8"))
    return seconds, runs["total_wall"], len(runs["runs"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-serial", action="store_true")
    args = parser.parse_args()
    rows = [("parallel (default)", *build(None))]
    if not args.skip_serial:
        rows.append(("serial (SNIPPETRUN_WORKERS=1)", *build("1")))
    print(f"{'build':<32}{'runs':>6}{'build s':>10}{'sum of runs s':>15}{'ratio':>8}")
    for name, seconds, total, count in rows:
        print(f"{name:<32}{count:>6}{seconds:>10.1f}{total:>15.1f}{seconds / total:>8.2f}")
    if len(rows) == 2:
        parallel, serial = rows[0][1], rows[1][2]
        print(f"parallel build / serial sum of runs: {parallel:.1f} / {serial:.1f} = {parallel / serial:.2f}")


if __name__ == "__main__":
    main()
