"""What pages call from their markdown-exec blocks.

```python exec="1" html="1"
from snippetrun.page import embed
print(embed("basics/lock_seed.py", methods=["fork", "spawn"]))
```
"""

from __future__ import annotations

from . import charts
from . import machine as machine_facts
from .model import Run
from .plugin import active
from .render import bench_block, failure_block, key_block, snippet_block, timeline_block
from .spec import ROOT, Embed, SnippetError, display_lines


def _shown_runs(embed: Embed) -> tuple[str, list[tuple[str, Run]]]:
    """The snippet's source and its runs, each ended as declared (else SnippetError)."""
    plugin = active()
    specs = embed.specs(plugin.folder)
    source = plugin.snippet_source(specs[0])
    runs = []
    for spec in specs:
        run = plugin.result(spec)
        message = run.failure()
        if message:
            raise SnippetError(message)
        runs.append((spec.method or "default", run))
    return source, runs


def _failed(message: str, embed: Embed | None = None) -> str:
    """Report a failure once (a build stops on it) and show it in place of the runs."""
    plugin = active()
    where = plugin.where(embed) if embed is not None else plugin.state.page
    message = f"{where}: {message}"
    plugin.fail(message)
    return failure_block(message, plugin.state.context)


def embed(snippet: str, methods: list[str] | None = None, **options) -> str:
    """The snippet's source and one run per start method (None: the interpreter's default).

    ``options``: python ("3.12"), timeout (seconds), trace (False: no timeline, and the run
    has the machine to itself), alone (True: the machine to itself), exit_code, traceback;
    and how the source is shown (spec.DISPLAY): fold, hl_lines, fixes.
    A run that does not end as declared fails the build (``mkdocs serve`` shows why instead).
    """
    try:
        call = Embed.of(snippet, methods, **options)
    except SnippetError as error:
        return _failed(str(error))
    try:
        source, runs = _shown_runs(call)
        folder = (ROOT / active().folder).resolve()
        folds, marked = display_lines(folder / snippet, dict(call.display), folder)
    except SnippetError as error:
        return _failed(str(error), call)
    return snippet_block(snippet, source, runs, active().state.context, folds, marked)


def timeline(snippet: str, methods: list[str], lesson: str, url: str, **options) -> str:
    """The timeline of one run a lesson shows, away from the lesson (the home page): the
    embed's arguments are the lesson's, so it is the very run the lesson shows. ``lesson``
    and ``url`` name and link the lesson (a page-relative link)."""
    try:
        call = Embed.of(snippet, methods, **options)
        if len(call.methods) != 1:
            raise SnippetError(f"snippets/{snippet}: timeline() shows one run: give one start method")
    except SnippetError as error:
        return _failed(str(error))
    try:
        _, [(_, run)] = _shown_runs(call)
    except SnippetError as error:
        return _failed(str(error), call)
    return timeline_block(run, active().state.context, lesson, url)


def machine() -> str:
    return machine_facts.table(active().state.context.language)


def timeline_key() -> str:
    """A sketch of a timeline with every kind of mark, for the key on the about page."""
    return key_block(active().state.context)


def bench(snippet: str, figure: str | None = None, **options) -> str:
    """A benchmark's run (pages pass ``trace=False``: the machine to itself).

    Without ``figure``: the program, its printed output and the run facts. With ``figure``
    (a name in ``charts.FIGURES``): that chart of the same run, a table of its numbers and
    the conclusions this build's numbers support, in the page's language.
    """
    context = active().state.context
    try:
        call = Embed.of(snippet, None, **options)
    except SnippetError as error:
        return _failed(str(error))
    if figure is not None and figure not in charts.FIGURES:
        return _failed(f"{snippet}: no figure {figure!r} (known: {', '.join(charts.FIGURES)})", call)
    try:
        source, [(_, run)] = _shown_runs(call)
    except SnippetError as error:
        return _failed(str(error), call)
    try:
        return bench_block(snippet, source, run, figure, context)
    except (ValueError, KeyError) as error:  # the program's report is not what the chart reads
        return _failed(f"{snippet}: its report cannot be drawn as {figure!r}: {error!r}", call)
