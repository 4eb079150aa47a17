"""Run a snippet file in a fresh interpreter and keep what it did.

One run is one ``python snippets/<name>.py`` from the repository root, as a reader would
type it, with the start method and the tracer set through ``boot/sitecustomize.py``.
Runs are cached in this process by their spec's key, so the zh and en passes of one build
(and the tests of one session) share a run.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import psutil

from .interpreters import find_python, version_of
from .lines import OutputLine, split_lines
from .redact import redact
from .spec import (
    BOOT,
    DEFAULT_TIMEOUT,
    METHODS,
    ROOT,
    SNIPPETS,
    SNIPPETS_ENV,
    RunSpec,
    SnippetError,
    snippet_label,
    snippet_path,
    snippets_dir,
)
from .trace import Timeline, read_trace

__all__ = [
    "BOOT",
    "DEFAULT_TIMEOUT",
    "METHODS",
    "OUTPUT_CAP",
    "ROOT",
    "SESSION_MARK",
    "SNIPPETS",
    "SNIPPETS_ENV",
    "OutputLine",
    "Run",
    "RunSpec",
    "SnippetError",
    "cached_run",
    "marked_processes",
    "run_snippet",
    "snippet_label",
    "snippets_dir",
]

OUTPUT_CAP = 256 * 1024
EXIT_GRACE = 3.0  # seconds helpers such as the resource tracker get to exit on their own
RUN_MARK = "SNIPPETRUN_RUN_ID"
# Every process of every run also carries the session mark: a test session (or any caller)
# sets it once to find whatever its runs, including those of nested builds, left behind.
SESSION_MARK = "SNIPPETRUN_SESSION"


@dataclass(frozen=True)
class Run:
    spec: RunSpec
    python: str  # interpreter version, e.g. "3.13.0"
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
    beside: int | None = None  # most other runs running at once (None: not run by a schedule)
    build: str = ""  # the build (one per `mkdocs serve` rebuild) that made the run

    @property
    def snippet(self) -> str:
        return self.spec.snippet

    @property
    def method(self) -> str | None:
        return self.spec.method

    @property
    def timeout(self) -> float:
        return self.spec.timeout

    @property
    def start_method(self) -> str | None:
        """The start method this run used, as the facts line shows it."""
        if self.methods_used:
            return ", ".join(self.methods_used)
        return self.method or self.default_method

    def problems(self) -> list[str]:
        """How the run differs from what its page declares (empty: as declared)."""
        found = []
        if self.timed_out:
            found.append(f"timed out after {self.timeout:g} s (killed with its whole process tree)")
        elif self.output_capped:
            found.append(f"printed more than {OUTPUT_CAP // 1024} KiB (output capped, run killed)")
        elif self.exit_code != self.spec.exit_code:
            found.append(f"exit code {self.exit_code}, expected {self.spec.exit_code}")
        if self.leftovers:
            found.append("left processes running after it ended: " + "; ".join(self.leftovers))
        if not self.spec.traceback and "Traceback (most recent call last)" in self.output:
            found.append("printed an unexpected traceback")
        return found

    def failure(self) -> str | None:
        """The message a failed run gives: the file, the reasons, the end of its output."""
        problems = self.problems()
        if not problems:
            return None
        tail = "\n".join(self.output.splitlines()[-15:])
        if "ModuleNotFoundError" in tail:
            problems.append("a package is missing: `python -m snippetrun envs` installs requirements-snippets.txt")
        return f"{self.spec.label}: " + "; ".join(problems) + f"\n--- last output ---\n{tail}"


def run_snippet(snippet: str, method: str | None = None, **options) -> Run:
    """Run ``snippets/<snippet>`` (cached) and check it ended as declared.

    ``options`` are those of ``embed``: python, timeout, trace, alone, exit_code, traceback.
    Raises SnippetError naming the snippet and the reason when the file is missing, the
    run timed out, printed too much, left processes behind, exited with another code than
    ``exit_code``, or printed a traceback while ``traceback`` is False.
    """
    asked.add(snippet)
    run = get(RunSpec(snippet, method, **options))
    message = run.failure()
    if message:
        raise SnippetError(message)
    return run


def cached_run(snippet: str, method: str | None = None, **options) -> Run:
    """The run, as ``run_snippet`` makes it, without checking how it ended."""
    asked.add(snippet)
    return get(RunSpec(snippet, method, **options))


# --- the cache --------------------------------------------------------------------------------

asked: set[str] = set()  # snippets a caller (a test) asked for by name in this process
_cache: dict[str, Run] = {}
_cache_lock = threading.Lock()
_key_locks: dict[str, threading.Lock] = {}


def key_of(spec: RunSpec) -> str:
    return spec.key(find_python(spec.python))


def lookup(spec: RunSpec) -> Run | None:
    with _cache_lock:
        run = _cache.get(key_of(spec))
    return None if run is None else replace(run, spec=spec)


def store(spec: RunSpec, run: Run) -> None:
    with _cache_lock:
        _cache[key_of(spec)] = run


def get(spec: RunSpec, cancel: threading.Event | None = None) -> Run:
    """The cached run of ``spec``, made now if there is none (once, even when asked for by
    several threads at once)."""
    key = key_of(spec)
    with _cache_lock:
        key_lock = _key_locks.setdefault(key, threading.Lock())
    with key_lock:
        run = lookup(spec)
        if run is None:
            run = execute(spec, cancel)
            store(spec, run)
        return run


def cached_runs() -> list[Run]:
    with _cache_lock:
        return list(_cache.values())


def export_runs(path: Path) -> None:
    """Write the cache to a file, for a test session to check the runs a build showed."""
    with _cache_lock:
        path.write_bytes(pickle.dumps(dict(_cache)))


def import_runs(path: Path) -> int:
    """Load runs a build exported (same machine, same files): they answer later asks."""
    runs = pickle.loads(path.read_bytes())
    with _cache_lock:
        _cache.update(runs)
    return len(runs)


# --- one run ----------------------------------------------------------------------------------


def execute(spec: RunSpec, cancel: threading.Event | None = None) -> Run:
    """Run the snippet now, in a fresh interpreter, bounded by its timeout (or by ``cancel``)."""
    path = snippet_path(spec.snippet)
    interpreter = find_python(spec.python)
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
        label=snippet_label(spec.snippet),
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
