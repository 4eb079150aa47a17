"""A build's runs, planned before the first page renders and made concurrently.

Most snippets spend their time waiting (sleeps, joins, pipes), so several run at once.
Runs that measure time (``trace=False``) or that a page marks ``alone=True`` run after the
others, one at a time, with no other snippet running; each run's facts say which it had.
Pages then only collect finished runs.
"""

from __future__ import annotations

import atexit
import logging
import os
import queue
import threading
from dataclasses import dataclass, field, replace

from .engine import Engine
from .model import Run
from .spec import RunSpec, SnippetError

log = logging.getLogger("mkdocs.plugins.snippetrun")


# Logged when the runs that need the machine to themselves begin: a test session that builds
# the site in the background starts no test while they run (tests/conftest.py).
ALONE_PHASE = "snippetrun: %d runs with the machine to themselves, one at a time"


def default_workers() -> int:
    """Runs at once: twice the CPUs (most runs wait more than they compute)."""
    return max(2, 2 * (os.cpu_count() or 1))


@dataclass
class _Slot:
    spec: RunSpec
    done: threading.Event = field(default_factory=threading.Event)
    run: Run | None = None
    error: BaseException | None = None


class Schedule:
    """Makes a list of runs: the shared ones ``workers`` at a time, then the exclusive ones."""

    def __init__(self, engine: Engine, specs: list[RunSpec], build: str, workers: int | None = None) -> None:
        self.engine = engine
        self.build = build
        self.workers = workers or default_workers()
        self.cancel = threading.Event()
        self._slots: dict[str, _Slot] = {}
        self._active: dict[str, int] = {}  # key -> most other runs seen beside it
        self._lock = threading.Lock()
        self.made: list[Run] = []  # what this schedule ran (not what the cache already had)
        self.reused = 0  # planned runs the engine already had (this process, or the store)
        seen: set[str] = set()
        for spec in specs:
            key = engine.key(spec)
            if key in seen:  # two embeds that ask for the same run (python="3.12" on 3.12) share it
                continue
            seen.add(key)
            if engine.lookup(spec) is None:
                self._slots[key] = _Slot(spec)
            else:
                self.reused += 1
        self._thread = threading.Thread(target=self._drive, name="snippetrun-schedule", daemon=True)

    def start(self) -> Schedule:
        _running.add(self)
        self._thread.start()
        return self

    def result(self, spec: RunSpec) -> Run:
        """The run of ``spec``, waiting for it if it is still running. A page never asks
        for a run the plan did not have: the plan is read by the parser that renders the
        page. If it ever did, the build fails rather than run it unplanned."""
        slot = self._slots.get(self.engine.key(spec))
        if slot is None:
            run = self.engine.lookup(spec)
            if run is None:
                raise SnippetError(f"{spec.label}: the page asks for a run the build's plan does not have")
            return run
        slot.done.wait()
        if slot.error is not None:
            raise slot.error
        return replace(slot.run, spec=spec)

    def pending(self) -> list[RunSpec]:
        """The runs this schedule makes (what the cache did not have)."""
        return [slot.spec for slot in self._slots.values()]

    def stop(self) -> None:
        """Kill whatever is running and run nothing more (the build was interrupted)."""
        self.cancel.set()
        self._thread.join(timeout=30)

    # --- the driver ---------------------------------------------------------------------------

    def _drive(self) -> None:
        try:
            shared = [s for s in self._slots.values() if not s.spec.exclusive]
            exclusive = [s for s in self._slots.values() if s.spec.exclusive]
            todo: queue.SimpleQueue[_Slot | None] = queue.SimpleQueue()
            for slot in shared:
                todo.put(slot)
            threads = [
                threading.Thread(target=self._work, args=(todo,), daemon=True)
                for _ in range(min(self.workers, len(shared)))
            ]
            for thread in threads:
                todo.put(None)
                thread.start()
            for thread in threads:
                thread.join()
            if exclusive and not self.cancel.is_set():
                log.info(ALONE_PHASE, len(exclusive))
            for slot in exclusive:
                self._make(slot)
        finally:
            for slot in self._slots.values():  # nothing waits forever, even after a stop
                if not slot.done.is_set():
                    slot.error = SnippetError(f"{slot.spec.label}: not run, the build was interrupted")
                    slot.done.set()
            _running.discard(self)

    def _work(self, todo: queue.SimpleQueue) -> None:
        while (slot := todo.get()) is not None:
            self._make(slot)

    def _make(self, slot: _Slot) -> None:
        if self.cancel.is_set():
            return
        key = self.engine.key(slot.spec)
        with self._lock:
            self._active[key] = len(self._active)
            for other in self._active:
                self._active[other] = max(self._active[other], len(self._active) - 1)
        try:
            run = self.engine.execute(slot.spec, self.cancel)
        except BaseException as error:  # reported where the page asks for the run
            slot.error = error
            with self._lock:
                self._active.pop(key, None)
            slot.done.set()
            return
        with self._lock:
            beside = self._active.pop(key)
        slot.run = replace(run, beside=beside, build=self.build)
        self.engine.keep(slot.spec, slot.run)
        with self._lock:
            self.made.append(slot.run)
        slot.done.set()


_running: set[Schedule] = set()


@atexit.register
def _stop_all() -> None:
    """An interrupted build (Ctrl-C) leaves no run behind: each running one is killed."""
    for schedule in list(_running):
        schedule.stop()
