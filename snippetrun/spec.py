"""What a run is asked to be, read once and used everywhere: a page's embed names runs, the
planner reads them from the pages before anything renders, the engine keys its store on
them, and the tests ask the pages for the same runs.
"""

from __future__ import annotations

import ast
import difflib
import hashlib
import itertools
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
ENGINE = Path(__file__).resolve().parent
BOOT = ENGINE / "boot"
METHODS = ("fork", "spawn", "forkserver")
DEFAULT_TIMEOUT = 60.0
# The engine's code that decides what a run's record holds: the start-up code inside the run,
# and the code that turns its output and trace into a Run. A change to one is a new run.
# The packages the snippets' environments hold (python -m snippetrun envs): a new pin is a new run.
SNIPPET_PACKAGES = ROOT / "requirements-snippets.txt"
RECORD_CODE = ("boot/sitecustomize.py", "runner.py", "trace.py", "lines.py", "redact.py", "model.py")


_read_cache: dict[Path, tuple[tuple[int, int], bytes]] = {}


def read_bytes(path: Path) -> bytes:
    """A file's bytes, read again only when its size or mtime changed (a build keys ~200
    runs on several files each; `mkdocs serve` does it at every rebuild)."""
    stat = path.stat()
    seen = _read_cache.get(path)
    if seen is None or seen[0] != (stat.st_mtime_ns, stat.st_size):
        seen = _read_cache[path] = ((stat.st_mtime_ns, stat.st_size), path.read_bytes())
    return seen[1]


class SnippetError(Exception):
    """A snippet did not do what its page declares; the message names it and says why."""


def chapters() -> list[str]:
    """The chapters that have snippets: snippets/<chapter>/ folders (tests/test_<chapter>.py)."""
    return sorted(p.name for p in SNIPPETS.iterdir() if p.is_dir() and p.name[0] not in "._")


@dataclass(frozen=True)
class RunSpec:
    """One run: a snippet under one start method, with what the page declares about it."""

    snippet: str  # path relative to the snippets folder
    method: str | None = None  # None: the interpreter's (or the snippet's own) choice
    python: str | None = None  # "3.12"; None: the site's interpreter (see interpreters.py)
    timeout: float = DEFAULT_TIMEOUT
    trace: bool = True  # record the timeline; timing examples turn it off
    alone: bool = False  # needs the machine to itself (timing examples always do)
    exit_code: int = 0  # what the page declares the program exits with
    traceback: bool = False  # a traceback in the output is the point
    args: tuple[str, ...] = ()  # command-line arguments (a benchmark's --quick, for tests)
    folder: str = "snippets"  # where snippets live, from the repo root (fault fixtures: elsewhere)

    def __post_init__(self) -> None:
        if not isinstance(self.args, tuple):
            object.__setattr__(self, "args", tuple(self.args))
        if self.method is not None and self.method not in METHODS:
            raise SnippetError(f"{self.file_label}: unknown start method {self.method!r} (valid: {', '.join(METHODS)})")

    @property
    def path(self) -> Path:
        return (ROOT / self.folder / self.snippet).resolve()

    @property
    def file_label(self) -> str:
        """How messages name the file: its path from the repo root, as a reader would run it."""
        try:
            return self.path.relative_to(ROOT).as_posix()
        except ValueError:
            return self.path.as_posix()

    def source_path(self) -> Path:
        if not self.path.is_file():
            raise SnippetError(f"{self.file_label}: no such snippet file")
        return self.path

    @property
    def exclusive(self) -> bool:
        """Runs with the machine to itself: timing examples, and what a page marks alone."""
        return self.alone or not self.trace

    @property
    def label(self) -> str:
        command = " ".join([self.file_label, *self.args])
        return command + (f" [{self.method}]" if self.method else "")

    def key(self, interpreter: str, version: str) -> str:
        """Everything that can change what the run prints or what its record holds: the
        program, the sibling modules it uses, the engine's code, the snippet packages' pins,
        the interpreter (path and version) and how the run is made."""
        path = self.source_path()
        how = (self.file_label, self.method, interpreter, version, self.timeout, self.trace, self.alone, self.args)
        how += (self.exit_code, self.traceback)
        # Computed again only when a file it read changed, or the snippet's folder gained or
        # lost a file (a new sibling module): `mkdocs serve` keys every run at each rebuild.
        listing = tuple(sorted(entry.name for entry in os.scandir(path.parent)))
        kept = _keys.get((path, how))
        if kept is not None and kept[0] == listing and kept[1] == _stamps(file for file, _ in kept[1]):
            return kept[2]
        files = [path, *(ENGINE / name for name in RECORD_CODE), *sibling_modules(path)]
        parts = [read_bytes(file) for file in files]
        parts.append(read_bytes(SNIPPET_PACKAGES) if SNIPPET_PACKAGES.exists() else b"")
        stamps = _stamps([*files, SNIPPET_PACKAGES])
        key = hashlib.sha256(b"\0".join([*parts, repr(how).encode()])).hexdigest()
        _keys[(path, how)] = (listing, stamps, key)
        return key


