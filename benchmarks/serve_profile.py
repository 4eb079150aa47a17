"""What one `mkdocs serve` rebuild after a prose edit costs in CPU, with the serve cache and
without it, side by side, and where the time goes.

Rebuilds the site in this process as `mkdocs serve` does (tests/serve_driver.py: the config
loaded again for each rebuild, plugins kept across rebuilds), edits one page's prose before
each rebuild, and prints each rebuild's wall and CPU seconds (this process: git's own
processes are not counted). Then the same without the cache (``serve_cache: false``, as
SNIPPETRUN_SERVE_CACHE=false sets it), in a second process. With ``--profile``, the last
rebuild of each is profiled and its top functions printed (the profiler slows the run).

    python benchmarks/serve_profile.py [--rebuilds 3] [--page docs/about.zh.md] [--dirty] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVE_URL = "http://127.0.0.1:8000/"


def rebuilds(args) -> None:
    """In the child process: the rebuilds, one line of numbers each."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    if args.dirty:
        sys.argv.append("--dirty")  # mkdocs-static-i18n reads it from sys.argv
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")
    page = ROOT / args.page
    original = page.read_bytes()

    def get_config():
        config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=site_dir)
        config.site_url = SERVE_URL
        return config

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=args.dirty)
    try:
        build(config, serve_url=SERVE_URL, dirty=args.dirty)
        for i in range(args.rebuilds):
            page.write_bytes(original + f"\n<!-- edit {i} -->\n".encode())
            profile = cProfile.Profile() if args.profile and i == args.rebuilds - 1 else None
            wall, cpu = time.monotonic(), time.process_time()
            if profile:
                profile.enable()
            build(get_config(), serve_url=SERVE_URL, dirty=args.dirty)
            if profile:
                profile.disable()
            print(f"REBUILD {time.monotonic() - wall:.3f} {time.process_time() - cpu:.3f}", flush=True)
            if profile:
                out = io.StringIO()
                pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(25)
                print(out.getvalue(), flush=True)
    finally:
        page.write_bytes(original)
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rebuilds", type=int, default=3)
    parser.add_argument("--page", default="docs/about.zh.md")
    parser.add_argument("--dirty", action="store_true")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        rebuilds(args)
        return
    print(f"load before: {os.getloadavg()[0]:.2f} (1-minute average, {os.cpu_count()} CPUs)")
    for cache in ("true", "false"):
        command = [sys.executable, __file__, "--child", "--rebuilds", str(args.rebuilds), "--page", args.page]
        command += ["--dirty"] * args.dirty + ["--profile"] * args.profile
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SNIPPETRUN_SERVE_CACHE=cache)
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
        if done.returncode != 0:
            raise SystemExit(f"the rebuilds failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
        times = [tuple(map(float, line.split()[1:])) for line in done.stdout.splitlines() if line.startswith("REBUILD")]
        label = f"serve cache {'on ' if cache == 'true' else 'off'}{' (--dirty)' if args.dirty else ''}"
        each = ", ".join(f"{wall:.2f} s ({cpu:.2f} s CPU)" for wall, cpu in times)
        print(f"{label}: rebuilds after a prose edit: {each}")
        wall, cpu = statistics.median(w for w, _ in times), statistics.median(c for _, c in times)
        print(f"  median {wall:.2f} s wall, {cpu:.2f} s CPU")
        if args.profile:
            print("\n".join(line for line in done.stdout.splitlines() if not line.startswith("REBUILD")))
    print(f"load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
