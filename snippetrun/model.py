"""What one run of a snippet did: the record the engine keeps, the store saves, pages show
and tests check. A leaf module: it imports nothing that runs anything."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from .lines import OutputLine
from .spec import RunSpec
from .trace import Timeline

OUTPUT_CAP = 256 * 1024
TAIL_LINES = 15  # lines of output a failure message quotes (per process after a timeout)


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
    load: tuple[float, float] | None = None  # 1-minute load average at the start and the end

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
        """The message a failed run gives: the file, the reasons, the end of its output
        (after a timeout, the end of each process's output: the one that hangs may be a child)."""
        problems = self.problems()
        if not problems:
            return None
        tail = "\n".join(self.output.splitlines()[-TAIL_LINES:])
        if "ModuleNotFoundError" in tail:
            problems.append("a package is missing: `python -m snippetrun envs` installs requirements-snippets.txt")
        return f"{self.spec.label}: " + "; ".join(problems) + self._tails(tail)

    def _tails(self, tail: str) -> str:
        writers = list(dict.fromkeys(line.process for line in self.lines if line.process))
        if not self.timed_out or len(writers) < 2:
            return f"\n--- last output ---\n{tail}"
        parts = []
        for writer in writers:
            mine = [line.text for line in self.lines if line.process == writer][-TAIL_LINES:]
            parts.append(f"--- last output of {writer} ---\n" + "\n".join(mine))
        unattributed = [line.text for line in self.lines if not line.process][-TAIL_LINES:]
        if unattributed:
            parts.append("--- last output of unknown writers ---\n" + "\n".join(unattributed))
        return "\n" + "\n".join(parts)
