"""Storage problems in words: sqlite and OS errors as one-line StorageErrors (full disk, read-only folder, damaged
file), a nearly full disk, and whether a library can be written at all.

Part of the database layer (core/db/engine.py re-exports every name here).
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from enum import StrEnum
from pathlib import Path

from studycompanion.core.errors import StorageError


class DamagedLibrary(StorageError):
    """The database file is damaged (sqlite reports a malformed image)."""


class LibraryGone(StorageError):
    """The library folder or its database file disappeared (or was replaced) while it was open."""


class Access(StrEnum):
    WRITABLE = "writable"
    READ_ONLY = "read-only"


def storage_error(exc: OSError | sqlite3.Error | Exception, where: Path) -> StorageError:
    """A readable message for a data folder that cannot be written (or a damaged database)."""
    text = str(exc).lower()
    if "disk i/o error" in text and disk_nearly_full(where):
        text = "full"
    if (isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)) or "full" in text:
        return StorageError(f"The disk holding {where} is full: free some space and try again.", str(exc))
    if (isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EROFS, errno.EPERM)) or "readonly" in text or (
        "read-only" in text
    ):
        return StorageError(f"StudyCompanion cannot write to {where}: the folder is read-only.", str(exc))
    if "malformed" in text or "not a database" in text:
        return DamagedLibrary(
            f"The library database {where} is damaged: run `studycompanion doctor` to restore a backup or rebuild it.",
            str(exc),
        )
    return StorageError(f"StudyCompanion cannot use its data folder {where}: {exc}", str(exc))


LOW_SPACE = 2 << 20  # bytes: below this a library opens for reading only (sqlite needs room for its WAL)


def disk_nearly_full(where: Path) -> bool:
    for folder in (where, *where.parents):
        try:
            return shutil.disk_usage(folder).free < LOW_SPACE
        except OSError:
            continue
    return False


def sqlite_cause(exc: BaseException) -> sqlite3.Error | None:
    orig = getattr(exc, "orig", None)
    if isinstance(orig, sqlite3.Error):
        return orig
    return exc if isinstance(exc, sqlite3.Error) else None


def storage_cause(exc: BaseException) -> bool:
    cause = sqlite_cause(exc)
    if cause is None or isinstance(cause, sqlite3.IntegrityError):
        return False
    text = str(cause).lower()
    return any(w in text for w in ("full", "readonly", "read-only", "malformed", "not a database", "disk i/o",
                                   "unable to open"))


def detect_access(path: Path) -> Access:
    """Read-only when the file or its folder cannot be written (a read-only mount, permissions)."""
    folder = path.parent
    if path.exists():
        if not os.access(path, os.W_OK) or not os.access(folder, os.W_OK):
            return Access.READ_ONLY
        return Access.WRITABLE
    if folder.exists() and not os.access(folder, os.W_OK):
        return Access.READ_ONLY
    return Access.WRITABLE
