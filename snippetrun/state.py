"""What the MkDocs hook knows about the build in progress, shared with page blocks."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field

from . import runner
from .render import RenderContext
from .runner import Run
from .schedule import Schedule
from .spec import RunSpec

log = logging.getLogger("mkdocs.plugins.snippetrun")


@dataclass
class BuildState:
    command: str = "build"  # build, serve or gh-deploy (from on_startup)
    build: str = ""  # this build's id; `mkdocs serve` makes a new one per rebuild
    schedule: Schedule | None = None
    page: str = ""  # the page being rendered, for messages
    context: RenderContext = field(default_factory=RenderContext)
    failures: list[str] = field(default_factory=list)  # each reported once
    dirty: bool = False  # `mkdocs serve --dirty`: only changed pages are rebuilt
    menu: str = ""  # the menu the last build showed (a change rebuilds every page)
    forced: set[str] = field(default_factory=set)  # pages a dirty rebuild must render again
    page_specs: dict[str, list[RunSpec]] = field(default_factory=dict)  # the runs each page shows

    def new_build(self) -> None:
        self.build = uuid.uuid4().hex[:12]
        self.failures.clear()

    def result(self, spec: RunSpec) -> Run:
        return self.schedule.result(spec) if self.schedule else runner.get(spec)

    def fail(self, message: str) -> None:
        if message not in self.failures:
            self.failures.append(message)
            if self.command == "serve":
                log.warning(message)


state = BuildState()
