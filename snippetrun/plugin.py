"""The MkDocs plugin (``plugins: - snippetrun`` in mkdocs.yml): the one object that owns a
build's state. It checks the pages and the menu, plans every run the pages show (read by
the parser that renders them) and starts them before the first page renders, tells page
blocks which page and language they render, stops a build at the first snippet that fails
(reported once, naming the page and line), and ends the build with what it ran.

All MkDocs coupling lives here: another generator needs another adapter, not a new engine.
"""

from __future__ import annotations

import copy
import logging
import os
import re
import subprocess
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from . import audit
from .engine import Engine, store_at
from .interpreters import version_of
from .model import Run
from .plan import Planner, SitePlan, plan_site
from .render import RenderContext, fill_build_time, fill_page_facts
from .schedule import Schedule, default_workers
from .servecache import ServeCache, digest, pure_block
from .spec import ROOT, Embed, RunSpec, SnippetError

log = logging.getLogger("mkdocs.plugins.snippetrun")


class _Version(c.BaseConfigOption[str | None]):
    """ "3.12" or a path; YAML (and an !ENV value) reads a bare 3.12 as a number: take it back."""

    def run_validation(self, value: object) -> str | None:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return f"{value}"
        if isinstance(value, str):
            return value
        raise base.ValidationError(f"expected a Python version such as 3.12, or a path, got {value!r}")


class SnippetrunConfig(base.Config):
    snippets_dir = c.Type(str, default="snippets")  # from the repository root
    store = c.Type(str, default=".snippetrun/runs")  # runs kept between builds (git-ignored)
    fresh = c.Type(bool, default=False)  # True: make every run this build shows (publishing)
    python = c.Optional(_Version())  # the interpreter runs use; None: the newest CPython here
    workers = c.Type(int, default=0)  # runs at once; 0: twice the CPUs
    max_columns = c.Type(int, default=audit.MAX_COLUMNS)  # wider snippet lines are warned about
    serve_cache = c.Type(bool, default=True)  # `mkdocs serve` reuses what an edit cannot have changed


@dataclass
class BuildState:
    build: str = ""  # this build's id; `mkdocs serve` makes a new one per rebuild
    schedule: Schedule | None = None
    plan: SitePlan | None = None
    page: str = ""  # the page being rendered, for messages
    context: RenderContext = field(default_factory=RenderContext)
    failures: list[str] = field(default_factory=list)  # each reported once
    menu: str = ""  # the menu the last build showed (a change rebuilds every page)
    forced: set[str] = field(default_factory=set)  # pages a dirty rebuild must render again
    started: datetime | None = None  # when this build (or rebuild) began
    python: str = ""  # the version of the Python runs use unless an embed names another
    cpus: tuple[int | None, int | None] = (None, None)  # this machine's CPUs: total, usable


_active: SnippetrunPlugin | None = None


def active() -> SnippetrunPlugin:
    """The plugin of the build in progress (page blocks run inside it)."""
    if _active is None:
        raise SnippetError("no MkDocs build is running: embed() is called from a page's exec block")
    return _active


def engine_for(config: SnippetrunConfig) -> Engine:
    return Engine(store=store_at(config.store, ROOT), fresh=config.fresh, python=config.python)


def planner_for(mkdocs_config) -> Planner:
    return Planner(mkdocs_config.markdown_extensions, mkdocs_config.mdx_configs)


