"""What the review view says in words: the card text as HTML, a creator's mark and the session's counter.

Core's English wording (ReviewSession.counter(), interests.creators.LABELS) stays for the CLI; these say the same
in the user's language (QCoreApplication.translate, so `make i18n` finds them). A session's scope is core's own
translated phrase (ReviewScope.describe()).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication

from studycompanion.core.cards import cloze
from studycompanion.core.interests.models import Credibility
from studycompanion.core.review.sessions import ReviewSession
from studycompanion.ui.common.i18n import QT_TRANSLATE_NOOP

CREDIBILITY_WORDS = {  # English source texts, marked for lupdate: show them through credibility_label()
    Credibility.PHYSICIAN: QT_TRANSLATE_NOOP("Credibility", "Physician"),
    Credibility.RESIDENT: QT_TRANSLATE_NOOP("Credibility", "Resident"),
    Credibility.STUDENT: QT_TRANSLATE_NOOP("Credibility", "Student"),
    Credibility.OTHER: QT_TRANSLATE_NOOP("Credibility", "Other"),
    Credibility.UNKNOWN: QT_TRANSLATE_NOOP("Credibility", "Unknown"),
}


def cloze_html(text: str, reveal: bool) -> str:
    """The card text as HTML: blanks ("[...]" or the hint) before the reveal, the answers in bold after it."""
    return cloze.render(text, reveal=reveal, plain=html.escape,
                        hidden=lambda d: f"<span style='color:#0a66c2'>[{html.escape(d.hint or '...')}]</span>",
                        shown=lambda d: f"<b style='color:#0a66c2'>{html.escape(d.answer)}</b>")


def credibility_label(credibility: Credibility) -> str:
    return QCoreApplication.translate("Credibility", CREDIBILITY_WORDS[credibility])


def counter_words(session: ReviewSession) -> str:
    """'2 left · 1 coming back', read again right after each grade."""
    translate = QCoreApplication.translate
    if session.finished or not session.queue:
        return translate("ReviewTexts", "No card left")
    if session.coming_back:
        return translate("ReviewTexts", "{n} left · {back} coming back").format(n=session.unseen,
                                                                                 back=session.coming_back)
    return translate("ReviewTexts", "{n} left").format(n=session.unseen)
