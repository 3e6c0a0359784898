"""Helpers for the interests / review tests: clips with text and cards but no media download, a settable clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from studycompanion.core.db.tables import Card, Video
from studycompanion.core.library.clips import Library
from studycompanion.core.types import CardKind, CardState, Segment, TagSource, VideoStatus

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@dataclass
class Clock:
    now: datetime = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@dataclass
class ClipSpec:
    key: str
    title: str = ""
    transcript: str = ""
    hashtags: list[str] = field(default_factory=list)
    creator: str = ""
    tags: list[str] = field(default_factory=list)
    cards: list[str] = field(default_factory=list)  # cloze fronts
    playable: bool = True


def add_clip(library: Library, spec: ClipSpec, *, added_at: datetime | None = None) -> int:
    """A clip as capture + transcription would leave it (the media file is a stand-in, never played)."""
    video, _ = library.create_queued("tiktok", spec.key, f"https://www.tiktok.com/@x/video/{spec.key}")
    assert video.id is not None
    library.update_metadata(video.id, title=spec.title or spec.key, hashtags=list(spec.hashtags),
                            creator_handle=spec.creator, caption=" ".join(f"#{h}" for h in spec.hashtags))
    if spec.transcript:
        library.set_transcript(video.id, [Segment(0.0, 10.0, spec.transcript)])
    if spec.tags:
        library.tags.tag(video.id, spec.tags, TagSource.USER)
    with library.db.session() as s:
        row = s.get(Video, video.id)
        assert row is not None
        if spec.playable:
            row.media_file, row.status = f"{video.id}/video.mp4", VideoStatus.CARDS
        if added_at is not None:
            row.added_at = added_at
        s.add(row)
        for i, front in enumerate(spec.cards):
            s.add(Card(video_id=video.id, kind=CardKind.CLOZE, front=front, source=f"@{spec.creator}",
                       start=2.0 + i, end=4.0 + i, guid=f"t-{spec.key}-{i}"))
    return video.id


def card_ids(library: Library, video_id: int) -> list[int]:
    with library.db.session() as s:
        return [c.id for c in s.exec(select(Card).where(Card.video_id == video_id).order_by(Card.id)).all()
                if c.id is not None]


def set_card_state(library: Library, card_id: int, state: CardState) -> None:
    with library.db.session() as s:
        card = s.get(Card, card_id)
        assert card is not None
        card.state = state
        s.add(card)
