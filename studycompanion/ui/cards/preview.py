"""A card as Anki will show it: the note's real HTML fields (core/anki/notes.py) run through our note types' templates.

`render_note` is plain Python (no Qt) so it runs off the UI thread: it fills the same templates the .apkg
carries, renders cloze deletions the way Anki does (hidden on the front, revealed on the back), and lists the
media the HTML refers to so the browser widget can be given the frame image.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from studycompanion.core.anki import notes as anki
from studycompanion.core.anki.notetypes import NoteType
from studycompanion.core.cards import cloze

_SECTION = re.compile(r"\{\{([#^])([^}]+)\}\}(.*?)\{\{/\2\}\}", re.DOTALL)
_FIELD = re.compile(r"\{\{([^#/^}][^}]*)\}\}")
_SOUND = re.compile(r"\[sound:([^\]]+)\]")


@dataclass
class RenderedCard:
    """One Anki card of the note: its front and back as HTML."""

    label: str  # "Card 1" / "c1"
    front: str
    back: str


@dataclass
class NotePreview:
    cards: list[RenderedCard]
    images: dict[str, Path] = field(default_factory=dict)  # media name in the HTML -> file on disk
    deck: str = ""
    tags: list[str] = field(default_factory=list)


def cloze_side(text: str, number: int, *, answer: bool) -> str:
    """Anki's {{cloze:Text}} for card `number`: that deletion as [...] (or its hint), or revealed on the back."""
    return cloze.render(text, number, reveal=answer,
                        hidden=lambda d: f'<span class="cloze">[{d.hint or "..."}]</span>',
                        shown=lambda d: f'<span class="cloze">{d.answer}</span>')


def fill(template: str, fields: dict[str, str], *, cloze: int | None = None, answer: bool = False,
         front_side: str = "") -> str:
    """A small Mustache: {{#F}}..{{/F}}, {{^F}}..{{/F}}, {{F}}, {{cloze:F}}, {{FrontSide}} (what our templates use)."""

    def section(m: re.Match[str]) -> str:
        present = bool(fields.get(m.group(2).strip(), "").strip())
        keep = present if m.group(1) == "#" else not present
        return fill(m.group(3), fields, cloze=cloze, answer=answer, front_side=front_side) if keep else ""

    out = _SECTION.sub(section, template)

    def value(m: re.Match[str]) -> str:
        name = m.group(1).strip()
        if name == "FrontSide":
            return front_side
        if name.startswith("cloze:"):
            return cloze_side(fields.get(name[6:], ""), cloze or 1, answer=answer)
        return fields.get(name, "")

    return _FIELD.sub(value, out)


def _sound_to_link(html_text: str) -> str:
    return _SOUND.sub('<a href="sc-play:audio">&#9654; Play the audio</a>', html_text)


def _template(nt: NoteType) -> Mapping[str, str]:
    """The note type's first template (the student's own look lives in their Anki: theirs is shown as its
    fields in order)."""
    return nt.templates[0]


def render_note(note: anki.AnkiNote) -> NotePreview:
    """Every card the note makes in Anki, front and back, with its media names resolved to local files."""
    fields = note.field_map()
    cards: list[RenderedCard] = []
    template = _template(note.note_type)
    nt = note.note_type
    if nt.cloze:
        numbers = cloze.numbers(fields.get(note.note_type.field_map.get("Text", "Text") or "Text", "")) or [1]
        for n in numbers:
            front = fill(template["qfmt"], fields, cloze=n)
            back = fill(template["afmt"], fields, cloze=n, answer=True, front_side=front)
            cards.append(RenderedCard(f"Card {n}", _sound_to_link(front), _sound_to_link(back)))
    else:
        front = fill(template["qfmt"], fields)
        back = fill(template["afmt"], fields, front_side=front)
        cards.append(RenderedCard("Card 1", _sound_to_link(front), _sound_to_link(back)))
    images = {m.name: m.path for m in note.media if m.path.suffix.lower() in {".jpg", ".jpeg", ".png", ".webp"}}
    return NotePreview(cards, images, note.deck, list(note.tags))


def preview_css(dark: bool) -> str:
    """Our note type's look in the subset of CSS Qt's rich text understands."""
    text, muted, extra, cloze = ("#eeeeee", "#9a9a9a", "#bbbbbb", "#6cb4ff") if dark else \
        ("#1d1d1f", "#888888", "#555555", "#0a66c2")
    return (
        f"body {{ color: {text}; font-size: 15px; }}"
        f".cloze {{ font-weight: bold; color: {cloze}; }}"
        ".back { font-weight: 600; }"
        f".extra {{ margin-top: 10px; font-size: 13px; color: {extra}; }}"
        ".frame { margin-top: 10px; }"
        ".audio { margin-top: 6px; }"
        f".source {{ margin-top: 12px; font-size: 12px; color: {muted}; }}"
        ".caption { margin-top: 4px; font-style: italic; }"
        f".side {{ font-size: 11px; color: {muted}; font-weight: 600; }}"
        f"a {{ color: {cloze}; }}"
    )


def preview_html(preview: NotePreview, *, dark: bool, image_width: int = 300) -> str:
    """The note's cards for a QTextBrowser: each card's front, then its back, on a card-coloured panel."""
    card_bg, border = ("#1e1e1e", "#3a3a3a") if dark else ("#ffffff", "#d6d6d6")
    parts = []
    for card in preview.cards:
        back = re.sub(r"<img ", f'<img width="{image_width}" ', card.back)
        for side, body in ((QCoreApplication.translate("CardPreview", "FRONT"), card.front),
                           (QCoreApplication.translate("CardPreview", "BACK"), back)):
            label = f"{card.label.upper()} · {side}" if len(preview.cards) > 1 else side
            parts.append(
                f'<p class="side">{label}</p>'
                f'<table width="100%" cellpadding="12" cellspacing="0" border="1" '
                f'style="border-color: {border}; border-style: solid; background-color: {card_bg};">'
                f"<tr><td>{body}</td></tr></table>"
            )
    deck_label = QCoreApplication.translate("CardPreview", "DECK · {deck}")
    deck = f'<p class="side">{deck_label.format(deck=preview.deck)}</p>' if preview.deck else ""
    return "".join(parts) + deck
