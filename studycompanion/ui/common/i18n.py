"""Translations: the app's own .qm (resources/i18n/studycompanion_<locale>.qm) and Qt's for its standard buttons.

`install_translators(app)` runs once at start, before any window is made; the locale is the system's, or
STUDYCOMPANION_LOCALE (e.g. "es") when set. A locale with no translation keeps the English source strings.
It also hands core/text.py QCoreApplication.translate, so the messages core builds (a card's check reasons,
For You's reasons, the review summary, core's errors) read in the same language as the window.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from studycompanion.core import text
from studycompanion.paths import resources_dir

log = logging.getLogger(__name__)

LOCALE_ENV = "STUDYCOMPANION_LOCALE"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks `text` for lupdate in `context` and returns it unchanged (Qt's own is typed as returning object);
    show it later with QCoreApplication.translate(context, text)."""
    return text


def chosen_locale() -> QLocale:
    name = os.environ.get(LOCALE_ENV, "").strip()
    return QLocale(name) if name else QLocale.system()


def install_translators(app: QCoreApplication, locale: QLocale | None = None,
                        folder: Path | None = None) -> list[QTranslator]:
    """Install the translators for `locale` (default: chosen_locale()); returns them (keep them alive)."""
    locale = locale or chosen_locale()
    folder = folder or resources_dir() / "i18n"
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load(locale, "studycompanion", "_", str(folder)):  # es_ES falls back to studycompanion_es.qm
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.debug("no translation for %s in %s", locale.name(), folder)
        return installed  # English UI: Qt's own strings stay English too, so the window does not mix languages
    text.install_translator(_qt_translate)  # core's messages too (thread-safe: workers build them)
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


def _qt_translate(context: str, source: str) -> str:
    return QCoreApplication.translate(context, source)


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
    if translators:
        text.install_translator(None)  # core's messages English again
