"""The translation pipeline (tools/i18n.py): the Spanish .ts holds exactly the tr() strings of the UI and its .qm is
compiled from it, the .qm loads, and the window's chrome and dialogs show Spanish once the translator is installed."""

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


def test_the_main_window_chrome_is_in_spanish(qtbot: QtBot, services: object) -> None:
    """With the Spanish translator installed, the window a student sees first is Spanish: the sidebar, the menus
    and toolbar, the search box, the clip's tabs, the cards panel's buttons, the settings dialog, the step and
    status names; and removing it brings the English source texts back."""
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication, QFormLayout, QGroupBox, QLabel, QWidget

    from studycompanion.core.review.items import Grade
    from studycompanion.core.types import JobStep, VideoStatus
    from studycompanion.services import Services
    from studycompanion.ui.cards.panel import CardsPanel
    from studycompanion.ui.clip.tabs import ClipTabs
    from studycompanion.ui.common.i18n import install_translators, remove_translators
    from studycompanion.ui.common.steps import STEP_LABELS
    from studycompanion.ui.common.theme import status_label
    from studycompanion.ui.common.worker import Worker
    from studycompanion.ui.dialogs.settings import SettingsDialog
    from studycompanion.ui.review.grades import grade_button_text
    from studycompanion.ui.shell.main_window import MainWindow

    assert isinstance(services, Services)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, QLocale("es_ES"))
    worker = Worker()
    try:
        window = MainWindow(services, worker, restore_state=False)
        qtbot.addWidget(window)
        sidebar = window.sidebar
        assert [sidebar.topLevelItem(i).text(0) for i in range(sidebar.topLevelItemCount())] == [
            "Biblioteca", "Para ti", "Favoritos", "Repaso", "Tareas", "Etiquetas"]
        assert [a.text() for a in window.menuBar().actions()] == ["&Archivo", "&Ver", "A&yuda"]
        acts = window.acts
        assert (acts.add.text(), acts.export.text(), acts.settings.text(), acts.grid.text(), acts.quit.text()) == (
            "Añadir", "Exportar", "Ajustes", "Cuadrícula", "Salir")
        assert acts.views["review"].text() == "Repaso" and acts.views["foryou"].text() == "Para ti"
        assert window.search.placeholderText().startswith("Buscar en títulos")
        assert window.windowTitle() == "StudyCompanion"  # the app's name stays

        panel = CardsPanel(services, worker)
        qtbot.addWidget(panel)
        assert (panel.accept_button.text(), panel.reject_button.text(), panel.save_button.text()) == (
            "Aceptar", "Rechazar", "Guardar")
        assert panel.generate_button.text() == "Crear tarjetas"
        tabs = ClipTabs(QWidget(), QWidget(), QWidget())
        qtbot.addWidget(tabs)
        assert [tabs.tabText(i) for i in range(tabs.count())] == ["Transcripción", "Puntos clave", "Tarjetas"]
        tabs.set_counts(3, 5)
        assert [tabs.tabText(i) for i in (1, 2)] == ["Puntos clave (3)", "Tarjetas (5)"]

        dialog = SettingsDialog(services, worker)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Ajustes"
        groups = {g.title() for g in dialog.findChildren(QGroupBox)}
        assert {"Biblioteca", "Tarjetas", "Sesiones de repaso", "Descarga de clips"} <= groups
        labels = {label.text() for form in dialog.findChildren(QFormLayout) for row in range(form.rowCount())
                  if (item := form.itemAt(row, QFormLayout.ItemRole.LabelRole)) is not None
                  and isinstance(label := item.widget(), QLabel)}
        assert {"Modelo", "Idioma", "Mazo", "Tipo de nota", "Carpeta vigilada"} <= labels
        assert dialog.language.itemText(dialog.language.findData("es")) == "Español"

        assert STEP_LABELS[JobStep.TRANSCRIBE].running == "Transcribiendo"
        assert status_label(VideoStatus.CARDS) == "Tarjetas listas"
        assert [grade_button_text(g, str(g.value)) for g in Grade] == [  # Anki's Spanish wording
            "Otra vez (1)", "Difícil (2)", "Bien (3)", "Fácil (4)"]
        window.close()
    finally:
        remove_translators(app, translators)
        worker.wait(10_000)
    assert STEP_LABELS[JobStep.TRANSCRIBE].running == "Transcribing"  # English again once it is removed
    assert status_label(VideoStatus.CARDS) == "Cards ready"
    assert grade_button_text(Grade.AGAIN, "1") == "Again (1)"


