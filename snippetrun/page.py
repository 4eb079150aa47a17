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
from .spec import Embed, SnippetError, snippet_path
from .state import state


def embed(snippet: str, methods: list[str] | None = None, **options) -> str:
    """The snippet's source and one run per start method (None: the interpreter's default).

    ``options``: python ("3.12"), timeout (seconds), trace (False: no timeline, and the run
    has the machine to itself), alone (True: the machine to itself), exit_code, traceback.
    A run that does not end as declared fails the build (``mkdocs serve`` shows why instead).
    """
    try:
        source = snippet_path(snippet).read_text(encoding="utf-8")
        runs = []
        for spec in Embed.of(snippet, methods, **options).specs():
            run = state.result(spec)
            message = run.failure()
            if message:
                raise SnippetError(message)
            runs.append((spec.method or "default", run))
    except SnippetError as error:
        message = f"{state.page}: {error}"
        state.fail(message)
        return failure_block(message, state.context)
    return snippet_block(snippet, source, runs, state.context)


def machine() -> str:
    return machine_facts.table(state.context.language)


def bench(snippet: str, figure: str | None = None, **options) -> str:
    """A benchmark's run (pages pass ``trace=False``: the machine to itself).

    Without ``figure``: the program, its printed output and the run facts. With ``figure``
    (a name in ``charts.FIGURES``): that chart of the same run, a table of its numbers and
    the conclusions this build's numbers support, in the page's language.
    """
    try:
        source = snippet_path(snippet).read_text(encoding="utf-8")
        if figure is not None and figure not in charts.FIGURES:
            raise SnippetError(f"{snippet}: no figure {figure!r} (known: {', '.join(charts.FIGURES)})")
        (spec,) = Embed.of(snippet, None, **options).specs()
        run = state.result(spec)
        message = run.failure()
        if message:
            raise SnippetError(message)
        return bench_block(snippet, source, run, figure, state.context)
    except (SnippetError, ValueError, KeyError, StopIteration) as error:
        message = f"{state.page}: {snippet}: {error!r}"
        state.fail(message)
        return failure_block(message, state.context)
