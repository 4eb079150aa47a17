"""Run a snippet file in a fresh interpreter and keep what it did.

One run is one ``python snippets/<name>.py`` from the repository root, as a reader would
type it, with the start method and the tracer set through ``boot/sitecustomize.py``.
Runs are cached in this process by everything that can change their result, so the zh and
en passes of one build (and the tests of one session) share a run.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import psutil

from .lines import OutputLine, split_lines
from .redact import redact
from .trace import Timeline, read_trace

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
BOOT = Path(__file__).resolve().parent / "boot"
METHODS = ("fork", "spawn", "forkserver")
OUTPUT_CAP = 256 * 1024
DEFAULT_TIMEOUT = 60.0
EXIT_GRACE = 3.0  # seconds helpers such as the resource tracker get to exit on their own
RUN_MARK = "SNIPPETRUN_RUN_ID"
# Every process of every run also carries the session mark: a test session (or any caller)
# sets it once to find whatever its runs, including those of nested builds, left behind.
SESSION_MARK = "SNIPPETRUN_SESSION"
# Where snippets live, read at call time: the fault fixtures under tests/faults/ set it.
SNIPPETS_ENV = "SNIPPETRUN_SNIPPETS"


class SnippetError(Exception):
    """A snippet did not do what its page declares; the message names it and says why."""


@dataclass(frozen=True)
class Run:
    snippet: str  # path relative to snippets/
    method: str | None  # what the engine asked for; None: the snippet's own choice
    python: str  # interpreter version, e.g. "3.11.7"
    output: str  # stdout and stderr in the order they happened, redacted
    lines: tuple[OutputLine, ...]
    exit_code: int | None
    timed_out: bool
    output_capped: bool
    leftovers: tuple[str, ...]  # processes still running after the program ended
    wall: float  # seconds, from start to the last process gone
    cpus: int | None
    cpus_usable: int | None
    methods_used: tuple[str, ...]  # start methods the run's children were started with
    default_method: str | None
    timeline: Timeline | None
    started: datetime
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    label: str = ""  # the file as messages name it, e.g. "snippets/basics/pool_seed.py"
    timeout: float = DEFAULT_TIMEOUT

    @property
    def start_method(self) -> str | None:
        """The start method this run used, as the facts line shows it."""
        if self.methods_used:
            return ", ".join(self.methods_used)
        return self.method or self.default_method

    def problems(self, exit_code: int = 0, traceback: bool = False) -> list[str]:
        found = []
        if self.timed_out:
            found.append(f"timed out after {self.timeout:g} s (killed with its whole process tree)")
        elif self.output_capped:
            found.append(f"printed more than {OUTPUT_CAP // 1024} KiB (output capped, run killed)")
        elif self.exit_code != exit_code:
            found.append(f"exit code {self.exit_code}, expected {exit_code}")
        if self.leftovers:
            found.append("left processes running after it ended: " + "; ".join(self.leftovers))
        if not traceback and "Traceback (most recent call last)" in self.output:
            found.append("printed an unexpected traceback")
        return found


_cache: dict[str, Run] = {}
_cache_lock = threading.Lock()


PYTHON_ENV = "SNIPPETRUN_PYTHON"  # "3.12", or a path: the interpreter runs use by default


def _version_of(path: Path) -> tuple[int, int] | None:
    match = re.fullmatch(r"python(3)\.(\d+)", path.name)
    return (int(match.group(1)), int(match.group(2))) if match else None


def _cpythons() -> dict[tuple[int, int], str]:
    """Every CPython 3.x this machine has: on PATH (no pyenv shims) and in pyenv's versions."""
    found: dict[tuple[int, int], str] = {}
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates: list[Path] = []
    for folder in reversed(os.environ.get("PATH", "").split(os.pathsep)):  # first on PATH wins
        if folder and "shims" not in Path(folder).parts:
            candidates.extend(sorted(Path(folder).glob("python3.*")))
    # Then pyenv's, newest patch release last: they win over the system's.
    candidates += sorted(pyenv.glob("3.*/bin/python3.*"), key=lambda p: _patch(p.parent.parent.name))
    for path in candidates:
        version = _version_of(path)
        if version and os.access(path, os.X_OK) and not path.parent.parent.name.endswith("t"):
            found[version] = str(path)
    return found


