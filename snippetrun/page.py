"""What pages call from their markdown-exec blocks.

```python exec="1" html="1"
from snippetrun.page import embed
print(embed("basics/lock_seed.py", methods=["fork", "spawn"]))
```
"""

from __future__ import annotations

from . import charts
from . import machine as machine_facts
from .render import bench_block, failure_block, snippet_block
from .runner import Run
from .spec import Embed, SnippetError, snippet_path
from .state import state


def _shown_runs(snippet: str, methods: list[str] | None, options: dict) -> tuple[str, list[tuple[str, Run]]]:
    """The snippet's source and its runs, each ended as declared (else SnippetError)."""
    source = snippet_path(snippet).read_text(encoding="utf-8")
    runs = []
    for spec in Embed.of(snippet, methods, **options).specs():
        run = state.result(spec)
        message = run.failure()
        if message:
            raise SnippetError(message)
        runs.append((spec.method or "default", run))
    return source, runs


def _failed(message: str) -> str:
    """Report a failure once (a build stops on it) and show it in place of the runs."""
    message = f"{state.page}: {message}"
    state.fail(message)
    return failure_block(message, state.context)


def embed(snippet: str, methods: list[str] | None = None, **options) -> str:
    """The snippet's source and one run per start method (None: the interpreter's default).

    ``options``: python ("3.12"), timeout (seconds), trace (False: no timeline, and the run
    has the machine to itself), alone (True: the machine to itself), exit_code, traceback.
    A run that does not end as declared fails the build (``mkdocs serve`` shows why instead).
    """
    try:
        source, runs = _shown_runs(snippet, methods, options)
    except SnippetError as error:
        return _failed(str(error))
    return snippet_block(snippet, source, runs, state.context)


def machine() -> str:
    return machine_facts.table(state.context.language)


def bench(snippet: str, figure: str | None = None, **options) -> str:
    """A benchmark's run (pages pass ``trace=False``: the machine to itself).

    Without ``figure``: the program, its printed output and the run facts. With ``figure``
    (a name in ``charts.FIGURES``): that chart of the same run, a table of its numbers and
    the conclusions this build's numbers support, in the page's language.
    """
    if figure is not None and figure not in charts.FIGURES:
        return _failed(f"{snippet}: no figure {figure!r} (known: {', '.join(charts.FIGURES)})")
    try:
        source, [(_, run)] = _shown_runs(snippet, None, options)
    except SnippetError as error:
        return _failed(str(error))
    try:
        return bench_block(snippet, source, run, figure, state.context)
    except (ValueError, KeyError) as error:  # the program's report is not what the chart reads
        return _failed(f"{snippet}: its report cannot be drawn as {figure!r}: {error!r}")
