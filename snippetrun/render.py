"""Write a snippet, its runs and their facts as HTML for a page (markdown-exec, html mode)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from html import escape

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from . import charts
from .i18n import text
from .model import Run
from .svg import timeline_svg

_FORMATTER = HtmlFormatter(nowrap=True)


@dataclass
class RenderContext:
    """What rendering needs to know about the page it writes into."""

    language: str = "en"
    build: str = ""  # the build showing the runs: a run made by another one was reused
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1), repr=False)
    last_id: int = 0
    key_url: str = ""  # the "how to read a timeline" section, relative to the page

    def next_id(self) -> int:
        """Ids of tab sets and timelines: counted per page, so builds are comparable."""
        self.last_id = next(self._ids)
        return self.last_id


def source_block(snippet: str, source: str) -> str:
    code = highlight(source, PythonLexer(), _FORMATTER)
    return (
        f'<div class="language-python highlight sr-source"><span class="filename">snippets/{escape(snippet)}</span>'
        f"<pre><span></span><code>{code}</code></pre></div>"
    )


# Kept out of the search index (Material's data-search-exclude): a second copy of the output
# with times, timelines, run facts. The source and the plain output stay searchable (a reader
# may paste an error message); the index stays small enough for a phone to load.
NO_SEARCH = " data-search-exclude"


def _text_block(content: str, extra_class: str = "", searchable: bool = True) -> str:
    return (
        f'<div class="language-text highlight {extra_class}"{"" if searchable else NO_SEARCH}>'
        f"<pre><span></span><code>{escape(content)}</code></pre></div>"
    )


def tabs(ctx: RenderContext, titles: list[str], bodies: list[str], css: str = "") -> str:
    """Material's content-tabs markup (alternate style), so its CSS and JS apply."""
    number = ctx.next_id()
    ident = f"__sr{number}"
    inputs = "".join(
        f'<input {"checked " if i == 0 else ""}id="{ident}_{i + 1}" name="{ident}" type="radio">'
        for i in range(len(titles))
    )
    labels = "".join(f'<label for="{ident}_{i + 1}">{escape(t)}</label>' for i, t in enumerate(titles))
    blocks = "".join(f'<div class="tabbed-block">{b}</div>' for b in bodies)
    return (
        f'<div class="tabbed-set tabbed-alternate {css}" data-tabs="{number}:{len(titles)}">'
        f'{inputs}<div class="tabbed-labels">{labels}</div><div class="tabbed-content">{blocks}</div></div>'
    )


def timestamped(run: Run) -> str:
    width = max((len(line.process or "") for line in run.lines), default=0)
    rows = []
    for line in run.lines:
        who = (line.process or "?").ljust(width)
        rows.append(f"+{line.ms:8.1f} ms  {who}  {line.text}")
    return "\n".join(rows)


def facts(run: Run, ctx: RenderContext) -> str:
    language = ctx.language
    parts = [text(language, "python", version=run.python)]
    method = run.start_method
    if method:
        key = "method" if (run.method or run.methods_used) else "method_default"
        parts.append(text(language, key, method=method))
    if run.cpus_usable and run.cpus and run.cpus_usable != run.cpus:
        parts.append(text(language, "cpus", usable=run.cpus_usable, total=run.cpus))
    elif run.cpus:
        parts.append(text(language, "cpus_same", total=run.cpus))
    parts.append(text(language, "wall", seconds=run.wall))
    if run.load is not None and not run.spec.trace:  # a timing: how busy the machine was around it
        parts.append(text(language, "load", start=run.load[0], end=run.load[1]))
    if run.beside == 0:
        parts.append(text(language, "alone"))
    elif run.beside:
        parts.append(text(language, "beside", count=run.beside))
    if run.timed_out:
        parts.append(text(language, "timed_out", seconds=run.timeout))
    elif run.exit_code:
        parts.append(text(language, "exit", code=run.exit_code))
    when = run.started.strftime("%Y-%m-%d %H:%M:%S UTC")
    reused = run.build != ctx.build
    parts.append(text(language, "reused" if reused else "ran_at", time=when))
    return (
        f'<p class="sr-facts"{NO_SEARCH} data-run-id="{run.run_id}" data-snippet="{escape(run.snippet)}" '
        f'data-method="{escape(method or "")}" data-reused="{str(reused).lower()}">'
        f'<span class="sr-facts-title">{text(language, "facts")}</span> '
        + " · ".join(escape(p) for p in parts)
        + "</p>"
    )


