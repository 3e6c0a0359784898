"""Cards as Anki notes: escaped HTML fields in the chosen note type, media names, tags, decks and stamps.

The note types live in notetypes.py, the .apkg writer in export.py, the AnkiConnect client in connect.py;
both writers take the AnkiNote objects made here.
"""

from __future__ import annotations

import hashlib
import html
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import col, select

from studycompanion.core.anki.notetypes import (  # re-exported: the names tests and the UI know them by
    BASIC_FIELDS,
    BASIC_MODEL_ID,
    BASIC_MODEL_NAME,
    BASIC_TEMPLATE,
    CLOZE_FIELDS,
    CLOZE_MODEL_ID,
    CLOZE_MODEL_NAME,
    CLOZE_TEMPLATE,
    CSS,
    DEFAULT,
    ID_FIELD,
    NoteType,
    NoteTypes,
)
from studycompanion.core.cards import cloze
from studycompanion.core.cards.source import SourceLine, creator_label
from studycompanion.core.cards.store import ExportStamp, next_stamp
from studycompanion.core.db.engine import Database
from studycompanion.core.db.tables import Card, Tag, Video, VideoTag
from studycompanion.core.interests.creators import Creators
from studycompanion.core.library.clips import Library
from studycompanion.core.media import content_digest
from studycompanion.core.types import CardKind, TagSource

__all__ = ["BASIC_FIELDS", "BASIC_MODEL_ID", "BASIC_MODEL_NAME", "BASIC_TEMPLATE", "CLOZE_FIELDS", "CLOZE_MODEL_ID",
           "CLOZE_MODEL_NAME", "CLOZE_TEMPLATE", "CSS", "ID_FIELD", "TAG_ROOT", "AnkiNote", "MediaFile",
           "build_note", "collect_notes", "confirmed_tags", "deck_for"]
TAG_ROOT = "StudyCompanion"


@dataclass(frozen=True)
class MediaFile:
    path: Path  # where the file is on disk
    name: str  # its unique name inside Anki's media folder


@dataclass
class AnkiNote:
    card_id: int
    guid: str
    kind: CardKind
    fields: list[str]  # in the note type's field order, HTML
    tags: list[str]
    deck: str
    media: list[MediaFile] = field(default_factory=list)
    mod: int = 0  # the note's modification stamp (seconds since the epoch)
    content_hash: str = ""
    note_type: NoteType = DEFAULT.cloze
    anki_note_id: int = 0  # the note's id in the student's Anki, when a push found or made it
    missing_media: int = 0  # its frame or audio file is gone from the library folder (exported without it)

    @property
    def model_name(self) -> str:
        return self.note_type.name

    @property
    def field_names(self) -> tuple[str, ...]:
        return self.note_type.fields

    def field_map(self) -> dict[str, str]:
        return dict(zip(self.field_names, self.fields, strict=True))

    def label(self) -> str:
        """The note's first field as plain words (for messages)."""
        return cloze.strip(re.sub(r"<[^>]+>", "", self.fields[0]))

    def stamp(self) -> ExportStamp:
        return ExportStamp(self.card_id, self.mod, self.content_hash, self.anki_note_id)


# --- HTML ------------------------------------------------------------------------------------------

def escape_text(text: str) -> str:
    """Plain text -> HTML: every <, >, &, quote escaped, line breaks as <br>."""
    return html.escape(text, quote=True).replace("\r\n", "\n").replace("\n", "<br>")


def escape_cloze(text: str) -> str:
    """Like escape_text, but the {{c1::answer::hint}} markers stay markers (their contents are escaped)."""
    return cloze.substitute(
        text, lambda d: cloze.marker(d.number, escape_text(d.answer), escape_text(d.hint)), plain=escape_text
    )


def source_html(video: Video, seconds: float) -> str:
    """Creator · title · platform · link@m:ss (a deep link with ?t= where the platform has one)."""
    return SourceLine.of(video, seconds).html()


# --- tags, decks, media names -----------------------------------------------------------------------


def anki_tag(name: str) -> str:
    """'Cardio :: Heart murmurs' -> 'StudyCompanion::Cardio::Heart_murmurs' (Anki tags have no spaces)."""
    parts = [re.sub(r"[\s\"]+", "_", p.strip().lstrip("#")) for p in name.split("::")]
    return "::".join([TAG_ROOT, *[p for p in parts if p]])


def note_tags(video: Video, tags: Sequence[str]) -> list[str]:
    out = [anki_tag(t) for t in tags]
    creator = creator_label(video.creator_handle, video.creator_name, video.platform)
    if creator:
        out.append(anki_tag(f"Creator::{creator.lstrip('@')}"))
    return sorted(set(out))


