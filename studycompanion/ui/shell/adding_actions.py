"""The window's commands for adding and dialogs: paste, the Add dialog, file and import pickers (starting in the last
folder used), the demo, export, settings, and Help (shortcut sheet, library folder, log, report a problem).

`WindowCommands` is a plain controller the main window owns (composition, not a mixin): it is handed typed
references to what it works on, and the window connects its actions to these methods.
"""

from __future__ import annotations

import platform
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget

from studycompanion import __version__
from studycompanion.services import Services
from studycompanion.ui.adding.adding import AddController, AddResult
from studycompanion.ui.adding.dialog import AddDialog
from studycompanion.ui.common.i18n import QT_TRANSLATE_NOOP
from studycompanion.ui.common.message_bar import MessageBar
from studycompanion.ui.common.worker import Worker
from studycompanion.ui.library.model import LibraryModel, QueryKind
from studycompanion.ui.library.search_box import SearchBox
from studycompanion.ui.library.sidebar import Sidebar
from studycompanion.ui.library.view import LibraryView
from studycompanion.ui.shell.pages import open_export_dialog, open_settings_dialog
from studycompanion.ui.shell.window_state import WindowState

VIDEO_FILTER = QT_TRANSLATE_NOOP("WindowCommands", "Videos and audio (*.mp4 *.m4v *.mov *.webm *.mkv *.avi *.mp3 *.m4a "
                                                   "*.wav *.ogg *.opus *.flac);;All files (*)")
IMPORT_FILTER = QT_TRANSLATE_NOOP("WindowCommands", "TikTok export or link list (*.json *.zip *.txt *.csv);;All files "
                                                    "(*)")
LOG_TAIL_LINES = 80


@dataclass
class WindowParts:
    """What the commands work on, typed: the window's views and its state."""

    window: QMainWindow
    services: Services
    worker: Worker
    adding: AddController
    library_view: LibraryView
    library_model: LibraryModel
    sidebar: Sidebar
    message_bar: MessageBar
    search: SearchBox
    state: WindowState
    current_page: Callable[[], str]
    show_view: Callable[[str], None]
    current_clip_id: Callable[[], int | None]  # the clip on screen, if the clip page shows one
    current_tag: Callable[[], str | None]  # the tag chosen in the sidebar, if any


class WindowCommands(QObject):
    def __init__(self, parts: WindowParts) -> None:
        super().__init__(parts.window)
        self.p = parts

    # ---- adding ----------------------------------------------------------------------------------------

    def paste(self) -> None:
        clipboard = QGuiApplication.clipboard()
        mime = clipboard.mimeData() if clipboard is not None else None
        if mime is None or not self.p.adding.handle_mime(mime):
            self.show_add_dialog()  # nothing usable on the clipboard: ask, with the hint of what to paste

    def show_add_dialog(self) -> None:
        dialog = AddDialog(self.p.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.links_entered.connect(self.p.adding.add_text)
        dialog.files_requested.connect(self.choose_files)
        dialog.import_requested.connect(self.choose_import)
        dialog.open()

    def last_folder(self) -> str:
        """Where the file dialogs start: the folder last used, else the home folder."""
        folder = self.p.state.text("lastFolder")
        return folder if folder and Path(folder).is_dir() else str(Path.home())

    def _remember_folder(self, path: str) -> None:
        self.p.state.set_text("lastFolder", str(Path(path).parent))

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self.p.window, self.tr("Add video files"), self.last_folder(),
                                                self.tr(VIDEO_FILTER))
        if paths:
            self._remember_folder(paths[0])
            self.p.adding.add_files([Path(p) for p in paths])

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.p.window, self.tr("Import a TikTok export or a list of links"),
                                              self.last_folder(), self.tr(IMPORT_FILTER))
        if path:
            self._remember_folder(path)
            self.p.adding.import_file(Path(path))

    def add_demo(self) -> None:
        demo = self.p.library_view.empty.demo
        if demo is not None:
            self.p.adding.add_demo(demo)

    def added(self, result: AddResult) -> None:
        p = self.p
        p.library_model.refresh()
        p.sidebar.refresh()
        p.window.statusBar().clearMessage()  # "Adding 1 link…" is over
        if result.errors:
            p.message_bar.show_error(self.tr("{summary}: {error}").format(summary=result.summary(),
                                                                          error=result.errors[0]),
                                     "\n".join(result.errors))
        else:
            p.message_bar.show_info(added_message(result))
        filtered = p.library_model.query.kind != QueryKind.ALL and not p.search.text()
        if result.ids and p.current_page() == "library" and filtered:
            p.show_view("library")  # show where the new clips are

    # ---- dialogs -----------------------------------------------------------------------------------------

    def show_export(self) -> None:
        p = self.p
        open_export_dialog(p.window, p.services, p.worker, video_id=p.current_clip_id(), tag=p.current_tag())

    def show_settings(self) -> QWidget:
        return open_settings_dialog(self.p.window, self.p.services, self.p.worker)

    def show_model_picker(self, model: str) -> QWidget:
        """Settings, opened at the transcription model with `model` chosen (the welcome page's offer)."""
        return open_settings_dialog(self.p.window, self.p.services, self.p.worker, model=model)

    # ---- help --------------------------------------------------------------------------------------------

    def show_shortcuts(self) -> QWidget:
        from studycompanion.ui.shell.help import ShortcutSheet

        sheet = ShortcutSheet(self.p.window)
        sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        sheet.show()
        return sheet

    def open_library_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.p.services.paths.root)))

    def log_file(self) -> Path:
        return self.p.services.paths.logs / "studycompanion.log"

    def open_log(self) -> None:
        log = self.log_file()
        target = log if log.is_file() else log.parent
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def report_problem(self) -> None:
        """Versions and the log's tail on the clipboard (read on the worker), ready to paste into a report."""
        log = self.log_file()

        def read() -> str:
            return problem_report(log)

        def done(text: str) -> None:
            clipboard = QGuiApplication.clipboard()
            if clipboard is not None:
                clipboard.setText(text)
            self.p.message_bar.show_info(self.tr("Copied the versions and the end of the log to the clipboard: paste "
                                                 "them into your report. Nothing was sent."), seconds=10)

        self.p.worker.run(read, done)


def added_message(result: AddResult) -> str:
    """What was added and what happens next, in words that fit it (a local file is not downloaded)."""
    translate, summary = QCoreApplication.translate, result.summary()
    if not result.ids or result.what == "demo":
        return translate("WindowCommands", "{summary}.").format(summary=summary)
    if result.what == "files":
        return translate("WindowCommands", "{summary}. Transcribing in the background.").format(summary=summary)
    return translate("WindowCommands", "{summary}. Downloading and transcribing in the background.").format(
        summary=summary)


def problem_report(log: Path, lines: int = LOG_TAIL_LINES) -> str:
    """StudyCompanion, Python, Qt and OS versions, then the last `lines` of the log (runs on the worker)."""
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    head = [
        f"StudyCompanion {__version__}",
        f"Python {sys.version.split()[0]} · PySide6 {pyside_version} · Qt {qVersion()}",
        f"{platform.system()} {platform.release()} ({platform.machine()})",
    ]
    try:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
    except OSError as exc:
        tail = [f"(no log at {log}: {exc.strerror or exc})"]
    return "\n".join([*head, "", f"Last {len(tail)} lines of {log.name}:", *tail])
