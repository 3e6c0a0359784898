"""SQLModel tables of the library database (the schema itself is created by the Alembic migrations)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

import sqlalchemy as sa
from sqlmodel import JSON, Column, Field, SQLModel

from studycompanion.core.types import CardKind, CardState, ExportTarget, JobState, JobStep, TagSource, VideoStatus


def utcnow() -> datetime:
    """Aware UTC now: everything in the database is UTC."""
    return datetime.now(UTC)


def enum_column(enum: type[Enum]) -> sa.Enum:
    """Store an enum by its value in a plain VARCHAR (readable in the file, no CHECK to migrate)."""
    return sa.Enum(
        enum,
        native_enum=False,
        create_constraint=False,
        length=20,
        values_callable=lambda members: [m.value for m in members],
    )


class Video(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("platform", "platform_id", name="uq_video_platform_id"),)

    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(index=True)  # tiktok / youtube / instagram / web / local
    platform_id: str
    source_url: str = ""
    title: str = ""
    creator_handle: str = Field(default="", index=True)
    creator_name: str = ""
    caption: str = ""
    hashtags: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    upload_date: date | None = None
    duration: float | None = None
    media_file: str = ""  # relative to the media folder
    thumbnail_file: str = ""  # relative to the media folder
    info_file: str = ""  # trimmed yt-dlp info JSON, relative to the media folder
    content_hash: str = Field(default="", index=True)
    file_size: int = 0
    added_at: datetime = Field(default_factory=utcnow, index=True)
    favourite: bool = Field(default=False, index=True)
    favourited_at: datetime | None = None
    notes: str = ""
    status: VideoStatus = Field(default=VideoStatus.QUEUED, sa_type=enum_column(VideoStatus), index=True)
    error: str = ""


class Tag(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)  # hierarchical: "Cardio::Murmurs"


class VideoTag(SQLModel, table=True):
    video_id: int = Field(foreign_key="video.id", primary_key=True, ondelete="CASCADE")
    tag_id: int = Field(foreign_key="tag.id", primary_key=True, ondelete="CASCADE", index=True)
    source: TagSource = Field(default=TagSource.USER, sa_type=enum_column(TagSource))
    added_at: datetime = Field(default_factory=utcnow)


class TranscriptSegment(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    video_id: int = Field(foreign_key="video.id", index=True, ondelete="CASCADE")
    idx: int
    start: float
    end: float
    text: str
    # [[start, end, text, probability], ...]
    words: list[Any] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class KeyPointRow(SQLModel, table=True):
    __tablename__ = "keypoint"

    id: int | None = Field(default=None, primary_key=True)
    video_id: int = Field(foreign_key="video.id", index=True, ondelete="CASCADE")
    idx: int
    start: float
    end: float
    text: str
    score: float
    key: str
    reasons: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    context: str = ""


class Card(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    video_id: int = Field(foreign_key="video.id", index=True, ondelete="CASCADE")
    keypoint_key: str = ""
    kind: CardKind = Field(default=CardKind.CLOZE, sa_type=enum_column(CardKind))
    front: str = ""  # cloze Text, or basic Front
    back: str = ""
    extra: str = ""
    source: str = ""
    start: float = 0.0
    end: float = 0.0
    guid: str = Field(unique=True)
    state: CardState = Field(default=CardState.DRAFT, sa_type=enum_column(CardState), index=True)
    frame_file: str = ""  # relative to the media folder
    audio_file: str = ""  # relative to the media folder
    edited: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    exported_at: datetime | None = None
    anki_mod: int = 0  # the note's modification stamp at its last export (seconds), see migration 0003
    anki_hash: str = ""  # hash of the note's content at its last export
    # where it last went (migration 0005): "In Anki" only for ANKI; a file export says "exported to file"
    exported_to: ExportTarget = Field(default=ExportTarget.NONE, sa_type=enum_column(ExportTarget))
    anki_note_id: int = 0  # the note's id in the student's Anki, once AnkiConnect added or found it


class ScreenTextLine(SQLModel, table=True):
    """One on-screen text line of a clip (OCR, migration 0008); box as fractions of the frame. Indexed in
    `screen_fts` by id (a trigger drops the index row with the line)."""

    id: int | None = Field(default=None, primary_key=True)
    video_id: int = Field(foreign_key="video.id", index=True, ondelete="CASCADE")
    idx: int
    start: float
    end: float
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    confidence: float


class TranscriptFix(SQLModel, table=True):
    """A fix the student typed (migration 0007): `changes` records each row it changed, before and after, for undo.
    Active fixes (undone_at is None) are the personal dictionary."""

    id: int | None = Field(default=None, primary_key=True)
    video_id: int | None = Field(default=None, foreign_key="video.id", ondelete="SET NULL")
    wrong: str
    right: str = Field(index=True)
    everywhere: bool = False
    changes: list[Any] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    undone_at: datetime | None = None


class Job(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    video_id: int | None = Field(default=None, foreign_key="video.id", index=True, ondelete="CASCADE")
    step: JobStep = Field(sa_type=enum_column(JobStep))
    state: JobState = Field(default=JobState.QUEUED, sa_type=enum_column(JobState), index=True)
    progress: float = 0.0  # 0..1
    message: str = ""
    eta: float | None = None  # seconds left, when known
    error: str = ""
    error_detail: str = ""
    attempts: int = 0
    cancel_requested: bool = False
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    started_at: datetime | None = None
    finished_at: datetime | None = None
    # the lease of a running job (migration 0005): who runs it, and when it last said so
    owner_host: str = ""
    owner_pid: int | None = None
    owner_started: float | None = None  # the owner process's start time: a reused pid is another process
    heartbeat_at: datetime | None = None