def run_block(run: Run, ctx: RenderContext) -> str:
    language = ctx.language
    plain = run.output.rstrip("\n") or text(language, "no_output")
    titles = [text(language, "output"), text(language, "timestamped")]
    bodies = [_text_block(plain, "sr-output"), _text_block(timestamped(run) or plain, "sr-stamped", searchable=False)]
    figure = f'<p class="sr-untraced"{NO_SEARCH}>{escape(text(language, "not_traced"))}</p>'
    if run.timeline is not None:
        ident = f"sr-tl-{ctx.next_id()}"
        title = text(language, "timeline_title", snippet=run.snippet, method=run.start_method or "")
        svg = timeline_svg(run.timeline, title, language, ident)
        key = ""
        if ctx.key_url:
            key = f' · <a href="{escape(ctx.key_url)}">{escape(text(language, "key_link"))}</a>'
        figure = f'<figure class="sr-figure"{NO_SEARCH}>{svg}<figcaption>{escape(title)}{key}</figcaption></figure>'
    return tabs(ctx, titles, bodies, "sr-run") + figure + facts(run, ctx)


def snippet_block(snippet: str, source: str, runs: list[tuple[str, Run]], ctx: RenderContext) -> str:
    parts = [source_block(snippet, source)]
    if len(runs) == 1:
        parts.append(run_block(runs[0][1], ctx))
    else:
        bodies = [run_block(run, ctx) for _, run in runs]
        parts.append(tabs(ctx, [title for title, _ in runs], bodies, "sr-methods"))
    return f'<div class="sr-snippet" data-snippet="{escape(snippet)}">' + "".join(parts) + "</div>"


def failure_block(message: str, ctx: RenderContext) -> str:
    """What `mkdocs serve` shows in place of a run that failed (a build stops instead)."""
    return (
        f'<div class="admonition failure sr-failed"><p class="admonition-title">{escape(text(ctx.language, "failed"))}'
        f"</p><pre><code>{escape(message)}</code></pre></div>"
    )


def bench_block(snippet: str, source: str, run: Run, figure: str | None, ctx: RenderContext) -> str:
    """A benchmark: its program and output (figure None), or one chart of its run with a
    table of the same numbers and what they show (charts.FIGURES)."""
    if figure is None:
        plain = run.output.rstrip("\n") or text(ctx.language, "no_output")
        parts = [source_block(snippet, source), _text_block(plain, "sr-output"), facts(run, ctx)]
    else:
        ident = f"sr-chart-{ctx.next_id()}"
        drawn = charts.FIGURES[figure](charts.report_of(run.output), ctx.language, ident)
        raw = (
            f'<details class="sr-raw"><summary>{escape(text(ctx.language, "raw_output"))}</summary>'
            f"{_text_block(run.output.rstrip(chr(10)), 'sr-output', searchable=False)}</details>"
        )
        parts = [charts.figure_html(drawn, ident, ctx.language), raw, facts(run, ctx)]
    return (
        f'<div class="sr-snippet sr-benchmark" data-snippet="{escape(snippet)}" '
        f'data-figure="{escape(figure or "")}">' + "".join(parts) + "</div>"
    )


def key_block(ctx: RenderContext) -> str:
    """The key's sketch (docs/about.*.md): a made-up timeline with every mark a run's timeline
    can have, drawn by the same code, and captioned as a sketch, not a run."""
    from .trace import Lane, Span, Timeline

    main = Lane(1000, "MainProcess", "main", 0.0, 100.0, 0, calls=[Span(31.0, 98.0, "main()")], lines=[33.0, 97.0])
    server = Lane(1001, "forkserver", "forkserver", 32.0, 100.0, 0)
    worker = Lane(
        1002, "Process-1", "child", 35.0, 84.0, 0, calls=[Span(37.0, 82.0, "work(1)")],
        waits=[Span(50.0, 60.0)], locks=[Span(60.0, 74.0)], lines=[66.0, 80.0],
    )  # fmt: skip
    killed = Lane(
        1003, "Process-2", "child", 36.0, 72.0, None, calls=[Span(38.0, 72.0, "work(2)")],
        locks=[Span(40.0, 50.0)], lines=[45.0], killed="signal", signal=15,
    )  # fmt: skip
    ident = f"sr-tl-{ctx.next_id()}"
    caption = text(ctx.language, "key_caption")
    svg = timeline_svg(Timeline([main, server, worker, killed], 100.0, ("forkserver",)), caption, ctx.language, ident)
    return f'<figure class="sr-figure sr-key"{NO_SEARCH}>{svg}<figcaption>{escape(caption)}</figcaption></figure>'
