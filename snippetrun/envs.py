"""`python -m snippetrun envs [3.12 ...]`: an environment per Python for the snippets.

Most snippets need only the standard library; a few import third-party packages: Dask (the
chapter on going beyond one machine), numpy and tqdm. requirements-snippets.txt locks them and
everything they need, each with its hashes, for Python 3.11-3.13 (it is generated from
requirements-snippets.in; its first lines give the command). For each Python named (default:
3.11 and newer found on this machine) this makes `.snippet-envs/<version>/`, a venv of that
interpreter, and installs the lock with `--require-hashes`, so pip installs exactly those files
or fails; runs on that version then use it.
"""

from __future__ import annotations

import subprocess
import sys

from .interpreters import ENVS, all_pythons
from .spec import ROOT

REQUIREMENTS = ROOT / "requirements-snippets.txt"


def make(version: str, interpreter: str) -> None:
    target = ENVS / version
    python = target / "bin" / "python"
    if not python.exists():
        subprocess.run([interpreter, "-m", "venv", str(target)], check=True, timeout=600)
    pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run(
        [*pip, "--require-hashes", "-r", str(REQUIREMENTS)],
        check=True,
        timeout=1800,
    )
    print(f"{target.relative_to(ROOT)}: Python {version} with {REQUIREMENTS.name}")


def main(argv: list[str]) -> int:
    pythons = all_pythons()
    wanted = argv or [v for v in pythons if tuple(map(int, v.split("."))) >= (3, 11)]
    missing = [v for v in wanted if v not in pythons]
    if missing:
        print(f"no Python {', '.join(missing)} on this machine", file=sys.stderr)
        return 1
    for version in wanted:
        make(version, pythons[version])
    return 0
