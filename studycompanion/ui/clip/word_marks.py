"""How transcript words are marked: unsure (the model's probability below `UNSURE_BELOW`) or corrected (lexicon
or the student's fix), with their colours, text formats, hover texts and the legend that counts them."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QTextCharFormat

UNSURE_BELOW = 0.5  # a word whose probability is below this is marked as unsure
UNSURE_COLOR = "#d08700"  # amber: dotted underline and a faint tint
CORRECTED_COLOR = "#2f6fdf"  # blue: dashed underline and a faint tint
FIX_KEY = "F2"


class WordMark(Enum):
    """How a word is marked in the transcript."""

    UNSURE = "unsure"
    CORRECTED = "corrected"


def word_mark(probability: float, corrected_from: str) -> WordMark | None:
    if corrected_from:
        return WordMark.CORRECTED
    if probability < UNSURE_BELOW:
        return WordMark.UNSURE
    return None


def word_tooltip(text: str, probability: float, corrected_from: str, *, fixable: bool = True) -> str:
    """What hovering a marked word says ("" for a word the model was sure of)."""
    mark = word_mark(probability, corrected_from)
    translate = QCoreApplication.translate
    how = translate("WordMarks", "\n{key} or right-click to fix it").format(key=FIX_KEY) if fixable else ""
    if mark is WordMark.CORRECTED:
        return translate("WordMarks", "heard: “{heard}” (corrected to “{word}”){how}").format(
            heard=bare_word(corrected_from), word=bare_word(text), how=how)
    if mark is WordMark.UNSURE:
        return translate("WordMarks", "unsure: the model was {percent} % sure of “{word}”{how}").format(
            percent=round(probability * 100), word=bare_word(text), how=how)
    return ""


def bare_word(text: str) -> str:
    """The words without the punctuation around them ("Hexamethasone," -> "Hexamethasone")."""
    return text.strip().strip(".,;:!?\"'()[]{}…“”‘’").strip()


def mark_format(color: str, style: QTextCharFormat.UnderlineStyle) -> QTextCharFormat:
    """A marked word: a coloured underline of `style` and a faint tint of the same colour."""
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(style)
    fmt.setUnderlineColor(QColor(color))
    tint = QColor(color)
    tint.setAlpha(38)
    fmt.setBackground(tint)
    return fmt


def legend_html(marked: Sequence[tuple[str, WordMark]]) -> str:
    """The one-line legend under the transcript: what the marks mean, how many there are, how to fix a word."""
    unsure = sum(1 for _, m in marked if m is WordMark.UNSURE)
    corrected = sum(1 for _, m in marked if m is WordMark.CORRECTED)

    def sample(color: str, border: str, text: str) -> str:
        tint = QColor(color)
        return (f"<span style='background-color: rgba({tint.red()},{tint.green()},{tint.blue()},0.18); "
                f"border-bottom: 1px {border} {color}; color: {color}'>&nbsp;{text}&nbsp;</span>")

    translate = QCoreApplication.translate
    return translate("WordMarks", "{unsure} {n_unsure} &nbsp; {corrected} {n_corrected} (hover: what was heard) · "
                                  "{key} or right-click: Fix…").format(
        unsure=sample(UNSURE_COLOR, "dotted", translate("WordMarks", "unsure")), n_unsure=unsure,
        corrected=sample(CORRECTED_COLOR, "dashed", translate("WordMarks", "corrected")), n_corrected=corrected,
        key=FIX_KEY)
