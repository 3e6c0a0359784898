"""The card store: regeneration keeps rejected cards rejected and edits intact; listing, review, stamps."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from studycompanion.core.cards.drafts import CardDraft, card_guid
from studycompanion.core.cards.store import CardStore, ExportStamp, next_stamp
from studycompanion.core.db.tables import Card
from studycompanion.core.errors import BadInput, NotFound
from studycompanion.core.types import CardKind, CardState, ExportTarget
from studycompanion.services import Services
from tests.mediagen import make_mp4


@pytest.fixture
def store(services: Services) -> CardStore:
    return CardStore(services.db)


def _clip(services: Services, tmp_path: Path, seconds: float, tags: list[str]) -> int:
    outcome = services.pipeline.add_file(
        make_mp4(tmp_path / f"c{seconds}.mp4", seconds=seconds, width=64, height=48, fps=5),
        transcribe=False,
        cards=False,
        tags=tags,
    )
    assert outcome.video is not None and outcome.video.id is not None
    return outcome.video.id


def draft(
    key: str, front: str, kind: CardKind = CardKind.CLOZE, back: str = "", start: float = 1.0
) -> CardDraft:
    return CardDraft(
        keypoint_key=key,
        kind=kind,
        index=0,
        front=front,
        back=back,
        extra="ctx",
        source="src",
        start=start,
        end=start + 3,
        guid=card_guid("local:x", key, kind, 0),
    )


def test_regeneration_keeps_rejected_rejected_and_edits_intact(
    services: Services, store: CardStore, tmp_path: Path
) -> None:
    vid = _clip(services, tmp_path, 1.0, [])
    first = [
        draft("a", "{{c1::Furosemide}} blocks NKCC2."),
        draft("b", "{{c1::Thiazides}} retain calcium."),
        draft("c", "{{c1::Spironolactone}} causes gynecomastia."),
        draft("d", "{{c1::Mannitol}} is an osmotic diuretic."),
    ]
    result = store.upsert_drafts(vid, first, {"a": ("1/cards/a.jpg", "1/cards/a.mp3")})
    assert len(result.added) == 4
    by_key = {c.keypoint_key: c for c in store.list_cards(video_ids=[vid])}
    assert by_key["a"].frame_file == "1/cards/a.jpg" and by_key["a"].audio_file == "1/cards/a.mp3"
    rejected, edited, accepted = by_key["b"].id, by_key["c"].id, by_key["d"].id
    assert rejected and edited and accepted
    store.reject([rejected])
    store.edit(edited, front="{{c1::Spironolactone}} causes {{c2::gynecomastia}} (my words).")
    store.accept([accepted])

    second = [  # the transcript changed: new text everywhere, key point "a" no longer found, "e" is new
        draft("b", "{{c1::Thiazide diuretics}} retain calcium.", start=2.0),
        draft("c", "{{c1::Spironolactone}} causes gynecomastia, regenerated.", start=2.0),
        draft("e", "{{c1::Acetazolamide}} causes a metabolic acidosis."),
    ]
    result = store.upsert_drafts(vid, second)
    assert result.kept_rejected == [rejected] and result.kept_edited == [edited]
    assert len(result.added) == 1 and result.removed == [by_key["a"].id]
    cards = {c.keypoint_key: c for c in store.list_cards(video_ids=[vid])}
    assert set(cards) == {"b", "c", "d", "e"}  # "d" was accepted: it stays though no longer generated
    assert cards["b"].state == CardState.REJECTED and cards["b"].front == "{{c1::Thiazides}} retain calcium."
    assert cards["c"].front == "{{c1::Spironolactone}} causes {{c2::gynecomastia}} (my words)."
    assert cards["c"].start == 2.0  # the span follows the new transcript, the words stay the student's
    assert cards["c"].state == CardState.DRAFT and cards["c"].edited  # saving an edit never accepts
    assert [c.keypoint_key for c in store.for_export(video_ids=[vid])] == ["d"]  # accepted cards only
    assert [c.keypoint_key for c in store.for_export(video_ids=[vid], include_drafts=True)] == [
        c.keypoint_key for c in store.list_cards(video_ids=[vid]) if c.keypoint_key != "b"
    ]

    again = store.upsert_drafts(vid, second)  # same drafts again: nothing changes
    assert again.added == [] and again.updated == [] and again.removed == [] and len(again.unchanged) == 1


def test_untouched_draft_takes_new_text(services: Services, store: CardStore, tmp_path: Path) -> None:
    vid = _clip(services, tmp_path, 1.0, [])
    store.upsert_drafts(vid, [draft("a", "{{c1::Old}} text.")])
    result = store.upsert_drafts(vid, [draft("a", "{{c1::New}} text.")])
    assert len(result.updated) == 1
    (card,) = store.list_cards(video_ids=[vid])
    assert card.front == "{{c1::New}} text." and card.state == CardState.DRAFT and not card.edited


def test_list_by_clip_tag_and_state(services: Services, store: CardStore, tmp_path: Path) -> None:
    cardio = _clip(services, tmp_path, 1.0, ["Cardio::Murmurs"])
    renal = _clip(services, tmp_path, 1.2, ["Renal"])
    store.upsert_drafts(
        cardio, [draft("m1", "{{c1::AS}} radiates."), draft("m2", "{{c1::MR}} is holosystolic.")]
    )
    store.upsert_drafts(renal, [draft("r1", "{{c1::Loops}} lose calcium.")])
    assert {c.keypoint_key for c in store.list_cards(tag="cardio")} == {"m1", "m2"}
    assert {c.keypoint_key for c in store.list_cards(tag="Cardio::Murmurs")} == {"m1", "m2"}
    assert store.list_cards(tag="Cardio::Valves") == []
    assert [c.keypoint_key for c in store.list_cards(video_ids=[renal])] == ["r1"]
    m2 = next(c for c in store.list_cards() if c.keypoint_key == "m2")
    assert m2.id is not None
    store.reject([m2.id])
    assert [c.keypoint_key for c in store.list_cards(states=[CardState.REJECTED])] == ["m2"]
    assert store.for_export() == []  # nothing accepted yet
    assert {c.keypoint_key for c in store.for_export(include_drafts=True)} == {"m1", "r1"}
    assert store.counts(cardio) == {CardState.DRAFT: 1, CardState.REJECTED: 1}
    store.restore([m2.id])
    assert store.get(m2.id).state == CardState.DRAFT


def test_edit_checks_what_a_card_needs(services: Services, store: CardStore, tmp_path: Path) -> None:
    vid = _clip(services, tmp_path, 1.0, [])
    store.upsert_drafts(
        vid, [draft("a", "{{c1::X}} y."), draft("b", "What is X?", CardKind.BASIC, back="Y.")]
    )
    cloze, basic = store.list_cards(video_ids=[vid])
    assert cloze.id is not None and basic.id is not None
    with pytest.raises(BadInput, match="at least one deletion"):
        store.edit(cloze.id, front="no deletion here")
    with pytest.raises(BadInput, match="empty"):
        store.edit(cloze.id, front="{{c1:: }} nothing hidden")
    with pytest.raises(BadInput, match="answer"):
        store.edit(basic.id, back="  ")
    with pytest.raises(NotFound, match="no card with id 999"):
        store.edit(999, front="x")
    assert store.get(cloze.id).front == "{{c1::X}} y." and not store.get(cloze.id).edited
    same = store.edit(cloze.id, front="{{c1::X}} y.")  # no change: not marked as the student's
    assert not same.edited and same.state == CardState.DRAFT


def test_export_stamps_only_move_for_changed_content(
    services: Services, store: CardStore, tmp_path: Path
) -> None:
    card = Card(video_id=1, guid="g")
    assert next_stamp(card, "h1", now=1000.7) == 1000  # never exported: now
    card.anki_mod, card.anki_hash = 1000, "h1"
    assert next_stamp(card, "h1", now=5000) == 1000  # unchanged: the same stamp, Anki keeps its copy
    assert next_stamp(card, "h2", now=1000.2) == 1001  # changed within the same second: still newer
    assert next_stamp(card, "h2", now=5000) == 5000

    vid = _clip(services, tmp_path, 1.0, [])
    store.upsert_drafts(vid, [draft("a", "{{c1::X}} y.")])
    (row,) = store.list_cards(video_ids=[vid])
    assert row.id is not None
    store.accept([row.id])
    store.mark_exported([ExportStamp(row.id, 1234, "hash")])
    row = store.get(row.id)
    assert (row.anki_mod, row.anki_hash, row.state) == (1234, "hash", CardState.EXPORTED)
    assert row.exported_to == ExportTarget.FILE and isinstance(row.exported_at, datetime)
    edited = store.edit(row.id, front="{{c1::X}} y, edited.")
    assert edited.state == CardState.ACCEPTED  # back in the queue for the next export
    store.reject([row.id])
    store.mark_exported([ExportStamp(row.id, 1300, "hash2")])  # rejected meanwhile: it stays as it was
    assert store.get(row.id).state == CardState.REJECTED and store.get(row.id).anki_mod == 1234