# A run key, with the folder listing and the (size, mtime) of each file it was computed from.
_keys: dict[tuple, tuple[tuple[str, ...], tuple, str]] = {}


def _stamps(files: Iterable[Path]) -> tuple:
    """Each file's (path, (mtime, size)), or (path, None) where it is missing."""
    stamps = []
    for file in files:
        try:
            stat = file.stat()
            stamps.append((file, (stat.st_mtime_ns, stat.st_size)))
        except OSError:
            stamps.append((file, None))
    return tuple(stamps)


def sibling_modules(path: Path) -> list[Path]:
    """The modules beside a snippet that it names (imports, or code it hands a child as
    text): a change to one of them is a change to the run. Found by name, transitively."""
    found: list[Path] = []
    todo = [path]
    while todo:
        source = read_bytes(todo.pop()).decode("utf-8", errors="replace")
        words = set(re.findall(r"[A-Za-z_]\w*", source))
        for sibling in sorted(path.parent.glob("*.py")):
            if sibling != path and sibling not in found and sibling.stem in words:
                found.append(sibling)
                todo.append(sibling)
    return found


# Embed arguments that change how the source is shown, never what runs (not in a run's key):
#   fold=["name", [start, end], ...]: a top-level function's or class's body, or a line range,
#     shown collapsed (harness code that is not the lesson); the copy button copies it all;
#   hl_lines=[line, [start, end], ...]: lines to highlight;
#   fixes="chapter/broken.py": highlight the lines that differ from that snippet (the fix).
DISPLAY = ("fold", "hl_lines", "fixes")


@dataclass(frozen=True)
class Embed:
    """One ``embed(...)`` (or ``bench(...)``) call in a page: a snippet and the runs it shows."""

    snippet: str
    methods: tuple[str | None, ...] = (None,)
    options: tuple[tuple[str, object], ...] = ()  # the other keyword arguments, sorted
    line: int = 0  # where the call's block starts in its page (1-based; 0: not from a page)
    display: tuple[tuple[str, object], ...] = ()  # DISPLAY arguments, sorted (made hashable)

    def specs(self, folder: str = "snippets") -> list[RunSpec]:
        return [RunSpec(self.snippet, method, folder=folder, **dict(self.options)) for method in self.methods]

    def __eq__(self, other: object) -> bool:  # the same call, wherever it stands in its page
        return isinstance(other, Embed) and self.call == other.call

    def __hash__(self) -> int:
        return hash(self.call)

    @property
    def call(self) -> tuple:
        return (self.snippet, self.methods, self.options, self.display)

    @classmethod
    def of(cls, snippet: str, methods: list[str] | None = None, line: int = 0, **options) -> Embed:
        display = {name: options.pop(name) for name in DISPLAY if name in options}
        unknown = set(options) - (set(RunSpec.__dataclass_fields__) - {"folder", "snippet", "method"})
        if unknown:
            raise SnippetError(f"snippets/{snippet}: unknown embed argument(s) {sorted(unknown)}")
        if not isinstance(snippet, str):
            raise SnippetError(f"embed() names a snippet by its path, a string: got {snippet!r}")
        bad = [m for m in methods or () if m not in METHODS]
        if bad:
            raise SnippetError(f"snippets/{snippet}: unknown start method {bad[0]!r} (valid: {', '.join(METHODS)})")
        shown = tuple(sorted((name, _frozen(check_display(snippet, name, value))) for name, value in display.items()))
        return cls(snippet, tuple(methods) if methods else (None,), tuple(sorted(options.items())), line, shown)


def _frozen(value: object) -> object:
    return tuple(_frozen(v) for v in value) if isinstance(value, list | tuple) else value


