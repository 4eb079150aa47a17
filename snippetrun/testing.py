"""What tests ask of the engine, by the pages' own words.

``shown_run(snippet, method)`` is the run a built page shows: the spec comes from the page's
embed (read by the same planner as the build), and the run from the run store the session's
build filled. A test never re-types an embed's arguments, so it cannot check a run no page
shows. ``fresh_run(...)`` is the one way to ask for a run of one's own, on purpose.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from .engine import Engine
from .model import Run
from .plan import SitePlan, plan_site
from .spec import ROOT, RunSpec, SnippetError

CONFIG = ROOT / "mkdocs.yml"

ANY = object()  # shown_spec(python=ANY): whichever interpreter the embed names

# Snippets whose shown run some test asked for: a test that only makes fresh runs does not
# count as checking what a page shows.
checked: set[str] = set()


@dataclass
class Session:
    engine: Engine
    plan: SitePlan
    folder: str


@functools.cache
def session(config_file: str = str(CONFIG)) -> Session:
    """The engine and plan of the site's mkdocs.yml (its snippetrun options, !ENV resolved),
    as a build of it would have them. Runs are read from the store, never made fresh here."""
    from mkdocs.config import load_config

    from .plugin import engine_for, planner_for

    config = load_config(config_file)
    options = config.plugins["snippetrun"].config
    engine = engine_for(options)
    engine.fresh = False
    plan = plan_site(planner_for(config), Path(config.docs_dir), options.snippets_dir)
    if plan.errors:
        raise SnippetError("the pages do not plan:\n" + "\n".join(plan.errors))
    return Session(engine, plan, options.snippets_dir)


def shown_spec(
    snippet: str, method: str | None = None, *, page: str | None = None, python: str | None | object = ANY
) -> RunSpec:
    """The spec of the run a page shows for ``snippet`` under ``method`` (None: the embed
    that names no method). ``page`` ("basics/pool") or ``python`` ("3.12", or None for the
    embed that names no interpreter) pick one embed when several show the snippet differently."""
    plan = session().plan
    shown = {
        spec: name
        for name, specs in plan.page_specs().items()
        for spec in specs
        if spec.snippet == snippet and (page is None or name == page)
    }
    matching = [s for s in shown if s.method == method and (python is ANY or s.python == python)]
    if len(matching) == 1:
        return matching[0]
    what = f"snippets/{snippet}" + (f" [{method}]" if method else "") + (f" on page {page}" if page else "")
    if not matching:
        offered = ", ".join(sorted(f"{shown[s]}: method={s.method!r} python={s.python!r}" for s in shown)) or "none"
        raise SnippetError(
            f"no page shows a run of {what} (the pages show: {offered}); "
            "a test that wants a run of its own asks fresh_run(...)"
        )
    raise SnippetError(f"several embeds show {what}: name page= or python= to pick one")


def shown_run(
    snippet: str,
    method: str | None = None,
    *,
    page: str | None = None,
    python: str | None | object = ANY,
    check: bool = True,
) -> Run:
    """The run the built page shows. Raises SnippetError when no page shows it, when the
    build kept no run of it, or (``check``) when the run did not end as its page declares."""
    spec = shown_spec(snippet, method, page=page, python=python)
    run = session().engine.lookup(spec)
    if run is None:
        raise SnippetError(f"{spec.label}: the run store has no run of it: the session's site build makes it")
    checked.add(snippet)
    message = run.failure()
    if check and message:
        raise SnippetError(message)
    return run


def fresh_run(spec_or_snippet: RunSpec | str, method: str | None = None, *, check: bool = True, **options) -> Run:
    """A new run made now, on purpose (a run no page shows, or a second run to compare);
    kept nowhere. Options are RunSpec's."""
    spec = spec_or_snippet if isinstance(spec_or_snippet, RunSpec) else RunSpec(spec_or_snippet, method, **options)
    run = session().engine.execute(spec)
    message = run.failure()
    if check and message:
        raise SnippetError(message)
    return run
