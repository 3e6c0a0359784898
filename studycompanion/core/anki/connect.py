"""AnkiConnect client: pushes AnkiNotes into a running Anki (note types, decks, media, add or update)."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from studycompanion.core.anki import notes as anki
from studycompanion.core.anki.export import nothing_to_export
from studycompanion.core.anki.notetypes import DEFAULT, OURS_BASIC, OURS_CLOZE, NoteType, NoteTypes
from studycompanion.core.cards.store import CardStore
from studycompanion.core.errors import BadInput, UserError
from studycompanion.core.interests.creators import Creators
from studycompanion.core.library.clips import Library
from studycompanion.core.text import QT_TRANSLATE_NOOP
from studycompanion.core.types import ExportTarget

DEFAULT_URL = "http://127.0.0.1:8765"
API_VERSION = 6
BATCH = 100

# What the window shows when sending to Anki fails
HTTP_ERROR = QT_TRANSLATE_NOOP("AnkiConnect", "AnkiConnect answered HTTP {code} to {action}.")
NOT_RUNNING = QT_TRANSLATE_NOOP("AnkiConnect", "Anki is not running at {url}: open Anki with the AnkiConnect add-on "
                                "(code 2055492159) installed, then try again.")
NOT_ANKICONNECT = QT_TRANSLATE_NOOP("AnkiConnect", "{url} does not answer like AnkiConnect.")
NOT_ANKICONNECT_6 = QT_TRANSLATE_NOOP("AnkiConnect", "{url} does not answer like AnkiConnect (version 6 or newer).")
COULD_NOT = QT_TRANSLATE_NOOP("AnkiConnect", "AnkiConnect could not {action}: {error}")
TOO_OLD = QT_TRANSLATE_NOOP("AnkiConnect", "AnkiConnect {version} is too old: update the add-on (version 6 or newer).")
NO_FIELD = QT_TRANSLATE_NOOP("AnkiConnect", "Anki's note type {name} has no field {fields}: change the field map in "
                             "the settings.")
NO_NOTE_TYPE = QT_TRANSLATE_NOOP("AnkiConnect", "Anki has no note type named {name}: check the name in the settings.")


class AnkiConnectError(UserError):
    """AnkiConnect answered with an error."""


class AnkiNotRunning(AnkiConnectError):
    """Nothing answers at the AnkiConnect address."""


@dataclass
class PushResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: list[str] = field(default_factory=list)  # first fields of notes Anki already had
    failed: list[str] = field(default_factory=list)
    media: int = 0
    skipped_ids: list[int] = field(default_factory=list)  # cards whose note did not get into Anki


class AnkiConnect:
    def __init__(self, url: str = DEFAULT_URL, timeout: float = 15.0, key: str | None = None) -> None:
        self.url = url or DEFAULT_URL
        self.timeout = timeout
        self.key = key

    # ---- transport --------------------------------------------------------------------------------

    def invoke(self, action: str, **params: Any) -> Any:
        payload: dict[str, Any] = {"action": action, "version": API_VERSION, "params": params}
        if self.key:
            payload["key"] = self.key
        request = urllib.request.Request(
            self.url,
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            raise AnkiConnectError(HTTP_ERROR(code=exc.code, action=action), str(exc)) from exc
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            raise AnkiNotRunning(NOT_RUNNING(url=self.url), str(exc)) from exc
        try:
            reply = json.loads(raw)
        except ValueError as exc:
            raise AnkiConnectError(NOT_ANKICONNECT(url=self.url), raw[:300].decode("utf-8", "replace")) from exc
        if not isinstance(reply, dict) or set(reply) != {"result", "error"}:
            raise AnkiConnectError(NOT_ANKICONNECT_6(url=self.url), str(reply))
        if reply["error"] is not None:
            raise AnkiConnectError(COULD_NOT(action=action, error=reply["error"]), str(reply["error"]))
        return reply["result"]

    def multi(self, actions: Sequence[tuple[str, dict[str, Any]]]) -> list[Any]:
        """Several actions in one request; each answer is its result (an error raises)."""
        out: list[Any] = []
        for i in range(0, len(actions), BATCH):
            chunk = [{"action": a, "version": API_VERSION, "params": p} for a, p in actions[i : i + BATCH]]
            for (action, _), reply in zip(
                actions[i : i + BATCH], self.invoke("multi", actions=chunk), strict=True
            ):
                if isinstance(reply, dict) and set(reply) == {"result", "error"}:
                    if reply["error"] is not None:
                        raise AnkiConnectError(COULD_NOT(action=action, error=reply["error"]))
                    reply = reply["result"]
                out.append(reply)
        return out

    # ---- setup ------------------------------------------------------------------------------------

    def check_version(self) -> int:
        version = self.invoke("version")
        if not isinstance(version, int) or version < API_VERSION:
            raise AnkiConnectError(TOO_OLD(version=version))
        return version

    def ensure_note_types(self, types: Sequence[NoteType] = (OURS_CLOZE, OURS_BASIC)) -> list[str]:
        """Create our note types where Anki does not have them yet; the student's own must exist, with the
        fields the export fills. Returns the names created."""
        have = set(self.invoke("modelNames"))
        created = []
        for nt in types:
            if nt.name in have:
                if not nt.ours:
                    fields = set(self.invoke("modelFieldNames", modelName=nt.name))
                    missing = sorted({f for f in nt.field_map.values() if f} - fields)
                    if missing:
                        raise BadInput(NO_FIELD(name=nt.name, fields=", ".join(missing)))
                continue
            if not nt.ours:
                raise BadInput(NO_NOTE_TYPE(name=nt.name))
            template = nt.templates[0]
            self.invoke(
                "createModel",
                modelName=nt.name,
                inOrderFields=list(nt.fields),
                css=nt.css,
                isCloze=nt.cloze,
                cardTemplates=[
                    {"Name": template["name"], "Front": template["qfmt"], "Back": template["afmt"]}
                ],
            )
            created.append(nt.name)
        return created

    def ensure_decks(self, names: Sequence[str]) -> list[str]:
        have = set(self.invoke("deckNames"))
        missing = sorted(set(names) - have)
        for name in missing:
            self.invoke("createDeck", deck=name)
        return missing

    def store_media(self, files: Sequence[anki.MediaFile]) -> int:
        """Upload media Anki does not have yet (names are content hashes: same name, same bytes)."""
        have = set(self.invoke("getMediaFilesNames", pattern="studycompanion-*"))
        todo = {f.name: f for f in files if f.name not in have}
        for f in todo.values():
            data = base64.b64encode(f.path.read_bytes()).decode("ascii")
            self.invoke("storeMediaFile", filename=f.name, data=data)
        return len(todo)

    # ---- notes ------------------------------------------------------------------------------------

    def find_existing(self, notes: Sequence[anki.AnkiNote]) -> dict[str, int]:
        """Anki note ids of our notes: the id a push remembered (if Anki still has it), else, for notes made
        before ids were remembered, the legacy StudyCompanionID field."""
        found: dict[str, int] = {}
        known = [n for n in notes if n.anki_note_id]
        if known:
            infos = self.invoke("notesInfo", notes=[n.anki_note_id for n in known])
            for note, info in zip(known, infos, strict=True):
                if isinstance(info, dict) and info.get("noteId"):
                    found[note.guid] = int(info["noteId"])
        legacy = [n for n in notes if n.guid not in found and anki.ID_FIELD in n.field_names]
        queries = [("findNotes", {"query": f'"{anki.ID_FIELD}:{n.guid}"'}) for n in legacy]
        for note, ids in zip(legacy, self.multi(queries) if queries else [], strict=True):
            if ids:
                found[note.guid] = int(ids[0])
        return found

    def push(
        self,
        notes: Sequence[anki.AnkiNote],
        progress: Callable[[float, str], None] | None = None,
    ) -> PushResult:
        """Add new notes (duplicates of notes Anki already has are skipped) and update changed ones."""
        report = progress or (lambda _f, _m: None)
        result = PushResult()
        self.check_version()
        report(0.05, "Preparing note types and decks")
        self.ensure_note_types(list({n.note_type.name: n.note_type for n in notes}.values()))
        self.ensure_decks(sorted({n.deck for n in notes}))
        report(0.15, "Sending media")
        result.media = self.store_media([m for n in notes for m in n.media])
        report(0.5, "Adding and updating notes")
        existing = self.find_existing(notes)
        for note in notes:
            note.anki_note_id = existing.get(note.guid, 0)
        self._update(notes, existing, result)
        self._add([n for n in notes if n.guid not in existing], result)
        report(1.0, "Done")
        return result

    def _update(self, notes: Sequence[anki.AnkiNote], existing: dict[str, int], result: PushResult) -> None:
        known = [n for n in notes if n.guid in existing]
        if not known:
            return
        infos = self.invoke("notesInfo", notes=[existing[n.guid] for n in known])
        changes: list[tuple[str, dict[str, Any]]] = []
        for note, info in zip(known, infos, strict=True):
            have = {name: f.get("value", "") for name, f in (info or {}).get("fields", {}).items()}
            fields = note.field_map()
            missing_tags = sorted(set(note.tags) - set((info or {}).get("tags", [])))
            if all(have.get(k) == v for k, v in fields.items()) and not missing_tags:
                result.unchanged += 1
                continue
            nid = existing[note.guid]
            changes.append(("updateNoteFields", {"note": {"id": nid, "fields": fields}}))
            if missing_tags:
                changes.append(("addTags", {"notes": [nid], "tags": " ".join(missing_tags)}))
            result.updated += 1
        if changes:
            self.multi(changes)

    def _add(self, notes: Sequence[anki.AnkiNote], result: PushResult) -> None:
        if not notes:
            return
        specs = [
            {
                "deckName": n.deck,
                "modelName": n.model_name,
                "fields": n.field_map(),
                "tags": n.tags,
                "options": {"allowDuplicate": False, "duplicateScope": "deck"},
            }
            for n in notes
        ]
        can = self.invoke("canAddNotes", notes=specs)
        addable = [(n, s) for n, s, ok in zip(notes, specs, can, strict=True) if ok]
        result.duplicates.extend(n.label() for n, _s, ok in zip(notes, specs, can, strict=True) if not ok)
        result.skipped_ids.extend(n.card_id for n, _s, ok in zip(notes, specs, can, strict=True) if not ok)
        if not addable:
            return
        ids = self.invoke("addNotes", notes=[s for _n, s in addable])
        for (note, _s), nid in zip(addable, ids, strict=True):
            if nid:
                result.added += 1
                note.anki_note_id = int(nid)
            else:
                result.failed.append(note.label())
                result.skipped_ids.append(note.card_id)


def push_cards(
    store: CardStore,
    library: Library,
    client: AnkiConnect,
    *,
    creators: Creators,
    tag: str | None = None,
    video_ids: Sequence[int] | None = None,
    deck: str | None = None,
    root: str = anki.TAG_ROOT,
    progress: Callable[[float, str], None] | None = None,
    include_drafts: bool = False,
    per_tag: bool = False,
    types: NoteTypes = DEFAULT,
) -> PushResult:
    """The accepted cards of the selection (drafts too with include_drafts) into the running Anki; the cards
    that got there are "In Anki" and remember their note's id."""
    cards = store.for_export(video_ids=video_ids, tag=tag, include_drafts=include_drafts)
    if not cards:
        raise BadInput(nothing_to_export(store, video_ids=video_ids, tag=tag).replace("to export", "to send"))
    notes = anki.collect_notes(cards, library, root=root, tag=tag, deck=deck, per_tag=per_tag, types=types,
                               creators=creators)
    result = client.push(notes, progress)
    skipped = set(result.skipped_ids)
    store.mark_exported((n.stamp() for n in notes if n.card_id not in skipped), ExportTarget.ANKI,
                        include_drafts=include_drafts)
    return result