def test_a_review_session_is_in_spanish(qtbot: QtBot, services: object) -> None:
    """Review with the Spanish translator: the setup page, the counts, the card's progress line, the grade buttons
    (Anki's wording), the creator's mark and what the player says without media."""
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from studycompanion.core.review.items import Grade
    from studycompanion.core.types import CardState
    from studycompanion.services import Services
    from studycompanion.ui.clip.playback import make_player
    from studycompanion.ui.common.i18n import install_translators, remove_translators
    from studycompanion.ui.common.worker import Worker
    from studycompanion.ui.review.view import ReviewView
    from tests.interest_fixtures import ClipSpec, add_clip, card_ids, set_card_state

    assert isinstance(services, Services)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    vid = add_clip(services.library, ClipSpec("k", "Hipopotasemia", tags=["Renal"],
                                              cards=["{{c1::Los diuréticos de asa}} pierden potasio",
                                                     "La {{c1::furosemida}} actúa en el asa"]))
    for cid in card_ids(services.library, vid):
        set_card_state(services.library, cid, CardState.ACCEPTED)
    translators = install_translators(app, QLocale("es_ES"))
    worker = Worker()
    try:
        view = ReviewView(services, worker, autoplay=False)
        qtbot.addWidget(view)
        view.show()
        view.reload()
        assert view.start_button.text() == "Empezar el repaso"
        assert view.size_box.suffix() == " tarjetas como máximo"
        qtbot.waitUntil(lambda: view.counts_label.text() == "0 para repasar · 2 nuevas", timeout=5000)
        view.start()
        qtbot.waitUntil(lambda: view.page() == "card", timeout=5000)
        assert view.progress_label.text() == "Tarjeta 1 · quedan 2"
        assert view.clip_label.text().endswith("· creador desconocido (Desconocido) · tarjeta nueva")
        assert view.reveal_button.text() == "Mostrar la respuesta (Espacio)"
        assert [view.grade_buttons[g].text() for g in Grade] == [
            "Otra vez (1)", "Difícil (2)", "Bien (3)", "Fácil (4)"]
        assert view.moment_label.text() == "El momento clave del clip se reproduce cuando muestras la respuesta."
        view.end_session()
        qtbot.waitUntil(lambda: view.page() == "summary", timeout=5000)
        assert view.summary_label.text().startswith("<h2>Sesión terminada</h2>")
        player = make_player()
        qtbot.addWidget(player)
        assert player.missing_text() == "Este clip aún no tiene archivo multimedia"  # the panel's own default
        assert player.missing_text("Descargando…") == "Descargando…"
    finally:
        remove_translators(app, translators)
        worker.wait(10_000)


def test_the_playback_line_and_an_accepted_card_s_tooltip_are_spanish(qtbot: QtBot) -> None:
    """The package named in the playback line is translated with the sentence around it (not glued in English),
    and an accepted card that still has a check asks to check it against the clip, not "before you accept it"."""
    from studycompanion.core.cards.checks import CardCheck, CheckKind, CheckReason
    from studycompanion.ui.cards.card_list import check_tip
    from studycompanion.ui.clip.playback import playback_hint

    translator = QTranslator()
    assert translator.load(str(QM))
    QCoreApplication.installTranslator(translator)
    try:
        line = playback_hint("libpulse.so.0: cannot open shared object file", platform="linux")
        assert "la biblioteca cliente de PulseAudio" in line and "client library" not in line
        check = CardCheck(1, [CheckReason(CheckKind.UNVERIFIED_CREATOR, "@x.y is not verified")])
        assert check.flagged
        assert check_tip(check, accepted=True).startswith("Aceptada, pero compruébala con el clip:")
        assert check_tip(check).startswith("Revísala antes de aceptarla:")
    finally:
        QCoreApplication.removeTranslator(translator)
