"""Anki note types, their one owner: ours, Anki's built-in Cloze and Basic, or the student's own (e.g. AnKing),
and how a card's parts (Text, Back, Extra, Source, Frame, Audio) fill each one's fields.

Ours carry an id field for notes made before it moved into the note's GUID; it stays in the schema (so
those notes keep updating) but is always empty and collapsed in Anki's editor. The id of every note is its
GUID (an .apkg) or the Anki note id AnkiConnect gave it: nothing internal shows in Anki's editor.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from studycompanion.core.errors import BadInput
from studycompanion.core.settings import Settings
from studycompanion.core.types import CardKind

# Fixed forever: Anki recognises our note types by these ids (and AnkiConnect by these names).
CLOZE_MODEL_ID = 1_734_600_101
BASIC_MODEL_ID = 1_734_600_102
CLOZE_MODEL_NAME = "StudyCompanion Cloze"
BASIC_MODEL_NAME = "StudyCompanion Basic"
ID_FIELD = "StudyCompanionID"  # legacy: kept empty and collapsed
CLOZE_FIELDS = ("Text", "Extra", "Source", "Frame", "Audio", ID_FIELD)
BASIC_FIELDS = ("Front", "Back", "Extra", "Source", "Frame", "Audio", ID_FIELD)
PARTS = ("Text", "Back", "Extra", "Source", "Frame", "Audio")  # what a card gives; Text = cloze text or front

_BACK_MEDIA = (
    "{{#Extra}}<div class=extra>{{Extra}}</div>{{/Extra}}"
    "{{#Frame}}<div class=frame>{{Frame}}</div>{{/Frame}}"
    "{{#Audio}}<div class=audio>{{Audio}}</div>{{/Audio}}"
    "<div class=source>{{Source}}</div>"
)
CLOZE_TEMPLATE = {
    "name": "Cloze",
    "qfmt": "{{cloze:Text}}",
    "afmt": "{{cloze:Text}}<hr id=answer>" + _BACK_MEDIA,
}
BASIC_TEMPLATE = {
    "name": "Card 1",
    "qfmt": "{{Front}}",
    "afmt": "{{FrontSide}}<hr id=answer><div class=back>{{Back}}</div>" + _BACK_MEDIA,
}
CSS = """.card { font-family: -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 20px;
  text-align: left; color: #1d1d1f; background: #fff; line-height: 1.4; padding: 0 8px; }
.nightMode.card, .night_mode .card { color: #eee; background: #1e1e1e; }
.cloze { font-weight: bold; color: #0a66c2; }
.nightMode .cloze { color: #6cb4ff; }
.back { font-weight: 600; }
.extra { margin-top: 12px; font-size: 16px; color: #555; }
.nightMode .extra { color: #bbb; }
.frame img { max-width: 100%; max-height: 40vh; margin-top: 12px; border-radius: 6px; }
.audio { margin-top: 8px; }
.source { margin-top: 14px; font-size: 13px; color: #888; }
.source .caption { margin-top: 4px; font-style: italic; }
.source a { color: inherit; }
"""
STOCK_CSS = ".card { font-family: arial; font-size: 20px; text-align: center; color: black; background-color: white; }"
STOCK_CLOZE_CSS = STOCK_CSS + "\n.cloze { font-weight: bold; color: blue; }"


class NoteTypeChoice(StrEnum):
    OURS = "ours"
    ANKI = "anki"  # Anki's built-in Cloze and Basic
    CUSTOM = "custom"  # the student's own (AnKing ...)


@dataclass(frozen=True)
class NoteType:
    """One note type as the export fills it."""

    name: str
    model_id: int
    fields: tuple[str, ...]
    cloze: bool
    field_map: Mapping[str, str]  # part -> field; several parts into one field are joined with <br>
    templates: tuple[Mapping[str, str], ...] = ()
    css: str = ""
    ours: bool = False  # we define its templates; theirs are never touched (written as the oldest copy)
    field_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def fill(self, parts: Mapping[str, str]) -> list[str]:
        """The note's field values in this type's order."""
        values: dict[str, list[str]] = {f: [] for f in self.fields}
        for part in PARTS:
            target = self.field_map.get(part, "")
            value = parts.get(part, "")
            if target and value:
                values[target].append(value)
        return ["<br>".join(v) for v in (values[f] for f in self.fields)]

    def genanki_fields(self) -> list[dict[str, Any]]:
        return [{"name": f, **self.field_options.get(f, {})} for f in self.fields]


_HIDDEN_ID = {ID_FIELD: {"collapsed": True, "excludeFromSearch": True}}
OURS_CLOZE = NoteType(CLOZE_MODEL_NAME, CLOZE_MODEL_ID, CLOZE_FIELDS, True,
                      {p: p for p in PARTS if p != "Back"}, (CLOZE_TEMPLATE,), CSS, True, _HIDDEN_ID)
OURS_BASIC = NoteType(BASIC_MODEL_NAME, BASIC_MODEL_ID, BASIC_FIELDS, False,
                      {"Text": "Front", **{p: p for p in PARTS[1:]}}, (BASIC_TEMPLATE,), CSS, True, _HIDDEN_ID)
ANKI_CLOZE = NoteType(
    "Cloze", 1_734_600_111, ("Text", "Back Extra"), True,
    {"Text": "Text", "Extra": "Back Extra", "Frame": "Back Extra", "Audio": "Back Extra", "Source": "Back Extra"},
    ({"name": "Cloze", "qfmt": "{{cloze:Text}}", "afmt": "{{cloze:Text}}<br>\n{{Back Extra}}"},), STOCK_CLOZE_CSS,
)
ANKI_BASIC = NoteType(
    "Basic", 1_734_600_112, ("Front", "Back"), False,
    {"Text": "Front", "Back": "Back", "Extra": "Back", "Frame": "Back", "Audio": "Back", "Source": "Back"},
    ({"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}"},), STOCK_CSS,
)


def stable_id(name: str) -> int:
    return int.from_bytes(hashlib.sha1(f"notetype:{name}".encode()).digest()[:5], "big") | (1 << 40)


def custom_type(name: str, fields: Sequence[str], field_map: Mapping[str, str], *, model_id: int = 0,
                cloze: bool = True, templates: Sequence[str] = ()) -> NoteType:
    """The student's note type. Parts not mapped go where a field of the same name is, else nowhere;
    Text must land somewhere, or no card would show.

    For an .apkg, Anki puts the notes into the student's own note type only when the id, the field names
    and the card templates' names all match theirs (else it imports a copy, "NAME+"); the templates written
    here carry those names, and Anki keeps the student's own templates and styling."""
    name = name.strip()
    fields = tuple(f.strip() for f in fields if f.strip())
    if not name or not fields:
        raise BadInput("A note type of your own needs its name and its fields (in order), e.g. "
                       "--note-type custom with anki_custom_name and anki_custom_fields in the settings.")
    lower = {f.lower(): f for f in fields}
    mapping: dict[str, str] = {}
    for part in PARTS:
        target = field_map.get(part)
        if target is None:
            target = lower.get(part.lower(), "")
        elif target and target not in fields:
            raise BadInput(f"The field map sends {part} to '{target}', which {name} does not have "
                           f"(its fields: {', '.join(fields)}).")
        mapping[part] = target
    if not mapping["Text"]:
        mapping["Text"] = fields[0]
    names = [t.strip() for t in templates if t.strip()] or (["Cloze"] if cloze else ["Card 1"])
    side = f"{{{{cloze:{mapping['Text']}}}}}" if cloze else f"{{{{{mapping['Text']}}}}}"
    back = "".join(f"<br>{{{{{f}}}}}" for f in fields if f != mapping["Text"])
    made = tuple({"name": n, "qfmt": side, "afmt": (side if cloze else "{{FrontSide}}<hr id=answer>") + back}
                 for n in names)
    return NoteType(name, model_id or stable_id(name), fields, cloze, mapping, made)


def parse_field_map(text: str) -> dict[str, str]:
    """'Source=Sources, Frame=Extra, Audio=' -> {"Source": "Sources", "Frame": "Extra", "Audio": ""}."""
    out: dict[str, str] = {}
    known = {p.lower(): p for p in PARTS}
    for item in filter(None, (i.strip() for i in text.split(","))):
        part, sep, target = item.partition("=")
        if not sep or part.strip().lower() not in known:
            raise BadInput(f"'{item}' is not PART=FIELD with PART one of {', '.join(PARTS)}.")
        out[known[part.strip().lower()]] = target.strip()
    return out


@dataclass(frozen=True)
class NoteTypes:
    """The note type for each kind of card."""

    cloze: NoteType
    basic: NoteType

    def for_kind(self, kind: CardKind) -> NoteType:
        return self.cloze if kind == CardKind.CLOZE else self.basic

    def all(self) -> list[NoteType]:
        return [self.cloze] if self.cloze == self.basic else [self.cloze, self.basic]


DEFAULT = NoteTypes(OURS_CLOZE, OURS_BASIC)


def note_types(choice: NoteTypeChoice | str = NoteTypeChoice.OURS, settings: Settings | None = None,
               field_map: Mapping[str, str] | None = None) -> NoteTypes:
    """The note types an export uses: the choice (or the settings'), the custom type from the settings."""
    settings = settings or Settings()
    try:
        which = NoteTypeChoice(str(choice).strip().lower())
    except ValueError:
        raise BadInput(f"'{choice}' is not a note type choice: use ours, anki or custom.") from None
    if which == NoteTypeChoice.OURS:
        return DEFAULT
    if which == NoteTypeChoice.ANKI:
        return NoteTypes(ANKI_CLOZE, ANKI_BASIC)
    mapping = dict(settings.anki_field_map)
    mapping.update(field_map or {})
    custom = custom_type(settings.anki_custom_name, settings.anki_custom_fields, mapping,
                         model_id=settings.anki_custom_id, cloze=settings.anki_custom_cloze,
                         templates=settings.anki_custom_templates)
    return NoteTypes(custom, custom if custom.cloze else OURS_BASIC) if custom.cloze else NoteTypes(OURS_CLOZE, custom)


def from_settings(settings: Settings) -> NoteTypes:
    return note_types(settings.anki_note_type or NoteTypeChoice.OURS, settings)
