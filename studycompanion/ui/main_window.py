"""The main window: layout (toolbar, sidebar, pages) and the wiring between views, services and job events."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studycompanion import __version__
from studycompanion.core.models import Job
from studycompanion.core.types import JobState, JobStep
from studycompanion.services import Services
from studycompanion.ui.add_dialog import AddDialog
from studycompanion.ui.adding import AddController, AddResult
from studycompanion.ui.clip_actions import ClipActions
from studycompanion.ui.foryou import for_you_rows
from studycompanion.ui.icons import app_icon, icon
from studycompanion.ui.job_events import JobEvents
from studycompanion.ui.jobs_view import JobsView
from studycompanion.ui.library_model import ClipSource, LibraryModel, LibraryQuery, QueryKind
from studycompanion.ui.library_view import LibraryView
from studycompanion.ui.message_bar import MessageBar
from studycompanion.ui.pages import make_clip_view, open_export_dialog, open_settings_dialog
from studycompanion.ui.search_box import SearchBox
from studycompanion.ui.sidebar import NavKind, NavTarget, Sidebar
from studycompanion.ui.thumbnails import ThumbnailCache
from studycompanion.ui.window_state import WindowState
from studycompanion.ui.worker import Failure, Worker

log = logging.getLogger(__name__)

PAGES = ("library", "foryou", "jobs", "clip")


class MainWindow(QMainWindow):
    page_changed = Signal(str)

    def __init__(self, services: Services, worker: Worker, *, restore_state: bool = True) -> None:
        super().__init__()
        self.services = services
        self.worker = worker
        self.setWindowTitle("StudyCompanion")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.state = WindowState(services.paths)
        self._nav = NavTarget(NavKind.LIBRARY)
        self._page_before_clip = "library"
        self._grid_before_search: bool | None = None
        self._saved_splitter: list[int] | None = None

        # services the views share
        self.events = JobEvents(services.pipeline, self)
        self.thumbs = ThumbnailCache(worker, parent=self)
        source = ClipSource(services.library, lambda: for_you_rows(services))
        self.library_model = LibraryModel(source, worker, self.thumbs, self)
        self.foryou_model = LibraryModel(source, worker, self.thumbs, self)
        self.actions_ = ClipActions(services, worker, self)
        self.adding = AddController(services, worker, self)

        self._build()
        self._wire()
        if restore_state:
            self._restore()
        self.library_model.set_query(LibraryQuery())
        self.sidebar.refresh()
        self.jobs_view.reload()
        self._load_active_jobs()

    # ---- layout ---------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.sidebar = Sidebar(self.services, self.worker)
        self.library_view = LibraryView(self.library_model, self.actions_)
        self.foryou_view = LibraryView(self.foryou_model, self.actions_, welcome=False)
        self.foryou_view.set_title("For You")
        self.foryou_view.set_grid(False)
        self.jobs_view = JobsView(self.services, self.worker)
        self._clip_view: QWidget | None = None  # built on first use: the player loads QtMultimedia
        self.clip_page = QWidget()
        clip_layout = QVBoxLayout(self.clip_page)
        clip_layout.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget()
        for widget in (self.library_view, self.foryou_view, self.jobs_view, self.clip_page):
            self.pages.addWidget(widget)

        self.message_bar = MessageBar()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        right_layout.addWidget(self.message_bar)
        right_layout.addWidget(self.pages, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([220, 1060])
        self.setCentralWidget(self.splitter)
        self._build_toolbar()
        self._build_menus()
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self.resize(1280, 800)

    def _build_toolbar(self) -> None:
        bar = QToolBar("Main")
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setIconSize(QSize(20, 20))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

        self.add_action = QAction(icon("add"), "Add", self)
        self.add_action.setToolTip("Add a link or files (Ctrl+V pastes a link anywhere)")
        self.add_action.triggered.connect(self.show_add_dialog)
        self.files_action = QAction(icon("file"), "Add video files…", self)
        self.files_action.setShortcut(QKeySequence.StandardKey.Open)
        self.files_action.triggered.connect(self.choose_files)
        self.import_action = QAction(icon("import"), "Import TikTok export or link list…", self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.choose_import)
        self.paste_action = QAction(icon("paste"), "Paste link", self)
        self.paste_action.triggered.connect(self.paste)
        add_menu = QMenu(self)
        add_menu.addActions([self.paste_action, self.files_action, self.import_action])
        self.add_button = QToolButton()
        self.add_button.setDefaultAction(self.add_action)
        self.add_button.setMenu(add_menu)
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addWidget(self.add_button)
        bar.addSeparator()
        self.search = SearchBox()
        bar.addWidget(self.search)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        self.grid_action = QAction(icon("grid"), "Grid", self)
        self.grid_action.setCheckable(True)
        self.grid_action.setChecked(True)
        self.grid_action.setToolTip("Show clips as a grid of thumbnails (Ctrl+1)")
        self.grid_action.setShortcut(QKeySequence("Ctrl+1"))
        self.list_action = QAction(icon("list"), "List", self)
        self.list_action.setCheckable(True)
        self.list_action.setToolTip("Show clips as a list (Ctrl+2)")
        self.list_action.setShortcut(QKeySequence("Ctrl+2"))
        self.grid_action.triggered.connect(lambda: self.set_grid(True))
        self.list_action.triggered.connect(lambda: self.set_grid(False))
        bar.addAction(self.grid_action)
        bar.addAction(self.list_action)
        bar.addSeparator()
        self.export_action = QAction(icon("export"), "Export", self)
        self.export_action.setToolTip("Export cards to Anki (Ctrl+E)")
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.show_export)
        bar.addAction(self.export_action)
        self.settings_action = QAction(icon("settings"), "Settings", self)
        self.settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        self.settings_action.triggered.connect(self.show_settings)
        bar.addAction(self.settings_action)
        self.toolbar = bar

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addActions([self.add_action, self.paste_action, self.files_action, self.import_action])
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        folder = file_menu.addAction(icon("folder"), "Open library folder")
        folder.triggered.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.services.paths.root))))
        quit_action = file_menu.addAction("Quit")
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        view_menu = menu.addMenu("&View")
        view_menu.addActions([self.grid_action, self.list_action])
        view_menu.addSeparator()
        for name, label, key in (("library", "Library", "Ctrl+Shift+L"), ("foryou", "For You", "Ctrl+Shift+Y"),
                                 ("jobs", "Jobs", "Ctrl+Shift+J")):
            action = view_menu.addAction(label)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _=False, n=name: self.show_view(n))
        refresh = view_menu.addAction("Refresh")
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(self.refresh_all)
        help_menu = menu.addMenu("&Help")
        help_menu.addAction("About StudyCompanion").triggered.connect(
            lambda: self.message_bar.show_info(f"StudyCompanion {__version__} — your data stays in "
                                               f"{self.services.paths.root}", seconds=10))

    # ---- wiring ----------------------------------------------------------------------------------------

    def _wire(self) -> None:
        self.worker.on_unhandled_error = self.show_failure
        self.events.job_changed.connect(self._on_job)
        self.sidebar.navigate.connect(self.navigate)
        self.sidebar.clips_dropped.connect(self._clips_dropped)
        self.sidebar.tag_renamed.connect(self.library_model.refresh)
        self.sidebar.failed.connect(self.show_failure)
        self.search.search_changed.connect(self._search)
        self.search.go_to_results.connect(self._focus_results)
        for view in (self.library_view, self.foryou_view):
            view.open_requested.connect(self.open_clip)
            view.empty.paste_requested.connect(self.paste)
            view.empty.files_requested.connect(self.choose_files)
            view.empty.import_requested.connect(self.choose_import)
            view.empty.demo_requested.connect(self.add_demo)
        self.library_model.failed.connect(self.show_failure)
        self.foryou_model.failed.connect(self.show_failure)
        self.actions_.changed.connect(self._clips_changed)
        self.actions_.deleted.connect(self._clips_changed)
        self.actions_.failed.connect(self.show_failure)
        self.adding.added.connect(self._added)
        self.adding.failed.connect(self.show_failure)
        self.adding.busy.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self.jobs_view.failed.connect(self.show_failure)
        self.jobs_view.open_clip.connect(self.open_clip)
        self.jobs_view.active_count_changed.connect(self._active_jobs)
        QShortcut(QKeySequence.StandardKey.Paste, self, activated=self.paste)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.focus_search)

    @property
    def clip_view(self) -> QWidget:
        """The clip page's view (UI-B's ClipView), made the first time a clip is opened."""
        if self._clip_view is None:
            view = make_clip_view(self.services, self.worker)
            layout = self.clip_page.layout()
            assert layout is not None
            layout.addWidget(view)
            back = getattr(view, "back_requested", None)
            if back is not None:
                back.connect(self.close_clip)
            changed = getattr(view, "clip_changed", None)
            if changed is not None:
                changed.connect(lambda _video: self._clips_changed([]))
            self._clip_view = view
        return self._clip_view

    def _load_active_jobs(self) -> None:
        jobs = self.services.jobs
        self.worker.run(lambda: jobs.list_jobs([JobState.QUEUED, JobState.RUNNING]), self._set_active_jobs)

    def _set_active_jobs(self, jobs: list[Job]) -> None:
        self.library_model.set_jobs(jobs)
        self.foryou_model.set_jobs(jobs)

    # ---- navigation -------------------------------------------------------------------------------------

    def current_page(self) -> str:
        return PAGES[self.pages.currentIndex()]

    def _set_page(self, name: str) -> None:
        self.pages.setCurrentIndex(PAGES.index(name))
        self.grid_action.setEnabled(name == "library")
        self.list_action.setEnabled(name == "library")
        self.page_changed.emit(name)

    def navigate(self, target: NavTarget) -> None:
        self._nav = target
        if target.kind == NavKind.JOBS:
            self._set_page("jobs")
            return
        if target.kind == NavKind.FOR_YOU:
            self.foryou_model.set_query(LibraryQuery(QueryKind.FOR_YOU))
            self._set_page("foryou")
            return
        if self.search.text().strip():
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.search.flush()
            self._end_search_mode()
        if target.kind == NavKind.FAVOURITES:
            query, title = LibraryQuery(QueryKind.FAVOURITES), "Favourites"
        elif target.kind == NavKind.TAG:
            query, title = LibraryQuery(QueryKind.TAG, tag=target.tag), target.tag.replace("::", " › ")
        else:
            query, title = LibraryQuery(), "Library"
        self.library_view.set_title(title)
        self.library_model.set_query(query)
        self._set_page("library")

    def show_view(self, name: str) -> None:
        target = {"library": NavTarget(NavKind.LIBRARY), "foryou": NavTarget(NavKind.FOR_YOU),
                  "jobs": NavTarget(NavKind.JOBS)}.get(name)
        if target is not None:
            self.sidebar.select(target)
            self.navigate(target)

    def open_clip(self, video_id: int, seconds: float | None = None) -> None:
        if self.current_page() != "clip":
            self._page_before_clip = self.current_page()
        show = getattr(self.clip_view, "show_clip", None)
        if show is not None:
            show(video_id, seconds)
        self._set_page("clip")

    def close_clip(self) -> None:
        self._set_page(self._page_before_clip)

    # ---- search -----------------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search(self, text: str) -> None:
        if not text:
            self._end_search_mode()
            self.navigate(self._nav if self._nav.kind not in (NavKind.JOBS, NavKind.FOR_YOU)
                          else NavTarget(NavKind.LIBRARY))
            return
        if self._grid_before_search is None:
            self._grid_before_search = self.library_view.grid
            self.library_view.set_grid(False)  # snippets read better as rows
            self._sync_mode_actions()
        self.library_view.set_title("Search")
        self.library_model.set_query(LibraryQuery(QueryKind.SEARCH, text=text))
        if self.current_page() != "library":
            self._set_page("library")

    def _end_search_mode(self) -> None:
        if self._grid_before_search is not None:
            self.library_view.set_grid(self._grid_before_search)
            self._grid_before_search = None
            self._sync_mode_actions()

    def _sync_mode_actions(self) -> None:
        self.grid_action.setChecked(self.library_view.grid)
        self.list_action.setChecked(not self.library_view.grid)

    def _focus_results(self) -> None:
        if self.library_model.rowCount():
            self.library_view.view.setFocus()
            if not self.library_view.view.currentIndex().isValid():
                self.library_view.select_row(0)

    # ---- adding ----------------------------------------------------------------------------------------

    def paste(self) -> None:
        clipboard = QGuiApplication.clipboard()
        mime = clipboard.mimeData() if clipboard is not None else None
        if mime is None or not self.adding.handle_mime(mime):
            self.show_add_dialog()

    def show_add_dialog(self) -> None:
        dialog = AddDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.links_entered.connect(self.adding.add_text)
        dialog.files_requested.connect(self.choose_files)
        dialog.import_requested.connect(self.choose_import)
        dialog.open()
        self.add_dialog = dialog

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
            self.message_bar.show_info(result.summary() + (". Downloading and transcribing in the background."
                                                           if result.ids and result.what != "demo" else "."))
        if result.ids and self.current_page() == "library" and self.library_model.query.kind != QueryKind.ALL \
                and not self.search.text():
            self.show_view("library")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if AddController.can_accept(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        if self.adding.handle_mime(event.mimeData()):
            event.acceptProposedAction()
        else:
            self.message_bar.show_error("Nothing in that drop is a video file, an export or a link we can download.")

    # ---- updates ------------------------------------------------------------------------------------------

    def _on_job(self, job: Job) -> None:
        self.library_model.set_job(job)
        self.foryou_model.set_job(job)
        self.jobs_view.on_job(job)
        if job.state in (JobState.DONE, JobState.FAILED, JobState.CANCELLED):
            self.sidebar.refresh()
            if job.step == JobStep.CAPTURE and job.video_id is not None:
                self.jobs_view.model._fetch_title(job.video_id)
        elif job.state == JobState.QUEUED:
            self.sidebar.refresh()
        if self.current_page() == "clip":
            return

    def _active_jobs(self, n: int) -> None:
        self.sidebar.set_active_jobs(n)
        self.status_label.setText(f"{n} job{'s' if n != 1 else ''} in progress" if n else "")

    def _clips_changed(self, _ids: list[int]) -> None:
        self.library_model.refresh()
        if self.current_page() == "foryou":
            self.foryou_model.refresh()
        self.sidebar.refresh()

    def _clips_dropped(self, ids: list[int], target: NavTarget) -> None:
        if target.kind == NavKind.FAVOURITES:
            self.actions_.set_favourite(ids, True)
        elif target.kind == NavKind.TAG:
            self.actions_.add_tags(ids, [target.tag])

    def refresh_all(self) -> None:
        self.library_model.refresh()
        self.sidebar.refresh()
        self.jobs_view.reload()
        if self.current_page() == "foryou":
            self.foryou_model.refresh()

    def show_failure(self, failure: Failure) -> None:
        self.message_bar.show_failure(failure)

    def set_grid(self, grid: bool) -> None:
        self._grid_before_search = None
        self.grid_action.setChecked(grid)
        self.list_action.setChecked(not grid)
        self.library_view.set_grid(grid)

    # ---- dialogs -----------------------------------------------------------------------------------------

    def show_export(self) -> None:
        video_id = None
        if self.current_page() == "clip":
            video = getattr(self.clip_view, "current_video", lambda: None)()
            video_id = getattr(video, "id", None)
        tag = self._nav.tag if self._nav.kind == NavKind.TAG else None
        open_export_dialog(self, self.services, self.worker, video_id=video_id, tag=tag)

    def show_settings(self) -> None:
        open_settings_dialog(self, self.services, self.worker)

    # ---- state ---------------------------------------------------------------------------------------------

    def _restore(self) -> None:
        geometry = self.state.bytes("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        window_state = self.state.bytes("windowState")
        if window_state is not None:
            self.restoreState(window_state)
        self._saved_splitter = self.state.sizes("splitter")
        header = self.state.bytes("jobsHeader")
        if header is not None:
            self.jobs_view.table.header().restoreState(header)
        self.set_grid(self.state.flag("grid", True))

    def save_state(self) -> None:
        self.state.set_bytes("geometry", self.saveGeometry())
        self.state.set_bytes("windowState", self.saveState())
        self.state.set_sizes("splitter", self.splitter.sizes())
        self.state.set_bytes("jobsHeader", self.jobs_view.table.header().saveState())
        grid = self._grid_before_search if self._grid_before_search is not None else self.library_view.grid
        self.state.set_flag("grid", grid)
        self.state.sync()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        sizes, self._saved_splitter = self._saved_splitter, None
        if sizes is not None and len(sizes) == 2 and sizes[0] >= 120:
            # once shown, the splitter knows its real width: keep the sidebar's width, give the rest to the pages
            total = sum(self.splitter.sizes()) or sum(sizes)
            sidebar = min(sizes[0], max(120, total - 300))
            self.splitter.setSizes([sidebar, max(1, total - sidebar)])

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        save_notes = getattr(self._clip_view, "save_notes", None)
        if save_notes is not None:
            save_notes()
        self.save_state()
        self.events.close()
        super().closeEvent(event)

    # ---- for screenshots and the benchmark ----------------------------------------------------------------

    def is_settled(self) -> bool:
        """Nothing is loading: the lists are read, the visible thumbnails decoded, the worker idle."""
        return (not self.library_model.is_loading and not self.foryou_model.is_loading and self.thumbs.is_idle()
                and self.worker.pool.activeThreadCount() == 0)

    def _later(self, ms: int, fn: object) -> None:
        QTimer.singleShot(ms, fn)  # type: ignore[call-overload]
