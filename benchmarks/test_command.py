"""How long the README's test command takes, cold and warm, side by side in one invocation:

1. cold: an empty run store (as on a fresh clone), so the session's build makes every run;
2. warm: the store the cold session filled, so the build reuses every run.

The developer's own store is moved aside for the measurement and put back afterwards.
Targets on two cores: at most 6 minutes cold, at most 4 warm.

    python benchmarks/test_command.py [-- pytest args]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORE = ROOT / ".snippetrun"


def session(pytest_args: list[str]) -> tuple[float, str]:
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *pytest_args],
        cwd=ROOT,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        timeout=3600,
    )
    seconds = time.monotonic() - started
    last = (proc.stdout.strip().splitlines() or ["(no output)"])[-1]
    return seconds, last


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("pytest_args", nargs="*")
    args = parser.parse_args()
    aside = Path(tempfile.mkdtemp(prefix="snippetrun-store-")) / "store"
    if STORE.exists():
        shutil.move(STORE, aside)
    try:
        rows = [("cold (empty run store)", *session(args.pytest_args))]
        rows.append(("warm (the store it filled)", *session(args.pytest_args)))
    finally:
        shutil.rmtree(STORE, ignore_errors=True)
        if aside.exists():
            shutil.move(aside, STORE)
    for name, seconds, last in rows:
        print(f"{name:<28}{seconds:>8.1f} s  {last}")


if __name__ == "__main__":
    main()
