"""The SQLite engine (WAL, foreign keys), Alembic migrations with a backup first, and sessions."""

from __future__ import annotations

import errno
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlmodel import Session

from studycompanion.core.errors import StorageError

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


@dataclass(frozen=True)
class MigrationResult:
    before: str | None
    after: str | None
    backup: Path | None


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def storage_error(exc: OSError | sqlite3.Error | Exception, where: Path) -> StorageError:
    """A readable message for a data folder that cannot be written."""
    text = str(exc).lower()
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "full" in text:
        return StorageError(f"The disk holding {where} is full: free some space and try again.", str(exc))
    if (isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EROFS, errno.EPERM)) or "readonly" in text or (
        "read-only" in text
    ):
        return StorageError(f"StudyCompanion cannot write to {where}: the folder is read-only.", str(exc))
    return StorageError(f"StudyCompanion cannot use its data folder {where}: {exc}", str(exc))


class Database:
    """One SQLite file. Only the service layer (library, jobs, stores) opens sessions on it."""

    def __init__(self, path: Path, backups: Path | None = None) -> None:
        self.path = path
        self.backups = backups or path.parent / "backups"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise storage_error(exc, path.parent) from exc
        self.engine: Engine = create_engine(
            f"sqlite:///{path}", connect_args={"check_same_thread": False, "timeout": 30}
        )
        event.listen(self.engine, "connect", self._on_connect)

    @staticmethod
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    # ---- migrations -------------------------------------------------------------------------------

    def current_revision(self) -> str | None:
        if not self.path.exists():
            return None
        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def migrate(self, target: str = "head") -> MigrationResult:
        """Bring the schema to `target`, copying the database file first when it already holds data."""
        try:
            before = self.current_revision()
            known = {rev.revision for rev in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}
            if before is not None and before not in known:
                raise StorageError(
                    f"This library was last opened by a newer StudyCompanion (schema {before}). "
                    "Update the app to open it; nothing was changed.",
                    f"database {self.path}, revisions known to this version: {sorted(known)}",
                )
            wanted = head_revision() if target == "head" else target
            backup = None
            if before == wanted:
                return MigrationResult(before, before, None)
            if before is not None:
                backup = self.backup(f"before-{wanted}")
            cfg = _alembic_config()
            with self.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, target)
            return MigrationResult(before, self.current_revision(), backup)
        except (OSError, sqlite3.OperationalError) as exc:
            raise storage_error(exc, self.path) from exc
        except Exception as exc:  # sqlalchemy wraps sqlite errors
            orig = getattr(exc, "orig", None)
            if isinstance(orig, sqlite3.OperationalError):
                raise storage_error(orig, self.path) from exc
            raise

    def backup(self, label: str) -> Path:
        """A consistent copy of the database (sqlite's online backup, safe with WAL)."""
        self.backups.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        dest = self.backups / f"{self.path.stem}-{stamp}-{label}.sqlite3"
        src = sqlite3.connect(self.path)
        try:
            dst = sqlite3.connect(dest)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        log.info("database backed up to %s", dest)
        return dest

    # ---- sessions ---------------------------------------------------------------------------------

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on error; objects stay usable after it."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()
