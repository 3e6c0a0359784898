"""The main window: layout (toolbar, sidebar, pages) and the wiring between views, services and job events.

Its helpers (composition): `shell_library_search` (search mode), `shell_adding_actions` (the commands),
`shell_upkeep` (what runs beside the views), `shell_window_state` (what is kept for the next start)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studycompanion import __version__
from studycompanion.core.db.tables import Job
from studycompanion.core.types import JobState, JobStep
from studycompanion.services import Services
from studycompanion.ui.adding.adding import AddController
from studycompanion.ui.clip.actions import ClipActions
from studycompanion.ui.common.icons import app_icon
from studycompanion.ui.common.message_bar import MessageBar
from studycompanion.ui.common.thumbnails import ThumbnailCache
from studycompanion.ui.common.worker import Failure, Worker
from studycompanion.ui.foryou.table import for_you_rows
from studycompanion.ui.jobs.events import JobEvents
from studycompanion.ui.jobs.view import JobsView
from studycompanion.ui.library.model import ClipSource, LibraryModel, LibraryQuery, QueryKind
from studycompanion.ui.library.sidebar import NavKind, NavTarget, Sidebar
from studycompanion.ui.library.view import LibraryView
from studycompanion.ui.shell.actions import build_actions
from studycompanion.ui.shell.adding_actions import WindowCommands, WindowParts
from studycompanion.ui.shell.library_search import LibrarySearch, SearchParts
from studycompanion.ui.shell.pages import (
    LazyPage,
    make_clip_view,
    make_foryou_view,
    make_review_view,
)
from studycompanion.ui.shell.upkeep import UpkeepParts, WindowUpkeep
from studycompanion.ui.shell.window_state import WindowState

if TYPE_CHECKING:
    from studycompanion.ui.clip.view import ClipView
    from studycompanion.ui.foryou.view import ForYouView
    from studycompanion.ui.review.view import ReviewView

log = logging.getLogger(__name__)

PAGES = ("library", "foryou", "jobs", "clip", "review")


class MainWindow(QMainWindow):
    page_changed = Signal(str)

    def __init__(self, services: Services, worker: Worker, *, restore_state: bool = True) -> None:
        super().__init__()
        self.services = services
        self.worker = worker
        # a library that cannot be written opens for browsing, search and export, and the title says so
        self.setWindowTitle(self.tr("StudyCompanion — read-only") if services.read_only else "StudyCompanion")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.state = WindowState(services.paths)
        self._nav = NavTarget(NavKind.LIBRARY)
        self._page_before_clip = "library"
        self._saved_splitter: list[int] | None = None

        # what the views share
        self.events = JobEvents(services.pipeline, self)
        self.thumbs = ThumbnailCache(worker, parent=self)
        self.source = ClipSource(services.library, lambda: for_you_rows(services), services.interests.record_search)
        self.library_model = LibraryModel(self.source, worker, self.thumbs, self)
        self.actions_ = ClipActions(services, worker, self)
        self.adding = AddController(services, worker, self)

        self._build()
        self.library_search = LibrarySearch(SearchParts(
            library_view=self.library_view, library_model=self.library_model, sidebar=self.sidebar,
            grid_action=self.grid_action, list_action=self.list_action, nav=lambda: self._nav,
            navigate=self.navigate, current_page=self.current_page, set_page=self._set_page))
        self.commands = WindowCommands(WindowParts(
            window=self, services=services, worker=worker, adding=self.adding, library_view=self.library_view,
            library_model=self.library_model, sidebar=self.sidebar, message_bar=self.message_bar,
            search=self.search, state=self.state, current_page=self.current_page, show_view=self.show_view,
            current_clip_id=self._current_clip_id, current_tag=self._current_tag))
        self._wire()
        # the library guard, the watch folder, the import bar, a second start's files, the first-run model offer
        self.upkeep = WindowUpkeep(UpkeepParts(
            window=self, services=services, worker=worker, adding=self.adding, message_bar=self.message_bar,
            empty=self.library_view.empty, clips_changed=lambda: self._clips_changed([])))
        self.guard, self.watch, self.import_bar = self.upkeep.guard, self.upkeep.watch, self.upkeep.import_bar
        if restore_state:
            self._restore()
        # the first page of clips first; counts, tags and jobs once it is on screen
        self._first_load_done = False
        self.library_model.loaded.connect(self._after_first_load)
        self.library_model.failed.connect(self._after_first_load)
        self.library_model.set_query(LibraryQuery())

    def _after_first_load(self, *_args: object) -> None:
        if self._first_load_done:
            return
        self._first_load_done = True
        self.upkeep.show_notices()
        self.sidebar.refresh()
        self.jobs_view.reload()
        jobs = self.services.jobs
        self.worker.run(lambda: jobs.list_jobs([JobState.QUEUED, JobState.RUNNING]), self.library_model.set_jobs)

    # ---- layout ---------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.sidebar = Sidebar(self.services, self.worker)
        self.library_view = LibraryView(self.library_model, self.actions_)
        self.jobs_view = JobsView(self.services, self.worker)
        self.jobs_view.table.setAccessibleName(self.tr("Jobs"))  # ui/jobs builds the table; the window names it
        # made on first use: the clip and review pages load QtMultimedia, For You the interests model
        self.clip_page = LazyPage(lambda: make_clip_view(self.services, self.worker))
        self.foryou_page = LazyPage(lambda: make_foryou_view(self.services, self.worker))
        self.review_page = LazyPage(lambda: make_review_view(self.services, self.worker))
        self.pages = QStackedWidget()
        for widget in (self.library_view, self.foryou_page, self.jobs_view, self.clip_page, self.review_page):
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
        self.acts = build_actions(self)
        self.search = self.acts.search
        self.grid_action, self.list_action = self.acts.grid, self.acts.list
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self.resize(1280, 800)

    # ---- wiring ----------------------------------------------------------------------------------------

    def _wire(self) -> None:
        a, c = self.acts, self.commands
        a.add.triggered.connect(c.show_add_dialog)
        a.paste.triggered.connect(c.paste)
        a.files.triggered.connect(c.choose_files)
        a.import_.triggered.connect(c.choose_import)
        a.grid.triggered.connect(lambda: self.set_grid(True))
        a.list.triggered.connect(lambda: self.set_grid(False))
        a.export.triggered.connect(c.show_export)
        a.settings.triggered.connect(c.show_settings)
        a.open_folder.triggered.connect(c.open_library_folder)
        a.shortcuts.triggered.connect(c.show_shortcuts)
        a.open_log.triggered.connect(c.open_log)
        a.report.triggered.connect(c.report_problem)
        a.quit.triggered.connect(self.close)
        a.refresh.triggered.connect(self.refresh_all)
        a.about.triggered.connect(lambda: self.message_bar.show_info(
            self.tr("StudyCompanion {version}. Your library stays on this computer, in {folder}").format(
                version=__version__, folder=self.services.paths.root),
            seconds=10))
        for name, action in a.views.items():
            action.triggered.connect(lambda _=False, n=name: self.show_view(n))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Paste), self, c.paste)  # Ctrl+V anywhere but in text
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.focus_search)

        self.worker.on_unhandled_error = self.show_failure
        self.events.job_changed.connect(self._on_job)
        self.sidebar.navigate.connect(self.navigate)
        self.sidebar.clips_dropped.connect(self._clips_dropped)
        self.sidebar.tag_renamed.connect(self.library_model.refresh)
        self.sidebar.review_tag.connect(lambda tag: self.show_review([tag]))
        self.sidebar.failed.connect(self.show_failure)
        self.search.search_changed.connect(self.library_search.search)
        self.search.go_to_results.connect(self.library_search.focus_results)
        view = self.library_view
        view.open_requested.connect(self.open_clip)
        view.empty.paste_requested.connect(c.paste)
        view.empty.files_requested.connect(c.choose_files)
        view.empty.import_requested.connect(c.choose_import)
        view.empty.demo_requested.connect(c.add_demo)
        view.empty.model_requested.connect(c.show_model_picker)
        self.library_model.failed.connect(self.show_failure)
        self.actions_.changed.connect(self._clips_changed)
        self.actions_.deleted.connect(self._clips_changed)
        self.actions_.failed.connect(self.show_failure)
        self.adding.added.connect(c.added)
        self.adding.failed.connect(self.show_failure)
        self.adding.busy.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self.jobs_view.failed.connect(self.show_failure)
        self.jobs_view.open_clip.connect(self.open_clip)
        self.jobs_view.active_count_changed.connect(self._active_jobs)
        self.clip_page.built.connect(self._wire_clip_view)
        self.foryou_page.built.connect(self._wire_foryou_view)
        self.review_page.built.connect(self._wire_review_view)

    def _wire_clip_view(self, widget: QWidget) -> None:
        view = cast("ClipView", widget)  # the page's factory makes exactly this class
        view.back_requested.connect(self.close_clip)
        view.clip_changed.connect(lambda _video: self._clips_changed([]))

    def _wire_foryou_view(self, widget: QWidget) -> None:
        view = cast("ForYouView", widget)  # the page's factory makes exactly this class
        view.open_clip_requested.connect(lambda vid: self.open_clip(vid))
        view.open_clip_at_requested.connect(lambda vid, at: self.open_clip(vid, at))
        view.review_requested.connect(lambda: self.show_review(None))
        view.failed.connect(self.show_failure)

    def _wire_review_view(self, widget: QWidget) -> None:
        view = cast("ReviewView", widget)  # the page's factory makes exactly this class
        view.open_clip_requested.connect(lambda vid, at: self.open_clip(vid, at))
        view.failed.connect(self.show_failure)
        view.finished.connect(lambda _summary: self.sidebar.refresh())

    @property
    def clip_view(self) -> ClipView:
        """The clip page's view (made the first time a clip is opened)."""
        view = self.clip_page.view()
        assert view is not None
        return cast("ClipView", view)

    @property
    def foryou_view(self) -> ForYouView:
        view = self.foryou_page.view()
        assert view is not None
        return cast("ForYouView", view)

    @property
    def review_view(self) -> ReviewView:
        view = self.review_page.view()
        assert view is not None
        return cast("ReviewView", view)

    def _current_clip_id(self) -> int | None:
        if self.current_page() != "clip" or self.clip_page.peek() is None:
            return None
        video = self.clip_view.current_video()
        return video.id if video is not None else None

    def _current_tag(self) -> str | None:
        return self._nav.tag if self._nav.kind == NavKind.TAG else None

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
            self.foryou_view.reload()  # a fresh ranking each visit
            self._set_page("foryou")
            return
        if target.kind == NavKind.REVIEW:
            self.show_review(None, reset=False)
            return
        if self.search.text().strip():
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.search.flush()
            self.library_search.end()
        if target.kind == NavKind.FAVOURITES:
            query, title = LibraryQuery(QueryKind.FAVOURITES), self.tr("Favourites")
        elif target.kind == NavKind.TAG:
            query, title = LibraryQuery(QueryKind.TAG, tag=target.tag), target.tag.replace("::", " › ")
        else:
            query, title = LibraryQuery(), self.tr("Library")
        self.library_view.set_title(title)
        self.library_model.set_query(query)
        self._set_page("library")

    def show_view(self, name: str) -> None:
        kinds = {"library": NavKind.LIBRARY, "foryou": NavKind.FOR_YOU, "jobs": NavKind.JOBS,
                 "review": NavKind.REVIEW}
        if name in kinds:
            target = NavTarget(kinds[name])
            self.sidebar.select(target)
            self.navigate(target)

    def show_review(self, tags: list[str] | None, *, reset: bool = True) -> None:
        """The review page; with `reset`, its setup with these tags chosen (None: For You)."""
        view = self.review_view
        if reset or view.page() == "setup":
            view.show_setup()
            if reset:
                view.set_scope(tags)
        self.sidebar.select(NavTarget(NavKind.REVIEW))
        self._set_page("review")

    def open_clip(self, video_id: int, seconds: float | None = None) -> None:
        if self.current_page() != "clip":
            self._page_before_clip = self.current_page()
        self.clip_view.show_clip(video_id, seconds)
        self._set_page("clip")

    def close_clip(self) -> None:
        self._set_page(self._page_before_clip)

    # ---- search -----------------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def set_grid(self, grid: bool) -> None:
        self.library_search.set_grid(grid)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if AddController.can_accept(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        if self.adding.handle_mime(event.mimeData()):
            event.acceptProposedAction()
        else:
            self.message_bar.show_error(
                self.tr("Nothing in that drop is a video file, an export or a link we can download."))

    # ---- updates ------------------------------------------------------------------------------------------

    def _on_job(self, job: Job) -> None:
        self.library_model.set_job(job)
        self.jobs_view.on_job(job)
        if job.state in (JobState.QUEUED, JobState.DONE, JobState.FAILED, JobState.CANCELLED):
            self.sidebar.refresh()
            if job.step == JobStep.CAPTURE and job.state == JobState.DONE and job.video_id is not None:
                self.jobs_view.refresh_title(job.video_id)

    def open_arguments(self, args: list[str]) -> None:
        """Files and links from a second start or the command line (app.run_gui wires it): add them, come forward."""
        self.upkeep.open_arguments(args)

    def _active_jobs(self, n: int) -> None:
        self.sidebar.set_active_jobs(n)
        text = self.tr("{n} job in progress") if n == 1 else self.tr("{n} jobs in progress")
        self.status_label.setText(text.format(n=n) if n else "")

    def _clips_changed(self, _ids: list[int]) -> None:
        self.library_model.refresh()
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
            self.navigate(NavTarget(NavKind.FOR_YOU))

    def show_failure(self, failure: Failure) -> None:
        self.message_bar.show_failure(failure)

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
        self.sidebar.set_expanded_tags(self.state.strings("tagsExpanded"))

    def save_state(self) -> None:
        self.state.set_bytes("geometry", self.saveGeometry())
        self.state.set_bytes("windowState", self.saveState())
        self.state.set_sizes("splitter", self.splitter.sizes())
        self.state.set_bytes("jobsHeader", self.jobs_view.table.header().saveState())
        self.state.set_flag("grid", self.library_search.chosen_grid())
        self.state.set_strings("tagsExpanded", self.sidebar.expanded_tags())
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
        if self.clip_page.peek() is not None:
            self.clip_view.save_notes()
            self.clip_view.save_position()
            self.clip_view.positions.sync()
        self.save_state()
        self.events.close()
        self.upkeep.stop()
        super().closeEvent(event)

    def is_settled(self) -> bool:
        """Nothing is loading: the lists are read, the visible thumbnails made, the worker idle (screenshots)."""
        loading = self.library_model.is_loading
        return not loading and self.thumbs.is_idle() and self.worker.pool.activeThreadCount() == 0