class SnippetrunPlugin(BasePlugin[SnippetrunConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.dirty = False
        self.state = BuildState()
        self.engine: Engine | None = None
        self.planner: Planner | None = None
        self._settings: tuple = ()
        self._extensions = ""
        self.cache: ServeCache | None = None  # `mkdocs serve` only: results kept between rebuilds

    # --- configuration ------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty
        if dirty:
            _keep_search_index_bounded()
        if command == "serve" and self.config.serve_cache:
            self.cache = ServeCache()
            _cache_search_entries()
            _cache_git_dates()

    def on_config(self, config):
        global _active
        _active = self
        # `mkdocs serve` keeps this object across rebuilds (it has on_startup) but reloads the
        # config: keep the engine (its runs in memory) and the planner (the pages it has read)
        # while what decides them is unchanged.
        settings = (self.config.store, self.config.fresh, self.config.python)
        if self.engine is None or settings != self._settings:
            self.engine, self._settings = engine_for(self.config), settings
        extensions = repr(config.markdown_extensions)
        if self.planner is None or extensions != self._extensions:
            self.planner, self._extensions = planner_for(config), extensions
        self.folder = self.config.snippets_dir
        i18n = _i18n(config)
        if i18n is not None:
            translations = {
                lang.locale: dict(lang.nav_translations or {})
                for lang in i18n.config.languages
                if lang.build and lang.locale != i18n.default_language
            }
            self._complain(audit.untranslated_nav(config.nav, translations), "the menu is not translated")
        return config

    # --- the plan -----------------------------------------------------------------------

    def on_pre_build(self, *, config) -> None:
        if _language(config) != _default_language(config):
            return  # the other languages' passes nest in the default one's: same build, same runs
        state = self.state
        state.build = uuid.uuid4().hex[:12]
        if self.cache is not None:
            self.cache.git_state = _git_state(Path(config.docs_dir))
        state.started = datetime.now(UTC)
        state.python = version_of(self.engine.interpreter(RunSpec("")))
        state.cpus = _cpus()
        state.failures.clear()
        self.engine.begin()
        docs = Path(config.docs_dir)
        snippets = (ROOT / self.folder).resolve()
        plan = plan_site(self.planner, docs, self.folder)
        self._complain(audit.site_problems(plan, docs, snippets), "the pages and snippets do not match")
        shown = sorted({spec.snippet for spec in plan.specs()})
        for problem in audit.wide_lines(snippets, shown, self.config.max_columns):
            log.warning(f"snippetrun: {problem}: it scrolls sideways on the page")
        if state.schedule is not None:
            state.schedule.stop()
        state.plan = plan
        workers = self.config.workers or default_workers()
        state.schedule = Schedule(self.engine, plan.specs(), state.build, workers).start()

    @event_priority(-200)  # after mkdocs-static-i18n has chosen this language's files
    def on_files(self, files, *, config):
        """`mkdocs serve --dirty` rebuilds only the pages whose files changed; a page whose
        snippets changed (it shows new runs) or a changed menu must be rebuilt too."""
        if not self.dirty:
            return files
        state = self.state
        if _language(config) == _default_language(config):
            menu = repr((config.nav, [dict(lang.nav_translations or {}) for lang in _i18n_languages(config)]))
            everything = menu != state.menu
            state.menu = menu
            fresh = set(state.schedule.pending()) if state.schedule else set()
            specs = state.plan.page_specs() if state.plan else {}
            state.forced = {name for name, runs in specs.items() if everything or any(s in fresh for s in runs)}
        for file in files.documentation_pages():
            if re.sub(r"\.\w+\.md$", "", file.src_uri) in state.forced:
                file.is_modified = lambda: True
        return files

    @event_priority(-200)  # after mkdocs-static-i18n has made this language's menu
    def on_nav(self, nav, *, config, files):
        if self.cache is not None:
            self.cache.begin_pass(config, files, _language(config))
        return nav

    # --- pages --------------------------------------------------------------------------

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        language = getattr(page.file, "locale", None) or _language(config)
        self.state.page = f"docs/{page.file.src_uri}"
        state = self.state
        state.context = RenderContext(
            language=language,
            build=state.build,
            key_url=_key_url(page.url),
            python=state.python,
            cpus=state.cpus,
            built=state.started.strftime("%Y-%m-%d %H:%M UTC") if state.started else "",
        )
        if self.cache is not None:
            self._render_from_cache(page)
        return markdown

    def _render_from_cache(self, page) -> None:
        """Under `mkdocs serve`: this page's Page.render reuses the last rebuild's result when
        nothing it reads has changed (snippetrun/servecache.py says what it reads)."""
        render = page.render
        try:
            source = Path(page.file.abs_src_path)
            text = source.read_text(encoding="utf-8")
            cacheable = self.cache.pure.get(text)
            if cacheable is None:
                blocks = self.planner.blocks(source, f"docs/{page.file.src_uri}")
                cacheable = self.cache.pure[text] = all(pure_block(block.code) for block in blocks)
        except (OSError, TypeError, ValueError, SnippetError):
            cacheable = False  # the page's own render reports what is wrong with it

        def cached_render(config, files) -> None:
            self.cache.render(page, config, files, render, self._still_valid, cacheable)

        page.render = cached_render

    def _still_valid(self, deps: list[tuple]) -> bool:
        """The runs and snippet sources a cached page showed are the ones it would show now.
        When they are, the page's context gets its runs back (its facts line counts them)."""
        runs = []
        for dep in deps:
            try:
                if dep[0] == "run":
                    _, spec, run_id, reused = dep
                    run = self.result(spec)
                    if run.run_id != run_id or (run.build != self.state.build) != reused:
                        return False
                    runs.append(run)
                elif dep[0] == "source":
                    _, spec, seen = dep
                    if digest(spec.source_path().read_bytes()) != seen:
                        return False
                else:
                    return False
            except (OSError, SnippetError):
                return False
        self.state.context.runs.extend(runs)
        return True

    def snippet_source(self, spec: RunSpec) -> str:
        """The source of the snippet a page shows (recorded for the serve cache)."""
        data = spec.source_path().read_bytes()
        if self.cache is not None:
            self.cache.record_source(spec, data)
        return data.decode("utf-8")

    def on_env(self, env, *, config, files):
        """Under `mkdocs serve`: compiled templates are kept, and a page's HTML is rendered
        again only when what its template is given changed (servecache.ServeCache.page_html)."""
        if self.cache is None:
            return env
        cache = self.cache
        env.bytecode_cache = cache.templates
        get_template = env.get_template

        def get_page_template(name, parent=None, globals=None):
            template = get_template(name, parent, globals)
            if parent is None and not hasattr(template, "render_uncached"):
                template.render_uncached = template.render
                template.render = lambda *args, **kwargs: cache.page_html(template, dict(*args, **kwargs))
            return template

        env.get_template = get_page_template
        return env

    def on_page_content(self, html: str, *, page, config, files) -> str:
        if self.state.failures and self.command != "serve":
            raise PluginError("a snippet run failed; nothing is published:\n" + "\n\n".join(self.state.failures))
        return fill_page_facts(html, self.state.context)

    def on_post_page(self, output: str, *, page, config) -> str:
        state = self.state
        return fill_build_time(output, state.started.strftime("%Y-%m-%d %H:%M UTC") if state.started else "")

    def result(self, spec: RunSpec) -> Run:
        schedule = self.state.schedule
        if schedule is None:
            raise SnippetError(f"{spec.label}: no build is planned")
        run = schedule.result(spec)
        if self.cache is not None:
            self.cache.record_run(spec, run, run.build != self.state.build)
        return run

    def where(self, embed: Embed) -> str:
        """The page, and the line of the embed's block in it."""
        page = self.state.page
        plan = self.state.plan
        if plan is None:
            return page
        name = re.sub(r"^docs/|\.\w+\.md$", "", page)
        language = self.state.context.language
        line = next((e.line for e in plan.embeds.get(name, {}).get(language, []) if e == embed), 0)
        return f"{page}:{line}" if line else page

    def fail(self, message: str) -> None:
        if message not in self.state.failures:
            self.state.failures.append(message)
            if self.command == "serve":
                log.warning(message)

    # --- the end ------------------------------------------------------------------------

    def on_post_build(self, *, config) -> None:
        i18n = _i18n(config)
        last = i18n.build_languages[-1] if i18n and i18n.build_languages else _language(config)
        if _language(config) != last:
            return  # more languages to build: report once, after the last pass
        schedule = self.state.schedule
        if schedule is not None:
            log.info(_report(schedule.made, schedule.reused, schedule.workers))
        if self.cache is not None:
            cache = self.cache
            log.info(
                f"snippetrun: {cache.misses} pages rendered, {cache.hits} unchanged ones reused"
                f" ({cache.html_hits} pages' HTML reused as it was)"
            )
            cache.hits = cache.misses = cache.html_hits = 0

    def on_shutdown(self) -> None:
        if self.state.schedule is not None:
            self.state.schedule.stop()

    def _complain(self, problems: list[str], what: str) -> None:
        if not problems:
            return
        message = f"{what}:\n" + "\n".join(problems)
        if self.command == "serve":
            log.warning(message)
        else:
            raise PluginError(message)


def _cpus() -> tuple[int | None, int | None]:
    """The CPUs a run started now sees (its facts record the same two numbers)."""
    total = os.cpu_count()
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = total
    return total, usable


def _report(made: list[Run], reused: int, workers: int) -> str:
    """What this build (or rebuild) ran, slowest first, as Sphinx-Gallery ends its builds."""
    kept = f"{reused} reused from the run store"
    if not made:
        return f"snippetrun: no snippet re-run ({kept})"
    total = sum(run.wall for run in made)
    by_snippet: dict[str, list[Run]] = {}
    for run in made:
        by_snippet.setdefault(run.snippet, []).append(run)
    names = ", ".join(
        f"{snippet} [{', '.join(run.method or 'default' for run in runs)}]" for snippet, runs in by_snippet.items()
    )
    if len(names) > 300:
        names = names[:297] + "..."
    lines = [f"snippetrun: {len(made)} new runs, {kept} ({total:.1f} s of run time, {workers} at once): {names}"]
    lines.append(f"  {'wall':>7}  {'with':>4}  run")
    for run in sorted(made, key=lambda run: run.wall, reverse=True)[:10]:
        beside = "alone" if run.beside == 0 else str(run.beside if run.beside is not None else "-")
        lines.append(f"  {run.wall:6.2f}s  {beside:>4}  {run.spec.label}")
    return "\n".join(lines)


def _keep_search_index_bounded() -> None:
    """Under `mkdocs serve --dirty`, Material's search keeps the previous index and merges
    the rebuilt pages into it, and mkdocs-static-i18n stacks each language's entries on top:
    every section then appears again at each rebuild, and the index doubles (192 MB after
    six edits here). Keep one entry per location, the newest."""
    try:
        from material.plugins.search.plugin import SearchIndex
    except ImportError:
        return
    if getattr(SearchIndex.generate_search_index, "snippetrun", False):
        return
    original = SearchIndex.generate_search_index

    def generate_search_index(self, prev):
        original(self, prev)  # merges the previous index into self.entries
        self.entries = list({entry["location"]: entry for entry in self.entries}.values())
        return original(self, None)

    generate_search_index.snippetrun = True
    SearchIndex.generate_search_index = generate_search_index


def _cache_search_entries() -> None:
    """Under `mkdocs serve`, Material's search indexes a page again only when what it reads
    of the page changed (the serve cache keeps each page's entries)."""
    try:
        from material.plugins.search.plugin import SearchIndex
    except ImportError:
        return
    if getattr(SearchIndex.add_entry_from_context, "snippetrun", False):
        return
    original = SearchIndex.add_entry_from_context

    def add_entry_from_context(self, page):
        cache = _active.cache if _active is not None else None
        if cache is None:
            return original(self, page)
        return cache.search_entries(self, page, lambda page: original(self, page))

    add_entry_from_context.snippetrun = True
    SearchIndex.add_entry_from_context = add_entry_from_context


def _git_state(where: Path) -> str | None:
    """HEAD and every ref of the repository (one `git show-ref --head`): a page's last commit
    and a commit's tags can only change when this does. None: not a git checkout."""
    try:
        done = subprocess.run(
            ["git", "show-ref", "--head"], cwd=where, capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 and done.stdout.strip() else None


def _cache_git_dates() -> None:
    """Under `mkdocs serve`, the git-revision-date plugin asks git (one `git log` per page,
    one `git tag --points-at` per commit, in each language's pass) only when the repository's
    refs moved since it last asked: `git log -- <path>` and `git tag --points-at` read the
    commit history, which nothing else changes. Answers without a commit (a page not yet
    committed: the build date) are never kept. A date's formats (Babel) are a function of the
    timestamp, the locale and the plugin's options: each is formatted once."""
    try:
        from mkdocs_git_revision_date_localized_plugin.util import Util
    except ImportError:
        return
    if getattr(Util.get_git_commit_timestamp, "snippetrun", False):
        return
    commit_of, tag_of = Util.get_git_commit_timestamp, Util.get_tag_name_for_commit
    formats_of = Util.get_date_formats_for_timestamp

    def kept(util, what: tuple, ask, keep=lambda answer: True, refs: bool = True):
        cache = _active.cache if _active is not None else None
        if cache is None or (refs and cache.git_state is None):
            return ask()
        options = repr(sorted(util.config.items())), tuple(util.ignored_commits)
        key = (cache.git_state if refs else None, options, *what)
        if key in cache.git:
            return copy.copy(cache.git[key])
        answer = ask()
        if keep(answer):
            cache.git[key] = copy.copy(answer)
        return answer

    def get_git_commit_timestamp(self, path: str, is_first_commit: bool = False):
        what = ("commit", os.path.realpath(path), is_first_commit)
        return kept(self, what, lambda: commit_of(self, path, is_first_commit), keep=lambda answer: bool(answer[0]))

    def get_tag_name_for_commit(self, commit_hash: str) -> str:
        return kept(self, ("tag", commit_hash), lambda: tag_of(self, commit_hash))

    def get_date_formats_for_timestamp(self, commit_timestamp: int, locale: str, add_spans: bool = True):
        what = ("formats", commit_timestamp, locale, add_spans)
        return kept(self, what, lambda: formats_of(self, commit_timestamp, locale, add_spans), refs=False)

    for function in (get_git_commit_timestamp, get_tag_name_for_commit, get_date_formats_for_timestamp):
        function.snippetrun = True
    Util.get_git_commit_timestamp = get_git_commit_timestamp
    Util.get_tag_name_for_commit = get_tag_name_for_commit
    Util.get_date_formats_for_timestamp = get_date_formats_for_timestamp


def _i18n_languages(config) -> list:
    i18n = _i18n(config)
    return list(i18n.config.languages) if i18n else []


def _i18n(config):
    return next((plugin for plugin in config.plugins.values() if hasattr(plugin, "default_language")), None)


def _language(config) -> str:
    i18n = _i18n(config)
    current = getattr(i18n, "current_language", None) if i18n else None
    return current or config.theme.get("language") or "zh"


def _default_language(config) -> str:
    i18n = _i18n(config)
    return i18n.default_language if i18n else _language(config)


KEY_ANCHOR = "about/#timelines"  # docs/about.*.md: how to read a timeline


def _key_url(page_url: str) -> str:
    """The key to the timelines (the about page's section), relative to a page's URL
    ("basics/pool/" or "en/basics/pool/")."""
    import posixpath

    prefix = "en/" if page_url.startswith("en/") else ""
    here = page_url.rstrip("/") or "."
    page, anchor = (prefix + KEY_ANCHOR).split("#")
    return posixpath.relpath(page, here) + "/#" + anchor
