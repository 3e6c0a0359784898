"""What the export dialog runs on the worker and shows after: which cards (`Selection`), how (`ExportOptions`),
the .apkg write or the AnkiConnect push, their counts, and the summary of what was written (`ExportSummary`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from studycompanion.core.anki import notes as anki
from studycompanion.core.anki.export import ExportCounts, count_for_export
from studycompanion.core.anki.notetypes import DEFAULT, NoteTypes
from studycompanion.core.cards.store import CardStore


@dataclass(frozen=True)
class Selection:
    """Which cards: one clip, one tag (and its children), or everything."""

    video_id: int | None = None
    tag: str | None = None

    def describe(self) -> str:
        if self.video_id is not None:
            return "this clip"
        return f"the tag {self.tag}" if self.tag else "the whole library"


@dataclass
class ExportSummary:
    """What an export did, ready to show."""

    target: str  # the .apkg path or the AnkiConnect address
    notes: int = 0
    cards: int = 0  # Anki cards (one per cloze deletion)
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    failed: int = 0
    media: int = 0
    size: int = 0
    decks: list[str] = field(default_factory=list)
    missing_media: int = 0

    def text(self) -> str:
        translate = QCoreApplication.translate
        counts = {"new": self.new, "updated": self.updated, "unchanged": self.unchanged}
        if self.cards:
            lines = [translate("ExportSummary", "{notes} notes ({cards} Anki cards): {new} new, {updated} updated, "
                                                "{unchanged} unchanged.").format(notes=self.notes, cards=self.cards,
                                                                                 **counts)]
        else:
            lines = [translate("ExportSummary", "{notes} notes: {new} new, {updated} updated, {unchanged} unchanged.")
                     .format(notes=self.notes, **counts)]
        if self.duplicates:
            lines.append(translate("ExportSummary", "{n} skipped: Anki already has a note with the same text.").format(
                n=self.duplicates))
        if self.failed:
            lines.append(translate("ExportSummary", "{n} could not be added (see Anki).").format(n=self.failed))
        if self.size:
            lines.append(translate("ExportSummary", "{n} media files, {size} in all.").format(n=self.media,
                                                                                             size=_size(self.size)))
        else:
            lines.append(translate("ExportSummary", "{n} media files.").format(n=self.media))
        if self.missing_media:
            missing = (translate("ExportSummary", "⚠ {n} frame or audio file missing from the library folder: those "
                                                  "cards went without them.") if self.missing_media == 1 else
                       translate("ExportSummary", "⚠ {n} frame or audio files missing from the library folder: those "
                                                  "cards went without them."))
            lines.append(missing.format(n=self.missing_media))
        if self.decks:
            decks = (translate("ExportSummary", "Decks: {names}") if len(self.decks) > 1 else
                     translate("ExportSummary", "Deck: {names}"))
            lines.append(decks.format(names=", ".join(self.decks)))
        return "\n".join(lines)


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{max(1, n // 1000)} kB"


def count_cards(store: CardStore, selection: Selection) -> ExportCounts:
    """What the selection holds: accepted cards, drafts (sent only when ticked), rejected ones (never)."""
    ids = [selection.video_id] if selection.video_id is not None else None
    return count_for_export(store, video_ids=ids, tag=selection.tag)


@dataclass(frozen=True)
class ExportOptions:
    """How to export: drafts too or not, one deck or a deck per tag, the note types."""

    deck: str | None = None
    root: str = anki.TAG_ROOT
    include_drafts: bool = False
    per_tag: bool = False
    types: NoteTypes = DEFAULT


def export_file(store: CardStore, library: Any, creators: Any, selection: Selection, out: Path,
                options: ExportOptions) -> ExportSummary:
    """Write the selection's accepted cards to an .apkg (atomically) and remember what each note carried."""
    from studycompanion.core.anki.export import export_deck

    ids = [selection.video_id] if selection.video_id is not None else None
    result = export_deck(store, library, out, creators=creators, tag=selection.tag, video_ids=ids, deck=options.deck,
                         root=options.root, where=selection.describe(), hint="Accept in the Cards tab of a clip",
                         include_drafts=options.include_drafts, per_tag=options.per_tag, types=options.types)
    return ExportSummary(str(result.path), result.notes, result.cards, result.new, result.updated, result.unchanged,
                         media=result.media, size=result.size, decks=list(result.decks),
                         missing_media=result.missing_media)


def push_to_anki(store: CardStore, library: Any, creators: Any, selection: Selection, url: str,
                 options: ExportOptions, progress: Any = None) -> ExportSummary:
    """Send the selection's accepted cards to the running Anki through AnkiConnect."""
    from studycompanion.core.anki.connect import AnkiConnect, push_cards

    ids = [selection.video_id] if selection.video_id is not None else None
    clips = sorted({c.video_id for c in store.for_export(video_ids=ids, tag=selection.tag,
                                                         include_drafts=options.include_drafts)})
    result = push_cards(store, library, AnkiConnect(url), creators=creators, tag=selection.tag, video_ids=ids,
                        deck=options.deck, root=options.root, progress=progress,
                        include_drafts=options.include_drafts, per_tag=options.per_tag, types=options.types)
    tags = anki.confirmed_tags(library.db, clips)
    decks = sorted({anki.deck_for(tags.get(vid, []), root=options.root, tag=selection.tag, deck=options.deck,
                                  per_tag=options.per_tag) for vid in clips})
    notes = result.added + result.updated + result.unchanged + len(result.duplicates) + len(result.failed)
    return ExportSummary(url, notes, 0, result.added, result.updated, result.unchanged, len(result.duplicates),
                         len(result.failed), result.media, 0, decks)


def default_file_name(selection: Selection, title: str = "") -> str:
    label = title if selection.video_id is not None else (selection.tag or "all")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", label).strip("-")[:40] or "cards"
    return f"StudyCompanion-{slug}-{date.today().isoformat()}.apkg"
