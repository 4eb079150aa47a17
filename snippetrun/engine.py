"""The engine: where runs come from. One object holds what decides them (the snippets
folder, the default interpreter) and where they are kept (this process's memory, the run
store on disk), and makes a run only when neither has it. A build's plugin and a test
session each make one from the same settings (mkdocs.yml's ``snippetrun`` plugin options).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import runner
from .interpreters import find_python, version_of
from .model import Run
from .spec import RunSpec
from .store import RunStore


@dataclass
class Engine:
    store: RunStore | None = None
    fresh: bool = False  # True: runs kept from earlier builds are not reused (publishing)
    python: str | None = None  # the default interpreter ("3.12", a path; None: the newest)
    _memory: dict[str, Run] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _key_locks: dict[str, threading.Lock] = field(default_factory=dict)
    _keys: dict[RunSpec, str] = field(default_factory=dict)

    def interpreter(self, spec: RunSpec) -> str:
        return find_python(spec.python or self.python)

    def key(self, spec: RunSpec) -> str:
        """The run's store key, computed once per build (``begin()`` starts a new build)."""
        key = self._keys.get(spec)
        if key is None:
            interpreter = self.interpreter(spec)
            key = self._keys[spec] = spec.key(interpreter, version_of(interpreter))
        return key

    def begin(self) -> None:
        """A new build: files may have changed since the last one, so keys are computed anew."""
        self._keys = {}

    def lookup(self, spec: RunSpec) -> Run | None:
        """The kept run of ``spec``: made in this process, or (unless fresh) in an earlier one."""
        key = self.key(spec)
        with self._lock:
            run = self._memory.get(key)
        if run is None and self.store is not None and not self.fresh:
            run = self.store.get(key)
            if run is not None:
                with self._lock:
                    self._memory[key] = run
        return None if run is None else replace(run, spec=spec)  # python=None and "3.13" may share a run

    def keep(self, spec: RunSpec, run: Run) -> None:
        """Keep a run for this process, and on disk for later builds if it ended as declared."""
        key = self.key(spec)
        with self._lock:
            self._memory[key] = run
        if self.store is not None and run.failure() is None:
            self.store.put(key, run)  # a failed run is made again next time, never reused

    def execute(self, spec: RunSpec, cancel: threading.Event | None = None) -> Run:
        """A new run of ``spec``, made now and kept nowhere."""
        return runner.execute(spec, self.interpreter(spec), cancel)

    def get(self, spec: RunSpec, cancel: threading.Event | None = None) -> Run:
        """The kept run of ``spec``, made now if there is none (once, even when several
        threads ask at once)."""
        key = self.key(spec)
        with self._lock:
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            run = self.lookup(spec)
            if run is None:
                run = self.execute(spec, cancel)
                self.keep(spec, run)
            return run


def store_at(folder: str | Path, root: Path) -> RunStore:
    path = Path(folder)
    return RunStore(path if path.is_absolute() else root / path)
