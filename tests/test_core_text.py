"""core/text.py, the words core builds for people: English while nothing is installed (the CLI, `--json`), the
installed translator's words formatted after translating, and every phrase core marks is in the Spanish .ts with
a translation that keeps its {placeholders} (tools/i18n.py extracts them with pyside6-lupdate; a phrase it cannot
read, such as one with a variable context, would stay English for everyone)."""

from __future__ import annotations

import ast
import string
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from studycompanion.core import text
from studycompanion.core.cards.checks import check_card
from studycompanion.core.cards.lifecycle import CardAction, IllegalTransition, place_label, transition
from studycompanion.core.db.tables import Card
from studycompanion.core.review.items import Grade, ReviewScope
from studycompanion.core.review.summary import ReviewSummary, due_sentence, scope_text
from studycompanion.core.transcribe.models import DEFAULT_MODEL, MODELS
from studycompanion.core.types import CardKind, CardState, ExportTarget, Segment, Word
from studycompanion.services import Services
from tests.interest_fixtures import ClipSpec, add_clip, card_ids, set_card_state

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "studycompanion" / "core"
TS = ROOT / "resources" / "i18n" / "studycompanion_es.ts"


@pytest.fixture
def shouting() -> Iterator[dict[tuple[str, str], str]]:
    """A stand-in translator (what the window installs is QCoreApplication.translate)."""
    table: dict[tuple[str, str], str] = {}
    text.install_translator(lambda context, source: table.get((context, source), source))
    try:
        yield table
    finally:
        text.install_translator(None)


def _card() -> Card:
    return Card(id=7, video_id=1, kind=CardKind.CLOZE, front="Do not give {{c1::furosemide}} 40 mg IV.",
                start=0.0, end=4.0, guid="g")


def _said() -> list[Segment]:
    words = [Word(0.0, 0.2, "Do"), Word(0.2, 0.4, "not"), Word(0.4, 0.5, "give"), Word(0.5, 1.0, "furosemide", 0.31),
             Word(1.0, 1.4, "40", 1.0, "forty"), Word(1.4, 1.6, "mg"), Word(1.6, 1.8, "IV")]
    return [Segment(0.0, 1.8, "Do not give furosemide 40 mg IV.", words)]


def test_with_nothing_installed_core_says_it_in_english(services: Services) -> None:
    """What the CLI prints (and `show ID --json` carries): the English sentences, exactly as before."""
    assert not text.translator_installed()
    check = check_card(_card(), _said(), unverified_creator=True, creator="@drx")
    assert check.messages() == [
        "The recogniser was unsure of 'furosemide' (31%): listen to it.",
        "Corrected from what was heard: '40' (heard 'forty').",
        "Holds a number or dose (40 mg): check it.",
        "A negation ('not') next to the hidden words: make sure the card says what the clip says.",
        "@drx is not verified as a physician or resident: check the fact elsewhere.",
    ]
    assert check.reasons[0].as_dict()["message"] == check.messages()[0]
    unsaid = check_card(_card(), [Segment(0.0, 4.0, "Something else entirely.")], shown=["A slide"])
    assert "Not in what was said or shown: 'furosemide'. Check the card against the clip." in unsaid.messages()
    nameless = check_card(_card(), _said(), unverified_creator=True)
    assert nameless.messages()[-1].startswith("This clip's creator is not verified as a physician or resident")

    vid = add_clip(services.library, ClipSpec("e1", "Loops", tags=["Renal"], cards=["{{c1::Furosemide}} x"]))
    for cid in card_ids(services.library, vid):
        set_card_state(services.library, cid, CardState.ACCEPTED)
    reasons = services.interests.for_you(5)[0].reasons
    assert "never reviewed (1 card)" in reasons and set(reasons) <= {
        "never reviewed (1 card)", "new in your library", "because you study Renal"}

    now = datetime(2026, 3, 1, 16, 0, tzinfo=UTC)
    summary = ReviewSummary(1, ReviewScope(("Cardio",), for_you=True, verified_only=True).describe(), now, now,
                            planned=2, reviewed=3, cards=2, counts={Grade.AGAIN: 1, Grade.GOOD: 2}, seconds=75,
                            due_times=[now + timedelta(minutes=10), now + timedelta(days=1)])
    assert summary.lines(tz=UTC) == [
        "3 answers on 2 cards in 1 min 15 s (Cardio (For You order), verified creators only).",
        "Again 1  Hard 0  Good 2  Easy 0", "You recalled 67% of them.",
        "1 card to see again today, the next one at 16:10; after today, the next one tomorrow at 16:00."]
    assert due_sentence([now + timedelta(days=9, hours=-15)], now, UTC) == (
        "Nothing more to see today: the next card on Tuesday 10 March at 1:00.")

    with pytest.raises(IllegalTransition, match=r"^Card 3 cannot be accepted: it is rejected: restore it first\.$"):
        transition(CardState.REJECTED, CardAction.ACCEPT, card_id=3)
    assert place_label(CardState.ACCEPTED, ExportTarget.ANKI) == "Accepted · in Anki before: export again to update"


