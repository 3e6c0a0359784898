"""Damage in the database file: sqlite's quick_check (bounded in time) and integrity_check, and salvage.

Salvage rebuilds a damaged (or half-migrated) database into a new file made by the migrations: the rows are
read with the sqlite3 command line's `.recover` when that tool is installed (it reads around damaged pages), or
else row by row from the file itself (a damaged range is skipped, the rest kept). The new file replaces the old
one only when complete; the old one is kept in the backups folder.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

QUICK_CHECK_SECONDS = 2.0
SKIP_TABLES = ("alembic_version", "sqlite_sequence")
FTS_TABLE = "clip_fts"


@dataclass(frozen=True)
class CheckResult:
    ok: bool | None  # None: the time ran out before the check finished (nothing found so far)
    problems: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def summary(self) -> str:
        if self.ok is None:
            return "not finished in time (nothing found so far)"
        if self.ok:
            return "ok"
        first = self.problems[0] if self.problems else "damaged"
        more = f" (+{len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        return f"{first}{more}"


def _check(path: Path, pragma: str, seconds: float | None) -> CheckResult:
    started = time.monotonic()
    try:
        conn = open_read_only(path)
    except sqlite3.Error as exc:
        return CheckResult(False if _is_damage(exc) else None, (str(exc),), time.monotonic() - started)
    try:
        if seconds is not None:
            deadline = started + seconds
            conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
        rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}").fetchall()]
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc) or not _is_damage(exc):  # out of time, or a full disk / locked file
            return CheckResult(None, (), time.monotonic() - started)
        return CheckResult(False, (str(exc),), time.monotonic() - started)
    except sqlite3.DatabaseError as exc:
        return CheckResult(False, (str(exc),), time.monotonic() - started)
    finally:
        conn.close()
    ok = rows == ["ok"]
    return CheckResult(ok, () if ok else tuple(rows), time.monotonic() - started)


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection; on a read-only or full disk where sqlite cannot make the WAL's -shm, as immutable."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        if _is_damage(exc):
            raise
        return sqlite3.connect(f"file:{path}?immutable=1", uri=True)


def _is_damage(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


def quick_check(path: Path, seconds: float | None = QUICK_CHECK_SECONDS) -> CheckResult:
    """sqlite's quick_check, stopped after `seconds` (a big library still opens at once)."""
    return _check(path, "quick_check", seconds)


def integrity_check(path: Path) -> CheckResult:
    """The full check (indexes against tables too); for `doctor`."""
    return _check(path, "integrity_check", None)


@dataclass
class SalvageResult:
    method: str  # "sqlite3 .recover" or "row by row"
    rows: dict[str, int] = field(default_factory=dict)  # rows saved per table
    skipped: int = 0  # rows (or damaged ranges) that could not be read

    @property
    def saved(self) -> int:
        return sum(self.rows.values())


