"""Run a snippet file in a fresh interpreter and keep what it did.

One run is one ``python snippets/<name>.py`` from the repository root, as a reader would
type it, with the start method and the tracer set through ``boot/sitecustomize.py``.
Keeping runs (in memory and on disk) is the engine's job (engine.py), not this module's.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import psutil

from .interpreters import version_of
from .lines import split_lines
from .model import OUTPUT_CAP, Run
from .redact import redact
from .spec import BOOT, ROOT, RunSpec, SnippetError
from .trace import read_trace

__all__ = ["OUTPUT_CAP", "SESSION_MARK", "Run", "execute", "marked_processes"]

EXIT_GRACE = 3.0  # seconds helpers such as the resource tracker get to exit on their own
RUN_MARK = "SNIPPETRUN_RUN_ID"
# Every process of every run also carries the session mark: a test session (or any caller)
# sets it once to find whatever its runs, including those of nested builds, left behind.
SESSION_MARK = "SNIPPETRUN_SESSION"


# --- one run ----------------------------------------------------------------------------------


def execute(spec: RunSpec, interpreter: str, cancel: threading.Event | None = None) -> Run:
    """Run the snippet now with ``interpreter``, in a fresh interpreter process, bounded by
    its timeout (or by ``cancel``)."""
    path = spec.source_path()
    load_before = os.getloadavg()[0]
    run_id = uuid.uuid4().hex
    started = datetime.now(UTC)
    t0 = time.monotonic_ns()
    with _trace_folder() as trace_dir, _process_tree(run_id) as tree:
        proc = tree.start(
            [interpreter, os.path.relpath(path, ROOT), *spec.args], _environment(spec, path, trace_dir, run_id)
        )
        reader = _OutputReader(proc)
        ending = _wait(proc, reader, spec.timeout, cancel)
        leftovers = tree.finish(kill=ending != "exited")
        reader.join()
        wall = (time.monotonic_ns() - t0) / 1e9
        timeline, facts = read_trace(trace_dir, t0, proc.pid)
    if ending == "cancelled":
        raise SnippetError(f"{spec.label}: stopped, the build was interrupted")
    lines = split_lines(reader.chunks, t0)
    if timeline is not None:
        lines = timeline.attribute(lines)
    ended = ending == "exited"
    return Run(
        spec=spec,
        python=facts.get("python") or version_of(interpreter),
        output=redact(reader.text()),
        lines=tuple(replace(line, text=redact(line.text)) for line in lines),
        exit_code=proc.returncode if ended else None,
        timed_out=ending == "timed out",
        output_capped=ending == "capped",
        leftovers=tuple(redact(x) for x in leftovers),
        wall=wall,
        cpus=facts.get("cpus"),
        cpus_usable=facts.get("cpus_usable"),
        methods_used=timeline.methods_used if timeline else (),
        default_method=facts.get("default_method"),
        timeline=timeline if spec.trace else None,
        started=started,
        label=spec.file_label,
        load=(load_before, os.getloadavg()[0]),
    )


def _environment(spec: RunSpec, path: Path, trace_dir: Path, run_id: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SNIPPETRUN_", "PYTHON", "PYTEST_", "COV_"))
    }
    env.update(
        PYTHONPATH=str(BOOT),
        PYTHONIOENCODING="utf-8",
        PYTHONDONTWRITEBYTECODE="1",
        SNIPPETRUN_SNIPPET=str(path),
        SNIPPETRUN_TRACE_DIR=str(trace_dir),
        SNIPPETRUN_TRACE="1" if spec.trace else "0",
        COLUMNS="100",
        **{RUN_MARK: run_id, SESSION_MARK: os.environ.get(SESSION_MARK, "")},
    )
    if spec.method:
        env["SNIPPETRUN_START_METHOD"] = spec.method
    return env


@contextlib.contextmanager
def _trace_folder() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="snippetrun-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class _ProcessTree:
    """The run's program in a session of its own, and every process carrying the run's mark."""

    def __init__(self, run_id: str) -> None:
        self.run_id = run_id
        self.proc: subprocess.Popen | None = None

    def start(self, command: list[str], env: dict[str, str]) -> subprocess.Popen:
        self.proc = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self.proc

    def finish(self, kill: bool) -> list[str]:
        """End the run: kill everything at once (kill=True), or give helpers such as the
        resource tracker a grace period and report whatever is still running after it."""
        leftovers: list[str] = []
        if kill:
            self.kill()
        else:
            end = time.monotonic() + EXIT_GRACE
            remaining = marked_processes(RUN_MARK, self.run_id)
            while remaining and time.monotonic() < end:
                time.sleep(0.05)
                remaining = marked_processes(RUN_MARK, self.run_id)
            leftovers = [_describe(p) for p in remaining]
            _kill(remaining)
        self._kill_group()
        return leftovers

    def kill(self) -> None:
        self._kill_group()
        _kill(marked_processes(RUN_MARK, self.run_id))

    def _kill_group(self) -> None:
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()


@contextlib.contextmanager
def _process_tree(run_id: str) -> Iterator[_ProcessTree]:
    """Whatever happens inside (an interrupt, a pytest timeout), the run's processes die
    with it."""
    tree = _ProcessTree(run_id)
    try:
        yield tree
    except BaseException:
        tree.kill()
        raise
    finally:
        if tree.proc is not None and tree.proc.stdout is not None:
            tree.proc.stdout.close()


class _OutputReader:
    """Reads the program's output as it comes, stamping each chunk, up to OUTPUT_CAP."""

    def __init__(self, proc: subprocess.Popen) -> None:
        self.chunks: list[tuple[int, bytes]] = []
        self.capped = threading.Event()
        self._fd = proc.stdout.fileno()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        size = 0
        while True:
            data = os.read(self._fd, 65536)
            if not data:
                return
            self.chunks.append((time.monotonic_ns(), data))
            size += len(data)
            if size > OUTPUT_CAP:
                self.capped.set()
                return

    def join(self) -> None:
        self._thread.join(timeout=5)

    def text(self) -> str:
        raw = b"".join(data for _, data in self.chunks)
        return raw[:OUTPUT_CAP].decode("utf-8", errors="replace")


