"""The student's personal dictionary: the right spellings of their active transcript fixes (core/cards/fixes.py
writes them). Later prompts and lexicon corrections read it, so a fix made once is heard right next time."""

from __future__ import annotations

from sqlmodel import col, select

from studycompanion.core.db.engine import Database
from studycompanion.core.db.tables import TranscriptFix


class PersonalDictionary:
    def __init__(self, db: Database) -> None:
        self.db = db

    def terms(self) -> list[str]:
        """The right spellings, most recent first, each once (case kept as the student typed it)."""
        with self.db.session() as s:
            rows = s.exec(select(TranscriptFix).where(col(TranscriptFix.undone_at).is_(None))
                          .order_by(col(TranscriptFix.created_at).desc(), col(TranscriptFix.id).desc())).all()
        seen: dict[str, str] = {}
        for row in rows:
            seen.setdefault(row.right.casefold(), row.right)
        return list(seen.values())

    def misheard(self) -> dict[str, str]:
        """What was heard -> what is right, for the active fixes (the newest fix of a phrase wins)."""
        with self.db.session() as s:
            rows = s.exec(select(TranscriptFix).where(col(TranscriptFix.undone_at).is_(None))
                          .order_by(col(TranscriptFix.id))).all()
        return {row.wrong.casefold(): row.right for row in rows}
