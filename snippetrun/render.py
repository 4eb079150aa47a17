"""Write a snippet, its runs and their facts as HTML for a page (markdown-exec, html mode)."""

from __future__ import annotations

import itertools
import re
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
    # What every run of the page shares, said once per page (page_facts): the Python the
    # site runs snippets on, the CPUs (total, usable) and when the build began. A run that
    # differs says so in its own facts line.
    python: str = ""
    cpus: tuple[int | None, int | None] = (None, None)
    built: str = ""
    runs: list[Run] = field(default_factory=list, repr=False)  # every run the page shows
    _slot: bool = False  # the page's facts line has its place (in its first example)

    def next_id(self) -> int:
        """Ids of tab sets and timelines: counted per page, so builds are comparable."""
        self.last_id = next(self._ids)
        return self.last_id

    def slot(self) -> str:
        """Where the page's facts line goes: the first example of the page holds it, and the
        plugin fills it in once every run of the page is known (fill_page_facts)."""
        if self._slot:
            return ""
        self._slot = True
        return PAGE_FACTS_SLOT


PAGE_FACTS_SLOT = '<p class="sr-page-facts" data-sr-slot="1"></p>'
# When the build began goes into the finished page (fill_build_time), not into its rendered
# content: `mkdocs serve` reuses an unchanged page's rendering, and only this time differs.
BUILT_TOKEN = "\x00built\x00"
BUILT_SLOT = '<time class="sr-built"></time>'


def fill_build_time(html: str, built: str) -> str:
    """The finished page, with the time its build began in the page's facts line."""
    return html.replace(BUILT_SLOT, f'<time class="sr-built">{escape(built)}</time>')


def _code_lines(source: str) -> list[str]:
    """The highlighted source, one HTML line per source line (Pygments closes and reopens
    its spans at each line end, so each line stands on its own)."""
    return highlight(source, PythonLexer(stripnl=False), _FORMATTER).split("\n")[: len(source.splitlines())]


def source_block(
    snippet: str,
    source: str,
    folds: list[tuple[int, int]] = (),
    marked: set[int] = frozenset(),
    ctx: RenderContext | None = None,
) -> str:
    """The program, with its folded ranges collapsed (a checkbox and its label: no script
    needed, and the copy button still copies the whole file) and its marked lines highlighted."""
    lines = _code_lines(source)
    raw = source.splitlines()
    starts = {start: end for start, end in folds}
    out = []
    number = 1
    while number <= len(lines):
        if number in starts:
            end = starts[number]
            out.append(_fold(raw, lines, number, end, marked, ctx))
            number = end + 1
            continue
        out.append(_line(lines[number - 1], number in marked))
        number += 1
    return (
        f'<div class="language-python highlight sr-source"><span class="filename">snippets/{escape(snippet)}</span>'
        f"<pre><span></span><code>{''.join(out)}</code></pre></div>"
    )


def _line(html: str, marked: bool) -> str:
    return f'<span class="hll">{html}\n</span>' if marked else f"{html}\n"


def _fold(raw: list[str], lines: list[str], start: int, end: int, marked: set[int], ctx: RenderContext | None) -> str:
    language = ctx.language if ctx else "en"
    ident = f"__srfold{ctx.next_id() if ctx else start}"
    body = raw[start - 1 : end]
    indent = min((len(line) - len(line.lstrip()) for line in body if line.strip()), default=0)
    count = end - start + 1
    show = escape(text(language, "fold_show", count=count))
    hide = escape(text(language, "fold_hide", count=count))
    label = (
        f'<label class="sr-fold-label" for="{ident}"{NO_SEARCH}>{" " * indent}'
        f'<span class="sr-fold-show">{show}</span><span class="sr-fold-hide">{hide}</span>\n</label>'
    )
    folded = "".join(_line(lines[n - 1], n in marked) for n in range(start, end + 1))
    return f'<input class="sr-fold-toggle" id="{ident}" type="checkbox">{label}<span class="sr-fold">{folded}</span>'


# Kept out of the search index (Material's data-search-exclude): a second copy of the output
# with times, timelines, run facts. The source and the plain output stay searchable (a reader
# may paste an error message); the index stays small enough for a phone to load.
NO_SEARCH = " data-search-exclude"


