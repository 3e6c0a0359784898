"""Cloze syntax, its one owner: parse, render, number, strip and make Anki's {{c1::answer::hint}} deletions.

Everything else (drafts, the card store, the LLM path, Anki notes, the preview, the review session, the card
list and editor) calls these functions; nothing else carries a cloze regex.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

# {{c1::answer}} or {{c1::answer::hint}}; the answer may span lines, it never holds "}}"
_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)


@dataclass(frozen=True)
class Deletion:
    """One {{cN::answer::hint}} in a text, with where it sits (character offsets of the whole marker)."""

    number: int
    answer: str
    hint: str
    start: int
    end: int


def parse(text: str) -> list[Deletion]:
    """Every deletion in reading order."""
    return [Deletion(int(m.group(1)), m.group(2), m.group(3) or "", m.start(), m.end()) for m in _CLOZE.finditer(text)]


def numbers(text: str) -> list[int]:
    """The cloze numbers used in a text ({{c1::..}} {{c2::..}} -> [1, 2]): one Anki card each."""
    return sorted({d.number for d in parse(text)})


def answers(text: str) -> list[str]:
    """The hidden words, in reading order."""
    return [d.answer for d in parse(text)]


def next_number(text: str) -> int:
    return max(numbers(text), default=0) + 1


def has_empty(text: str) -> bool:
    """A deletion with nothing (or only spaces) hidden: Anki would show an empty card."""
    return any(not d.answer.strip() for d in parse(text))


def marker(number: int, answer: str, hint: str = "") -> str:
    return f"{{{{c{number}::{answer}{'::' + hint if hint else ''}}}}}"


def substitute(
    text: str, deletion: Callable[[Deletion], str], *, plain: Callable[[str], str] = lambda s: s
) -> str:
    """The text with each deletion replaced by `deletion(d)` and the text between them passed through `plain`
    (e.g. an HTML escape). The building block of every rendering below."""
    out, last = [], 0
    for d in parse(text):
        out.append(plain(text[last : d.start]))
        out.append(deletion(d))
        last = d.end
    out.append(plain(text[last:]))
    return "".join(out)


def strip(text: str) -> str:
    """The sentence as said: markers gone, answers in place."""
    return substitute(text, lambda d: d.answer)


def render(
    text: str,
    number: int | None = None,
    *,
    reveal: bool,
    hidden: Callable[[Deletion], str] = lambda d: f"[{d.hint or '...'}]",
    shown: Callable[[Deletion], str] = lambda d: d.answer,
    other: Callable[[Deletion], str] | None = None,
    plain: Callable[[str], str] = lambda s: s,
) -> str:
    """Anki's {{cloze:Text}} for card `number` (None: every deletion at once, as a review of the whole note).

    The active deletions read `hidden(d)` on the front and `shown(d)` once revealed; the others read
    `other(d)` (default: their answer, as Anki shows them)."""
    rest = other or (lambda d: d.answer)

    def one(d: Deletion) -> str:
        if number is not None and d.number != number:
            return rest(d)
        return shown(d) if reveal else hidden(d)

    return substitute(text, one, plain=plain)


def prompt(text: str) -> str:
    """'{{c1::Metoprolol}} is {{c2::cardioselective::kind}}' -> '[...] is [kind]' (every deletion hidden)."""
    return render(text, reveal=False)


def answer(text: str) -> str:
    """The sentence with its answers filled in, marked with [ ]."""
    return render(text, reveal=True, shown=lambda d: f"[{d.answer}]")


def defuse(text: str) -> str:
    """Transcript text safe to put inside a cloze field: no stray marker braces, single spaces."""
    return " ".join(text.replace("{{", "{ {").replace("}}", "} }").split())


def make(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """Hide the given character spans of `text` (non-overlapping), numbered c1, c2 ... in reading order."""
    out, last = [], 0
    ordered = sorted(spans)
    for (a, b), (c, _d) in pairwise(ordered):
        if c < b:
            raise ValueError(f"cloze spans overlap: {a}-{b} and {c}")
    for n, (a, b) in enumerate(ordered, start=1):
        out.append(text[last:a])
        out.append(marker(n, text[a:b]))
        last = b
    out.append(text[last:])
    return "".join(out)


def wrap(text: str, start: int, end: int, number: int | None = None) -> str:
    """Hide text[start:end] (trimmed of spaces) as the next free number (or `number`) in an existing cloze text."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return text
    if any(d.start < end and start < d.end for d in parse(text)):
        raise ValueError("the words are already part of a deletion")
    n = next_number(text) if number is None else number
    return text[:start] + marker(n, text[start:end]) + text[end:]


def find_word(text: str, word: str) -> tuple[int, int] | None:
    """Where `word` (a word or phrase, case-insensitive, on word boundaries) first occurs in `text`."""
    phrase = " ".join(word.split())
    if not phrase:
        return None
    m = re.search(r"(?<!\w)" + r"\s+".join(map(re.escape, phrase.split())) + r"(?!\w)", text, re.IGNORECASE)
    return (m.start(), m.end()) if m else None
