"""Plain value types shared by the core modules (no database, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path


class VideoStatus(StrEnum):
    """Where a clip is in the pipeline."""

    QUEUED = "queued"  # known link, not downloaded yet
    DOWNLOADING = "downloading"
    READY = "ready"  # media present, no transcript yet
    TRANSCRIBED = "transcribed"
    CARDS = "cards"  # key points and card drafts exist
    FAILED = "failed"


class JobStep(StrEnum):
    CAPTURE = "capture"
    SCREEN = "screen"  # on-screen text (OCR), before transcription so its words help the prompt
    TRANSCRIBE = "transcribe"
    CARDS = "cards"


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


class CardKind(StrEnum):
    CLOZE = "cloze"
    BASIC = "basic"


class CardState(StrEnum):
    DRAFT = "draft"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    EXPORTED = "exported"


class ExportTarget(StrEnum):
    """Where a card last left the app: nowhere yet, an .apkg file (imported or not: we cannot know), or Anki itself."""

    NONE = "none"
    FILE = "file"
    ANKI = "anki"


class TagSource(StrEnum):
    USER = "user"
    HASHTAG = "hashtag"
    SUGGESTED = "suggested"


@dataclass(frozen=True)
class Word:
    start: float
    end: float
    text: str
    probability: float = 1.0  # the decoder's confidence, 0..1 (a corrected word keeps its original's)
    corrected_from: str = ""  # what was heard, when lexicon correction replaced it ("" = not corrected)


@dataclass
class Segment:
    start: float
    end: float
    text: str
    words: list[Word] = field(default_factory=list)


@dataclass
class KeyPoint:
    """A sentence (or merged sentences) worth a card, tied to its time span."""

    start: float
    end: float
    text: str
    score: float
    key: str  # stable identity inside the clip (survives re-generation)
    reasons: list[str] = field(default_factory=list)
    context: str = ""  # the surrounding sentences


@dataclass
class CapturedClip:
    """What capture hands to the library after a successful download."""

    platform: str
    platform_id: str
    source_url: str
    media_file: Path
    title: str = ""
    creator_handle: str = ""
    creator_name: str = ""
    caption: str = ""
    hashtags: list[str] = field(default_factory=list)
    upload_date: date | None = None
    duration: float | None = None
    thumbnail_file: Path | None = None
    info_json: Path | None = None
    subtitles_file: Path | None = None  # subtitles the clip ships with (.vtt / .srt), when it has any


@dataclass(frozen=True)
class SearchHit:
    video_id: int
    title: str
    snippet: str  # plain text with the match between [ and ]
    field: str  # title / caption / transcript / notes / tags / screen (on-screen text)
    seconds: float | None  # where the match is said, for transcript hits
    score: float
