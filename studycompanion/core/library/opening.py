"""Opening a library folder safely: never a silent new empty library where one was, read-only when it cannot be
written, leftovers of killed work swept, and the damage check and rolling backup at start."""

from __future__ import annotations

import logging
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from studycompanion.core.db.engine import (
    Access,
    DamagedLibrary,
    Database,
    detect_access,
    disk_nearly_full,
    storage_error,
)
from studycompanion.core.errors import StorageError
from studycompanion.core.library.process import tagged_owner_alive
from studycompanion.paths import AppPaths, chosen_library_location

log = logging.getLogger(__name__)

PART_MAX_AGE = 600.0  # seconds without a write: an export's .part file nobody is writing any more


@dataclass
class OpenReport:
    read_only: bool = False
    full: bool = False  # the disk is full: opened for reading (list, show, search, export, doctor)
    notices: list[str] = field(default_factory=list)  # one line each, for the CLI's stderr and the window
    swept: int = 0


def _library_traces(paths: AppPaths) -> list[str]:
    traces = []
    if paths.media.is_dir() and any(p.name.isdigit() for p in paths.media.iterdir()):
        traces.append("clip folders in media/")
    if paths.backups.is_dir() and any(paths.backups.glob("*.sqlite3")):
        traces.append("database backups in backups/")
    return traces


def refuse_missing(paths: AppPaths) -> None:
    """A library that was there and is gone is never replaced by a new, empty one without a word."""
    chosen = chosen_library_location()
    if chosen is not None and Path(chosen).expanduser().resolve() == paths.root and not paths.root.exists():
        raise StorageError(f"The library folder chosen earlier, {paths.root}, is missing (a disconnected drive?). "
                           "Reconnect it, or choose another library in the settings.")
    if paths.db.exists():
        return
    traces = _library_traces(paths)
    if traces:
        raise StorageError(
            f"The library database {paths.db} is missing, but the folder holds {' and '.join(traces)}. "
            "Put the database back, or restore a backup with `studycompanion doctor --restore`; "
            "nothing was created.")


def prepare(paths: AppPaths) -> OpenReport:
    """Folders and access: a read-only library opens read-only (browse, search, export), and says so."""
    report = OpenReport()
    refuse_missing(paths)
    if paths.db.exists() and disk_nearly_full(paths.root):
        report.read_only = report.full = True
        report.notices.append(f"The disk holding {paths.root} is full: browsing, search and export work; adding "
                              "and changing wait until some space is free.")
        return report
    if detect_access(paths.db) == Access.READ_ONLY:
        report.read_only = True
        report.notices.append(f"The library at {paths.root} is read-only: browsing, search and export work; "
                              "nothing can be added or changed.")
        return report
    try:
        paths.ensure()  # existing folders are fine on a full disk; missing ones are made
    except OSError as exc:
        raise storage_error(exc, paths.root) from exc
    return report


def check_damage(db: Database) -> None:
    """quick_check, bounded in time; damage is one line with the way out."""
    if not db.path.exists():  # a new library
        return
    result = db.quick_check()
    if result.ok is not False:
        if result.ok is None:
            log.info("quick_check stopped after %.1fs (nothing found)", result.seconds)
        return
    log.error("database damaged: %s", "; ".join(result.problems[:20]))
    latest = db.backup_store().latest_good()
    offer = (f"restore the latest backup ({latest.taken:%Y-%m-%d %H:%M}) with `studycompanion doctor --restore`, "
             if latest else "")
    raise DamagedLibrary(f"The library database {db.path} is damaged ({result.summary}): {offer}or rebuild it "
                         "with `studycompanion doctor --rebuild` (every readable row is kept).",
                         "\n".join(result.problems))


def after_open(db: Database, paths: AppPaths, report: OpenReport) -> None:
    """The rolling daily backup and the sweep of leftovers (writable libraries only; never fatal)."""
    if report.read_only:
        return
    try:
        if db.backup_store().list() or _has_clips(db):  # a new, empty library needs no copy yet
            db.backup_store().daily()
    except StorageError as exc:
        log.warning("no daily backup: %s", exc.message)
    report.swept = sweep_leftovers(paths)


def _has_clips(db: Database) -> bool:
    from sqlalchemy import text

    with db.session() as s:
        return s.execute(text("SELECT 1 FROM video LIMIT 1")).first() is not None


def _unlink(path: Path) -> int:
    try:
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    except OSError:
        return 0
    return 1


def sweep_leftovers(paths: AppPaths, now: float | None = None) -> int:
    """Remove what killed work left behind: copies in media/.incoming whose owner process is gone, half-written
    exports (.part) nobody writes any more, and the database's temporary rebuild / restore files."""
    now = now or time.time()
    swept = 0
    incoming = paths.media / ".incoming"
    if incoming.is_dir():
        for entry in incoming.iterdir():
            if entry.is_file() and not tagged_owner_alive(entry.name):
                swept += _unlink(entry)
    if paths.exports.is_dir():
        for part in paths.exports.rglob("*.part"):
            try:
                idle = now - part.stat().st_mtime
            except OSError:
                continue
            if idle > PART_MAX_AGE:
                swept += _unlink(part)
    for pattern in ("*.rebuild", "*.rebuild-*", "*.restore", "*.trial", "*.trial-*", "*.recovered"):
        for leftover in paths.root.glob(paths.db.name + pattern[1:]):
            swept += _unlink(leftover)
    if paths.backups.is_dir():
        swept += sum(_unlink(p) for p in paths.backups.glob("*.part"))
    for probe in paths.root.glob(".write-test-*"):  # older versions' litter
        swept += _unlink(probe)
    if swept:
        log.info("swept %d leftovers of interrupted work in %s", swept, paths.root)
    return swept



def restore_latest(paths: AppPaths) -> str:
    """Put the newest good backup in place of a damaged database (for the window's "Restore" button); one line."""
    db = Database(paths.db, paths.backups)
    try:
        latest = db.backup_store().latest_good()
        if latest is None:
            raise StorageError(f"There is no usable backup in {paths.backups}: rebuild the library instead.")
        aside = db.restore(latest.path)
        db.migrate()
        return f"Restored the backup of {latest.taken:%Y-%m-%d %H:%M} (the damaged file is kept as {aside.name})."
    finally:
        db.dispose()


def rebuild(paths: AppPaths) -> str:
    """Rebuild a damaged database keeping every readable row (for the window's "Rebuild" button); one line."""
    db = Database(paths.db, paths.backups)
    try:
        result, aside = db.rebuild("damaged")
        return (f"Rebuilt the library: {result.saved} rows saved, {result.skipped} unreadable "
                f"(the damaged file is kept as {aside.name}).")
    finally:
        db.dispose()
