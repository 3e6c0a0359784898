"""Writes AnkiNotes to an .apkg with genanki: the chosen note types, stable GUIDs, per-note stamps, media."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import genanki

from studycompanion.core.anki import notes as anki
from studycompanion.core.anki.file_mode import apply_document_mode
from studycompanion.core.anki.notetypes import DEFAULT, NoteType, NoteTypes
from studycompanion.core.cards.store import CardStore
from studycompanion.core.db.tables import Card
from studycompanion.core.errors import BadInput, StorageError
from studycompanion.core.interests.creators import Creators
from studycompanion.core.library.clips import Library
from studycompanion.core.text import QT_TRANSLATE_NOOP
from studycompanion.core.types import CardState, ExportTarget

# What the window shows when an .apkg cannot be written
NO_CARDS = QT_TRANSLATE_NOOP("AnkiExport", "There are no cards to export in this selection.")
NOT_APKG = QT_TRANSLATE_NOOP("AnkiExport", "{name}: the export file must end in .apkg.")
NOT_WRITTEN = QT_TRANSLATE_NOOP("AnkiExport", "The deck could not be written to {path}: {why}")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    notes: int
    cards: int  # Anki cards: one per cloze number, one per basic note
    media: int
    decks: list[str]
    size: int  # bytes
    new: int = 0  # notes by what they carried at their last export
    updated: int = 0
    unchanged: int = 0
    drafts: int = 0  # drafts included (export --include-drafts)
    missing_media: int = 0  # frames and audio clips gone from the library folder: those notes went without them


class _StampedNote(genanki.Note):  # type: ignore[misc]
    """A genanki note that carries its own modification stamp instead of the package's."""

    def __init__(self, *, mod: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.mod = mod

    def write_to_db(self, cursor: Any, timestamp: float, deck_id: int, id_gen: Any) -> None:
        super().write_to_db(cursor, float(self.mod or timestamp), deck_id, id_gen)


class _TheirModel(genanki.Model):  # type: ignore[misc]
    """A note type that is the student's (Anki's built-in, AnKing ...): written as the oldest copy, so Anki's
    import keeps their templates and styling and only adds the notes to it."""

    def to_json(self, *args: Any, **kwargs: Any) -> Any:
        data = super().to_json(*args, **kwargs)
        data["mod"] = 1
        return data


def _model(note_type: NoteType) -> genanki.Model:
    cls = genanki.Model if note_type.ours else _TheirModel
    templates = [dict(t) for t in note_type.templates] or [
        {"name": "Card 1", "qfmt": f"{{{{{'cloze:' if note_type.cloze else ''}{note_type.fields[0]}}}}}",
         "afmt": f"{{{{{'cloze:' if note_type.cloze else ''}{note_type.fields[0]}}}}}"}
    ]
    return cls(
        note_type.model_id,
        note_type.name,
        fields=note_type.genanki_fields(),
        templates=templates,
        css=note_type.css,
        model_type=genanki.Model.CLOZE if note_type.cloze else genanki.Model.FRONT_BACK,
    )


def deck_id(name: str) -> int:
    """A stable deck id from its name (the same deck on every export)."""
    return int.from_bytes(hashlib.sha1(name.encode()).digest()[:6], "big") | (1 << 40)


def export_apkg(notes: Sequence[anki.AnkiNote], out: Path, *, now: float | None = None) -> ExportResult:
    """Write the package next to `out` and move it into place: a failed export leaves no half file."""
    if not notes:
        raise BadInput(NO_CARDS())
    out = Path(out)
    if out.suffix.lower() != ".apkg":
        raise BadInput(NOT_APKG(name=out.name))
    now = time.time() if now is None else now
    models: dict[str, genanki.Model] = {}
    decks: dict[str, genanki.Deck] = {}
    media: dict[str, Path] = {}
    cards = 0
    for note in notes:
        deck = decks.get(note.deck)
        if deck is None:
            deck = decks[note.deck] = genanki.Deck(deck_id(note.deck), note.deck)
        model = models.get(note.note_type.name)
        if model is None:
            model = models[note.note_type.name] = _model(note.note_type)
        gnote = _StampedNote(
            model=model,
            fields=list(note.fields),
            guid=note.guid,
            tags=list(note.tags),
            mod=note.mod,
        )
        deck.add_note(gnote)
        cards += len(gnote.cards)
        for m in note.media:
            media.setdefault(m.name, m.path)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.stem}-", suffix=".apkg.part")
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            _write_package(list(decks.values()), media, tmp, now)
            apply_document_mode(tmp)  # 0644 under the usual umask, not mkstemp's 0600 (issue 17)
            os.replace(tmp, out)
        finally:
            tmp.unlink(missing_ok=True)
    except OSError as exc:
        raise StorageError(NOT_WRITTEN(path=out, why=exc.strerror or exc), str(exc)) from exc
    return ExportResult(out, len(notes), cards, len(media), sorted(decks), out.stat().st_size,
                        missing_media=sum(n.missing_media for n in notes))


