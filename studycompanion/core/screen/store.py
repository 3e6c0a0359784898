"""Saving and loading a clip's on-screen text lines (table `screentextline`, index `screen_fts`, migration 0008).

Search over them is part of the library's search (core/db/search_index.py): a hit jumps to the line's second.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import text as sql
from sqlmodel import col, delete, select

from studycompanion.core.db.engine import Database
from studycompanion.core.db.tables import ScreenTextLine
from studycompanion.core.screen.merge import Box, ScreenLine


class ScreenTextStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def save(self, video_id: int, lines: Sequence[ScreenLine]) -> None:
        """Replace the clip's lines (a re-read replaces, never adds to, the last one) and their index rows."""
        with self.db.session() as session:
            session.execute(delete(ScreenTextLine).where(col(ScreenTextLine.video_id) == video_id))
            rows = [
                ScreenTextLine(
                    video_id=video_id, idx=i, start=ln.start, end=ln.end, text=ln.text,
                    x0=ln.box.x0, y0=ln.box.y0, x1=ln.box.x1, y1=ln.box.y1, confidence=ln.confidence,
                )
                for i, ln in enumerate(lines)
            ]
            session.add_all(rows)
            session.flush()
            for row in rows:
                session.execute(sql("INSERT INTO screen_fts(rowid, text) VALUES (:id, :t)"),
                                {"id": row.id, "t": row.text})

    def lines(self, video_id: int) -> list[ScreenLine]:
        with self.db.session() as session:
            rows = session.exec(
                select(ScreenTextLine).where(ScreenTextLine.video_id == video_id).order_by(col(ScreenTextLine.idx))
            ).all()
        return [
            ScreenLine(start=r.start, end=r.end, text=r.text, box=Box(r.x0, r.y0, r.x1, r.y1),
                       confidence=r.confidence)
            for r in rows
        ]
