"""The AnkiConnect client against a local server that implements the actions it uses (like Anki would)."""

from __future__ import annotations

import base64
import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from studycompanion.core.anki import notes as anki
from studycompanion.core.anki.connect import AnkiConnect, AnkiConnectError, AnkiNotRunning, push_cards
from studycompanion.core.cards.store import CardStore
from studycompanion.core.jobs.cards_step import generate_cards
from studycompanion.core.types import CardKind, CardState, ExportTarget
from studycompanion.services import Services
from tests.cards_fixtures import add_clip


class FakeAnki:
    """An in-memory Anki collection speaking AnkiConnect version 6."""

    def __init__(self) -> None:
        self.version = 6
        self.models: dict[str, dict[str, Any]] = {"Basic": {"fields": ["Front", "Back"], "isCloze": False}}
        self.decks = {"Default"}
        self.media: dict[str, bytes] = {}
        self.notes: dict[int, dict[str, Any]] = {}
        self.calls: list[str] = []
        self.fail_action: str | None = None
        self.next_id = 1_700_000_000_000

    def handle(self, request: dict[str, Any]) -> dict[str, Any]:
        action, params = request.get("action", ""), request.get("params", {})
        if request.get("version") != 6:
            return {"result": None, "error": "this fake speaks version 6 only"}
        self.calls.append(action)
        if action == self.fail_action:
            return {"result": None, "error": "collection is not available"}
        method = getattr(self, f"a_{action}", None)
        if method is None:
            return {"result": None, "error": "unsupported action"}
        try:
            return {"result": method(**params), "error": None}
        except Exception as exc:  # what AnkiConnect does with any exception
            return {"result": None, "error": str(exc)}

    # ---- actions ----
    def a_version(self) -> int:
        return self.version

    def a_multi(self, actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [self.handle(a) for a in actions]

    def a_modelNames(self) -> list[str]:
        return sorted(self.models)

    def a_createModel(
        self,
        modelName: str,
        inOrderFields: list[str],
        cardTemplates: list[dict[str, str]],
        css: str = "",
        isCloze: bool = False,
    ) -> dict[str, Any]:
        if modelName in self.models:
            raise ValueError("Model name already exists")
        self.models[modelName] = {
            "fields": inOrderFields,
            "isCloze": isCloze,
            "templates": cardTemplates,
            "css": css,
        }
        return {"name": modelName}

    def a_modelFieldNames(self, modelName: str) -> list[str]:
        return list(self.models[modelName]["fields"])

    def a_deckNames(self) -> list[str]:
        return sorted(self.decks)

    def a_createDeck(self, deck: str) -> int:
        self.decks.add(deck)
        return len(self.decks)

    def a_getMediaFilesNames(self, pattern: str = "*") -> list[str]:
        prefix = pattern.rstrip("*")
        return [n for n in self.media if n.startswith(prefix)]

    def a_storeMediaFile(self, filename: str, data: str) -> str:
        self.media[filename] = base64.b64decode(data)
        return filename

    def a_findNotes(self, query: str) -> list[int]:
        m = re.fullmatch(r'"(\w+):(.*)"', query)
        assert m, query
        field, value = m.groups()
        return [nid for nid, n in self.notes.items() if n["fields"].get(field) == value]

    def a_notesInfo(self, notes: list[int]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for nid in notes:
            if nid not in self.notes:  # what AnkiConnect answers for a note deleted in Anki
                out.append({})
                continue
            n = self.notes[nid]
            fields = {name: {"value": v, "order": i} for i, (name, v) in enumerate(n["fields"].items())}
            out.append({"noteId": nid, "modelName": n["model"], "tags": list(n["tags"]), "fields": fields})
        return out

    def a_updateNoteFields(self, note: dict[str, Any]) -> None:
        self.notes[note["id"]]["fields"].update(note["fields"])

    def a_addTags(self, notes: list[int], tags: str) -> None:
        for nid in notes:
            self.notes[nid]["tags"] = sorted(set(self.notes[nid]["tags"]) | set(tags.split()))

    def _problem(self, spec: dict[str, Any]) -> str | None:
        model = self.models.get(spec["modelName"])
        if model is None:
            return f"model was not found: {spec['modelName']}"
        if spec["deckName"] not in self.decks:
            return f"deck was not found: {spec['deckName']}"
        if list(spec["fields"]) != model["fields"]:
            return "fields do not match the note type"
        first = spec["fields"][model["fields"][0]]
        if not spec.get("options", {}).get("allowDuplicate"):
            for n in self.notes.values():
                same_place = n["model"] == spec["modelName"] and n["deck"] == spec["deckName"]
                if same_place and next(iter(n["fields"].values())) == first:
                    return "cannot create note because it is a duplicate"
        return None

    def a_canAddNotes(self, notes: list[dict[str, Any]]) -> list[bool]:
        return [self._problem(spec) is None for spec in notes]

    def a_addNotes(self, notes: list[dict[str, Any]]) -> list[int | None]:
        ids: list[int | None] = []
        for spec in notes:
            if self._problem(spec) is not None:
                ids.append(None)
                continue
            self.next_id += 1
            self.notes[self.next_id] = {
                "model": spec["modelName"],
                "deck": spec["deckName"],
                "fields": dict(spec["fields"]),
                "tags": sorted(spec.get("tags", [])),
            }
            ids.append(self.next_id)
        return ids


@pytest.fixture
def fake_anki() -> Iterator[tuple[FakeAnki, str]]:
    fake = FakeAnki()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers["Content-Length"]))
            reply = json.dumps(fake.handle(json.loads(body))).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield fake, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def clip_cards(services: Services, tmp_path: Path) -> CardStore:
    store = CardStore(services.db)
    vid = add_clip(services, tmp_path, "10_thyroid", tags=["Endo::Thyroid"])
    generate_cards(services.library, store, services.settings, vid)
    store.accept([c.id for c in store.list_cards() if c.id is not None])  # only accepted cards leave
    return store


