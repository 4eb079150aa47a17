"""What the processes of one test session share (pytest-xdist runs a session in several
workers): a folder they all see, and whether the session was interrupted."""

from __future__ import annotations

from pathlib import Path

import pytest

INTERRUPTED = pytest.StashKey[bool]()


def shared_folder(config: pytest.Config) -> Path:
    """A folder every process of this test session sees: the controller's temporary folder
    under pytest-xdist (each worker's own is inside it), the session's own without it."""
    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None:
        return Path(workerinput["snippetrun_shared"])
    return config._tmp_path_factory.getbasetemp()


def interrupted(config: pytest.Config) -> bool:
    return config.stash.get(INTERRUPTED, False)
