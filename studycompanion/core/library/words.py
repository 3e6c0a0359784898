"""How a transcript word is stored: a JSON row [start, end, text, probability] plus, for a corrected word, what
was heard ([..., corrected_from]). Rows written before corrections existed have four items and still load."""

from __future__ import annotations

from typing import Any

from studycompanion.core.types import Word


def word_row(word: Word) -> list[Any]:
    row: list[Any] = [word.start, word.end, word.text, word.probability]
    if word.corrected_from:
        row.append(word.corrected_from)
    return row


def word_from_row(row: list[Any]) -> Word:
    corrected = str(row[4]) if len(row) > 4 and row[4] else ""
    return Word(float(row[0]), float(row[1]), str(row[2]), float(row[3]), corrected)