@pytest.mark.slow
def test_push_creates_types_decks_media_and_notes_then_updates_only_changes(
    services: Services, clip_cards: CardStore, fake_anki: tuple[FakeAnki, str]
) -> None:
    fake, url = fake_anki
    store = clip_cards
    cards = store.for_export()
    result = push_cards(store, services.library, AnkiConnect(url), creators=services.creators)
    assert (result.added, result.updated, result.unchanged, result.duplicates) == (len(cards), 0, 0, [])
    cloze = fake.models[anki.CLOZE_MODEL_NAME]
    assert cloze["isCloze"] and cloze["fields"] == list(anki.CLOZE_FIELDS)
    assert fake.models[anki.BASIC_MODEL_NAME]["fields"] == list(anki.BASIC_FIELDS)
    assert fake.decks == {"Default", "StudyCompanion"}  # one deck; the topic is in the tags
    assert len(fake.notes) == len(cards) and result.media == len(fake.media) == 2 * len(cards)
    for note in fake.notes.values():
        img = re.fullmatch(r'<img src="([^"]+)">', note["fields"]["Frame"])
        snd = re.fullmatch(r"\[sound:([^\]]+)\]", note["fields"]["Audio"])
        assert img and snd and fake.media[img.group(1)][:2] == b"\xff\xd8"  # a JPEG
        assert fake.media[snd.group(1)][:3] == b"ID3" or fake.media[snd.group(1)][0] == 0xFF
        assert "StudyCompanion::Endo::Thyroid" in note["tags"]
        assert note["fields"][anki.ID_FIELD] == ""  # no internal id in Anki's editor
    pushed = store.list_cards()
    assert all(c.state == CardState.EXPORTED and c.exported_to == ExportTarget.ANKI for c in pushed)
    assert sorted(c.anki_note_id for c in pushed) == sorted(fake.notes)  # found again by Anki's own id

    fake.calls.clear()
    again = push_cards(store, services.library, AnkiConnect(url), creators=services.creators)
    assert (again.added, again.updated, again.unchanged, again.media) == (0, 0, len(cards), 0)
    assert "storeMediaFile" not in fake.calls and "updateNoteFields" not in fake.calls
    assert "createModel" not in fake.calls and "createDeck" not in fake.calls

    target = next(c for c in store.list_cards() if c.kind == CardKind.CLOZE)
    assert target.id is not None
    store.edit(target.id, front="{{c1::Methimazole}} first; {{c2::PTU}} in the first trimester <3 & more")
    third = push_cards(store, services.library, AnkiConnect(url), creators=services.creators)
    assert (third.added, third.updated, third.unchanged) == (0, 1, len(cards) - 1)
    updated = fake.notes[store.get(target.id).anki_note_id]
    assert updated["fields"]["Text"] == (
        "{{c1::Methimazole}} first; {{c2::PTU}} in the first trimester &lt;3 &amp; more"
    )
    assert len(fake.notes) == len(cards)


