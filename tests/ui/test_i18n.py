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


def test_the_app_installs_spanish_at_start_and_the_window_shows_it(qtbot: QtBot, services: object,
                                                                   monkeypatch: object) -> None:
    """What app.run_gui does at start (ui/common/i18n.py), with the locale es: the first-run page is in Spanish,
    and so are Qt's own buttons; an English locale keeps the source strings."""
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from studycompanion.core.errors import UserError
    from studycompanion.services import Services
    from studycompanion.ui.common.i18n import install_translators, remove_translators
    from studycompanion.ui.common.worker import Worker
    from studycompanion.ui.shell.library_health import repair_box
    from studycompanion.ui.shell.main_window import MainWindow

    assert isinstance(services, Services)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert install_translators(app, QLocale("en_GB")) == []  # no English .qm: nothing installed
    translators = install_translators(app, QLocale("es_ES"))  # es_ES falls back to studycompanion_es.qm
    assert translators
    worker = Worker()
    try:
        window = MainWindow(services, worker, restore_state=False)
        qtbot.addWidget(window)
        window.show()
        empty = window.library_view.empty
        qtbot.waitUntil(lambda: empty.isVisible(), timeout=5000)
        assert empty.heading.text() == "Tu biblioteca está vacía"
        assert empty.paste_button.text().strip() == "Pegar un enlace"
        assert empty.model_button.text() == "Más precisión: descargar small.en (484 MB)…"
        box = repair_box(UserError("damaged"))
        qtbot.addWidget(box)
        assert sorted(b.text() for b in box.buttons()) == ["Reconstruir", "Restaurar la última copia de seguridad",
                                                           "Salir"]
        window.close()
    finally:
        remove_translators(app, translators)
        worker.wait(10_000)
