"""What pages call from their markdown-exec blocks.

```python exec="1" html="1"
from snippetrun.page import embed
print(embed("basics/lock_seed.py", methods=["fork", "spawn"]))
```
"""

from __future__ import annotations

import logging

from . import machine as machine_facts
from .render import snippet_block
from .runner import DEFAULT_TIMEOUT, SnippetError, run_snippet, snippet_path
from .state import state

log = logging.getLogger("mkdocs.plugins.snippetrun")


def embed(
    snippet: str,
    methods: list[str] | None = None,
    *,
    python: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    trace: bool = True,
    exit_code: int = 0,
    traceback: bool = False,
) -> str:
    """The snippet's source and one run per start method (None: the snippet's own default)."""
    try:
        source = snippet_path(snippet).read_text(encoding="utf-8")
        runs = []
        for method in methods or [None]:
            run = run_snippet(
                snippet, method, python=python, timeout=timeout, trace=trace, exit_code=exit_code, traceback=traceback
            )
            runs.append((method or "default", run))
    except SnippetError as error:
        message = f"{state.page}: {error}"
        state.failures.append(message)
        log.error(message)
        raise
    return snippet_block(snippet, source, runs, state.language, timeout)


def machine() -> str:
    return machine_facts.table(state.language)
