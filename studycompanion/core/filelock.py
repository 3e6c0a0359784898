"""Cross-process file locks (flock / msvcrt): the one place the app takes an OS lock on a file.

An OS lock goes with its holder: a killed process releases it. Separate opens of the same file conflict even
inside one process, so a lock here also keeps two threads apart. Used by the transcription engine's per-user lock
(core/jobs/engine_lock.py) and by one-time fetches into the library (core/capture/deno_fetch.py).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Protocol

from studycompanion.core.errors import JobCancelled

POLL_SECONDS = 0.1


class Cancel(Protocol):
    def is_set(self) -> bool: ...


def try_lock(fh: IO[bytes], shared: bool = False) -> bool:
    """Lock the open file without waiting (exclusive, or shared where the OS has it); False when another holds it."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fh.fileno(), (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def unlock(fh: IO[bytes]) -> None:
    if sys.platform == "win32":  # pragma: no cover
        import msvcrt

        try:
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
        return
    import fcntl

    fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


@contextmanager
def locked(path: Path, cancel: Cancel | None = None) -> Iterator[None]:
    """Hold an exclusive lock on `path` (created if missing) for the block, waiting for another holder;
    JobCancelled when `cancel` is set while waiting."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "ab") as fh:
        while not try_lock(fh):
            if cancel is not None and cancel.is_set():
                raise JobCancelled()
            time.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            unlock(fh)
