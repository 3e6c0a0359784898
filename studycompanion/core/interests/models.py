"""SQLModel tables of interests, creator credibility, clip terms and the FSRS review schedule (migration 0004)."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlmodel import JSON, Column, Field, SQLModel

from studycompanion.core.db.tables import enum_column, utcnow
from studycompanion.core.types import CardState


def aware(value: datetime) -> datetime:
    """SQLite hands datetimes back without a zone; everything we store is UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Credibility(StrEnum):
    """Who a creator is, as far as the student knows."""

    PHYSICIAN = "physician"
    RESIDENT = "resident"
    STUDENT = "student"
    OTHER = "other"
    UNKNOWN = "unknown"


class InterestKind(StrEnum):
    """What the student did that says something about their interests (or about a suggestion)."""

    WATCH = "watch"  # value: seconds watched
    SEARCH = "search"  # text: the query
    MORE = "more"  # "more of this": tag, and the clip it was asked from
    LESS = "less"  # "less of this"
    TAG_ACCEPTED = "tag_accepted"  # a suggested tag the student kept
    TAG_REJECTED = "tag_rejected"  # a suggested tag the student removed: never suggested again for that clip


class Creator(SQLModel, table=True):
    handle: str = Field(primary_key=True)  # lower-case, no "@"
    credibility: Credibility = Field(default=Credibility.UNKNOWN, sa_type=enum_column(Credibility))
    note: str = ""
    updated_at: datetime = Field(default_factory=utcnow)


class InterestEvent(SQLModel, table=True):
    __tablename__ = "interest_event"

    id: int | None = Field(default=None, primary_key=True)
    kind: InterestKind = Field(sa_type=enum_column(InterestKind), index=True)
    video_id: int | None = Field(default=None, foreign_key="video.id", index=True, ondelete="CASCADE")
    tag: str = ""
    value: float = 0.0
    text: str = ""
    created_at: datetime = Field(default_factory=utcnow)


class ClipTerm(SQLModel, table=True):
    """Known medical terms of a clip (title, caption, transcript), for related clips."""

    __tablename__ = "clip_term"

    video_id: int = Field(foreign_key="video.id", primary_key=True, ondelete="CASCADE")
    term: str = Field(primary_key=True, index=True)
    count: int = 1


class ReviewState(SQLModel, table=True):
    """Our FSRS schedule of one card (Anki keeps its own; the two never touch)."""

    __tablename__ = "review_card"

    card_id: int = Field(foreign_key="card.id", primary_key=True, ondelete="CASCADE")
    video_id: int = Field(foreign_key="video.id", index=True, ondelete="CASCADE")
    state: int = 1  # fsrs.State: 1 learning, 2 review, 3 relearning
    step: int | None = 0
    stability: float | None = None
    difficulty: float | None = None
    due: datetime = Field(default_factory=utcnow, index=True)
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0


class ReviewSessionRow(SQLModel, table=True):
    __tablename__ = "review_session"

    id: int | None = Field(default=None, primary_key=True)
    started_at: datetime = Field(default_factory=utcnow, index=True)
    finished_at: datetime | None = None
    scope: str = "tags"  # tags / foryou / all
    tags: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    planned: int = 0
    reviewed: int = 0
    again: int = 0
    hard: int = 0
    good: int = 0
    easy: int = 0
    seconds: float = 0.0


class ReviewLogRow(SQLModel, table=True):
    __tablename__ = "review_log"

    id: int | None = Field(default=None, primary_key=True)
    card_id: int = Field(foreign_key="card.id", index=True, ondelete="CASCADE")
    video_id: int = Field(foreign_key="video.id", index=True, ondelete="CASCADE")
    session_id: int | None = Field(default=None, foreign_key="review_session.id", index=True, ondelete="SET NULL")
    rating: int  # fsrs.Rating: 1 again, 2 hard, 3 good, 4 easy
    reviewed_at: datetime = Field(default_factory=utcnow, index=True)
    duration_ms: int | None = None
    state_before: int = 1
    due_after: datetime = Field(default_factory=utcnow)
    extra: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


def reviewable_states(include_drafts: bool = True) -> tuple[CardState, ...]:
    """The card states a review session quizzes (and For You counts): never rejected cards."""
    kept = (CardState.ACCEPTED, CardState.EXPORTED)
    return (*kept, CardState.DRAFT) if include_drafts else kept