def _text_block(
    content: str, extra_class: str = "", searchable: bool = True, html: str | None = None, style: str = ""
) -> str:
    body = escape(content) if html is None else html
    css = f' style="{style}"' if style else ""
    return (
        f'<div class="language-text highlight {extra_class}"{"" if searchable else NO_SEARCH}>'
        f"<pre><span></span><code{css}>{body}</code></pre></div>"
    )


def tabs(
    ctx: RenderContext, titles: list[str], bodies: list[str], css: str = "", extra_label: str = "", number: int = 0
) -> str:
    """Material's content-tabs markup (alternate style), so its CSS and JS apply;
    ``extra_label`` ends the row of labels (the timestamps switch)."""
    number = number or ctx.next_id()
    ident = f"__sr{number}"
    inputs = "".join(
        f'<input {"checked " if i == 0 else ""}id="{ident}_{i + 1}" name="{ident}" type="radio">'
        for i in range(len(titles))
    )
    labels = "".join(f'<label for="{ident}_{i + 1}">{escape(t)}</label>' for i, t in enumerate(titles))
    blocks = "".join(f'<div class="tabbed-block">{b}</div>' for b in bodies)
    return (
        f'<div class="tabbed-set tabbed-alternate {css}" data-tabs="{number}:{len(titles)}">'
        f'{inputs}<div class="tabbed-labels">{labels}{extra_label}</div>'
        f'<div class="tabbed-content">{blocks}</div></div>'
    )


def timestamped(run: Run) -> str:
    width = max((len(line.process or "") for line in run.lines), default=0)
    rows = []
    for line in run.lines:
        who = (line.process or "?").ljust(width)
        rows.append(f"+{line.ms:8.1f} ms  {who}  {line.text}")
    return "\n".join(rows)


def short_names(names: list[str | None]) -> dict[str | None, str]:
    """A few characters per process for a phone's column: MainProcess M, Process-1 P1,
    ForkPoolWorker-2 W2, Process-1:1 P1:1, pid 12345 p345; names that would look alike
    keep more of themselves."""
    short = {name: _initials(name) for name in dict.fromkeys(names)}
    seen: dict[str, list] = {}
    for name, abbreviation in short.items():
        seen.setdefault(abbreviation, []).append(name)
    for alike in seen.values():
        if len(alike) > 1:
            for name in alike:
                short[name] = (name or "?")[:6]
    if len(set(short.values())) < len(short):  # still alike: the whole names
        short = {name: name or "?" for name in short}
    return short


def _initials(name: str | None) -> str:
    if not name:
        return "?"
    if name == "MainProcess":
        return "M"
    pid = re.fullmatch(r"pid (\d+)", name)
    if pid:
        return "p" + pid.group(1)[-3:]
    match = re.fullmatch(r"(.*?)-(\d+(?::\d+)*)", name)
    base, number = (match.group(1), match.group(2)) if match else (name, "")
    if base.endswith("PoolWorker"):
        letters = "W"
    elif base.endswith("Process"):
        letters = "P"
    else:
        letters = "".join(c for c in base if c.isupper()) or base[:1]
    return letters + number


def stamped_html(run: Run) -> tuple[str, str]:
    """The timestamped output, and the CSS that indents its wrapped lines under the output.
    Each line's prefix is the desktop's (+ 123.4 ms  Process-1); a phone's column shows the
    short one in data-short instead (CSS), so its output keeps room: at most a dozen
    characters of prefix. Long lines wrap rather than scroll: the view is shown by a switch,
    after Material has decided which code blocks need to be reachable by keyboard."""
    if not run.lines:
        return escape(run.output.rstrip("\n") or ""), ""
    width = max((len(line.process or "") for line in run.lines), default=0)
    short = short_names([line.process for line in run.lines])
    latest = max(line.ms for line in run.lines)
    digits, wide_digits = len(f"{latest:.0f}"), len(f"{latest:.1f}")
    who_width = max(len(s) for s in short.values())
    rows = []
    for line in run.lines:
        wide = f"+{line.ms:>{wide_digits}.1f} ms  {(line.process or '?').ljust(width)}  "
        narrow = f"{line.ms:>{digits}.0f} {short[line.process].ljust(who_width)} "
        prefix = f'<span class="sr-p" data-short="{escape(narrow)}"><span>{escape(wide)}</span></span>'
        rows.append(f'<span class="sr-row">{prefix}{escape(line.text)}\n</span>')
    indent = f"--sr-wide: {len(wide)}ch; --sr-narrow: {len(narrow)}ch"
    return "".join(rows), indent


