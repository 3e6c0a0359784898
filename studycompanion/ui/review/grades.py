"""What the review buttons call the four grades, in the user's language (core's Grade.label stays English for the CLI).

`grade_button_text(grade, key)` is the button's text: "Again (1)", in Spanish "Otra vez (1)" (Anki's own Spanish
wording: Otra vez / Difícil / Bien / Fácil).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from studycompanion.core.review.items import Grade
from studycompanion.ui.common.i18n import QT_TRANSLATE_NOOP

GRADE_LABELS = {  # English source texts, marked for lupdate: show them through grade_label()
    Grade.AGAIN: QT_TRANSLATE_NOOP("ReviewGrades", "Again"),
    Grade.HARD: QT_TRANSLATE_NOOP("ReviewGrades", "Hard"),
    Grade.GOOD: QT_TRANSLATE_NOOP("ReviewGrades", "Good"),
    Grade.EASY: QT_TRANSLATE_NOOP("ReviewGrades", "Easy"),
}


def grade_label(grade: Grade) -> str:
    return QCoreApplication.translate("ReviewGrades", GRADE_LABELS[grade])


def grade_button_text(grade: Grade, key: str) -> str:
    return QCoreApplication.translate("ReviewGrades", "{grade} ({key})").format(grade=grade_label(grade), key=key)
