"""The translation pipeline (tools/i18n.py): the Spanish .ts has every tr() string of the UI, its compiled .qm
loads, and a dialog shows Spanish once the translator is installed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator
from pytestqt.qtbot import QtBot

from studycompanion.core.capture.import_model import ExportCounts, ImportChoice
from studycompanion.ui.adding.import_choice import ImportChoiceDialog

ROOT = Path(__file__).resolve().parents[2]
QM = ROOT / "resources" / "i18n" / "studycompanion_es.qm"


def test_every_ui_string_is_in_the_spanish_source() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "i18n.py"), "--check"], capture_output=True,
                            text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_the_spanish_translation_is_used(qtbot: QtBot) -> None:
    translator = QTranslator()
    assert translator.load(str(QM))
    QCoreApplication.installTranslator(translator)
    try:
        counts = ExportCounts("tiktok-json", favourites=2, likes=5, posts=1, links=0, in_both=1, invalid=0)
        dialog = ImportChoiceDialog(counts)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Importar de TikTok"
        assert dialog.buttons[ImportChoice.BOTH].text() == "Ambos (6)"
        assert "En ambas listas: 1" in dialog.note.text()
    finally:
        QCoreApplication.removeTranslator(translator)