def _differs(run: Run, ctx: RenderContext) -> tuple[bool, bool]:
    """Whether the run's Python, and its CPUs, differ from what the page's facts line says."""
    python = bool(run.python) and run.python != ctx.python
    cpus = run.cpus is not None and (run.cpus, run.cpus_usable or run.cpus) != ctx.cpus
    return python, cpus


def facts(run: Run, ctx: RenderContext, extra: str = "", untraced: bool = False) -> str:
    """A run's own facts: its start method, wall time, company, how it ended, whether this
    build made it. The Python and CPUs only when they differ from the page's facts line."""
    language = ctx.language
    parts = []
    method = run.start_method
    if method:
        key = "method" if (run.method or run.methods_used) else "method_default"
        parts.append(text(language, key, method=method))
    python, cpus = _differs(run, ctx)
    if python:
        parts.append(text(language, "python", version=run.python))
    if cpus:
        if run.cpus_usable and run.cpus_usable != run.cpus:
            parts.append(text(language, "cpus", usable=run.cpus_usable, total=run.cpus))
        else:
            parts.append(text(language, "cpus_same", total=run.cpus))
    parts.append(text(language, "wall", seconds=run.wall))
    if run.load is not None and not run.spec.trace:  # a timing: how busy the machine was around it
        parts.append(text(language, "load", start=run.load[0], end=run.load[1]))
    if run.spec.exclusive or not run.spec.trace:  # a timing: whether it had the machine alone
        if run.beside == 0:
            parts.append(text(language, "alone"))
        elif run.beside:
            parts.append(text(language, "beside", count=run.beside))
    if untraced and run.timeline is None:
        parts.append(text(language, "not_traced"))
    if run.timed_out:
        parts.append(text(language, "timed_out", seconds=run.timeout))
    elif run.exit_code:
        parts.append(text(language, "exit", code=run.exit_code))
    when = run.started.strftime("%Y-%m-%d %H:%M:%S UTC")
    reused = run.build != ctx.build
    parts.append(text(language, "reused" if reused else "ran_at", time=when))
    ctx.runs.append(run)
    return (
        f'<p class="sr-facts"{NO_SEARCH} data-run-id="{run.run_id}" data-snippet="{escape(run.snippet)}" '
        f'data-method="{escape(method or "")}" data-reused="{str(reused).lower()}" '
        f'data-beside="{"" if run.beside is None else run.beside}">'
        + " · ".join(escape(p) for p in parts)
        + extra
        + "</p>"
    )


def page_facts(ctx: RenderContext) -> str:
    """The facts every run of the page shares, said once: the Python and CPUs of the runs
    that do not name their own, and when this build began."""
    language = ctx.language
    parts = []
    shared = [_differs(run, ctx) for run in ctx.runs]
    if ctx.python and any(not python for python, _ in shared):
        parts.append(text(language, "python", version=ctx.python))
    total, usable = ctx.cpus
    if total and any(not cpus for _, cpus in shared):
        key = "cpus" if usable and usable != total else "cpus_same"
        parts.append(text(language, key, usable=usable, total=total))
    if ctx.built:
        parts.append(text(language, "built_at", time=BUILT_TOKEN))
    note = text(language, "page_facts_note")
    return (
        f'<p class="sr-page-facts"{NO_SEARCH}><span class="sr-facts-title">{escape(text(language, "facts"))}</span> '
        + " · ".join(escape(p) for p in parts).replace(BUILT_TOKEN, BUILT_SLOT)
        + f'<span class="sr-facts-note">{escape(note)}</span></p>'
    )