def test_the_installed_translator_is_used_and_formatting_comes_after(shouting: dict[tuple[str, str], str]) -> None:
    shouting[("CardChecks", "Holds a number or dose ({numbers}): check it.")] = "Contiene ({numbers})."
    shouting[("ReviewSummary", "{n} card")] = "{n} tarjeta"
    shouting[("ReviewSummary", "{n} cards")] = "{n} tarjetas"
    shouting[("ReviewSummary", "{cards} to see again today, the next one {when}.")] = "{cards} hoy, {when}."
    shouting[("ReviewSummary", "at {clock}")] = "a las {clock}"
    shouting[("ReviewSummary", "at {one_oclock}")] = "a la {one_oclock}"
    shouting[("ReviewTexts", "all cards")] = "todas"
    assert text.translator_installed()
    check = check_card(_card(), _said())
    assert "Contiene (40 mg)." in check.messages()
    now = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    assert due_sentence([now + timedelta(minutes=5)], now, UTC) == "1 tarjeta hoy, a las 9:05."
    assert due_sentence([now - timedelta(hours=7, minutes=58)] * 2, now - timedelta(hours=8), UTC) == (
        "2 tarjetas hoy, a la 1:02.")
    assert scope_text("all cards") == "todas" and scope_text("Cardio") == "Cardio"

    # a translation whose placeholders do not fit shows the English rather than failing the message
    shouting[("CardChecks", "Holds a number or dose ({numbers}): check it.")] = "Contiene ({cifras})."
    assert "Holds a number or dose (40 mg): check it." in check_card(_card(), _said()).messages()
    text.install_translator(None)
    assert not text.translator_installed()
    assert "Holds a number or dose (40 mg): check it." in check_card(_card(), _said()).messages()


