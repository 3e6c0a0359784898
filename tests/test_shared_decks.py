"""Shared decks (core/anki/shared_decks.py) against a local AnkiConnect-compatible server backed by a real
collection (tests/ankiconnect_local.py): AnKing note type and tags, suspended cards, Anki's own search."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from studycompanion.core.anki import shared_decks as sd
from studycompanion.core.anki.connect import AnkiConnect
from studycompanion.core.errors import BadInput
from studycompanion.core.types import KeyPoint
from tests.ankiconnect_local import LocalAnkiConnect, build_collection

pytestmark = pytest.mark.slow  # a real Anki collection

KEYPOINTS = [
    KeyPoint(0.0, 4.0, "Metoprolol is a selective beta one blocker.", 0.9, "k1"),
    KeyPoint(4.0, 9.0, "Stopping a beta blocker suddenly can cause rebound tachycardia.", 0.7, "k2"),
    KeyPoint(9.0, 12.0, "Check the heart rate at every visit.", 0.2, "k3"),
]
VOCAB = ["metoprolol", "beta blocker", "rebound tachycardia", "tachycardia", "heart rate", "propranolol"]


@pytest.fixture
def anki(tmp_path: Path) -> Iterator[tuple[Any, LocalAnkiConnect, AnkiConnect]]:
    col = build_collection(tmp_path / "anki" / "collection.anki2")
    with LocalAnkiConnect(col) as server:
        yield col, server, AnkiConnect(server.url, timeout=10)
    col.close()


def _first_field(col: Any, nid: int) -> str:
    return str(col.get_note(nid).fields[0])


def test_terms_come_from_key_points_and_clip_terms_weighted_by_score() -> None:
    terms = sd.clip_terms(KEYPOINTS, terms=["Metoprolol", "#cardiology"], vocabulary=VOCAB)
    texts = [t.text for t in terms]
    assert texts[0] == "metoprolol"  # said in the best key point, and a clip term
    assert "beta blocker" in texts and "rebound tachycardia" in texts and "cardiology" in texts
    assert "tachycardia" not in texts  # inside "rebound tachycardia": adds only noise
    weights = {t.text: t.weight for t in terms}
    assert weights["metoprolol"] > weights["heart rate"]  # the weaker key point's term weighs less


def test_queries_use_anki_search_syntax_within_the_scope() -> None:
    assert sd.term_query("metoprolol") == "tag:#AK_* w:metoprolol"
    assert sd.term_query("beta blocker") == 'tag:#AK_* "beta blocker"'
    assert sd.term_query("na_k (pump)", scope="") == '"na\\_k \\(pump\\)"'


def test_matching_notes_are_ranked_and_the_own_deck_is_left_out(anki: tuple[Any, LocalAnkiConnect,
                                                                          AnkiConnect]) -> None:
    col, _server, connect = anki
    terms = sd.clip_terms(KEYPOINTS, vocabulary=VOCAB)
    found = sd.find_matches(connect, terms, clip_tags=["Cardiovascular::Pharmacology"])
    assert found.scope_size == 15
    texts = [_first_field(col, n.note_id) for n in found.notes]
    # first: the notes on the clip's two main points (the one matching two of its terms may lead)
    assert {t[:24] for t in texts[:2]} == {"{{c1::Metoprolol}} is a ", "Abrupt cessation of a be"}
    assert texts[2].startswith("Propranolol")  # a beta blocker too, but not what the clip said about it
    assert len(texts) == 3
    assert not any(t.startswith("My note") for t in texts)  # the student's own deck is not the shared deck
    assert not any("Furosemide" in t or "meningitis" in t for t in texts)  # unrelated notes never match
    top = next(n for n in found.notes if "metoprolol" in n.matched)
    assert top.model == "AnKingOverhaul" and "metoprolol" in top.matched and top.suspended == top.cards
    assert top.topic == "Cardiovascular › Pharmacology › Beta_Blockers"
    assert top.preview.startswith("Metoprolol is a beta-1 selective blocker")
    assert "heart rate" in found.not_found


def test_a_term_matching_much_of_the_deck_is_dropped(anki: tuple[Any, LocalAnkiConnect, AnkiConnect]) -> None:
    _col, _server, connect = anki
    found = sd.find_matches(connect, [sd.WeightedTerm("and", 1.0), sd.WeightedTerm("metoprolol", 1.0)])
    assert found.dropped_generic == ["and"]  # in 4 of the 15 shared notes
    assert [n.matched for n in found.notes] == [["metoprolol"]]


def test_unsuspend_and_tag_in_one_action_and_report(anki: tuple[Any, LocalAnkiConnect, AnkiConnect]) -> None:
    col, server, connect = anki
    found = sd.find_matches(connect, sd.clip_terms(KEYPOINTS, vocabulary=VOCAB))
    chosen = found.notes[:2]
    cards = [c for n in chosen for c in n.cards]
    assert all(col.get_card(c).queue == -1 for c in cards)  # suspended in the real collection
    server.calls.clear()
    report = sd.apply_action(connect, chosen, sd.SharedAction.UNSUSPEND_AND_TAG, tag="StudyCompanion::clip_7")
    assert server.calls.count("multi") == 1  # the changes go in one request
    assert (report.unsuspended, report.already_active, report.still_suspended, report.tagged) == (
        len(cards), 0, 0, 2)
    assert all(col.get_card(c).queue != -1 for c in cards)
    assert all("StudyCompanion::clip_7" in col.get_note(n.note_id).tags for n in chosen)
    untouched = [c for n in found.notes[2:] for c in n.cards]
    assert untouched and all(col.get_card(c).queue == -1 for c in untouched)  # only the chosen notes changed
    assert "unsuspended" in report.summary() and "tagged StudyCompanion::clip_7" in report.summary()
    again = sd.apply_action(connect, chosen, sd.SharedAction.UNSUSPEND)
    assert (again.unsuspended, again.already_active) == (0, len(cards))


def test_a_deleted_note_and_bad_tags_are_reported(anki: tuple[Any, LocalAnkiConnect, AnkiConnect]) -> None:
    col, _server, connect = anki
    found = sd.find_matches(connect, [sd.WeightedTerm("metoprolol", 1.0), sd.WeightedTerm("propranolol", 1.0)])
    gone = found.notes[0]
    col.remove_notes([gone.note_id])
    report = sd.apply_action(connect, found.notes, sd.SharedAction.TAG, tag="seen")
    assert report.missing == [gone.note_id] and report.tagged == len(found.notes) - 1
    with pytest.raises(BadInput):
        sd.apply_action(connect, found.notes, sd.SharedAction.TAG, tag="two words")
    with pytest.raises(BadInput):
        sd.apply_action(connect, [], sd.SharedAction.UNSUSPEND)
