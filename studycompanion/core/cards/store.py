"""The card service: stores drafts (rejected stay rejected, edits stay intact), review states and exports."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import bindparam, case, func, or_
from sqlmodel import Session, col, select

from studycompanion.core.cards.drafts import CardDraft, cloze_numbers
from studycompanion.core.db.engine import Database
from studycompanion.core.db.tables import Card, Tag, VideoTag, utcnow
from studycompanion.core.errors import BadInput, NotFound
from studycompanion.core.library.clips import normalise_tag
from studycompanion.core.types import CardKind, CardState


@dataclass
class UpsertResult:
    added: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    kept_rejected: list[int] = field(default_factory=list)
    kept_edited: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class ExportStamp:
    """What a note carried at its export: its modification stamp and the hash of its content."""

    card_id: int
    mod: int
    content_hash: str


def next_stamp(card: Card, content_hash: str, now: float) -> int:
    """The note's modification stamp for this export.

    Unchanged since the last export: the same stamp (Anki keeps the note as it is, edits made in Anki
    included). Changed, or never exported: now, and always strictly newer than the last stamp, because
    Anki compares whole seconds and only takes a note that is newer than its own copy."""
    if card.anki_mod and card.anki_hash == content_hash:
        return card.anki_mod
    return max(int(now), card.anki_mod + 1)


class CardStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    # ---- generation -------------------------------------------------------------------------------

    def upsert_drafts(
        self,
        video_id: int,
        drafts: Sequence[CardDraft],
        media: dict[str, tuple[str, str]] | None = None,
    ) -> UpsertResult:
        """Store freshly generated drafts for a clip.

        A rejected card stays rejected; a card the student edited keeps its text (only its source and
        span follow the new transcript); an untouched draft takes the new text; drafts that are no
        longer generated are removed unless the student accepted, edited, rejected or exported them.
        `media` maps a key point key to its (frame, audio) files, relative to the media folder."""
        media = media or {}
        result = UpsertResult()
        with self.db.session() as s:
            existing = {c.guid: c for c in s.exec(select(Card).where(Card.video_id == video_id)).all()}
            wanted = set()
            for d in drafts:
                wanted.add(d.guid)
                frame, audio = media.get(d.keypoint_key, ("", ""))
                card = existing.get(d.guid)
                if card is None:
                    card = Card(
                        video_id=video_id,
                        keypoint_key=d.keypoint_key,
                        kind=d.kind,
                        front=d.front,
                        back=d.back,
                        extra=d.extra,
                        source=d.source,
                        start=d.start,
                        end=d.end,
                        guid=d.guid,
                        frame_file=frame,
                        audio_file=audio,
                    )
                    s.add(card)
                    s.flush()
                    assert card.id is not None
                    result.added.append(card.id)
                    continue
                assert card.id is not None
                follow: dict[str, object] = {"source": d.source, "start": d.start, "end": d.end}
                if frame or audio:
                    follow.update(frame_file=frame, audio_file=audio)
                if card.state == CardState.REJECTED:
                    result.kept_rejected.append(card.id)
                elif card.edited:
                    result.kept_edited.append(card.id)
                else:
                    follow.update(front=d.front, back=d.back, extra=d.extra)
                changed = _assign(card, follow)
                if card.state == CardState.REJECTED or card.edited:
                    continue
                (result.updated if changed else result.unchanged).append(card.id)
            for guid, card in existing.items():
                stale = card.state == CardState.DRAFT and not card.edited and card.exported_at is None
                if guid not in wanted and stale:
                    assert card.id is not None
                    result.removed.append(card.id)
                    s.delete(card)
        return result

    # ---- reading ----------------------------------------------------------------------------------

    def get(self, card_id: int) -> Card:
        with self.db.session() as s:
            return self._get(s, card_id)

    @staticmethod
    def _get(s: Session, card_id: int) -> Card:
        card = s.get(Card, card_id)
        if card is None:
            raise NotFound(f"There is no card with id {card_id}.")
        return card

    def list_cards(
        self,
        *,
        video_ids: Iterable[int] | None = None,
        tag: str | None = None,
        states: Iterable[CardState] | None = None,
        include_rejected: bool = True,
    ) -> list[Card]:
        """Cards by clip, by tag (the tag or any child of it) and by state, in clip and time order."""
        stmt = select(Card)
        if video_ids is not None:
            stmt = stmt.where(col(Card.video_id).in_(list(video_ids)))
        if tag:
            name = normalise_tag(tag).lower()
            tagged = (
                select(VideoTag.video_id)
                .join(Tag, col(Tag.id) == col(VideoTag.tag_id))
                .where(or_(func.lower(Tag.name) == name, func.lower(Tag.name).startswith(name + "::")))
            )
            stmt = stmt.where(col(Card.video_id).in_(tagged))
        if states is not None:
            stmt = stmt.where(col(Card.state).in_(list(states)))
        if not include_rejected:
            stmt = stmt.where(Card.state != CardState.REJECTED)
        stmt = stmt.order_by(col(Card.video_id), col(Card.start), col(Card.id))
        with self.db.session() as s:
            return list(s.exec(stmt).all())

    def for_export(self, *, video_ids: Iterable[int] | None = None, tag: str | None = None) -> list[Card]:
        """Every card of the selection a student has not rejected."""
        return self.list_cards(video_ids=video_ids, tag=tag, include_rejected=False)

    def counts(self, video_id: int) -> dict[CardState, int]:
        with self.db.session() as s:
            rows = s.exec(
                select(Card.state, func.count()).where(Card.video_id == video_id).group_by(col(Card.state))
            ).all()
        return {CardState(state): int(n) for state, n in rows}

    # ---- review -----------------------------------------------------------------------------------

    def edit(
        self, card_id: int, *, front: str | None = None, back: str | None = None, extra: str | None = None
    ) -> Card:
        """Change a card's text; it is then the student's (regeneration leaves it alone) and accepted."""
        with self.db.session() as s:
            card = self._get(s, card_id)
            values = {k: v for k, v in (("front", front), ("back", back), ("extra", extra)) if v is not None}
            new_front = values.get("front", card.front)
            if not new_front.strip():
                raise BadInput("A card needs some text on its front.")
            if card.kind == CardKind.CLOZE and not cloze_numbers(new_front):
                raise BadInput("A cloze card needs at least one deletion, like {{c1::furosemide}}.")
            if card.kind == CardKind.BASIC and not values.get("back", card.back).strip():
                raise BadInput("A basic card needs an answer on its back.")
            if re.search(r"\{\{c\d+::\s*\}\}", new_front):
                raise BadInput("A cloze deletion is empty: put the hidden words between {{c1:: and }}.")
            if _assign(card, values):
                card.edited = True
                if card.state in (CardState.DRAFT, CardState.EXPORTED):
                    card.state = CardState.ACCEPTED
            s.add(card)
            return card

    def accept(self, card_ids: Iterable[int]) -> list[Card]:
        return self._set_state(card_ids, CardState.ACCEPTED)

    def reject(self, card_ids: Iterable[int]) -> list[Card]:
        return self._set_state(card_ids, CardState.REJECTED)

    def restore(self, card_ids: Iterable[int]) -> list[Card]:
        """Undo a rejection: the card is a draft again."""
        return self._set_state(card_ids, CardState.DRAFT)

    def _set_state(self, card_ids: Iterable[int], state: CardState) -> list[Card]:
        out = []
        with self.db.session() as s:
            for card_id in card_ids:
                card = self._get(s, card_id)
                if card.state != state:
                    card.state = state
                    card.updated_at = utcnow()
                    s.add(card)
                out.append(card)
        return out

    def mark_exported(self, stamps: Iterable[ExportStamp]) -> None:
        """Remember what each note carried when it left (its stamp and content hash)."""
        rows = [{"cid": st.card_id, "mod": st.mod, "hash": st.content_hash} for st in stamps]
        if not rows:
            return
        table = Card.__table__  # type: ignore[attr-defined]
        state = case(
            (table.c.state == CardState.REJECTED.value, table.c.state), else_=CardState.EXPORTED.value
        )
        stmt = (
            table.update()
            .where(table.c.id == bindparam("cid"))
            .values(anki_mod=bindparam("mod"), anki_hash=bindparam("hash"), exported_at=utcnow(), state=state)
        )
        with self.db.session() as s:  # one statement for all (5,000 cards in milliseconds)
            s.connection().execute(stmt, rows)


def _assign(card: Card, values: Mapping[str, object]) -> bool:
    changed = False
    for key, value in values.items():
        if getattr(card, key) != value:
            setattr(card, key, value)
            changed = True
    if changed:
        card.updated_at = utcnow()
    return changed