def _marked_phrases() -> list[tuple[str, str, str]]:
    """(file:line, context, source) of every QT_TRANSLATE_NOOP call in core; fails on one lupdate cannot read."""
    found, unreadable = [], []
    for path in sorted(CORE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "QT_TRANSLATE_NOOP":
                where = f"{path.relative_to(CORE)}:{node.lineno}"
                args = node.args
                if len(args) == 2 and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
                    found.append((where, str(args[0].value), str(args[1].value)))  # type: ignore[union-attr]
                else:
                    unreadable.append(where)
    assert not unreadable, f"lupdate reads only QT_TRANSLATE_NOOP('Context', 'literal'): {unreadable}"
    return found


def _placeholders(s: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(s) if name is not None}


def test_every_core_phrase_has_a_spanish_translation_with_its_placeholders() -> None:
    marked = _marked_phrases()
    assert len(marked) > 100  # check reasons, For You, the review summary, lifecycle, card and LLM errors
    root = ET.parse(TS).getroot()
    spanish: dict[tuple[str, str], list[ET.Element]] = {}
    for ctx in root.iter("context"):
        for msg in ctx.iter("message"):
            spanish.setdefault((ctx.findtext("name") or "", msg.findtext("source") or ""), []).append(msg)
    missing = [f"{where} {context}: {source!r}" for where, context, source in marked
               if (context, source) not in spanish]
    assert not missing, "run `make i18n` and translate:\n" + "\n".join(missing)
    for where, context, source in marked:
        for msg in spanish[(context, source)]:
            translation = msg.find("translation")
            assert translation is not None and translation.get("type") is None and translation.text, (
                f"{where}: {source!r} is not translated")
            assert _placeholders(translation.text) == _placeholders(source), (where, source, translation.text)


def test_every_spanish_translation_keeps_the_placeholders_of_its_source() -> None:
    """The whole .ts, UI strings included: a renamed {placeholder} would raise KeyError (UI) or fall back to
    English (core)."""
    root = ET.parse(TS).getroot()
    bad = []
    for ctx in root.iter("context"):
        for msg in ctx.iter("message"):
            source, translation = msg.findtext("source") or "", msg.findtext("translation") or ""
            try:
                if "{" in source and _placeholders(translation) != _placeholders(source):
                    bad.append(f"{ctx.findtext('name')}: {source!r} -> {translation!r}")
            except ValueError:  # a literal brace that is not a format field (a cloze example)
                continue
    assert not bad, "\n".join(bad)


# ---- the errors and reports the window shows from capture, anki and transcribe (issue 17) --------------------


def _window_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """One message of each kind the window shows from capture (a failed link, an unreadable import, deno),
    anki (an export, AnkiConnect, the shared-decks report) and transcribe (a model that cannot be used)."""
    from yt_dlp.utils import DownloadError, UnsupportedError

    from studycompanion.core.anki.connect import AnkiConnect
    from studycompanion.core.anki.export import export_apkg
    from studycompanion.core.anki.shared_decks import ActionReport, SharedAction
    from studycompanion.core.capture import deno_fetch
    from studycompanion.core.capture.errors import classify
    from studycompanion.core.capture.importers import read_export
    from studycompanion.core.errors import UserError
    from studycompanion.core.transcribe.models import resolve_model, spec_for

    def message(fn: object, *args: object) -> str:
        with pytest.raises(UserError) as raised:
            fn(*args)  # type: ignore[operator]
        return raised.value.message

    monkeypatch.setattr(deno_fetch, "WHEELS", {})
    (tmp_path / "export").mkdir()
    report = ActionReport(SharedAction.UNSUSPEND_AND_TAG, notes=3, unsuspended=2, already_active=1, tagged=3,
                          tag="#sc", missing=[9])
    return {
        "login": str(classify(DownloadError("ERROR: [TikTok] 1: This video is private"), "https://x/1",
                              web_page=False)),
        "unsupported": str(classify(UnsupportedError("https://a/b"), "https://a/b", web_page=False)),
        "import": message(read_export, tmp_path / "export"),
        "deno": message(deno_fetch.fetch_deno, tmp_path),
        "apkg": message(export_apkg, [], tmp_path / "deck.apkg"),
        "anki": message(AnkiConnect("http://127.0.0.1:9", timeout=2).invoke, "version"),
        "shared": report.summary(),
        "model": message(spec_for, "huge"),
        "download": message(resolve_model, "small", tmp_path / "models"),
    }


def test_capture_anki_and_transcribe_messages_stay_english_with_nothing_installed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's words, exactly as they were before they were marked for translation."""
    assert not text.translator_installed()
    got = _window_messages(tmp_path, monkeypatch)
    assert got == {
        "login": "This clip needs a login. In Settings → Capture, pick the browser you are logged in with (its cookies "
                 "are used) or a cookies.txt file, then try again.",
        "unsupported": "That link is not supported: https://a/b",
        "import": f"{tmp_path / 'export'} is a folder; choose the export file inside it.",
        "deno": "YouTube links need deno, which has no build here that StudyCompanion knows; install deno "
                "(https://deno.com) and try again.",
        "apkg": "There are no cards to export in this selection.",
        "anki": "Anki is not running at http://127.0.0.1:9: open Anki with the AnkiConnect add-on (code 2055492159) "
                "installed, then try again.",
        "shared": "2 cards unsuspended, 1 were already active; 3 notes tagged #sc; 1 notes are no longer in Anki.",
        "model": "Unknown transcription model 'huge'. Known models: " + ", ".join(MODELS) + ".",
        "download": "The 'small' model is not downloaded yet (about 484 MB). Download it with `studycompanion models "
                    f"download small` (needs internet once), or use the bundled {DEFAULT_MODEL}.",
    }


def test_capture_anki_and_transcribe_messages_use_the_installed_translator(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shouting: dict[tuple[str, str], str]) -> None:
    shouting.update(_spanish_table())
    got = _window_messages(tmp_path, monkeypatch)
    assert got["login"].startswith("Este clip requiere iniciar sesión.")
    assert got["unsupported"] == "Ese enlace no es compatible: https://a/b"
    assert got["import"] == f"{tmp_path / 'export'} es una carpeta; elige el archivo de exportación que hay dentro."
    assert got["deno"].startswith("Los enlaces de YouTube necesitan deno")
    assert got["apkg"] == "No hay tarjetas que exportar en esta selección."
    assert got["anki"].startswith("Anki no está abierto en http://127.0.0.1:9:")
    assert got["shared"] == ("tarjetas reactivadas: 2, ya estaban activas: 1; notas etiquetadas con #sc: 3; "
                             "notas que ya no están en Anki: 1.")
    assert got["model"].startswith("Modelo de transcripción desconocido: «huge».")
    assert got["download"].startswith("El modelo «small» aún no está descargado (unos 484 MB).")


def _spanish_table() -> dict[tuple[str, str], str]:
    """The shipped .ts's translations: the stand-in translator says what the window would."""
    root = ET.parse(TS).getroot()
    return {(ctx.findtext("name") or "", msg.findtext("source") or ""): msg.findtext("translation") or ""
            for ctx in root.iter("context") for msg in ctx.iter("message")}



def test_a_nameless_zip_and_a_damaged_download_read_whole_in_spanish(
        tmp_path: Path, shouting: dict[tuple[str, str], str]) -> None:
    """No English glued into a translated sentence: a ZIP dropped without a name, fetch's own errors."""
    from studycompanion.core.capture.importers import ImportFormatError, read_export_bytes
    from studycompanion.core.fetch import DAMAGED

    shouting.update(_spanish_table())
    broken_zip = b"PK\x05\x06" + b"\0" * 18  # an empty archive: no TikTok export inside
    with pytest.raises(ImportFormatError) as caught:
        read_export_bytes(broken_zip)
    assert caught.value.message.startswith("El archivo ZIP no contiene ninguna exportación de TikTok")
    assert DAMAGED(name="deno.whl").startswith("El archivo deno.whl descargado está dañado")


def test_a_review_scope_is_kept_in_english_and_said_in_the_readers_language(
        shouting: dict[tuple[str, str], str]) -> None:
    from studycompanion.core.review.items import ReviewScope
    from studycompanion.core.review.summary import scope_text

    shouting.update(_spanish_table())
    for scope in (ReviewScope(), ReviewScope(for_you=True), ReviewScope(tags=("Cardio", "Renal"), for_you=True),
                  ReviewScope(tags=("Cardio",), verified_only=True)):
        assert scope_text(scope.stored()) == scope.describe()  # the summary reads back what the view says
    assert ReviewScope(tags=("Cardio",), for_you=True, verified_only=True).stored() == (
        "Cardio (For You order), verified creators only")
    assert "Cardio" in ReviewScope(tags=("Cardio",), verified_only=True).describe()
    assert ReviewScope().describe() != "all cards", "the window's language"
