"""Fix once, and it flows everywhere: transcript, words, key points, untouched drafts, search; undo; dictionary."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import select

from studycompanion.core.db.tables import Card
from studycompanion.core.errors import BadInput
from studycompanion.core.types import CardKind, CardState, KeyPoint, Segment, TagSource, Word
from studycompanion.paths import AppPaths
from studycompanion.services import Services, build_services
from tests.interest_fixtures import ClipSpec, add_clip


def _clip(services: Services, key: str, text: str, words: list[str]) -> int:
    vid = add_clip(services.library, ClipSpec(key, title=f"Heart failure drugs {key}"))
    step = 0.4
    ws = [Word(i * step, (i + 1) * step, f" {w}", 0.42 if w.lower().strip(".,") in {"big", "sin"} else 0.95)
          for i, w in enumerate(words)]
    services.library.set_transcript(vid, [Segment(0.0, len(words) * step, text, ws)])
    services.library.set_keypoints(vid, [KeyPoint(0.0, 2.0, text, 0.9, f"{key}-k", ["drug"], "Big sin context")])
    with services.library.db.session() as s:
        s.add(Card(video_id=vid, kind=CardKind.CLOZE, front="{{c1::Big sin}} toxicity causes yellow vision.",
                   guid=f"g-{key}-1", start=0.0, end=2.0))
        s.add(Card(video_id=vid, kind=CardKind.CLOZE, front="{{c1::Big sin}} is renally cleared.",
                   guid=f"g-{key}-2", edited=True, start=0.0, end=2.0))
    return vid


TEXT = "Big sin toxicity causes yellow vision."
WORDS = ["Big", "sin", "toxicity", "causes", "yellow", "vision."]


def _fronts(services: Services, vid: int) -> list[str]:
    with services.library.db.session() as s:
        return [c.front for c in s.exec(select(Card).where(Card.video_id == vid).order_by(Card.id)).all()]


def test_a_fix_flows_to_words_key_points_untouched_drafts_and_search(services: Services) -> None:
    vid = _clip(services, "a", TEXT, WORDS)
    other = _clip(services, "b", TEXT, WORDS)
    assert services.library.search("digoxin") == []

    result = services.fixes.apply(vid, "big sin", "digoxin")
    assert (result.clips, result.segments, result.keypoints, result.cards) == ([vid], 1, 1, 1)

    (seg,) = services.library.transcript(vid)
    assert seg.text == "digoxin toxicity causes yellow vision."
    first = seg.words[0]
    assert (first.text, first.start, first.end) == (" digoxin", 0.0, 0.8)  # one word over the run's time
    assert first.corrected_from == "Big sin" and first.probability == 1.0  # what was heard is kept
    assert [w.text for w in seg.words[1:]] == [" toxicity", " causes", " yellow", " vision."]
    (kp,) = services.library.keypoints(vid)
    assert kp.text == seg.text and kp.context == "digoxin context"
    assert _fronts(services, vid) == ["{{c1::digoxin}} toxicity causes yellow vision.",
                                      "{{c1::Big sin}} is renally cleared."]  # a hand-edited card is the student's
    assert [h.video_id for h in services.library.search("digoxin")] == [vid]
    assert services.library.transcript(other)[0].text == TEXT  # not everywhere: the other clip is untouched
    assert services.dictionary.terms() == ["digoxin"]
    assert services.dictionary.misheard() == {"big sin": "digoxin"}


def test_everywhere_fixes_every_clip_and_undo_puts_it_back(services: Services) -> None:
    a = _clip(services, "a", TEXT, WORDS)
    b = _clip(services, "b", TEXT, WORDS)
    c = _clip(services, "c", "Digoxin is fine here.", ["Digoxin", "is", "fine", "here."])
    result = services.fixes.apply(a, "Big sin", "digoxin", everywhere=True)
    assert result.clips == [a, b]
    assert all(services.library.transcript(v)[0].text.startswith("digoxin") for v in (a, b))
    assert services.library.transcript(c)[0].text == "Digoxin is fine here."

    undone = services.fixes.undo(result.fix_id)
    assert undone.clips == [a, b] and undone.kept == 0
    for vid in (a, b):
        (seg,) = services.library.transcript(vid)
        assert seg.text == TEXT and [w.text.strip() for w in seg.words] == WORDS
        assert not any(w.corrected_from for w in seg.words)
        assert _fronts(services, vid)[0].startswith("{{c1::Big sin}}")
    assert [h.video_id for h in services.library.search("digoxin")] == [c]
    assert services.dictionary.terms() == []
    with pytest.raises(BadInput, match="already undone"):
        services.fixes.undo(result.fix_id)


def test_undo_keeps_what_the_student_changed_since(services: Services) -> None:
    vid = _clip(services, "a", TEXT, WORDS)
    result = services.fixes.apply(vid, "Big sin", "digoxin")
    with services.library.db.session() as s:
        card = s.exec(select(Card).where(Card.video_id == vid, Card.guid == "g-a-1")).one()
        card.front, card.edited = "{{c1::Digoxin}} toxicity: yellow-green vision, arrhythmias.", True
        s.add(card)
    undone = services.fixes.undo(result.fix_id)
    assert (undone.kept, undone.segments, undone.keypoints, undone.cards) == (1, 1, 1, 0)
    assert _fronts(services, vid)[0] == "{{c1::Digoxin}} toxicity: yellow-green vision, arrhythmias."
    assert services.library.keypoints(vid)[0].text == TEXT


def test_bad_fixes_change_nothing(services: Services) -> None:
    vid = _clip(services, "a", TEXT, WORDS)
    for wrong, right, message in (("bigsin", "digoxin", "not in this clip"), ("Big sin", "{{c1::x}}", "cloze"),
                                  ("Big sin", "Big sin", "same"), ("", "x", "empty")):
        with pytest.raises(BadInput, match=message):
            services.fixes.apply(vid, wrong, right)
    assert services.library.transcript(vid)[0].text == TEXT and services.fixes.list() == []


def test_suggested_tags_are_untouched_by_a_fix(services: Services) -> None:
    vid = _clip(services, "a", TEXT, WORDS)
    services.library.tags.tag(vid, ["Cardio::Heart failure"], TagSource.SUGGESTED)
    services.fixes.apply(vid, "Big sin", "digoxin")
    assert services.library.tags.tags_for(vid) == ["Cardio::Heart failure"]


def _cli(home: AppPaths, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "studycompanion", *args], capture_output=True, text=True,
                          env={"STUDYCOMPANION_HOME": str(home.root), "PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"},
                          timeout=120, cwd=Path(__file__).resolve().parent.parent)


@pytest.mark.cli
def test_the_fix_command_fixes_lists_and_undoes(home: AppPaths) -> None:
    services = build_services(home)
    try:
        vid = _clip(services, "a", TEXT, WORDS)
    finally:
        services.close()
    done = _cli(home, "fix", str(vid), "Big sin", "digoxin", "--json")
    assert done.returncode == 0, done.stderr
    fix = json.loads(done.stdout)
    assert fix["segments"] == 1 and fix["cards"] == 1
    listed = json.loads(_cli(home, "fix", "--list", "--json").stdout)
    assert [(f["wrong"], f["right"]) for f in listed] == [("Big sin", "digoxin")]
    shown = json.loads(_cli(home, "show", str(vid), "--json").stdout)
    assert shown["transcript"][0]["text"].startswith("digoxin")
    undo = _cli(home, "fix", "--undo", str(fix["fix_id"]))
    assert undo.returncode == 0 and "undone fix" in undo.stdout
    bad = _cli(home, "fix", str(vid), "nothing here", "x")
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "not in this clip" in bad.stderr


def test_the_students_text_is_taken_as_written_and_cloze_markers_are_never_rewritten(services: Services) -> None:
    vid = _clip(services, "a", "The atlas is c1 and K plus is high.", ["The", "atlas", "is", "c1", "and", "K",
                                                                          "plus", "is", "high."])
    with services.library.db.session() as s:
        s.add(Card(video_id=vid, kind=CardKind.CLOZE, front="The {{c1::atlas}} is c1.", guid="g-a-c1",
                   start=0.0, end=2.0))
    services.fixes.apply(vid, "c1", "C1 vertebra")
    assert "{{c1::atlas}} is C1 vertebra." in _fronts(services, vid)[-1]  # the marker is untouched
    services.fixes.apply(vid, "K plus", r"K\1 (potassium)")  # a backslash is text, not a regex group
    assert r"K\1 (potassium) is high." in services.library.transcript(vid)[0].text


def test_non_ascii_words_are_found_and_a_case_only_fix_of_a_right_line_changes_nothing(services: Services) -> None:
    vid = _clip(services, "a", "Das Ödem ist da.", ["Das", "Ödem", "ist", "da."])
    result = services.fixes.apply(vid, "ödem", "Lungenödem")
    assert result.segments == 1 and services.library.transcript(vid)[0].text == "Das Lungenödem ist da."
    with pytest.raises(BadInput, match="already says"):
        services.fixes.apply(vid, "das lungenödem", "Das Lungenödem")  # case only, and the line has it already
    assert len(services.fixes.list()) == 1


def test_undo_never_changes_back_a_card_the_student_accepted_since(services: Services) -> None:
    vid = _clip(services, "a", TEXT, WORDS)
    result = services.fixes.apply(vid, "Big sin", "digoxin")
    with services.library.db.session() as s:
        card = s.exec(select(Card).where(Card.guid == "g-a-1")).one()
        card.state = CardState.ACCEPTED
        s.add(card)
    undone = services.fixes.undo(result.fix_id)
    assert undone.kept == 1 and _fronts(services, vid)[0].startswith("{{c1::digoxin}}")
    assert services.library.transcript(vid)[0].text == TEXT  # the transcript is put back


def test_a_fix_stays_made_when_the_clip_is_transcribed_again(services: Services) -> None:
    from studycompanion.core.library.words import apply_misheard

    vid = _clip(services, "a", TEXT, WORDS)
    services.fixes.apply(vid, "Big sin", "digoxin")
    assert services.transcriber.misheard is not None
    misheard = services.transcriber.misheard()  # what the transcribe step applies to a new transcript
    assert misheard == {"big sin": "digoxin"}
    step = 0.4
    fresh = [Segment(0.0, 2.4, TEXT, [Word(i * step, (i + 1) * step, f" {w}", 0.4) for i, w in enumerate(WORDS)])]
    (seg,), n = apply_misheard(fresh, misheard)
    assert n == 1 and seg.text == "digoxin toxicity causes yellow vision."
    assert seg.words[0].text == " digoxin" and seg.words[0].corrected_from == "Big sin"