@pytest.mark.slow
def test_duplicates_of_notes_already_in_anki_are_skipped(
    services: Services, clip_cards: CardStore, fake_anki: tuple[FakeAnki, str]
) -> None:
    fake, url = fake_anki
    store = clip_cards
    client = AnkiConnect(url)
    client.ensure_note_types()
    notes = anki.collect_notes(store.for_export(), services.library, creators=services.creators)
    first = notes[0]
    fake.decks.add(first.deck)
    fake.next_id += 1  # the student already made this note by hand (same first field, same deck)
    fake.notes[fake.next_id] = {
        "model": first.model_name,
        "deck": first.deck,
        "tags": [],
        "fields": {**first.field_map(), anki.ID_FIELD: "handmade"},
    }
    result = push_cards(store, services.library, client, creators=services.creators)
    assert result.duplicates == [first.label()]
    assert result.added == len(notes) - 1 and len(fake.notes) == len(notes)
    dup = next(c for c in store.list_cards() if c.guid == first.guid)
    assert dup.state == CardState.ACCEPTED and dup.exported_to == ExportTarget.NONE  # not counted as sent


def test_anki_not_running_is_a_clear_message() -> None:
    with pytest.raises(
        AnkiNotRunning, match=r"Anki is not running at http://127\.0\.0\.1:9/.*AnkiConnect add-on"
    ):
        AnkiConnect("http://127.0.0.1:9/", timeout=2).check_version()


def test_old_version_and_errors_are_readable(fake_anki: tuple[FakeAnki, str]) -> None:
    fake, url = fake_anki
    client = AnkiConnect(url)
    assert client.check_version() == 6
    fake.version = 5
    with pytest.raises(AnkiConnectError, match="too old"):
        client.check_version()
    fake.fail_action = "deckNames"
    with pytest.raises(AnkiConnectError, match="could not deckNames: collection is not available"):
        client.ensure_decks(["X"])
    with pytest.raises(AnkiConnectError, match="unsupported action"):
        client.invoke("guiBrowse", query="x")


def test_a_server_that_is_not_ankiconnect(tmp_path: Path) -> None:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            self.rfile.read(int(self.headers["Content-Length"]))
            body = b"<html>hello</html>"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(AnkiConnectError, match="does not answer like AnkiConnect"):
            AnkiConnect(f"http://127.0.0.1:{server.server_address[1]}").check_version()
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow
def test_push_into_the_students_own_note_type_with_a_field_map(
    services: Services, clip_cards: CardStore, fake_anki: tuple[FakeAnki, str]
) -> None:
    from studycompanion.core.anki.notetypes import note_types
    from studycompanion.core.errors import BadInput

    fake, url = fake_anki
    store = clip_cards
    services.settings.anki_custom_name = "AnKingOverhaul"
    services.settings.anki_custom_fields = ["Text", "Extra", "Lecture Notes", "Additional Resources"]
    services.settings.anki_field_map = {"Source": "Additional Resources", "Frame": "Lecture Notes",
                                        "Audio": "Lecture Notes"}
    types = note_types("custom", services.settings)
    with pytest.raises(BadInput, match="Anki has no note type named AnKingOverhaul"):
        push_cards(store, services.library, AnkiConnect(url), creators=services.creators, types=types)
    fake.models["AnKingOverhaul"] = {"fields": list(services.settings.anki_custom_fields), "isCloze": True}
    result = push_cards(store, services.library, AnkiConnect(url), creators=services.creators, types=types)
    assert result.added == len(store.list_cards()) and not result.failed
    assert "createModel" not in fake.calls  # theirs is used as it is
    for note in fake.notes.values():
        assert note["model"] == "AnKingOverhaul"
        assert re.search(r"\{\{c1::", note["fields"]["Text"])  # a basic card becomes question + {{c1::answer}}
        assert "youtube.com" in note["fields"]["Additional Resources"]
        assert note["fields"]["Lecture Notes"].startswith('<img src="studycompanion-')
        assert "[sound:" in note["fields"]["Lecture Notes"]
    services.settings.anki_field_map = {"Source": "Sources"}
    with pytest.raises(BadInput, match="does not have"):
        note_types("custom", services.settings)
