"""Cards as Anki notes: our two note types, escaped HTML fields, media names, tags, decks and stamps.

The .apkg writer lives in anki_export.py, the AnkiConnect client in anki_connect.py; both take the
AnkiNote objects made here.
"""

from __future__ import annotations

import hashlib
import html
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from studycompanion.core.cards.drafts import PLATFORM_NAMES, deep_link, format_time
from studycompanion.core.cards.store import ExportStamp, next_stamp
from studycompanion.core.db.tables import Card, Video
from studycompanion.core.interests.creators import Creators
from studycompanion.core.library.clips import Library
from studycompanion.core.media import content_digest
from studycompanion.core.types import CardKind

# Fixed forever: Anki recognises our note types by these ids (and AnkiConnect by these names).
CLOZE_MODEL_ID = 1_734_600_101
BASIC_MODEL_ID = 1_734_600_102
CLOZE_MODEL_NAME = "StudyCompanion Cloze"
BASIC_MODEL_NAME = "StudyCompanion Basic"
ID_FIELD = "StudyCompanionID"
CLOZE_FIELDS = ("Text", "Extra", "Source", "Frame", "Audio", ID_FIELD)
BASIC_FIELDS = ("Front", "Back", "Extra", "Source", "Frame", "Audio", ID_FIELD)
TAG_ROOT = "StudyCompanion"

_BACK_MEDIA = (
    "{{#Extra}}<div class=extra>{{Extra}}</div>{{/Extra}}"
    "{{#Frame}}<div class=frame>{{Frame}}</div>{{/Frame}}"
    "{{#Audio}}<div class=audio>{{Audio}}</div>{{/Audio}}"
    "<div class=source>{{Source}}</div>"
)
CLOZE_TEMPLATE = {
    "name": "Cloze",
    "qfmt": "{{cloze:Text}}",
    "afmt": "{{cloze:Text}}<hr id=answer>" + _BACK_MEDIA,
}
BASIC_TEMPLATE = {
    "name": "Card 1",
    "qfmt": "{{Front}}",
    "afmt": "{{FrontSide}}<hr id=answer><div class=back>{{Back}}</div>" + _BACK_MEDIA,
}
CSS = """.card { font-family: -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 20px;
  text-align: left; color: #1d1d1f; background: #fff; line-height: 1.4; padding: 0 8px; }
.nightMode.card, .night_mode .card { color: #eee; background: #1e1e1e; }
.cloze { font-weight: bold; color: #0a66c2; }
.nightMode .cloze { color: #6cb4ff; }
.back { font-weight: 600; }
.extra { margin-top: 12px; font-size: 16px; color: #555; }
.nightMode .extra { color: #bbb; }
.frame img { max-width: 100%; max-height: 40vh; margin-top: 12px; border-radius: 6px; }
.audio { margin-top: 8px; }
.source { margin-top: 14px; font-size: 13px; color: #888; }
.source .caption { margin-top: 4px; font-style: italic; }
.source a { color: inherit; }
"""


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

    @property
    def model_name(self) -> str:
        return CLOZE_MODEL_NAME if self.kind == CardKind.CLOZE else BASIC_MODEL_NAME

    @property
    def field_names(self) -> tuple[str, ...]:
        return CLOZE_FIELDS if self.kind == CardKind.CLOZE else BASIC_FIELDS

    def field_map(self) -> dict[str, str]:
        return dict(zip(self.field_names, self.fields, strict=True))

    def stamp(self) -> ExportStamp:
        return ExportStamp(self.card_id, self.mod, self.content_hash)


# --- HTML ------------------------------------------------------------------------------------------