def _wait(proc: subprocess.Popen, reader: _OutputReader, timeout: float, cancel: threading.Event | None) -> str:
    """How the program ended: exited, timed out, capped (printed too much) or cancelled."""
    deadline = time.monotonic() + timeout
    while proc.poll() is None:
        if reader.capped.is_set():
            return "capped"
        if cancel is not None and cancel.is_set():
            return "cancelled"
        if time.monotonic() > deadline:
            return "timed out"
        time.sleep(0.01)
    return "capped" if reader.capped.is_set() else "exited"


# --- processes by mark --------------------------------------------------------------------------


def marked_processes(mark: str, value: str, prefix: bool = False) -> list[psutil.Process]:
    """Every live process whose environment has ``mark`` set to ``value`` (or starting with
    it): how a run, a test session or a fault test finds everything it started."""
    found = []
    for proc in psutil.process_iter():
        try:
            if proc.status() == psutil.STATUS_ZOMBIE:
                continue
            got = proc.environ().get(mark)
            if got is not None and (got.startswith(value) if prefix else got == value):
                found.append(proc)
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess, OSError):
            continue
    return found


def _kill(processes: list[psutil.Process]) -> None:
    for proc in processes:
        with contextlib.suppress(psutil.NoSuchProcess):
            proc.kill()
    psutil.wait_procs(processes, timeout=5)


def _describe(proc: psutil.Process) -> str:
    try:
        return f"pid {proc.pid} ({' '.join(proc.cmdline())[:80]})"
    except psutil.Error:
        return f"pid {proc.pid}"
