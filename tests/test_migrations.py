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
    assert lib.tags_for(7) == ["Cardio::Murmurs"]
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
