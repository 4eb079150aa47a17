"""What the MkDocs hook knows about the build in progress, shared with page blocks."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class BuildState:
    command: str = "build"  # build, serve or gh-deploy (from on_startup)
    language: str = "zh"  # the language of the page being rendered
    page: str = ""  # its source path, for messages
    generation: int = 0  # one per build; mkdocs serve makes one per rebuild
    widget_counter: int = 0  # ids of tab sets, reset per page so builds are comparable
    failures: list[str] = field(default_factory=list)
    used: dict[str, int] = field(default_factory=dict)  # run_id -> generation first shown

    def next_id(self) -> int:
        self.widget_counter += 1
        return self.widget_counter


state = BuildState()
