"""Creator credibility: marks, and the StudyCompanion::verify tag on cards of unverified creators in Anki."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from studycompanion.core.anki import notes as anki
from studycompanion.core.anki.export import export_deck
from studycompanion.core.cards.store import CardStore
from studycompanion.core.errors import BadInput
from studycompanion.core.interests.creators import (
    VERIFY_TAG,
    Creators,
    needs_verification,
    normalise_handle,
    parse_credibility,
)
from studycompanion.core.interests.models import Credibility
from studycompanion.core.jobs.cards_step import generate_cards
from studycompanion.services import Services
from tests.cards_fixtures import add_clip, import_apkg, new_collection


def test_marks_are_per_handle_and_unknown_by_default(services: Services) -> None:
    creators = Creators(services.db)
    assert normalise_handle(" @DrMike ") == "drmike"
    assert creators.get("@nobody").credibility == Credibility.UNKNOWN
    mark = creators.mark("@DrMike", parse_credibility("Physician"), "cardiologist, verified on LinkedIn")
    assert (mark.handle, mark.credibility, mark.verify) == ("drmike", Credibility.PHYSICIAN, False)
    assert creators.get("drmike").note == "cardiologist, verified on LinkedIn"
    creators.mark("drmike", Credibility.RESIDENT)  # the note stays when not given
    assert creators.get("DRMIKE").note == "cardiologist, verified on LinkedIn"
    assert [needs_verification(c) for c in Credibility] == [False, False, True, True, True]
    with pytest.raises(BadInput, match="physician, resident, student, other, unknown"):
        parse_credibility("doctor")
    with pytest.raises(BadInput):
        creators.mark("@", Credibility.STUDENT)
    assert [m.handle for m in creators.list_creators()] == ["drmike"]


@pytest.mark.slow  # real media, cards and a real Anki collection
def test_export_tags_cards_of_unverified_creators(services: Services, tmp_path: Path) -> None:
    store = CardStore(services.db)
    doc = add_clip(services, tmp_path, "01_loop_diuretics", creator="@drmike.meded", tags=["Renal::Diuretics"])
    anon = add_clip(services, tmp_path, "05_murmurs", creator="anon.medfacts", tags=["Cardio::Murmurs"])
    local = add_clip(services, tmp_path, "07_stroke", creator="", tags=["Neuro"])
    for vid in (doc, anon, local):
        generate_cards(services.library, store, services.settings, vid)
    store.accept([c.id for c in store.list_cards() if c.id is not None])  # only accepted cards leave
    creators = services.creators
    creators.mark("drmike.meded", Credibility.PHYSICIAN)
    creators.mark("anon.medfacts", Credibility.STUDENT)

    notes = anki.collect_notes(store.for_export(), services.library, creators=creators)
    by_clip: dict[int, list[Any]] = {}
    for card, note in zip(store.for_export(), notes, strict=True):
        by_clip.setdefault(card.video_id, []).append(note)
    assert all(VERIFY_TAG not in n.tags for n in by_clip[doc])
    assert all(VERIFY_TAG in n.tags for n in by_clip[anon] + by_clip[local])
    assert all("StudyCompanion::Cardio::Murmurs" in n.tags for n in by_clip[anon])

    col = new_collection(tmp_path / "anki")
    try:
        import_apkg(col, export_deck(store, services.library, tmp_path / "deck.apkg", creators=creators).path)
        flagged = set(col.find_notes(f'"tag:{VERIFY_TAG}"'))
        assert len(flagged) == len(by_clip[anon]) + len(by_clip[local]) and flagged
        creators.mark("anon.medfacts", Credibility.RESIDENT)  # now checked: the next export clears the flag
        import_apkg(col, export_deck(store, services.library, tmp_path / "deck2.apkg", creators=creators).path)
        assert len(col.find_notes(f'"tag:{VERIFY_TAG}"')) == len(by_clip[local])
    finally:
        col.close()
