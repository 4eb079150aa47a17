"""What a run is asked to be, read once and used everywhere: a page's embed names runs, the
planner reads them from the pages before anything renders, the runner keys its cache on
them, and the tests ask for the same runs by the same words.
"""

from __future__ import annotations

import ast
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
BOOT = Path(__file__).resolve().parent / "boot"
METHODS = ("fork", "spawn", "forkserver")
DEFAULT_TIMEOUT = 60.0
# Where snippets live, read at call time: the fault fixtures under tests/faults/ set it.
SNIPPETS_ENV = "SNIPPETRUN_SNIPPETS"


class SnippetError(Exception):
    """A snippet did not do what its page declares; the message names it and says why."""


def snippets_dir() -> Path:
    """snippets/, or the folder ``SNIPPETRUN_SNIPPETS`` names (relative to the repo root)."""
    override = os.environ.get(SNIPPETS_ENV)
    return (ROOT / override).resolve() if override else SNIPPETS


def chapters() -> list[str]:
    """The chapters that have snippets: snippets/<chapter>/ folders (tests/test_<chapter>.py)."""
    return sorted(p.name for p in SNIPPETS.iterdir() if p.is_dir() and p.name[0] not in "._")


def snippet_label(snippet: str) -> str:
    """How messages name a snippet: its path from the repo root, as a reader would run it."""
    path = snippets_dir() / snippet
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def snippet_path(snippet: str) -> Path:
    path = snippets_dir() / snippet
    if not path.is_file():
        raise SnippetError(f"{snippet_label(snippet)}: no such snippet file")
    return path


@dataclass(frozen=True)
class RunSpec:
    """One run: a snippet under one start method, with what the page declares about it."""

    snippet: str  # path relative to snippets/
    method: str | None = None  # None: the interpreter's (or the snippet's own) choice
    python: str | None = None  # "3.12"; None: the site's interpreter (see interpreters.py)
    timeout: float = DEFAULT_TIMEOUT
    trace: bool = True  # record the timeline; timing examples turn it off
    alone: bool = False  # needs the machine to itself (timing examples always do)
    exit_code: int = 0  # what the page declares the program exits with
    traceback: bool = False  # a traceback in the output is the point
    args: tuple[str, ...] = ()  # command-line arguments (a benchmark's --quick, for tests)

    def __post_init__(self) -> None:
        if not isinstance(self.args, tuple):
            object.__setattr__(self, "args", tuple(self.args))
        if self.method is not None and self.method not in METHODS:
            raise SnippetError(f"{snippet_label(self.snippet)}: unknown start method {self.method!r}")

    @property
    def exclusive(self) -> bool:
        """Runs with the machine to itself: timing examples, and what a page marks alone."""
        return self.alone or not self.trace

    @property
    def label(self) -> str:
        command = " ".join([snippet_label(self.snippet), *self.args])
        return command + (f" [{self.method}]" if self.method else "")

    def key(self, interpreter: str) -> str:
        """Everything that can change what the run prints: the program, the sibling modules
        it uses, the engine's start-up code, the interpreter and how the run is made."""
        path = snippet_path(self.snippet)
        parts = [path.read_bytes(), (BOOT / "sitecustomize.py").read_bytes()]
        parts += [sibling.read_bytes() for sibling in sibling_modules(path)]
        how = (str(path), self.method, interpreter, self.timeout, self.trace, self.alone, self.args)
        return hashlib.sha256(b"\0".join([*parts, repr(how).encode()])).hexdigest()


def sibling_modules(path: Path) -> list[Path]:
    """The modules beside a snippet that it names (imports, or code it hands a child as
    text): a change to one of them is a change to the run. Found by name, transitively."""
    found: list[Path] = []
    todo = [path]
    while todo:
        source = todo.pop().read_text(encoding="utf-8", errors="replace")
        words = set(re.findall(r"[A-Za-z_]\w*", source))
        for sibling in sorted(path.parent.glob("*.py")):
            if sibling != path and sibling not in found and sibling.stem in words:
                found.append(sibling)
                todo.append(sibling)
    return found


@dataclass(frozen=True)
class Embed:
    """One ``embed(...)`` call in a page: a snippet and the runs it shows."""

    snippet: str
    methods: tuple[str | None, ...] = (None,)
    options: tuple[tuple[str, object], ...] = ()  # the other keyword arguments, sorted

    def specs(self) -> list[RunSpec]:
        return [RunSpec(self.snippet, method, **dict(self.options)) for method in self.methods]

    @classmethod
    def of(cls, snippet: str, methods: list[str] | None = None, **options) -> Embed:
        unknown = set(options) - set(RunSpec.__dataclass_fields__)
        if unknown:
            raise SnippetError(f"{snippet_label(snippet)}: unknown embed argument(s) {sorted(unknown)}")
        return cls(snippet, tuple(methods) if methods else (None,), tuple(sorted(options.items())))


# Page functions whose calls name runs: embed() shows a snippet's runs, bench() a benchmark's.
PAGE_FUNCTIONS = ("embed", "bench")

FENCE = re.compile(
    r"^(?P<fence>`{3,}|~{3,})python\s+[^\n]*\bexec=\"(?:1|true|on)\"[^\n]*\n(?P<code>.*?)^(?P=fence)\s*$", re.M | re.S
)


def page_embeds(text: str, where: str = "page") -> list[Embed]:
    """Every embed of a page's executed Python blocks, in order, read as code: the calls
    must have literal arguments so a build can plan them before anything renders."""
    found = []
    for block in FENCE.finditer(text):
        code = _dedent(block.group("code"))
        try:
            tree = ast.parse(code)
        except SyntaxError as error:
            raise SnippetError(f"{where}: an exec block does not parse: {error}") from None
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) in PAGE_FUNCTIONS:
                try:
                    args = [ast.literal_eval(arg) for arg in node.args]
                    kwargs = {kw.arg: ast.literal_eval(kw.value) for kw in node.keywords}
                except ValueError:
                    raise SnippetError(f"{where}: embed() arguments must be literals: {ast.unparse(node)}") from None
                kwargs.pop("figure", None)  # bench(): which chart of the run to draw, not a run's argument
                found.append(Embed.of(*args, **kwargs))
    return found


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _dedent(code: str) -> str:
    lines = code.splitlines()
    indent = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    return "\n".join(line[indent:] for line in lines)
