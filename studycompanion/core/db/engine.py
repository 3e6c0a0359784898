"""The SQLite engine (WAL, foreign keys), crash-safe Alembic migrations, sessions, and the library's presence.

Migrations run on their own connection with pysqlite's implicit transactions turned off and an explicit
`BEGIN IMMEDIATE` per revision, so each revision's DDL and its alembic_version update commit together or not at
all (pysqlite would otherwise run CREATE / ALTER outside any transaction). A start that finds a half-applied
state (from an older version, which did not do this) restores the backup taken before that revision when it
holds every row, or rebuilds the file from its rows, and says which.

Every session first checks the database file is still the one opened (a deleted or replaced library folder
stops all writes instead of writing into a ghost), and turns sqlite's "disk full", "read-only" and
"malformed" errors into one-line StorageErrors.

The error wording lives in storage.py and the migration helpers in migrating.py; this module owns the engines, the
upgrade of a file (through `_migration_engine`, the name tests/faults patch) and the Database.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from studycompanion.core.db.backups import Backups
from studycompanion.core.db.health import (
    CheckResult,
    SalvageResult,
    quick_check,
    reindex_all,
    replace_file,
    salvage_into,
)
from studycompanion.core.db.migrating import (
    MIGRATIONS_DIR,
    MigrationResult,
    alembic_config,
    half_applied,
    head_revision,
    row_counts,
)
from studycompanion.core.db.migrating import migration_engine as _migration_engine  # tests/faults patch this name
from studycompanion.core.db.storage import (
    LOW_SPACE,
    Access,
    DamagedLibrary,
    LibraryGone,
    detect_access,
    disk_nearly_full,
    sqlite_cause,
    storage_cause,
    storage_error,
)
from studycompanion.core.errors import StorageError

log = logging.getLogger(__name__)

__all__ = [
    "LOW_SPACE",
    "MIGRATIONS_DIR",
    "Access",
    "DamagedLibrary",
    "Database",
    "LibraryGone",
    "MigrationResult",
    "detect_access",
    "disk_nearly_full",
    "head_revision",
    "storage_error",
]


def _upgrade_file(path: Path, target: str) -> None:
    engine = _migration_engine(path)
    try:
        with engine.connect() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, target)
    finally:
        engine.dispose()


class Database:
    """One SQLite file. Only the service layer (library, jobs, stores) opens sessions on it."""

    def __init__(self, path: Path, backups: Path | None = None, *, read_only: bool | None = None,
                 full: bool = False) -> None:
        self.path = path
        self.backups = backups or path.parent / "backups"
        self.full = full  # opened for reading only because the disk is full
        self.read_only = full or (detect_access(path) == Access.READ_ONLY if read_only is None else read_only)
        self.halted: StorageError | None = None  # set when the file vanished: every session refuses
        self.damaged: DamagedLibrary | None = None  # set when sqlite reported a malformed page: reads only
        self._identity: tuple[int, int] | None = None
        if not self.read_only:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise storage_error(exc, path.parent) from exc
        elif not path.exists():
            raise StorageError(f"There is no library at {path.parent}, and that folder is read-only.")
        self.engine: Engine = self._make_engine()
        self._remember_identity()

    # ---- engine -----------------------------------------------------------------------------------

    def _make_engine(self) -> Engine:
        if not self.read_only:
            engine = create_engine(f"sqlite:///{self.path}", connect_args={"check_same_thread": False, "timeout": 30})
            event.listen(engine, "connect", self._on_connect)
            return engine
        path = self.path

        def connect() -> sqlite3.Connection:
            try:
                conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False, timeout=30)
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError:  # a WAL file on a read-only mount without its -shm: open it as is
                conn = sqlite3.connect(f"file:{path}?immutable=1", uri=True, check_same_thread=False)
            conn.execute("PRAGMA query_only=ON")
            conn.execute("PRAGMA foreign_keys=ON")
            return conn

        return create_engine("sqlite://", creator=connect)

    @staticmethod
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        try:
            cur.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError as exc:  # a full disk cannot make the -wal file: read what is there
            log.warning("journal_mode=WAL failed: %s", exc)
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    def _remember_identity(self) -> None:
        try:
            st = self.path.stat()
        except OSError:
            self._identity = None
            return
        self._identity = (st.st_dev, st.st_ino)

    # ---- presence ---------------------------------------------------------------------------------

    def presence(self) -> StorageError | None:
        """Cheap (one stat): None while the opened file is in place, else the reason, and writes stop."""
        if self.halted is not None:
            return self.halted
        if self._identity is None:
            return None
        try:
            st = self.path.stat()
        except FileNotFoundError:
            where = self.path.parent if not self.path.parent.exists() else self.path
            return self.halt(LibraryGone(
                f"The library at {where} has disappeared (deleted, or its drive disconnected). Nothing more is "
                "written: put the folder back and restart, or choose another library.", str(self.path)))
        except OSError as exc:
            return self.halt(LibraryGone(f"The library at {self.path.parent} cannot be reached: {exc.strerror}.",
                                         str(exc)))
        if (st.st_dev, st.st_ino) != self._identity:
            return self.halt(LibraryGone(
                f"The library database {self.path} was replaced while StudyCompanion had it open. Nothing more "
                "is written: restart to open the new file.", str(self.path)))
        return None

    def halt(self, reason: StorageError) -> StorageError:
        if self.halted is None:
            log.error("library halted: %s", reason.message)
            self.halted = reason
        return self.halted

    def ensure_present(self) -> None:
        problem = self.presence()
        if problem is not None:
            raise problem

    def ensure_writable(self) -> None:
        """Before a write that touches files too: the library is there and not opened read-only."""
        self.ensure_present()
        if self.damaged is not None:
            raise self.damaged
        if self.full:
            raise StorageError(f"The disk holding {self.path.parent} is full: free some space and try again "
                               "(browsing, search and export still work).")
        if self.read_only:
            raise StorageError(f"The library at {self.path.parent} is open read-only: browsing, search and export "
                               "work; nothing can be added or changed.")

    # ---- migrations -------------------------------------------------------------------------------

    def current_revision(self) -> str | None:
        if not self.path.exists():
            return None
        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def migrate(self, target: str = "head") -> MigrationResult:
        """Bring the schema to `target`, copying the database first when it already holds data (one copy per
        revision: a start after a failed one reuses it). A half-applied state is restored or repaired."""
        try:
            before = self.current_revision()
            known = {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
            if before is not None and before not in known:
                raise StorageError(
                    f"This library was last opened by a newer StudyCompanion (schema {before}). "
                    "Update the app to open it; nothing was changed.",
                    f"database {self.path}, revisions known to this version: {sorted(known)}",
                )
            wanted = head_revision() if target == "head" else target
            if before == wanted:
                return MigrationResult(before, before, None)
            if self.read_only:
                raise StorageError(f"The library at {self.path.parent} is read-only and was made by an older "
                                   "StudyCompanion: open it once from a writable place to update it.")
            backup: Path | None = None
            made = False
            if before is not None and wanted is not None:
                backup, made = Backups(self.path, self.backups).migration_backup(before, wanted)
            try:
                _upgrade_file(self.path, target)
            except Exception as exc:
                if not half_applied(exc):
                    raise
                log.warning("half-applied migration found at revision %s: %s", before, exc)
                if made and backup is not None:
                    backup.unlink(missing_ok=True)  # a copy of the broken state is no backup
                    backup = None
                repair = self._repairhalf_applied(before, target)
                return MigrationResult(before, self.current_revision(), backup, repair)
            finally:
                self._remember_identity()
            return MigrationResult(before, self.current_revision(), backup)
        except StorageError:
            raise
        except (OSError, sqlite3.Error) as exc:
            raise storage_error(exc, self.path) from exc
        except DBAPIError as exc:
            cause = sqlite_cause(exc)
            if cause is not None and not isinstance(cause, sqlite3.IntegrityError):
                raise storage_error(cause, self.path) from exc
            raise

    def _repairhalf_applied(self, before: str | None, target: str) -> str:
        self.engine.dispose()
        store = Backups(self.path, self.backups)
        current = row_counts(self.path)
        for info in store.list():
            if info.kind == "replaced" or info.revision != before:
                continue
            trial = self.path.with_name(self.path.name + ".trial")
            try:
                from studycompanion.core.db.backups import copy_database

                copy_database(info.path, trial)
                _upgrade_file(trial, target)
                counts = row_counts(trial)
            except Exception as exc:  # that copy is half-applied too, or unreadable: try the next
                log.info("backup %s cannot be used: %s", info.path, exc)
                continue
            finally:
                for suffix in ("", "-wal", "-shm"):
                    Path(str(trial) + suffix).unlink(missing_ok=True)
            if all(counts.get(t, 0) >= n for t, n in current.items()):
                aside = store.restore(info.path)
                _upgrade_file(self.path, target)
                self._remember_identity()
                msg = (f"An interrupted update was found: the library was restored from its backup {info.path} "
                       f"(the interrupted file is kept as {aside.name}).")
                log.warning(msg)
                return msg
        result, aside = self.rebuild("half-migrated")
        msg = (f"An interrupted update was found: the library was repaired by rebuilding it ({result.saved} rows "
               f"kept; the interrupted file is kept as {aside}).")
        log.warning(msg)
        return msg

    # ---- backups, checks, repair ------------------------------------------------------------------

    def backup(self, label: str) -> Path:
        """A consistent copy of the database (sqlite's online backup, safe with WAL)."""
        from datetime import datetime

        from studycompanion.core.db.backups import copy_database

        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        return copy_database(self.path, self.backups / f"{self.path.stem}-{stamp}-{label}.sqlite3")

    def backup_store(self) -> Backups:
        return Backups(self.path, self.backups)

    def quick_check(self) -> CheckResult:
        return quick_check(self.path)

    def rebuild(self, label: str = "damaged") -> tuple[SalvageResult, Path]:
        """Rebuild the database into a new file made by the migrations, copying every readable row; the old
        file is set aside in the backups folder. Returns what was saved and where the old file went."""
        if self.read_only and self.damaged is None:
            raise StorageError(f"The library at {self.path.parent} is read-only: it cannot be rebuilt in place.")
        self.engine.dispose()
        fresh = self.path.with_name(self.path.name + ".rebuild")
        for suffix in ("", "-wal", "-shm"):
            Path(str(fresh) + suffix).unlink(missing_ok=True)
        try:
            _upgrade_file(fresh, "head")
            result = salvage_into(self.path, fresh, reindex_all)
            conn = sqlite3.connect(fresh)
            try:
                conn.execute("PRAGMA journal_mode=DELETE")  # one self-contained file to move into place
            finally:
                conn.close()
            aside = Backups(self.path, self.backups).set_aside(label)
            replace_file(fresh, self.path)
        except (OSError, sqlite3.Error) as exc:
            raise storage_error(exc, self.path) from exc
        finally:
            for suffix in ("", "-wal", "-shm"):
                Path(str(fresh) + suffix).unlink(missing_ok=True)
        self._remember_identity()
        if self.damaged is not None:
            self.damaged, self.read_only = None, False
            self.engine = self._make_engine()
        self.halted = None
        return result, aside

    def restore(self, backup: Path) -> Path:
        """Put a backup in place of the database (the current file is set aside). Returns the set-aside path."""
        if self.read_only:
            raise StorageError(f"The library at {self.path.parent} is read-only: a backup cannot be restored there.")
        self.engine.dispose()
        aside = Backups(self.path, self.backups).restore(backup)
        self._remember_identity()
        self.halted = None
        return aside

    # ---- sessions ---------------------------------------------------------------------------------

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on error; objects stay usable after it.

        Refuses when the library vanished; a full disk, a read-only file or a damaged page is a StorageError."""
        self.ensure_present()
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except DBAPIError as exc:
                session.rollback()
                if storage_cause(exc):
                    cause = sqlite_cause(exc)
                    if "readonly" in str(cause).lower():
                        if self.damaged is not None:
                            raise self.damaged from exc
                        if self.full:
                            self.ensure_writable()  # says the disk is full
                    error = storage_error(cause if cause is not None else exc, self.path)
                    if isinstance(error, DamagedLibrary):
                        self._contain(error)
                    raise error from exc
                raise
            except BaseException:
                session.rollback()
                raise

    def _contain(self, error: DamagedLibrary) -> None:
        """A damaged page seen while running: from now on the file is only read (writes could spread it)."""
        if self.damaged is not None or self.read_only:
            return
        log.error("damaged database: writes stop: %s", error.detail)
        self.damaged = error
        self.read_only = True
        self.engine.dispose()
        self.engine = self._make_engine()

    def dispose(self) -> None:
        self.engine.dispose()
