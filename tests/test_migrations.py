"""Schema migrations: a database made at the first revision upgrades with its rows intact, after a backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from studycompanion.core.db.engine import Database, head_revision
from studycompanion.core.library.clips import Library
from studycompanion.paths import app_paths


def test_upgrade_from_first_revision_keeps_rows(tmp_path: Path) -> None:
    paths = app_paths(tmp_path / "home").ensure()
    db = Database(paths.db, paths.backups)
    db.migrate("0001")
    assert db.current_revision() == "0001"
    with sqlite3.connect(paths.db) as conn:
        conn.execute(
            "INSERT INTO video (id, platform, platform_id, hashtags, added_at, status, title, caption) "
            "VALUES (7, 'tiktok', '123', '[\"cardio\"]', '2026-01-01 10:00:00', 'transcribed', "
            "'Murmurs in 60 seconds', 'aortic stenosis crescendo')"
        )
        conn.execute("INSERT INTO tag (id, name) VALUES (1, 'Cardio::Murmurs')")
        conn.execute("INSERT INTO videotag (video_id, tag_id, source, added_at) VALUES (7, 1, 'user', '2026-01-01')")
        conn.execute(
            "INSERT INTO transcriptsegment (video_id, idx, start, end, text, words) "
            "VALUES (7, 0, 12.5, 15.0, 'a mid systolic ejection murmur', '[]')"
        )
    result = db.migrate()
    assert result.before == "0001" and result.after == head_revision()
    assert result.backup is not None and result.backup.exists()
    with sqlite3.connect(result.backup) as conn:  # the backup is the database as it was
        assert conn.execute("SELECT title FROM video").fetchall() == [("Murmurs in 60 seconds",)]
    lib = Library(db, paths)
    video = lib.get(7)
    assert video.title == "Murmurs in 60 seconds" and video.hashtags == ["cardio"]
    assert lib.tags.tags_for(7) == ["Cardio::Murmurs"]
    hits = lib.search("ejection")
    assert [(h.video_id, h.field, h.seconds) for h in hits] == [(7, "transcript", 12.5)]
    assert lib.search("murmurs")[0].video_id == 7
    assert db.migrate().backup is None  # already at head: no copy, nothing to do


def test_fresh_database_settings(tmp_path: Path) -> None:
    db = Database(tmp_path / "x.sqlite3")
    db.migrate()
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_library_from_a_newer_version_is_refused_readably(tmp_path: Path) -> None:
    import pytest

    from studycompanion.core.errors import StorageError

    db = Database(tmp_path / "x.sqlite3")
    db.migrate()
    with sqlite3.connect(tmp_path / "x.sqlite3") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StorageError, match="newer StudyCompanion"):
        db.migrate()
    with sqlite3.connect(tmp_path / "x.sqlite3") as conn:  # left as it was
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("9999",)


def _library_at(tmp_path: Path, revision: str) -> Database:
    db = Database(tmp_path / "library.sqlite3", tmp_path / "backups")
    db.migrate(revision)
    with sqlite3.connect(db.path) as conn:
        conn.execute("INSERT INTO video (id, platform, platform_id, hashtags, added_at, status, title) "
                     "VALUES (7, 'local', 'p7', '[]', '2026-01-01 10:00:00', 'ready', 'Murmurs')")
        conn.execute("INSERT INTO tag (id, name) VALUES (1, 'Cardio')")
        conn.execute("INSERT INTO videotag (video_id, tag_id, source, added_at) VALUES (7, 1, 'user', '2026-01-01')")
    return db


def _half_apply_0003(db: Database) -> None:
    """What an older version left when killed inside 0003: the column is there, the revision still says 0002."""
    with sqlite3.connect(db.path) as conn:
        conn.execute("ALTER TABLE card ADD COLUMN anki_mod INTEGER NOT NULL DEFAULT 0")


def test_half_applied_revision_is_restored_from_its_backup(tmp_path: Path) -> None:
    db = _library_at(tmp_path, "0002")
    old_style = db.backup("before-0003")  # the copy an older version took before it was killed
    _half_apply_0003(db)
    result = db.migrate()
    assert result.after == head_revision() and "restored from its backup" in result.repair
    assert str(old_style) in result.repair
    assert Library(db, app_paths(tmp_path)).get(7).title == "Murmurs"
    assert db.migrate().repair == ""  # the next start has nothing to do


def test_half_applied_revision_with_newer_rows_than_its_backup_is_rebuilt(tmp_path: Path) -> None:
    db = _library_at(tmp_path, "0002")
    db.backup("before-0003")
    with sqlite3.connect(db.path) as conn:  # written after that copy: a restore would lose it
        conn.execute("INSERT INTO video (id, platform, platform_id, hashtags, added_at, status, title) "
                     "VALUES (8, 'local', 'p8', '[]', '2026-01-02 10:00:00', 'ready', 'Newer')")
    _half_apply_0003(db)
    result = db.migrate()
    assert result.after == head_revision() and "repaired by rebuilding" in result.repair, result.repair
    lib = Library(db, app_paths(tmp_path))
    assert [v.id for v in lib.list_videos()] == [8, 7] and lib.tags.tags_for(7) == ["Cardio"]
    assert lib.search("murmurs")[0].video_id == 7  # the index was rebuilt too


def test_interrupted_first_start_is_repaired(tmp_path: Path) -> None:
    db = Database(tmp_path / "library.sqlite3", tmp_path / "backups")
    db.migrate("0001")
    with sqlite3.connect(db.path) as conn:  # tables made, the revision never recorded ("table video already exists")
        conn.execute("DROP TABLE alembic_version")
    result = db.migrate()
    assert result.after == head_revision() and "repaired" in result.repair


def test_one_backup_per_revision_however_many_starts_fail(tmp_path: Path) -> None:
    db = _library_at(tmp_path, "0004")
    store = db.backup_store()
    first, made = store.migration_backup("0004", "head")
    again, made_again = store.migration_backup("0004", "head")
    assert made and not made_again and first == again
    db.migrate()
    assert [p.name for p in (tmp_path / "backups").glob("*.sqlite3")] == [first.name]
