"""Backup copies of the library database: one before each migration, a rolling daily copy (keep 7), restore.

Every copy is written next to its final name as `.part` and renamed when complete, so a kill mid-copy never
leaves a half file that looks like a backup. Copies use sqlite's online backup API (consistent with WAL).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from studycompanion.core.errors import StorageError

log = logging.getLogger(__name__)

KEEP_DAILY = 7
DAILY_EVERY = timedelta(hours=24)
_DAILY = re.compile(r"-daily-(\d{8}-\d{6})\.sqlite3$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    revision: str | None
    taken: datetime
    kind: str  # "daily", "migration", "replaced" (the file a restore or rebuild set aside)


def _revision_of(path: Path) -> str | None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


def copy_database(source: Path, dest: Path) -> Path:
    """A consistent copy of `source` at `dest` (atomic: `.part` first, then renamed)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    part.unlink(missing_ok=True)
    try:
        free = shutil.disk_usage(dest.parent).free
        size = source.stat().st_size + _wal_size(source)
        if free < size + (8 << 20):
            raise StorageError(f"There is no room for a backup copy in {dest.parent}: free some space and try "
                               "again.", f"{free} bytes free, {size} needed")
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(part)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")  # a self-contained file: no -wal / -shm beside it
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(part, dest)
    except (OSError, sqlite3.Error) as exc:
        part.unlink(missing_ok=True)
        raise StorageError(f"StudyCompanion could not write a backup to {dest.parent}: {exc}", repr(exc)) from exc
    log.info("database backed up to %s", dest)
    return dest


def _wal_size(db: Path) -> int:
    try:
        return Path(str(db) + "-wal").stat().st_size
    except OSError:
        return 0


class Backups:
    """The backups folder of one database file."""

    def __init__(self, db_path: Path, folder: Path) -> None:
        self.db_path = db_path
        self.folder = folder

    def migration_backup(self, before: str, wanted: str) -> tuple[Path, bool]:
        """The copy taken before migrating `before` -> `wanted`; one per revision: a second start reuses it.
        Returns (path, made_now)."""
        dest = self.folder / f"{self.db_path.stem}-schema-{before}.sqlite3"  # the library as it was at `before`
        if dest.exists() and _revision_of(dest) == before:
            return dest, False
        return copy_database(self.db_path, dest), True

    def daily(self, now: datetime | None = None) -> Path | None:
        """Take the rolling daily copy when the newest is a day old (or there is none); keep the newest 7."""
        now = now or datetime.now()
        dailies = self._dailies()
        if dailies and now - dailies[0][0] < DAILY_EVERY:
            return None
        dest = self.folder / f"{self.db_path.stem}-daily-{now.strftime('%Y%m%d-%H%M%S')}.sqlite3"
        copy_database(self.db_path, dest)
        for _taken, old in self._dailies()[KEEP_DAILY:]:
            old.unlink(missing_ok=True)
        return dest

    def _dailies(self) -> list[tuple[datetime, Path]]:
        out = []
        for path in self.folder.glob(f"{self.db_path.stem}-daily-*.sqlite3"):
            m = _DAILY.search(path.name)
            if m:
                out.append((datetime.strptime(m.group(1), "%Y%m%d-%H%M%S"), path))
        return sorted(out, reverse=True)

    def sweep_parts(self) -> int:
        """Half-written copies a kill left behind."""
        n = 0
        for part in self.folder.glob("*.sqlite3.part"):
            part.unlink(missing_ok=True)
            n += 1
        return n

    def list(self) -> list[BackupInfo]:
        """Every backup, newest first."""
        out = []
        for path in self.folder.glob(f"{self.db_path.stem}-*.sqlite3"):
            kind = "daily" if "-daily-" in path.name else "replaced" if "-replaced-" in path.name else "migration"
            out.append(BackupInfo(path, _revision_of(path), datetime.fromtimestamp(path.stat().st_mtime), kind))
        return sorted(out, key=lambda b: b.taken, reverse=True)

    def latest_good(self) -> BackupInfo | None:
        """The newest backup that opens and passes sqlite's quick_check (never a set-aside damaged file)."""
        from studycompanion.core.db.health import quick_check

        for info in self.list():
            if info.kind != "replaced" and info.revision is not None and quick_check(info.path).ok is True:
                return info
        return None

    def set_aside(self, label: str) -> Path:
        """Move the database file (and its -wal/-shm) into the backups folder before it is replaced."""
        self.folder.mkdir(parents=True, exist_ok=True)
        dest = self.folder / f"{self.db_path.stem}-replaced-{datetime.now().strftime('%Y%m%d-%H%M%S')}-{label}.sqlite3"
        if self.db_path.exists():
            try:
                copy_database(self.db_path, dest)  # folds the WAL in, so the set-aside copy is whole
            except StorageError:
                shutil.copy2(self.db_path, dest)  # a damaged file may not copy through sqlite: keep its bytes
        for suffix in ("-wal", "-shm"):
            Path(str(self.db_path) + suffix).unlink(missing_ok=True)
        return dest

    def restore(self, backup: Path) -> Path:
        """Put `backup` in place of the database (the current file is set aside first). Returns the set-aside."""
        aside = self.set_aside("before-restore")
        tmp = self.db_path.with_name(self.db_path.name + ".restore")
        copy_database(backup, tmp)
        self.db_path.unlink(missing_ok=True)
        os.replace(tmp, self.db_path)
        log.warning("database restored from %s (the previous file is kept as %s)", backup, aside)
        return aside