def _recover_with_cli(source: Path, work: Path) -> Path | None:
    """`sqlite3 source .recover | sqlite3 work`: None when the tool is missing or fails."""
    tool = shutil.which("sqlite3")
    if tool is None:
        return None
    work.unlink(missing_ok=True)
    try:
        dump = subprocess.run([tool, str(source), ".recover"], capture_output=True, timeout=600, check=False)
        if dump.returncode != 0 or not dump.stdout:
            log.info(".recover failed (salvaging row by row): %s", dump.stderr.decode(errors="replace")[:500])
            return None
        load = subprocess.run([tool, str(work)], input=dump.stdout, capture_output=True, timeout=600, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("sqlite3 .recover could not run: %s", exc)
        return None
    if load.returncode != 0 and not work.exists():
        return None
    return work if work.exists() else None


def _tables(conn: sqlite3.Connection) -> tuple[list[str], list[str]]:
    """(plain tables, virtual tables) of a database, without sqlite's own, alembic's and FTS shadow tables."""
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = [str(n) for n, sql in rows if str(sql or "").upper().startswith("CREATE VIRTUAL TABLE")]
    shadows = tuple(v + "_" for v in virtual)
    plain = [str(n) for n, _sql in rows if str(n) not in virtual and not str(n).startswith(shadows)
             and str(n) not in SKIP_TABLES and not str(n).startswith(("sqlite_", "_alembic_tmp"))]
    return plain, virtual


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [str(r[1]) for r in conn.execute(f'PRAGMA table_info("{table}")').fetchall()]


def _read_rows(old: sqlite3.Connection, table: str, names: str, result: SalvageResult) -> list[tuple[object, ...]]:
    """Every readable row: the whole table at once, else by rowid ranges, else row by row in a damaged range."""
    try:
        return list(old.execute(f'SELECT rowid, {names} FROM "{table}"').fetchall())
    except sqlite3.DatabaseError:
        pass
    known = True
    try:
        top = int(old.execute(f'SELECT max(rowid) FROM "{table}"').fetchone()[0] or 0)
    except sqlite3.DatabaseError:  # the table's root is damaged: probe the first ids, count nothing unreadable
        top, known = 20_000, False
    rows: list[tuple[object, ...]] = []
    step = 256
    for lo in range(0, top + 1, step):
        try:
            rows += old.execute(f'SELECT rowid, {names} FROM "{table}" WHERE rowid >= ? AND rowid < ?',
                                (lo, lo + step)).fetchall()
        except sqlite3.DatabaseError:
            for rid in range(lo, lo + step):
                try:
                    rows += old.execute(f'SELECT rowid, {names} FROM "{table}" WHERE rowid = ?', (rid,)).fetchall()
                except sqlite3.DatabaseError:
                    result.skipped += int(known)
    return rows


def _copy_table(old: sqlite3.Connection, new: sqlite3.Connection, table: str, virtual: bool,
                result: SalvageResult) -> None:
    old_cols = set(_columns(old, table))
    cols = [c for c in _columns(new, table) if c in old_cols]
    if not cols:
        return
    names = ", ".join(f'"{c}"' for c in cols)
    marks = ", ".join("?" for _ in range(len(cols) + 1))
    rows = _read_rows(old, table, names, result)
    verb = "INSERT" if virtual else "INSERT OR IGNORE"
    saved = 0
    for row in rows:
        try:
            saved += new.execute(f'{verb} INTO "{table}" (rowid, {names}) VALUES ({marks})', row).rowcount
        except sqlite3.DatabaseError:
            result.skipped += 1
    if not virtual:
        result.rows[table] = result.rows.get(table, 0) + saved


def salvage_into(source: Path, fresh: Path, reindex: Callable[[sqlite3.Connection], None]) -> SalvageResult:
    """Copy every readable row of `source` into `fresh` (a database the migrations just made at head)."""
    recovered = _recover_with_cli(source, fresh.with_name(fresh.name + ".recovered"))
    result = SalvageResult("sqlite3 .recover" if recovered else "row by row")
    old = sqlite3.connect(f"file:{recovered or source}?mode=ro", uri=True)
    new = sqlite3.connect(fresh, isolation_level=None)
    try:
        new.execute("PRAGMA foreign_keys=OFF")
        new.execute("BEGIN")
        try:
            old_plain, old_virtual = _tables(old)
        except sqlite3.DatabaseError:
            old_plain, old_virtual = [], []
        plain, virtual = _tables(new)
        for table in plain:
            if table in old_plain:
                _copy_table(old, new, table, False, result)
        for table in virtual:
            if table in old_virtual and table != FTS_TABLE:
                try:
                    _copy_table(old, new, table, True, result)
                except sqlite3.DatabaseError:
                    log.warning("the %s index could not be copied", table)
        # rows whose parent was lost (a tag link of a clip on a damaged page) go too
        for bad in new.execute("PRAGMA foreign_key_check").fetchall():
            new.execute(f'DELETE FROM "{bad[0]}" WHERE rowid = ?', (bad[1],))
            result.rows[str(bad[0])] = result.rows.get(str(bad[0]), 0) - 1
            result.skipped += 1
        reindex(new)
        new.execute("COMMIT")
    finally:
        old.close()
        new.close()
        if recovered is not None:
            recovered.unlink(missing_ok=True)
    log.info("salvaged %d rows (%s), %d skipped, from %s", result.saved, result.method, result.skipped, source)
    return result


def reindex_all(conn: sqlite3.Connection) -> None:
    """Refill the full-text index from the tables (the same query as migration 0002)."""
    conn.execute(f"DELETE FROM {FTS_TABLE}")
    conn.execute(
        f"""
        INSERT INTO {FTS_TABLE}(rowid, title, caption, transcript, notes, tags)
        SELECT v.id, v.title, v.caption || ' ' || v.hashtags || ' ' || v.creator_handle || ' ' || v.creator_name,
               COALESCE((SELECT group_concat(s.text, ' ') FROM
                         (SELECT text FROM transcriptsegment WHERE video_id = v.id ORDER BY idx) AS s), ''),
               v.notes,
               COALESCE((SELECT group_concat(t.name, ' ') FROM videotag vt JOIN tag t ON t.id = vt.tag_id
                         WHERE vt.video_id = v.id), '')
        FROM video AS v
        """
    )
    has_screen = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'screen_fts'").fetchone()
    if has_screen:  # on-screen text lines (migration 0008) have their own index
        conn.execute("DELETE FROM screen_fts")
        conn.execute("INSERT INTO screen_fts(rowid, text) SELECT id, text FROM screentextline")


def replace_file(new: Path, target: Path) -> None:
    """Put `new` in place of `target` (its -wal / -shm go: they belong to the old file)."""
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    os.replace(new, target)
