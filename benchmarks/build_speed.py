"""What the run store and the parallel scheduler buy, measured side by side in one invocation:

1. a published build (`SNIPPETRUN_FRESH=true mkdocs build --strict`): every run made now,
   with the scheduler as it runs by default;
2. a second build after a prose-only edit of one page: every run comes from the run store
   (target: at most 10 s on two cores);
3. unless --skip-serial, a published build with every run made one after another
   (SNIPPETRUN_WORKERS=1), the fairer baseline for the parallel build.

For each it prints the build's wall time, how many runs it made and reused, and the sum of
the made runs' wall times (from the build's own log).

    python benchmarks/build_speed.py [--skip-serial] [--page docs/about.zh.md]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = re.compile(
    r"snippetrun: (?:(\d+) new runs, |no snippet re-run \()(\d+) reused from the run store"
    r"(?:.*?\(([\d.]+) s of run time)?"
)


def build(**env: str) -> tuple[float, int, int, float]:
    with tempfile.TemporaryDirectory() as folder:
        started = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(Path(folder) / "site")],
            cwd=ROOT,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **env),
            capture_output=True,
            text=True,
            timeout=1800,
        )
        seconds = time.monotonic() - started
    if proc.returncode != 0:
        raise SystemExit(proc.stdout[-4000:] + proc.stderr[-4000:])
    match = REPORT.search(proc.stdout + proc.stderr)
    made, reused, total = int(match.group(1) or 0), int(match.group(2)), float(match.group(3) or 0)
    return seconds, made, reused, total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-serial", action="store_true")
    parser.add_argument("--page", default="docs/about.zh.md", help="the page whose prose is edited")
    args = parser.parse_args()
    rows = [("published, parallel", *build(SNIPPETRUN_FRESH="true"))]
    page = ROOT / args.page
    original = page.read_bytes()
    try:
        page.write_bytes(original + b"\n<!-- a prose edit -->\n")
        rows.append(("after a prose edit", *build()))
    finally:
        page.write_bytes(original)
    if not args.skip_serial:
        rows.append(("published, serial", *build(SNIPPETRUN_FRESH="true", SNIPPETRUN_WORKERS="1")))
    print(f"{'build':<22}{'made':>6}{'reused':>8}{'build s':>10}{'sum of runs s':>15}")
    for name, seconds, made, reused, total in rows:
        print(f"{name:<22}{made:>6}{reused:>8}{seconds:>10.1f}{total:>15.1f}")
    if len(rows) == 3:
        parallel, serial = rows[0][1], rows[2][4]
        print(f"parallel build / serial sum of runs: {parallel:.1f} / {serial:.1f} = {parallel / serial:.2f}")


if __name__ == "__main__":
    main()