def fill_page_facts(html: str, ctx: RenderContext) -> str:
    """Put the page's facts line in the place its first example left for it."""
    if PAGE_FACTS_SLOT not in html:
        return html
    return html.replace(PAGE_FACTS_SLOT, page_facts(ctx) if ctx.runs else "", 1).replace(PAGE_FACTS_SLOT, "")


def _figure(run: Run, ctx: RenderContext) -> str:
    """The run's timeline (its title and description are in the drawing, for screen readers;
    the facts line below it links the key)."""
    language = ctx.language
    if run.timeline is None:
        return ""  # the facts line says why
    ident = f"sr-tl-{ctx.next_id()}"
    title = text(language, "timeline_title", snippet=run.snippet, method=run.start_method or "")
    svg = timeline_svg(run.timeline, title, language, ident)
    return f'<figure class="sr-figure"{NO_SEARCH}>{svg}</figure>'


def _key_link(run: Run, ctx: RenderContext) -> str:
    if run.timeline is None or not ctx.key_url:
        return ""
    return f' · <a href="{escape(ctx.key_url)}">{escape(text(ctx.language, "key_link"))}</a>'


def run_block(run: Run, ctx: RenderContext) -> str:
    """One run: its output (plain, or with times when the switch is on), its timeline and
    its own facts."""
    plain = run.output.rstrip("\n") or text(ctx.language, "no_output")
    html, indent = stamped_html(run)
    outputs = _text_block(plain, "sr-output") + _text_block(
        "", "sr-stamped", searchable=False, html=html or escape(plain), style=indent
    )
    return outputs + _figure(run, ctx) + facts(run, ctx, _key_link(run, ctx), untraced=True)


def snippet_block(
    snippet: str,
    source: str,
    runs: list[tuple[str, Run]],
    ctx: RenderContext,
    folds: list[tuple[int, int]] = (),
    marked: set[int] = frozenset(),
) -> str:
    """The program, then one row of tabs: a start method each (or the output when the page
    names none), ending with the switch between plain and timestamped output."""
    slot = ctx.slot()
    parts = [source_block(snippet, source, folds, marked, ctx)]
    bodies = [run_block(run, ctx) for _, run in runs]
    titles = [title if title != "default" else text(ctx.language, "output") for title, _ in runs]
    number = ctx.next_id()
    toggle = f"__sr{number}_t"
    label = f'<label class="sr-stamp-label" for="{toggle}">{escape(text(ctx.language, "timestamped"))}</label>'
    switch = f'<input class="sr-stamp-toggle" id="{toggle}" type="checkbox">'
    parts.append(f'<div class="sr-runs">{switch}{tabs(ctx, titles, bodies, "sr-methods", label, number)}</div>')
    return f'{slot}<div class="sr-snippet" data-snippet="{escape(snippet)}">' + "".join(parts) + "</div>"


def timeline_block(run: Run, ctx: RenderContext, lesson: str, lesson_url: str) -> str:
    """A run's timeline alone, shown away from its lesson (the home page): linked to the
    lesson, with the run's facts."""
    slot = ctx.slot()
    link = f' · <a href="{escape(lesson_url)}">{escape(text(ctx.language, "lesson_link", lesson=lesson))}</a>'
    return (
        f'{slot}<div class="sr-snippet sr-timeline-only" data-snippet="{escape(run.snippet)}">'
        + _figure(run, ctx)
        + facts(run, ctx, _key_link(run, ctx) + link)
        + "</div>"
    )


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
        parts = [source_block(snippet, source, ctx=ctx), _text_block(plain, "sr-output"), facts(run, ctx)]
    else:
        ident = f"sr-chart-{ctx.next_id()}"
        drawn = charts.FIGURES[figure](charts.report_of(run.output), ctx.language, ident)
        raw = (
            f'<details class="sr-raw"><summary>{escape(text(ctx.language, "raw_output"))}</summary>'
            f"{_text_block(run.output.rstrip(chr(10)), 'sr-output', searchable=False)}</details>"
        )
        parts = [charts.figure_html(drawn, ident, ctx.language), raw, facts(run, ctx)]
    return (
        ctx.slot() + f'<div class="sr-snippet sr-benchmark" data-snippet="{escape(snippet)}" '
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
