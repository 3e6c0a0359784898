"""The card service: stores drafts (rejected stay rejected, edits stay intact), review states and exports."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import bindparam, func, or_
from sqlmodel import Session, col, select

from studycompanion.core.cards import cloze
from studycompanion.core.cards.drafts import CardDraft
from studycompanion.core.cards.lifecycle import CardAction, exportable_states, transition
from studycompanion.core.db.engine import Database
from studycompanion.core.db.tables import Card, Tag, VideoTag, utcnow
from studycompanion.core.errors import BadInput, NotFound
from studycompanion.core.library.clips import normalise_tag
from studycompanion.core.text import QT_TRANSLATE_NOOP
from studycompanion.core.types import CardKind, CardState, ExportTarget, TagSource


@dataclass
class UpsertResult:
    added: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    kept_rejected: list[int] = field(default_factory=list)
    kept_edited: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)


@dataclass
class BulkAccept:
    """What a bulk accept did: the cards accepted and the flagged drafts it left for the student to check."""

    accepted: list[Card] = field(default_factory=list)
    left_flagged: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class ExportStamp:
    """What a note carried at its export: its modification stamp and the hash of its content."""

    card_id: int
    mod: int
    content_hash: str
    anki_note_id: int = 0  # the note id Anki gave it (AnkiConnect), 0 for a file export


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

    def add_card(self, video_id: int, draft: CardDraft, frame: str = "", audio: str = "") -> Card:
        """A card the student made (from a line they chose): a draft that is theirs, so making cards again
        leaves it alone; accepting it is still their own step."""
        validate_text(draft.kind, draft.front, draft.back)
        with self.db.session() as s:
            if s.exec(select(Card).where(Card.guid == draft.guid)).first() is not None:
                raise BadInput(QT_TRANSLATE_NOOP("CardStore", "This clip already has that card.")())
            card = Card(video_id=video_id, keypoint_key=draft.keypoint_key, kind=draft.kind, front=draft.front,
                        back=draft.back, extra=draft.extra, source=draft.source, start=draft.start, end=draft.end,
                        guid=draft.guid, frame_file=frame, audio_file=audio, edited=True)
            s.add(card)
            s.flush()
            return card

    # ---- reading ----------------------------------------------------------------------------------

    def get(self, card_id: int) -> Card:
        with self.db.session() as s:
            return self._get(s, card_id)

    @staticmethod
    def _get(s: Session, card_id: int) -> Card:
        card = s.get(Card, card_id)
        if card is None:
            raise NotFound(QT_TRANSLATE_NOOP("CardStore", "There is no card with id {id}.")(id=card_id))
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
                .where(VideoTag.source != TagSource.SUGGESTED)  # a suggestion the student has not confirmed
            )
            stmt = stmt.where(col(Card.video_id).in_(tagged))
        if states is not None:
            stmt = stmt.where(col(Card.state).in_(list(states)))
        if not include_rejected:
            stmt = stmt.where(Card.state != CardState.REJECTED)
        stmt = stmt.order_by(col(Card.video_id), col(Card.start), col(Card.id))
        with self.db.session() as s:
            return list(s.exec(stmt).all())

    def for_export(
        self, *, video_ids: Iterable[int] | None = None, tag: str | None = None, include_drafts: bool = False
    ) -> list[Card]:
        """The accepted cards of the selection (and its drafts with include_drafts); never rejected ones."""
        return self.list_cards(video_ids=video_ids, tag=tag, states=exportable_states(include_drafts))

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
        """Change a card's text; it is then the student's (regeneration leaves it alone). A draft stays a
        draft: accepting is its own action."""
        with self.db.session() as s:
            card = self._get(s, card_id)
            values = {k: v for k, v in (("front", front), ("back", back), ("extra", extra)) if v is not None}
            validate_text(card.kind, values.get("front", card.front), values.get("back", card.back))
            if _assign(card, values):
                card.state = transition(card.state, CardAction.EDIT, card_id=card_id)
                card.edited = True
            s.add(card)
            return card

    def accept(self, card_ids: Iterable[int]) -> list[Card]:
        return self._apply(card_ids, CardAction.ACCEPT)

    def reject(self, card_ids: Iterable[int]) -> list[Card]:
        return self._apply(card_ids, CardAction.REJECT)

    def restore(self, card_ids: Iterable[int]) -> list[Card]:
        """Undo a rejection (or an acceptance): the card is a draft again."""
        return self._apply(card_ids, CardAction.RESTORE)

    def accept_drafts(
        self, drafts: Sequence[Card], flagged: Iterable[int] = (), *, include_flagged: bool = False
    ) -> BulkAccept:
        """Accept every draft given, except the `flagged` ones unless include_flagged; says what it left."""
        marked = set(flagged)
        ids = [c.id for c in drafts if c.id is not None and c.state == CardState.DRAFT]
        left = [] if include_flagged else [i for i in ids if i in marked]
        accepted = self.accept([i for i in ids if i not in left])
        return BulkAccept(accepted, left)

    def _apply(self, card_ids: Iterable[int], action: CardAction) -> list[Card]:
        """One lifecycle move for each card, all or none (an illegal move for one refuses the lot)."""
        out = []
        with self.db.session() as s:
            for card_id in card_ids:
                card = self._get(s, card_id)
                state = transition(card.state, action, card_id=card_id)
                if card.state != state:
                    card.state = state
                    card.updated_at = utcnow()
                    s.add(card)
                out.append(card)
        return out

    def mark_exported(self, stamps: Iterable[ExportStamp], target: ExportTarget = ExportTarget.FILE,
                      *, include_drafts: bool = False) -> None:
        """Remember what each note carried when it left (stamp, content hash, where it went, its Anki id).

        Accepted cards become exported; a draft sent with include_drafts stays a draft (nobody accepted it)."""
        by_id = {st.card_id: st for st in stamps}
        if not by_id:
            return
        with self.db.session() as s:
            states = dict(s.exec(select(Card.id, Card.state).where(col(Card.id).in_(list(by_id)))).all())
        now = utcnow()
        rows = []
        for card_id, st in by_id.items():
            state = states.get(card_id)
            if state is None or state == CardState.REJECTED:  # rejected while it was being written
                continue
            rows.append({"cid": card_id, "mod": st.mod, "hash": st.content_hash, "at": now, "to": target.value,
                         "nid": st.anki_note_id,
                         "state": transition(CardState(state), CardAction.EXPORT, include_drafts=include_drafts,
                                             card_id=card_id).value})
        if not rows:
            return
        table = Card.__table__  # type: ignore[attr-defined]
        nid = table.c.anki_note_id
        stmt = (
            table.update()
            .where(table.c.id == bindparam("cid"))
            .values(anki_mod=bindparam("mod"), anki_hash=bindparam("hash"), exported_at=bindparam("at"),
                    exported_to=bindparam("to"), state=bindparam("state"),
                    anki_note_id=func.coalesce(func.nullif(bindparam("nid"), 0), nid))
        )
        with self.db.session() as s:  # one statement for all (5,000 cards in milliseconds)
            s.connection().execute(stmt, rows)


def validate_text(kind: CardKind, front: str, back: str) -> None:
    """A card Anki can show: some front, a deletion in a cloze, an answer on a basic card."""
    if not front.strip():
        raise BadInput(QT_TRANSLATE_NOOP("CardStore", "A card needs some text on its front.")())
    if kind == CardKind.CLOZE and not cloze.numbers(front):  # (no params: the braces are shown as they are)
        raise BadInput(QT_TRANSLATE_NOOP("CardStore", "A cloze card needs at least one deletion, like "
                                                      "{{c1::furosemide}}.")())
    if kind == CardKind.BASIC and not back.strip():
        raise BadInput(QT_TRANSLATE_NOOP("CardStore", "A basic card needs an answer on its back.")())
    if cloze.has_empty(front):
        raise BadInput(QT_TRANSLATE_NOOP("CardStore", "A cloze deletion is empty: put the hidden words between "
                                                      "{{c1:: and }}.")())


def _assign(card: Card, values: Mapping[str, object]) -> bool:
    changed = False
    for key, value in values.items():
        if getattr(card, key) != value:
            setattr(card, key, value)
            changed = True
    if changed:
        card.updated_at = utcnow()
    return changed
