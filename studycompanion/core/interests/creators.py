"""Creator credibility: who made a clip (physician / resident / student / other / unknown) and what cards need checking.

Cards from creators not known to be clinicians carry the Anki tag StudyCompanion::verify, so the student
can filter them (`tag:StudyCompanion::verify`) and check the fact before trusting it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from studycompanion.core.db.engine import Database
from studycompanion.core.db.tables import Video, utcnow
from studycompanion.core.errors import BadInput
from studycompanion.core.interests.models import Creator, Credibility
from studycompanion.core.text import QT_TRANSLATE_NOOP

VERIFY_TAG = "StudyCompanion::verify"  # the full Anki tag
VERIFY_SUBTAG = "verify"  # as a clip tag handed to core/anki/notes.py, which puts it under StudyCompanion::
TRUSTED = frozenset({Credibility.PHYSICIAN, Credibility.RESIDENT})
LABELS = {
    Credibility.PHYSICIAN: "Physician",
    Credibility.RESIDENT: "Resident",
    Credibility.STUDENT: "Student",
    Credibility.OTHER: "Other",
    Credibility.UNKNOWN: "Unknown",
}


def normalise_handle(handle: str) -> str:
    """'@DrMike ' -> 'drmike' (handles compare case-insensitively, with or without the @)."""
    return handle.strip().lstrip("@").strip().lower()


def parse_credibility(value: str) -> Credibility:
    try:
        return Credibility(value.strip().lower())
    except ValueError:
        choices = ", ".join(c.value for c in Credibility)
        raise BadInput(f"'{value}' is not a credibility mark; use one of {choices}.") from None


def needs_verification(credibility: Credibility) -> bool:
    """Students, others and unknown accounts can be wrong: their cards are marked for checking."""
    return credibility not in TRUSTED


def clip_handle(video: Video) -> str:
    return normalise_handle(video.creator_handle or video.creator_name)


@dataclass(frozen=True)
class CreatorMark:
    handle: str
    credibility: Credibility
    note: str = ""
    clips: int = 0

    @property
    def label(self) -> str:
        return LABELS[self.credibility]

    @property
    def verify(self) -> bool:
        return needs_verification(self.credibility)


class Creators:
    """The creators' credibility marks (a creator with no mark is UNKNOWN)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def mark(self, handle: str, credibility: Credibility, note: str | None = None) -> CreatorMark:
        key = normalise_handle(handle)
        if not key:
            raise BadInput(QT_TRANSLATE_NOOP("InterestErrors", "A creator needs a handle, such as @drmike.")())
        with self.db.session() as s:
            row = s.get(Creator, key)
            if row is None:
                row = Creator(handle=key)
            row.credibility = credibility
            if note is not None:
                row.note = note
            row.updated_at = utcnow()
            s.add(row)
            return CreatorMark(key, credibility, row.note, self._clip_count(s, key))

    def get(self, handle: str) -> CreatorMark:
        key = normalise_handle(handle)
        with self.db.session() as s:
            row = s.get(Creator, key) if key else None
            cred = row.credibility if row else Credibility.UNKNOWN
            return CreatorMark(key, cred, row.note if row else "", self._clip_count(s, key) if key else 0)

    @staticmethod
    def _clip_count(s: Session, key: str) -> int:
        stmt = select(func.count(col(Video.id))).where(
            func.lower(func.ltrim(Video.creator_handle, "@")) == key
        )
        return int(s.exec(stmt).one())

    def for_handles(self, handles: Iterable[str]) -> dict[str, Credibility]:
        """Normalised handle -> credibility for each handle (UNKNOWN when unmarked or empty)."""
        keys = {normalise_handle(h) for h in handles}
        out = dict.fromkeys(keys, Credibility.UNKNOWN)
        wanted = [k for k in keys if k]
        if wanted:
            with self.db.session() as s:
                for row in s.exec(select(Creator).where(col(Creator.handle).in_(wanted))).all():
                    out[row.handle] = row.credibility
        return out

    def for_video(self, video: Video) -> Credibility:
        return self.for_handles([clip_handle(video)])[clip_handle(video)]

    def list_creators(self) -> list[CreatorMark]:
        """Every creator of a clip in the library and every marked one, by handle."""
        with self.db.session() as s:
            counts: dict[str, int] = {}
            for handle, name in s.exec(select(Video.creator_handle, Video.creator_name)).all():
                key = normalise_handle(handle or name)
                if key:
                    counts[key] = counts.get(key, 0) + 1
            rows = {r.handle: r for r in s.exec(select(Creator)).all()}
        keys = sorted(set(counts) | set(rows))
        return [
            CreatorMark(
                k, rows[k].credibility if k in rows else Credibility.UNKNOWN, rows[k].note if k in rows else "",
                counts.get(k, 0),
            )
            for k in keys
        ]

    def unverified_video_ids(self, videos: Iterable[Video]) -> set[int]:
        """The clips (among these) whose cards need checking: creator not a physician or resident."""
        videos = [v for v in videos if v.id is not None]
        marks = self.for_handles(clip_handle(v) for v in videos)
        return {v.id for v in videos if v.id is not None and needs_verification(marks[clip_handle(v)])}

    def export_tags(self, videos: Iterable[Video]) -> dict[int, list[str]]:
        """Extra clip tags for the Anki export: {video_id: ["verify"]} for clips from unverified creators
        (core/anki/notes.py turns "verify" into StudyCompanion::verify)."""
        return {vid: [VERIFY_SUBTAG] for vid in self.unverified_video_ids(videos)}
