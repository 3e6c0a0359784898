"""What running a migration needs: the Alembic config and head, the migration connection, what a migration did,
and the checks that spot and judge a half-applied one.

Part of the database layer (core/db/engine.py runs the migrations and re-exports the public names here).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

from studycompanion.core.db.storage import sqlite_cause

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


@dataclass(frozen=True)
class MigrationResult:
    before: str | None
    after: str | None
    backup: Path | None
    repair: str = ""  # what a start that found a half-applied migration did, in a sentence


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def half_applied(exc: BaseException) -> bool:
    cause = sqlite_cause(exc)
    text = str(cause if cause is not None else exc).lower()
    return "already exists" in text or "duplicate column name" in text


def migration_engine(path: Path) -> Engine:
    """A connection for migrations only: no pysqlite implicit transactions, an explicit BEGIN IMMEDIATE per
    revision, and foreign keys off (a table rebuild's DROP must not cascade into its children).

    The isolation_level=None + "begin" event recipe is SQLAlchemy's documented workaround for pysqlite's
    transaction handling (docs.sqlalchemy.org, dialects/sqlite "Serializable isolation / Savepoints /
    Transactional DDL"; SQLAlchemy is MIT-licensed)."""
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=OFF")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def row_counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE "
                                            "'sqlite_%' AND name NOT LIKE 'clip_fts%' AND name NOT LIKE 'screen_fts%' "
                                            "AND name != 'alembic_version'")]
        return {n: int(conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) for n in names}
    finally:
        conn.close()