_CLOZE_RE = re.compile(r"\{\{(c\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)


def escape_text(text: str) -> str:
    """Plain text -> HTML: every <, >, &, quote escaped, line breaks as <br>."""
    return html.escape(text, quote=True).replace("\r\n", "\n").replace("\n", "<br>")


def escape_cloze(text: str) -> str:
    """Like escape_text, but the {{c1::answer::hint}} markers stay markers (their contents are escaped)."""
    out, last = [], 0
    for m in _CLOZE_RE.finditer(text):
        out.append(escape_text(text[last : m.start()]))
        hint = f"::{escape_text(m.group(3))}" if m.group(3) else ""
        out.append(f"{{{{{m.group(1)}::{escape_text(m.group(2))}{hint}}}}}")
        last = m.end()
    out.append(escape_text(text[last:]))
    return "".join(out)


def _strip_hashtags(caption: str) -> str:
    return " ".join(w for w in caption.split() if not w.startswith("#")).strip()


def source_html(video: Video, seconds: float) -> str:
    """Creator · title · platform · link@m:ss (a deep link with ?t= where the platform has one)."""
    creator = video.creator_handle or video.creator_name
    if creator and video.creator_handle and not creator.startswith("@") and video.platform != "local":
        creator = "@" + creator
    platform = PLATFORM_NAMES.get(video.platform, video.platform)
    link = deep_link(video.platform, video.source_url, seconds)
    stamp = escape_text(format_time(seconds))
    when = f'<a href="{html.escape(link, quote=True)}">{stamp}</a>' if link else stamp
    parts = [escape_text(p) for p in (creator, video.title, platform) if p] + [when]
    out = " · ".join(parts)
    caption = _strip_hashtags(video.caption)
    if caption:
        short = caption if len(caption) <= 160 else caption[:157].rstrip() + "…"
        out += f"<div class=caption>{escape_text(short)}</div>"
    return out


# --- tags, decks, media names -----------------------------------------------------------------------


def anki_tag(name: str) -> str:
    """'Cardio :: Heart murmurs' -> 'StudyCompanion::Cardio::Heart_murmurs' (Anki tags have no spaces)."""
    parts = [re.sub(r"[\s\"]+", "_", p.strip().lstrip("#")) for p in name.split("::")]
    return "::".join([TAG_ROOT, *[p for p in parts if p]])


def note_tags(video: Video, tags: Sequence[str]) -> list[str]:
    out = [anki_tag(t) for t in tags]
    creator = video.creator_handle or video.creator_name
    if creator:
        out.append(anki_tag(f"Creator::{creator.lstrip('@')}"))
    return sorted(set(out))


def deck_for(video_tags: Sequence[str], *, root: str, tag: str | None = None, deck: str | None = None) -> str:
    """A chosen deck name wins; else root::TAG for the exported tag; else root::first tag of the clip."""
    if deck:
        return deck.strip()
    chosen = tag or (sorted(video_tags)[0] if video_tags else "")
    parts = [p.strip() for p in chosen.split("::") if p.strip()]
    return "::".join([root, *parts]) if parts else root


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
) -> AnkiNote:
    """One card row as an Anki note with escaped fields, its media and its modification stamp."""
    assert card.id is not None
    cache = name_cache if name_cache is not None else {}
    media: list[MediaFile] = []
    frame_html = audio_html = ""
    for rel, kind in ((card.frame_file, "frame"), (card.audio_file, "audio")):
        path = media_root / rel if rel else None
        if path is None or not path.is_file():
            continue
        name = cache.get(path) or cache.setdefault(path, media_name(path))
        media.append(MediaFile(path, name))
        if kind == "frame":
            frame_html = f'<img src="{html.escape(name, quote=True)}">'
        else:
            audio_html = f"[sound:{name}]"
    source = source_html(video, card.start)
    if card.kind == CardKind.CLOZE:
        fields = [
            escape_cloze(card.front),
            escape_text(card.extra),
            source,
            frame_html,
            audio_html,
            card.guid,
        ]
    else:
        fields = [
            escape_text(card.front),
            escape_text(card.back),
            escape_text(card.extra),
            source,
            frame_html,
            audio_html,
            card.guid,
        ]
    tags = note_tags(video, video_tags)
    content = "\x1f".join([card.kind.value, deck, " ".join(tags), *fields])
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
    )


def collect_notes(
    cards: Sequence[Card],
    library: Library,
    *,
    root: str = TAG_ROOT,
    tag: str | None = None,
    deck: str | None = None,
    now: float | None = None,
) -> list[AnkiNote]:
    """Notes for these cards, with their clips' metadata and tags (one lookup per clip)."""
    now = time.time() if now is None else now
    video_ids = sorted({c.video_id for c in cards})
    videos = {vid: library.get(vid) for vid in video_ids}
    tags = library.tags_for_many(video_ids)
    # creator credibility (core/interests/creators.py, issue 7): cards of unverified creators get StudyCompanion::verify
    checks = Creators(library.db).export_tags(videos.values())
    cache: dict[Path, str] = {}
    return [
        build_note(
            card,
            videos[card.video_id],
            [*tags.get(card.video_id, []), *checks.get(card.video_id, [])],
            library.paths.media,
            deck=deck_for(tags.get(card.video_id, []), root=root, tag=tag, deck=deck),
            now=now,
            name_cache=cache,
        )
        for card in cards
    ]