def _write_package(decks: list[genanki.Deck], media: dict[str, Path], out: Path, now: float) -> None:
    """genanki's collection, zipped with the media read where it lies (no copies, media not deflated)."""
    # the temporary collection sits beside the package being written (both ".part"), so a killed export leaves
    # its leftovers where the start-up sweep of the exports folder finds them, not in the system's temp folder
    fd, db_name = tempfile.mkstemp(dir=out.parent, prefix=f"{out.stem}-", suffix=".anki2.part")
    os.close(fd)
    try:
        conn = sqlite3.connect(db_name)
        try:
            package = genanki.Package(decks)
            package.write_to_db(conn.cursor(), now, itertools.count(int(now * 1000)))
            conn.commit()
        finally:
            conn.close()
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
            z.write(db_name, "collection.anki2")
            index = {str(i): name for i, name in enumerate(media)}
            z.writestr("media", json.dumps(index))
            for i, path in enumerate(media.values()):
                z.write(path, str(i), compress_type=zipfile.ZIP_STORED)  # jpeg and mp3 do not shrink
    finally:
        Path(db_name).unlink(missing_ok=True)


def export_deck(
    store: CardStore,
    library: Library,
    out: Path,
    *,
    creators: Creators,
    tag: str | None = None,
    video_ids: Sequence[int] | None = None,
    deck: str | None = None,
    root: str = anki.TAG_ROOT,
    now: float | None = None,
    where: str | None = None,
    hint: str = "studycompanion card accept --clip ID",
    include_drafts: bool = False,
    per_tag: bool = False,
    types: NoteTypes = DEFAULT,
) -> ExportResult:
    """The accepted cards of the selection (drafts too with include_drafts) into one .apkg; the cards then
    remember their stamps and that they went to a file.

    `where` names the selection and `hint` how to get cards to export, for the message when there are none."""
    cards = store.for_export(video_ids=video_ids, tag=tag, include_drafts=include_drafts)
    if not cards:
        raise BadInput(nothing_to_export(store, video_ids=video_ids, tag=tag, where=where, hint=hint))
    now = time.time() if now is None else now
    notes = anki.collect_notes(cards, library, root=root, tag=tag, deck=deck, now=now, per_tag=per_tag,
                               types=types, creators=creators)
    new, updated, unchanged = classify_notes(cards, notes)
    result = export_apkg(notes, out, now=now)
    store.mark_exported((n.stamp() for n in notes), ExportTarget.FILE, include_drafts=include_drafts)
    drafts = sum(1 for c in cards if c.state == CardState.DRAFT)
    return replace(result, new=new, updated=updated, unchanged=unchanged, drafts=drafts)


@dataclass(frozen=True)
class ExportCounts:
    """What a selection holds, for the export dialog: accepted cards go, drafts only when asked, rejected never."""

    accepted: int  # accepted or exported before
    drafts: int
    rejected: int

    def to_send(self, include_drafts: bool) -> int:
        return self.accepted + (self.drafts if include_drafts else 0)


def count_for_export(store: CardStore, *, video_ids: Sequence[int] | None = None, tag: str | None = None
                     ) -> ExportCounts:
    cards = store.list_cards(video_ids=video_ids, tag=tag)
    states = [c.state for c in cards]
    drafts, rejected = states.count(CardState.DRAFT), states.count(CardState.REJECTED)
    return ExportCounts(len(states) - drafts - rejected, drafts, rejected)


def nothing_to_export(store: CardStore, *, video_ids: Sequence[int] | None = None, tag: str | None = None,
                      where: str | None = None, hint: str = "studycompanion card accept --clip ID") -> str:
    """Why a selection has nothing to send: no cards at all, or only drafts nobody accepted yet."""
    place = f" in {where}" if where else (f" tagged {tag}" if tag else "")
    drafts = len(store.list_cards(video_ids=video_ids, tag=tag, states=[CardState.DRAFT]))
    if drafts:
        return (f"There are no accepted cards{place} yet: {drafts} draft{'s' if drafts != 1 else ''} wait for you "
                f"to accept them ({hint}), or include drafts in the export.")
    return f"There are no cards{place} to export yet: make cards first (studycompanion cards ID)."


def classify_notes(cards: Sequence[Card], notes: Sequence[anki.AnkiNote]) -> tuple[int, int, int]:
    """(new, updated, unchanged) by what each note carried at its last export."""
    by_id = {c.id: c for c in cards}
    new = updated = unchanged = 0
    for note in notes:
        card = by_id[note.card_id]
        if card.exported_at is None or not card.anki_hash:
            new += 1
        elif card.anki_hash != note.content_hash:
            updated += 1
        else:
            unchanged += 1
    return new, updated, unchanged
