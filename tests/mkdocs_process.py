"""Start `mkdocs build --strict` in a process group of its own, so a test can bound it and
kill everything it started (the site build of conftest.py and the fault-fixture builds)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import IO


def start_build(
    site: Path,
    cwd: Path,
    env: dict[str, str],
    config: Path | None = None,
    log: IO[str] | None = None,
    status: Path | None = None,
) -> subprocess.Popen:
    """The build's output goes to a pipe (read by wait_build), or to ``log``, an open file, for
    a build that runs in the background while nobody reads its output. With ``status``, the
    build's exit code is written to that file as it ends (by a shell that runs it, in the same
    process group), where processes that did not start it can read it."""
    config_args = ["-f", str(config)] if config else []
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", *config_args, "-d", str(site)]
    if status is not None:
        command = ["sh", "-c", '"$@"; echo $? > "$0.part" && mv "$0.part" "$0"', str(status), *command]
    return subprocess.Popen(
        command,
        cwd=cwd,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **env),
        stdout=subprocess.PIPE if log is None else log,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def wait_build(proc: subprocess.Popen, timeout: float) -> str | None:
    """The build's log, or None when it outlived the timeout (its process group is then killed)."""
    try:
        log, _ = proc.communicate(timeout=timeout)
        return log
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return None
