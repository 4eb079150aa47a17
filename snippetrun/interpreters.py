"""Which interpreter a run uses: the newest CPython on the machine unless told otherwise, so
the pages show the Python readers run today, whatever Python runs MkDocs."""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
from pathlib import Path

from .spec import SnippetError


def _version_in_name(path: Path) -> tuple[int, int] | None:
    match = re.fullmatch(r"python(3)\.(\d+)", path.name)
    return (int(match.group(1)), int(match.group(2))) if match else None


def _cpythons() -> dict[tuple[int, int], str]:
    """Every CPython 3.x this machine has: on PATH (no pyenv shims) and in pyenv's versions."""
    found: dict[tuple[int, int], str] = {}
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates: list[Path] = []
    for folder in reversed(os.environ.get("PATH", "").split(os.pathsep)):  # first on PATH wins
        if folder and "shims" not in Path(folder).parts:
            candidates.extend(sorted(Path(folder).glob("python3.*")))
    # Then pyenv's, newest patch release last: they win over the system's.
    candidates += sorted(pyenv.glob("3.*/bin/python3.*"), key=lambda p: _patch(p.parent.parent.name))
    for path in candidates:
        version = _version_in_name(path)
        if version and os.access(path, os.X_OK) and not path.parent.parent.name.endswith("t"):
            found[version] = str(path)
    return found


def _patch(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", name)[:3])


ENVS = Path(__file__).resolve().parent.parent / ".snippet-envs"  # see snippetrun/envs.py


@functools.cache
def find_python(version: str | None) -> str:
    """The interpreter runs use for ``version`` ("3.12", or a path); for None, the newest
    CPython on this machine: readers run today's Python, not the build's. Where
    ``python -m snippetrun envs`` made an environment for that version (with the packages
    some snippets import), its interpreter is used."""
    if version is not None and os.sep in version:
        if not os.access(version, os.X_OK):
            raise SnippetError(f"python={version}: not an executable interpreter")
        return version
    major_minor, base = base_python(version)
    env_python = ENVS / major_minor / "bin" / "python"
    return str(env_python) if env_python.exists() else base


def base_python(version: str | None) -> tuple[str, str]:
    """("3.13", its interpreter) for a version, or for None the newest CPython here."""
    pythons = _cpythons()
    if version is None:
        if not pythons:
            return f"{sys.version_info[0]}.{sys.version_info[1]}", sys.executable
        newest = max(pythons)
        return f"{newest[0]}.{newest[1]}", pythons[newest]
    match = re.fullmatch(r"3\.(\d+)", version)
    found = pythons.get((3, int(match.group(1)))) if match else None
    if found is None:
        raise SnippetError(f"no Python {version} interpreter on this machine")
    return version, found


def all_pythons() -> dict[str, str]:
    """{"3.11": interpreter, ...}: every CPython 3 this machine has."""
    return {f"{major}.{minor}": path for (major, minor), path in sorted(_cpythons().items())}


@functools.cache
def version_of(interpreter: str) -> str:
    """ "3.13.0" for an interpreter's path."""
    out = subprocess.run(
        [interpreter, "-c", "import sys; print(sys.version.split()[0])"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    return out.stdout.strip()
