"""The main window's adding and dialog actions: paste, the Add dialog, file and import pickers, the demo, export
and settings (mixed into MainWindow, which provides the views, the add controller and the services)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from studycompanion.ui.adding.adding import AddResult
from studycompanion.ui.adding.dialog import AddDialog
from studycompanion.ui.library.model import QueryKind
from studycompanion.ui.library.sidebar import NavKind
from studycompanion.ui.shell.pages import open_export_dialog, open_settings_dialog


class AddAndDialogActions:
    """Needs from the window: adding, library_view, library_model, sidebar, message_bar, search, clip_page, _nav,
    services, worker, current_page() and show_view()."""

    adding: Any
    library_view: Any
    library_model: Any
    sidebar: Any
    message_bar: Any
    search: Any
    clip_page: Any
    _nav: Any
    services: Any
    worker: Any

    def current_page(self) -> str:
        raise NotImplementedError

    def show_view(self, name: str) -> None:
        raise NotImplementedError

    # ---- adding ----------------------------------------------------------------------------------------

    def paste(self) -> None:
        clipboard = QGuiApplication.clipboard()
        mime = clipboard.mimeData() if clipboard is not None else None
        if mime is None or not self.adding.handle_mime(mime):
            self.show_add_dialog()  # nothing usable on the clipboard: ask, with the hint of what to paste

    def show_add_dialog(self) -> None:
        dialog = AddDialog(self)  # type: ignore[arg-type]
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.links_entered.connect(self.adding.add_text)
        dialog.files_requested.connect(self.choose_files)
        dialog.import_requested.connect(self.choose_import)
        dialog.open()

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Add video files", str(Path.home()),
            "Videos and audio (*.mp4 *.m4v *.mov *.webm *.mkv *.avi *.mp3 *.m4a *.wav *.ogg *.opus *.flac);;"
            "All files (*)")
        if paths:
            self.adding.add_files([Path(p) for p in paths])

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import a TikTok export or a list of links", str(Path.home()),
            "TikTok export or link list (*.json *.zip *.txt *.csv);;All files (*)")
        if path:
            self.adding.import_file(Path(path))

    def add_demo(self) -> None:
        demo = self.library_view.empty.demo
        if demo is not None:
            self.adding.add_demo(demo)

    def _added(self, result: AddResult) -> None:
        self.library_model.refresh()
        self.sidebar.refresh()
        if result.errors:
            self.message_bar.show_error(result.summary() + ": " + result.errors[0], "\n".join(result.errors))
        else:
            tail = ". Downloading and transcribing in the background." if result.ids and result.what != "demo" else "."
            self.message_bar.show_info(result.summary() + tail)
        filtered = self.library_model.query.kind != QueryKind.ALL and not self.search.text()
        if result.ids and self.current_page() == "library" and filtered:
            self.show_view("library")  # show where the new clips are

    # ---- dialogs -----------------------------------------------------------------------------------------

    def show_export(self) -> None:
        video_id = None
        if self.current_page() == "clip" and self.clip_page.peek() is not None:
            video = self.clip_view.current_video()
            video_id = video.id if video is not None else None
        tag = self._nav.tag if self._nav.kind == NavKind.TAG else None
        open_export_dialog(self, self.services, self.worker, video_id=video_id, tag=tag)

    def show_settings(self) -> None:
        open_settings_dialog(self, self.services, self.worker)
