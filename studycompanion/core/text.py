"""Words core builds for people, their one owner: phrases marked for lupdate, translated by whatever the app installed.

Core never imports Qt, yet the messages it builds (a card's check reasons, For You's "why this clip", a review
session's summary, the errors the window shows) must read in the student's language. So:

    NUMBER = QT_TRANSLATE_NOOP("CardChecks", "Holds a number or dose ({numbers}): check it.")
    NUMBER(numbers="40 mg")                       # translated, then formatted
    plural(n, ONE_CARD, CARDS)                    # "{n} card" / "{n} cards", chosen here by count, n=n passed

`QT_TRANSLATE_NOOP(context, source)` is the name pyside6-lupdate looks for (tools/i18n.py extracts it from core
too), so every phrase lands in resources/i18n/studycompanion_<lang>.ts. The translator is identity until the
window installs QCoreApplication.translate at start (ui/common/i18n.py): the CLI, `--json` output and the tests
that install nothing stay English. Write phrases as whole sentences with named {placeholders}; never glue
translated fragments with English words, and never build a phrase with an f-string (lupdate cannot read it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

Translator = Callable[[str, str], str]  # (context, English source) -> the text to show


def _identity(context: str, source: str) -> str:
    return source


_installed: list[Translator] = [_identity]  # the one process-wide hook, like Qt's own installTranslator


def install_translator(translator: Translator | None) -> None:
    """Use `translator` for every phrase from now on (None: back to English). The window calls it once at start."""
    _installed[0] = translator or _identity


def translator_installed() -> bool:
    return _installed[0] is not _identity


def translate(context: str, source: str, /, **params: object) -> str:
    """`source` in the installed language, then formatted with `params`. A translation whose placeholders do not
    fit (a typo in the .ts) falls back to the English source rather than failing the message."""
    text = _installed[0](context, source) or source
    if not params:
        return text
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        log.warning("translation of %r in %s does not fit its placeholders; showing English", source, context)
        return source.format(**params)


@dataclass(frozen=True)
class Phrase:
    """A marked English source text and its context; call it to get it translated and formatted."""

    context: str
    source: str

    def __call__(self, **params: object) -> str:
        return translate(self.context, self.source, **params)

    def english(self, **params: object) -> str:
        return self.source.format(**params) if params else self.source


def QT_TRANSLATE_NOOP(context: str, source: str) -> Phrase:  # noqa: N802 - the name lupdate looks for
    """Marks `source` for lupdate in `context`; nothing is translated until the phrase is called."""
    return Phrase(context, source)


def plural(n: int, one: Phrase, many: Phrase, /, **params: object) -> str:
    """`one` when n is 1, else `many` (English and Spanish agree on that), formatted with n=n and `params`.
    Both are separate source strings, so a translation gets both forms ("1 tarjeta", "3 tarjetas")."""
    return (one if n == 1 else many)(n=n, **params)