def _patch(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", name)[:3])


@functools.cache
def find_python(version: str | None) -> str:
    """The interpreter for ``version`` ("3.12"); for None, what ``SNIPPETRUN_PYTHON`` names,
    else the newest CPython on this machine: readers run today's Python, not the build's."""
    if version is None:
        version = os.environ.get(PYTHON_ENV) or None
        if version is None:
            pythons = _cpythons()
            return pythons[max(pythons)] if pythons else sys.executable
    if os.sep in version:
        if not os.access(version, os.X_OK):
            raise SnippetError(f"{PYTHON_ENV}={version}: not an executable interpreter")
        return version
    match = re.fullmatch(r"3\.(\d+)", version)
    found = _cpythons().get((3, int(match.group(1)))) if match else None
    if found is None:
        raise SnippetError(f"no Python {version} interpreter on this machine")
    return found


def snippets_dir() -> Path:
    """snippets/, or the folder ``SNIPPETRUN_SNIPPETS`` names (relative to the repo root)."""
    override = os.environ.get(SNIPPETS_ENV)
    return (ROOT / override).resolve() if override else SNIPPETS


def snippet_label(snippet: str) -> str:
    """How messages name a snippet: its path from the repo root, as a reader would run it."""
    path = snippets_dir() / snippet
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def snippet_path(snippet: str) -> Path:
    path = snippets_dir() / snippet
    if not path.is_file():
        raise SnippetError(f"{snippet_label(snippet)}: no such snippet file")
    return path


def run_snippet(
    snippet: str,
    method: str | None = None,
    *,
    python: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    trace: bool = True,
    exit_code: int = 0,
    traceback: bool = False,
) -> Run:
    """Run ``snippets/<snippet>`` (cached) and check it ended as declared.

    Raises SnippetError naming the snippet and the reason when the file is missing, the
    run timed out, printed too much, left processes behind, exited with another code than
    ``exit_code``, or printed a traceback while ``traceback`` is False.
    """
    run = cached_run(snippet, method, python=python, timeout=timeout, trace=trace)
    problems = run.problems(exit_code=exit_code, traceback=traceback)
    if problems:
        label = run.label + (f" [{method}]" if method else "")
        tail = "\n".join(run.output.splitlines()[-15:])
        raise SnippetError(f"{label}: " + "; ".join(problems) + f"\n--- last output ---\n{tail}")
    return run


def cached_run(
    snippet: str,
    method: str | None = None,
    *,
    python: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    trace: bool = True,
) -> Run:
    if method is not None and method not in METHODS:
        raise SnippetError(f"snippets/{snippet}: unknown start method {method!r}")
    path = snippet_path(snippet)
    interpreter = find_python(python)
    key = hashlib.sha256(
        b"\0".join(
            [
                path.read_bytes(),
                (BOOT / "sitecustomize.py").read_bytes(),
                repr((str(path), method, interpreter, timeout, trace)).encode(),
            ]
        )
    ).hexdigest()
    with _cache_lock:
        if key not in _cache:
            _cache[key] = _execute(snippet, path, method, interpreter, timeout, trace)
        return _cache[key]


def _marked_processes(run_id: str) -> list[psutil.Process]:
    """Every live process started by the run: they all carry its mark in their environment."""
    found = []
    for proc in psutil.process_iter():
        try:
            if proc.status() == psutil.STATUS_ZOMBIE:
                continue
            if proc.environ().get(RUN_MARK) == run_id:
                found.append(proc)
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess, OSError):
            continue
    return found


def _kill(processes: list[psutil.Process]) -> None:
    for proc in processes:
        try:
            proc.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(processes, timeout=5)


def _describe(proc: psutil.Process) -> str:
    try:
        return f"pid {proc.pid} ({' '.join(proc.cmdline())[:80]})"
    except psutil.Error:
        return f"pid {proc.pid}"