def deck_for(video_tags: Sequence[str], *, root: str, tag: str | None = None, deck: str | None = None,
             per_tag: bool = False) -> str:
    """A chosen deck name wins; else one deck, `root` (Anki's advice: few decks, many tags); with per_tag,
    root::TAG for the exported tag, else root::first tag of the clip."""
    if deck:
        return deck.strip()
    if not per_tag:
        return root
    chosen = tag or (sorted(video_tags)[0] if video_tags else "")
    parts = [p.strip() for p in chosen.split("::") if p.strip()]
    return "::".join([root, *parts]) if parts else root


def confirmed_tags(db: Database, video_ids: Sequence[int]) -> dict[int, list[str]]:
    """Each clip's tags the student has (a suggestion still marked "?" is not one of them), by name."""
    out: dict[int, list[str]] = {i: [] for i in video_ids}
    with db.session() as s:
        rows = s.exec(
            select(VideoTag.video_id, Tag.name).join(Tag, col(Tag.id) == col(VideoTag.tag_id))
            .where(col(VideoTag.video_id).in_(list(video_ids)), VideoTag.source != TagSource.SUGGESTED)
            .order_by(col(Tag.name))
        ).all()
    for vid, name in rows:
        out.setdefault(vid, []).append(name)
    return out


_DIGEST_IN_NAME = re.compile(r"-([0-9a-f]{20})$")


def media_name(path: Path, prefix: str = "studycompanion") -> str:
    """A unique, content-addressed name: the same file always gets it, a changed file a new one.

    Files the cards step made carry their digest in their name (KEY-DIGEST.ext): no need to read them."""
    m = _DIGEST_IN_NAME.search(path.stem)
    digest = m.group(1) if m else content_digest(path)
    return f"{prefix}-{digest}{path.suffix.lower()}"


# --- notes -----------------------------------------------------------------------------------------


def build_note(
    card: Card,
    video: Video,
    video_tags: Sequence[str],
    media_root: Path,
    *,
    deck: str,
    now: float,
    name_cache: dict[Path, str] | None = None,
    types: NoteTypes = DEFAULT,
) -> AnkiNote:
    """One card row as an Anki note of the chosen type, with escaped fields, its media and its stamp."""
    assert card.id is not None
    cache = name_cache if name_cache is not None else {}
    media: list[MediaFile] = []
    frame_html = audio_html = ""
    missing = 0
    for rel, kind in ((card.frame_file, "frame"), (card.audio_file, "audio")):
        path = media_root / rel if rel else None
        if path is None or not path.is_file():
            missing += path is not None
            continue
        name = cache.get(path) or cache.setdefault(path, media_name(path))
        media.append(MediaFile(path, name))
        if kind == "frame":
            frame_html = f'<img src="{html.escape(name, quote=True)}">'
        else:
            audio_html = f"[sound:{name}]"
    note_type = types.for_kind(card.kind)
    if card.kind == CardKind.CLOZE:
        text, back = escape_cloze(card.front), ""
    elif note_type.cloze:  # a basic card in a cloze note type: the question, then its answer hidden
        text, back = escape_text(card.front) + "<br>" + cloze.marker(1, escape_text(card.back)), ""
    else:
        text, back = escape_text(card.front), escape_text(card.back)
    parts = {"Text": text, "Back": back, "Extra": escape_text(card.extra), "Source": source_html(video, card.start),
             "Frame": frame_html, "Audio": audio_html}
    fields = note_type.fill(parts)
    tags = note_tags(video, video_tags)
    content = "\x1f".join([card.kind.value, note_type.name, deck, " ".join(tags), *fields])
    content_hash = hashlib.sha1(content.encode()).hexdigest()
    return AnkiNote(
        card_id=card.id,
        guid=card.guid,
        kind=card.kind,
        fields=fields,
        tags=tags,
        deck=deck,
        media=media,
        mod=next_stamp(card, content_hash, now),
        content_hash=content_hash,
        note_type=note_type,
        anki_note_id=card.anki_note_id,
        missing_media=missing,
    )


def collect_notes(
    cards: Sequence[Card],
    library: Library,
    *,
    root: str = TAG_ROOT,
    tag: str | None = None,
    deck: str | None = None,
    now: float | None = None,
    per_tag: bool = False,
    types: NoteTypes = DEFAULT,
    creators: Creators,
) -> list[AnkiNote]:
    """Notes for these cards, with their clips' metadata and confirmed tags (one lookup per clip)."""
    now = time.time() if now is None else now
    video_ids = sorted({c.video_id for c in cards})
    videos = {vid: library.get(vid) for vid in video_ids}
    tags = confirmed_tags(library.db, video_ids)
    # creator credibility (core/interests/creators.py): cards of unverified creators get StudyCompanion::verify
    checks = creators.export_tags(videos.values())
    cache: dict[Path, str] = {}
    return [
        build_note(
            card,
            videos[card.video_id],
            [*tags.get(card.video_id, []), *checks.get(card.video_id, [])],
            library.paths.media,
            deck=deck_for(tags.get(card.video_id, []), root=root, tag=tag, deck=deck, per_tag=per_tag),
            now=now,
            name_cache=cache,
            types=types,
        )
        for card in cards
    ]
