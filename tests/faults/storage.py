"""Helpers for the storage faults: small real disks (tmpfs, as root), a damaged page, a library with rows."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def tiny_disk(folder: Path, size_kb: int) -> Iterator[Path | None]:
    """A tmpfs of `size_kb` at `folder` (None when this machine cannot mount one: the test skips)."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(folder)],
                                           capture_output=True).returncode != 0:
        yield None
        return
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def remount_read_only(folder: Path) -> bool:
    return subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True).returncode == 0


def fill(folder: Path) -> Path:
    """Fill the disk holding `folder` to the last byte."""
    filler = folder / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        for chunk in (1 << 16, 1 << 10, 1):
            try:
                while True:
                    os.write(fd, b"\0" * chunk)
            except OSError:
                pass
    finally:
        os.close(fd)
    return filler


def add_rows(db_path: Path, clips: int) -> None:
    with sqlite3.connect(db_path) as conn:
        for i in range(1, clips + 1):
            conn.execute(
                "INSERT INTO video (platform, platform_id, source_url, title, creator_handle, creator_name, caption,"
                " hashtags, media_file, thumbnail_file, info_file, content_hash, file_size, added_at, favourite,"
                " notes, status, error) VALUES ('local', ?, '', ?, '', '', ?, '[]', '', '', '', '', 0, "
                "'2026-01-01 10:00:00', 0, '', 'ready', '')",
                (f"p{i}", f"Clip {i} murmurs", "x" * 300))
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def damage_page_of(db_path: Path, table: str, nth_leaf: int = 2) -> int:
    """Overwrite one leaf page of `table` (4 KB of garbage, as a bad sector would): returns its page number."""
    conn = sqlite3.connect(db_path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' "
                                            "ORDER BY pageno", (table,))]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    finally:
        conn.close()
    page = pages[min(nth_leaf, len(pages) - 1)]
    with db_path.open("r+b") as fh:
        fh.seek((page - 1) * page_size)
        fh.write(os.urandom(page_size))
    return int(page)
