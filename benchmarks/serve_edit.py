"""How long a prose-only edit takes to reach the browser under `mkdocs serve`.

Starts `mkdocs serve` (with the arguments given, e.g. `--dirty`), waits for its first build,
then edits one page's prose N times and measures, from each save to the "Reloading browsers"
log line, the rebuild the browser waits for. Prints each time and the median; the page is
restored at the end. Also checks that each rebuild re-ran no snippet, and prints the load
average before and after (the machine may be shared). SNIPPETRUN_SERVE_CACHE=false measures
`mkdocs serve` without the plugin's serve cache.

    python benchmarks/serve_edit.py [--edits 5] [--page docs/about.zh.md] [-- serve args]
"""

from __future__ import annotations

import argparse
import os
import queue
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--page", default="docs/about.zh.md")
    parser.add_argument("serve_args", nargs="*")
    args = parser.parse_args()
    page = ROOT / args.page
    original = page.read_bytes()
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{free_port()}", *args.serve_args]
    proc = subprocess.Popen(
        command,
        cwd=ROOT,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: queue.Queue[tuple[float, str]] = queue.Queue()

    def read() -> None:
        for line in proc.stdout:
            lines.put((time.monotonic(), line.rstrip()))

    threading.Thread(target=read, daemon=True).start()

    def wait_for(text: str, timeout: float = 300) -> tuple[float, list[str]]:
        seen = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                stamp, line = lines.get(timeout=1)
            except queue.Empty:
                continue
            seen.append(line)
            if text in line:
                return stamp, seen
        raise SystemExit(f"no {text!r} within {timeout} s; last lines:\n" + "\n".join(seen[-20:]))

    times = []
    print(f"load before: {os.getloadavg()[0]:.2f} (1-minute average, {os.cpu_count()} CPUs)", flush=True)
    try:
        wait_for("Serving on")
        time.sleep(2)
        for i in range(args.edits):
            while not lines.empty():
                lines.get()
            page.write_bytes(original + f"\n<!-- edit {i} -->\n".encode())
            saved = time.monotonic()
            stamp, seen = wait_for("Reloading browsers")
            times.append(stamp - saved)
            reran = [line for line in seen if "new runs" in line]
            print(f"edit {i + 1}: {stamp - saved:.2f} s{'  RE-RAN: ' + reran[0] if reran else ''}", flush=True)
            time.sleep(1.5)
    finally:
        page.write_bytes(original)
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    print(f"median of {len(times)} prose edits, save to 'Reloading browsers': {statistics.median(times):.2f} s")
    print(f"load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
