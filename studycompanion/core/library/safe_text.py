"""Safe text at the way in: control characters (C0, C1, NUL), bidi overrides and isolates are stripped from titles,
captions, creators and tags, and tag names are validated (length per level, no markup, no cloze syntax)."""

from __future__ import annotations

import re
import unicodedata

from studycompanion.core.errors import BadInput

TAG_LEVEL_MAX = 100
TAG_LEVELS_MAX = 8
# C0 (but tab and newline), DEL, C1; bidi embeddings / overrides / isolates and marks; BOM / zero-width no-break
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\ufff9-\ufffb]")
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)?|\x9b[0-9;?]*[ -/]*[@-~]")
_LINE_BREAKS = re.compile("[\t\n\u2028\u2029\x85]+")
_MARKUP = re.compile(r"[<>]|&[#\w]+;")
_CLOZE = re.compile(r"\{\{|\}\}|::c\d+::|\bc\d+::")


def strip_unsafe(text: str, *, multiline: bool = False) -> str:
    """`text` without control characters or bidi overrides; one line unless `multiline` (captions, notes)."""
    if not text:
        return ""
    text = _ANSI.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not multiline:
        text = _LINE_BREAKS.sub(" ", text)
    text = _UNSAFE.sub("", text)
    if multiline:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return text if multiline else " ".join(text.split())


def terminal_safe(text: str) -> str:
    """For a terminal: every control character but newline and tab (and \\r, used by progress lines) goes, and
    so do bidi overrides (a page's title must not move the cursor, recolour the screen or reverse the line)."""
    return _UNSAFE.sub("", _ANSI.sub("", text.replace("\x0b", " ").replace("\x0c", " ")))


def clean_tag(raw: str) -> str:
    """A usable tag name, or BadInput saying why not. Levels are separated by '::'; each level is at most
    100 characters, carries no markup (< > &entities;) and no cloze syntax ({{c1::...}})."""
    text = strip_unsafe(unicodedata.normalize("NFC", raw))
    if _CLOZE.search(text.replace(" ", "")) or "{{" in text or "}}" in text:
        raise BadInput(f"'{_show(text)}' is not a usable tag name: it looks like cloze syntax.")
    if _MARKUP.search(text):
        raise BadInput(f"'{_show(text)}' is not a usable tag name: tags carry no markup (< > &).")
    parts = [p.strip().lstrip("#").strip() for p in text.split("::")]
    parts = [" ".join(p.split()) for p in parts if p.strip().lstrip("#").strip()]
    if not parts:
        raise BadInput(f"'{_show(raw)}' is not a usable tag name.")
    if len(parts) > TAG_LEVELS_MAX:
        raise BadInput(f"'{_show(text)}' has {len(parts)} levels; a tag has at most {TAG_LEVELS_MAX}.")
    for part in parts:
        if len(part) > TAG_LEVEL_MAX:
            raise BadInput(f"A tag level is at most {TAG_LEVEL_MAX} characters; '{_show(part)}' has {len(part)}.")
    return "::".join(parts)


def _show(text: str) -> str:
    text = strip_unsafe(text)
    return text if len(text) <= 40 else text[:37] + "..."
