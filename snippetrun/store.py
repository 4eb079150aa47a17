"""Runs kept on disk between builds, keyed by everything that decides them.

One file per run, ``<store>/<key[:2]>/<key>.pickle``, holding ``(FORMAT, key, run)``. A build,
``mkdocs serve`` and a test session share the folder: each reuses every run whose key is
unchanged and makes only the rest. An entry that cannot be read, was written by another
format, or holds another key than its name (a foreign or corrupt file) is ignored with a
warning and the run is made again: it is never shown.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
from pathlib import Path

from .model import Run

# Not under "mkdocs": a damaged store entry is worth a warning on the console, but it must not
# fail a `--strict` build, whose runs are made again anyway.
log = logging.getLogger("snippetrun.store")

FORMAT = "snippetrun-run-1"


class RunStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Run | None:
        path = self._path(key)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            log.warning(f"snippetrun: run store entry {path} cannot be read ({error}); running it again")
            return None
        try:
            fmt, stored_key, run = pickle.loads(data)
        except Exception as error:  # noqa: BLE001 - any unreadable entry is re-run, never shown
            log.warning(f"snippetrun: run store entry {path} is corrupt ({type(error).__name__}); running it again")
            return None
        if fmt != FORMAT or stored_key != key or not isinstance(run, Run):
            log.warning(f"snippetrun: run store entry {path} is foreign (not this key or format); running it again")
            return None
        return run

    def put(self, key: str, run: Run) -> None:
        """Write atomically: a reader sees the whole entry or none."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump((FORMAT, key, run), out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def __len__(self) -> int:
        return sum(1 for _ in self.folder.glob("??/*.pickle"))
