"""Remove what identifies the build machine from a run's output, and nothing else."""

from __future__ import annotations

import getpass
import os
import re
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from .spec import ROOT


@lru_cache(maxsize=1)
def _replacements() -> tuple[tuple[str, str], ...]:
    pairs = {
        str(ROOT) + os.sep: "",  # snippets/x.py reads as the reader ran it, from the repo root
        str(ROOT): ".",
        sys.prefix: "<venv>",
        sys.base_prefix: "<python>",
        os.path.realpath(sys.base_prefix): "<python>",
        tempfile.gettempdir(): "<tmp>",
        str(Path.home()): "~",
    }
    pyenv = os.environ.get("PYENV_ROOT", str(Path.home() / ".pyenv"))
    pairs[pyenv + os.sep + "versions"] = "<pyenv>"
    # Longest first, so the most specific path wins.
    return tuple(sorted(((k, v) for k, v in pairs.items() if len(k) > 1), key=lambda kv: -len(kv[0])))


@lru_cache(maxsize=1)
def _user_pattern() -> re.Pattern[str] | None:
    try:
        user = getpass.getuser()
    except Exception:
        return None
    # "root" is an English word that snippets may print; its home directory is redacted above.
    if not user or user == "root":
        return None
    return re.compile(rf"\b{re.escape(user)}\b")


def redact(text: str) -> str:
    for old, new in _replacements():
        text = text.replace(old, new)
    pattern = _user_pattern()
    return pattern.sub("<user>", text) if pattern else text