def check_display(snippet: str, name: str, value: object) -> object:
    """The shape of a DISPLAY argument (what it names in the snippet is checked by
    ``display_lines``, which reads the file)."""
    if name == "fixes":
        if not isinstance(value, str) or not value.endswith(".py"):
            raise SnippetError(f"snippets/{snippet}: fixes= names the broken snippet, e.g. 'pitfalls/x.py'")
        return value
    kinds = (str, int) if name == "fold" else (int,)
    items = value if isinstance(value, list | tuple) else None
    ok = items is not None and items and all(_range_or(item, kinds) for item in items)
    if not ok:
        what = "function or class names and [start, end] line ranges" if name == "fold" else "lines and [start, end]"
        raise SnippetError(f"snippets/{snippet}: {name}= takes a list of {what}: got {value!r}")
    return value


def _range_or(item: object, kinds: tuple[type, ...]) -> bool:
    if isinstance(item, list | tuple):
        return len(item) == 2 and all(type(i) is int and i >= 1 for i in item) and item[0] <= item[1]
    if type(item) is int:
        return item >= 1
    return isinstance(item, str) and str in kinds


def display_lines(path: Path, display: dict, folder: Path) -> tuple[list[tuple[int, int]], set[int]]:
    """The folded line ranges and the highlighted lines of a snippet (1-based), as its
    embed's DISPLAY arguments name them; SnippetError if one names what the file lacks."""
    source = read_bytes(path).decode("utf-8")
    count = len(source.splitlines())
    label = path.name
    folds: list[tuple[int, int]] = []
    for item in display.get("fold", ()):
        span = _body_of(source, item, label) if isinstance(item, str) else _lines(item, count, label, "fold")
        folds.append(span)
    folds.sort()
    for (_, end), (start, _) in itertools.pairwise(folds):
        if start <= end:
            raise SnippetError(f"{label}: fold= ranges overlap")
    marked: set[int] = set()
    for item in display.get("hl_lines", ()):
        start, end = _lines(item, count, label, "hl_lines")
        marked.update(range(start, end + 1))
    broken = display.get("fixes")
    if broken:
        other = folder / broken
        if not other.is_file():
            raise SnippetError(f"{label}: fixes={broken!r}: no such snippet")
        marked |= changed_lines(read_bytes(other).decode("utf-8"), source)
    return folds, marked


def _lines(item, count: int, label: str, name: str) -> tuple[int, int]:
    start, end = (item, item) if isinstance(item, int) else item
    if end > count:
        raise SnippetError(f"{label}: {name}= line {end} is past the end of the file ({count} lines)")
    return start, end


def _body_of(source: str, name: str, label: str) -> tuple[int, int]:
    """The lines of a top-level function's or class's body: its header (decorators and
    signature) stays in view."""
    lines = source.splitlines()
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and node.name == name:
            first = node.body[0].lineno
            while first - 1 > node.lineno and lines[first - 2].strip().startswith("#"):
                first -= 1  # a comment above the first statement folds with it
            return first, node.end_lineno
    raise SnippetError(f"{label}: fold={name!r}: no top-level function or class of that name")


def changed_lines(before: str, after: str) -> set[int]:
    """Lines of ``after`` (1-based) that are new or changed compared with ``before``."""
    old, new = before.splitlines(), after.splitlines()
    found: set[int] = set()
    for tag, _, _, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag in ("replace", "insert"):
            found.update(range(j1 + 1, j2 + 1))
    return {n for n in found if new[n - 1].strip()}


# Page functions whose calls name runs: embed() shows a snippet's runs, bench() a benchmark's,
# timeline() the timeline of one run another page shows (the home page).
PAGE_FUNCTIONS = ("embed", "bench", "timeline")
# Their arguments that are about the page, not the run: bench()'s chart, timeline()'s lesson.
PAGE_ONLY = ("figure", "lesson", "url")


def code_embeds(code: str, where: str, line: int = 0) -> list[Embed]:
    """Every embed call of one executed block's code, in order, read as Python: the calls
    must have literal arguments so a build can plan them before anything renders. Errors
    name ``where`` (the page and the block's line)."""
    try:
        tree = ast.parse(code)
    except SyntaxError as error:
        raise SnippetError(f"{where}: an exec block does not parse: {error}") from None
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) in PAGE_FUNCTIONS:
            try:
                args = [ast.literal_eval(arg) for arg in node.args]
                kwargs = {kw.arg: ast.literal_eval(kw.value) for kw in node.keywords}
            except ValueError:
                raise SnippetError(f"{where}: embed() arguments must be literals: {ast.unparse(node)}") from None
            for name in PAGE_ONLY:  # how the page shows the run, not a run's argument
                kwargs.pop(name, None)
            try:
                found.append(Embed.of(*args, line=line, **kwargs))
            except (SnippetError, TypeError) as error:
                raise SnippetError(f"{where}: {error}") from None
    return found


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