def _execute(snippet: str, path: Path, method: str | None, interpreter: str, timeout: float, trace: bool) -> Run:
    run_id = uuid.uuid4().hex
    trace_dir = tempfile.mkdtemp(prefix="snippetrun-")
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
        SNIPPETRUN_TRACE_DIR=trace_dir,
        SNIPPETRUN_TRACE="1" if trace else "0",
        COLUMNS="100",
        **{RUN_MARK: run_id, SESSION_MARK: os.environ.get(SESSION_MARK, "")},
    )
    if method:
        env["SNIPPETRUN_START_METHOD"] = method
    command = [interpreter, os.path.relpath(path, ROOT)]
    chunks: list[tuple[int, bytes]] = []
    capped = threading.Event()
    started = datetime.now(UTC)
    t0 = time.monotonic_ns()
    proc: subprocess.Popen | None = None
    # Everything from the start of the program to the reading of its trace is inside the try:
    # an interrupt at any point (Ctrl-C during a build, a pytest timeout) still takes the
    # run's processes down with it, and the trace folder never outlives the run.
    try:
        proc = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

        def read() -> None:
            size = 0
            fd = proc.stdout.fileno()
            while True:
                data = os.read(fd, 65536)
                if not data:
                    return
                chunks.append((time.monotonic_ns(), data))
                size += len(data)
                if size > OUTPUT_CAP:
                    capped.set()
                    return

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        timed_out = False
        deadline = time.monotonic() + timeout
        while proc.poll() is None:
            if capped.is_set() or time.monotonic() > deadline:
                timed_out = not capped.is_set()
                break
            time.sleep(0.01)
        leftovers: list[str] = []
        if timed_out or capped.is_set():
            _killpg(proc)
            _kill(_marked_processes(run_id))
        else:
            end = time.monotonic() + EXIT_GRACE
            remaining = _marked_processes(run_id)
            while remaining and time.monotonic() < end:
                time.sleep(0.05)
                remaining = _marked_processes(run_id)
            if remaining:
                leftovers = [_describe(p) for p in remaining]
                _kill(remaining)
        _killpg(proc)
        proc.wait()
        reader.join(timeout=5)
        wall = (time.monotonic_ns() - t0) / 1e9
        proc.stdout.close()
        timeline, facts = read_trace(Path(trace_dir), t0, proc.pid)
    except BaseException:
        _kill(_marked_processes(run_id))
        if proc is not None:
            _killpg(proc)
            proc.wait()
        raise
    finally:
        shutil.rmtree(trace_dir, ignore_errors=True)

    raw = b"".join(data for _, data in chunks)
    if capped.is_set():
        raw = raw[:OUTPUT_CAP]
    text = raw.decode("utf-8", errors="replace")
    python_version = facts.get("python") or _interpreter_version(interpreter)
    lines = _timed_lines(chunks, t0, timeline)
    return Run(
        snippet=snippet,
        method=method,
        python=python_version,
        output=redact(text),
        lines=tuple(OutputLine(redact(l.text), l.ms, l.pid, l.process) for l in lines),
        exit_code=None if timed_out or capped.is_set() else proc.returncode,
        timed_out=timed_out,
        output_capped=capped.is_set(),
        leftovers=tuple(redact(x) for x in leftovers),
        wall=wall,
        cpus=facts.get("cpus"),
        cpus_usable=facts.get("cpus_usable"),
        methods_used=timeline.methods_used if timeline else (),
        default_method=facts.get("default_method"),
        timeline=timeline if trace else None,
        started=started,
        label=os.path.relpath(path, ROOT) if path.is_relative_to(ROOT) else str(path),
        timeout=timeout,
    )


def _killpg(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _interpreter_version(interpreter: str) -> str:
    out = subprocess.run(
        [interpreter, "-c", "import sys; print(sys.version.split()[0])"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    return out.stdout.strip()


def _timed_lines(chunks: list[tuple[int, bytes]], t0: int, timeline: Timeline | None) -> list[OutputLine]:
    lines = split_lines(chunks, t0)
    return timeline.attribute(lines) if timeline else lines


def cached_runs() -> list[Run]:
    with _cache_lock:
        return list(_cache.values())
