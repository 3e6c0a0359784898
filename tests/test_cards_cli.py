"""Card commands: cards ID|--all, card list/edit/reject, export --out FILE.apkg, push; add -> export."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from studycompanion.cli import main
from studycompanion.services import Services
from tests.cards_fixtures import add_clip, import_apkg, new_collection

MEDIA = Path(__file__).parent / "fixtures" / "media"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any, str]:
    rc = main(list(args))
    out, err = capsys.readouterr()
    data = json.loads(out) if "--json" in args and out.strip() else out
    return rc, data, err


@pytest.mark.slow
def test_cards_review_export_and_push_from_the_command_line(
    services: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vid = add_clip(services, tmp_path, "04_dka", tags=["Endo"])
    rc, rows, _ = run(capsys, "cards", str(vid), "--json")
    assert rc == 0 and rows[0]["id"] == vid and rows[0]["drafts"] >= 3 and rows[0]["error"] is None

    rc, cards, _ = run(capsys, "card", "list", "--clip", str(vid), "--json")
    assert rc == 0 and len(cards) == rows[0]["drafts"] and {c["state"] for c in cards} == {"draft"}
    first, second = cards[0]["id"], cards[1]["id"]
    assert run(capsys, "card", "reject", str(first))[0] == 0
    rc, out, _ = run(capsys, "card", "edit", str(second), "--front", "{{c1::DKA}} edited by me")
    assert rc == 0 and "card " + str(second) + ": draft" in out  # saving an edit keeps a draft a draft
    rc, out, _ = run(capsys, "cards", "--all")
    assert rc == 0 and "1 kept rejected" in out and "1 edits kept" in out
    rc, _, err = run(capsys, "card", "edit", str(second), "--front", "no deletion")
    assert rc == 1 and "at least one deletion" in err

    deck = tmp_path / "out" / "deck.apkg"
    rc, _, err = run(capsys, "export", "--out", str(deck), "--tag", "Endo")
    assert rc == 1 and "no accepted cards" in err and not deck.exists()  # drafts never leave on their own
    # the clip's creator is not verified: every draft is flagged, so a bulk accept leaves them to check
    rc, out, _ = run(capsys, "card", "accept", "--clip", str(vid))
    assert rc == 0 and "Accepted 0 drafts." in out and f"Left {len(cards) - 1} flagged drafts" in out
    rc, out, _ = run(capsys, "card", "accept", "--clip", str(vid), "--flagged")
    assert rc == 0 and f"Accepted {len(cards) - 1} drafts." in out
    rc, result, _ = run(capsys, "export", "--out", str(deck), "--tag", "Endo", "--json")
    assert rc == 0 and result["notes"] == len(cards) - 1 and result["decks"] == ["StudyCompanion"]
    col = new_collection(tmp_path / "anki")
    try:
        assert len(import_apkg(col, deck).log.new) == len(cards) - 1
        texts = [col.get_note(n).fields[0] for n in col.find_notes("")]
        assert "{{c1::DKA}} edited by me" in texts
    finally:
        col.close()

    rc, _, err = run(capsys, "export", "--out", str(tmp_path / "x.apkg"), "--tag", "Pulm")
    assert rc == 1 and "no cards tagged Pulm" in err and not (tmp_path / "x.apkg").exists()
    rc, _, err = run(capsys, "push", "--url", "http://127.0.0.1:9")
    assert rc == 1 and "Anki is not running" in err and err.count("\n") == 1


def test_usage_and_unknown_clip(home: Any, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "cards")[0] == 2
    rc, _, err = run(capsys, "cards", "4242")
    assert rc == 1 and "no clip with id 4242" in err
    rc, _, err = run(capsys, "card", "accept")
    assert rc == 2 and "needs card ids, --clip ID or --tag TAG" in err


@pytest.mark.slow
def test_add_then_export_gives_a_deck_with_frames_audio_and_sources(tmp_path: Path) -> None:
    """`studycompanion add clip.mp4 && studycompanion export --out deck.apkg`, with the real model."""
    env = {**os.environ, "STUDYCOMPANION_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            [sys.executable, "-m", "studycompanion", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=280,
        )
        assert proc.returncode == 0, proc.stderr
        return proc

    cli("add", str(MEDIA / "murmurs.mp4"), "--tag", "Cardio::Murmurs")
    cli("card", "accept", "--clip", "1", "--flagged")
    deck = tmp_path / "deck.apkg"
    cli("export", "--out", str(deck))
    col = new_collection(tmp_path / "anki")
    try:
        import_apkg(col, deck)
        notes = [col.get_note(n) for n in col.find_notes("")]
        assert notes, "no cards from the murmurs clip"
        media_dir = Path(col.media.dir())
        for note in notes:
            fields = dict(note.items())
            assert fields["Frame"].startswith('<img src="studycompanion-') and fields["Audio"].startswith(
                "[sound:"
            )
            assert "Local file" in fields["Source"] and "0:0" in fields["Source"]
            assert "StudyCompanion::Cardio::Murmurs" in note.tags
        assert len(list(media_dir.iterdir())) == 2 * len(notes)
        text = " ".join(note.fields[0] for note in notes).lower()
        assert "stenosis" in text or "regurgitation" in text
        assert list(col.media.check().missing) == []
    finally:
        col.close()
    again = cli("export", "--out", str(deck))  # re-export of unchanged cards: same notes, no duplicates
    assert "Exported" in again.stdout
    col = new_collection(tmp_path / "anki")
    try:
        log = import_apkg(col, deck).log
        assert len(log.new) == 0 and len(log.duplicate) == len(notes)
    finally:
        col.close()


@pytest.mark.slow
def test_card_make_show_checks_and_export_with_drafts(
    services: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vid = add_clip(services, tmp_path, "01_loop_diuretics", tags=["Renal"])
    word = next(w for s in services.library.transcript(vid) for w in s.words if "furosemide" in w.text.lower())
    at = f"{word.start + 0.05:.2f}"
    rc, card, _ = run(capsys, "card", "make", str(vid), "--at", at, "--cloze", "furosemide", "--json")
    assert rc == 0 and card["state"] == "draft" and card["front"].lower().startswith("{{c1::furosemide}}")
    assert card["frame_file"].endswith(".jpg") and card["audio_file"].endswith(".mp3")
    assert card["check"] is True  # the creator is not verified
    assert [r["kind"] for r in card["check_reasons"]] == ["unverified_creator"]
    rc, out, _ = run(capsys, "card", "make", str(vid), "--at", at, "--cloze", "furosemide", "--basic")
    assert rc == 0 and "_____" in out and "accept it with: studycompanion card accept" in out
    rc, _, err = run(capsys, "card", "make", str(vid), "--at", at, "--cloze", "warfarin")
    assert rc == 1 and "is not said in this line" in err

    rc, shown, _ = run(capsys, "show", str(vid), "--json")
    assert rc == 0 and len(shown["cards"]) == 2
    assert all(c["check"] is True and c["check_reasons"] for c in shown["cards"])
    assert all(c["place"] == "Draft" for c in shown["cards"])
    rc, _, _ = run(capsys, "creator", "drmike.meded", "--credibility", "physician")
    assert rc == 0
    rc, shown, _ = run(capsys, "show", str(vid), "--json")
    assert [c["check"] for c in shown["cards"]] == [False, False]

    deck = tmp_path / "drafts.apkg"
    rc, result, _ = run(capsys, "export", "--out", str(deck), "--include-drafts", "--deck-per-tag", "--json")
    assert rc == 0 and result["notes"] == 2 and result["drafts"] == 2 and result["decks"] == ["StudyCompanion::Renal"]
    rc, shown, _ = run(capsys, "show", str(vid), "--json")
    assert {c["place"] for c in shown["cards"]} == {"Draft · exported to file"}
    rc, out, _ = run(capsys, "card", "accept", "--clip", str(vid))
    assert rc == 0 and out.strip() == "Accepted 2 drafts."
    rc, _, err = run(capsys, "export", "--out", str(deck), "--note-type", "custom")
    assert rc == 1 and "needs its name and its fields" in err
