"""The sidebar: Library, For You, Favourites, Jobs and the tag tree with clip counts; clips can be dropped on tags."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import Enum

from PySide6.QtCore import QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QFont, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QInputDialog, QMenu, QTreeWidget, QTreeWidgetItem, QWidget

from studycompanion.core.types import JobState
from studycompanion.services import Services
from studycompanion.ui.common.focus import FocusRingDelegate
from studycompanion.ui.common.icons import icon
from studycompanion.ui.common.worker import Failure, Worker
from studycompanion.ui.library.model import CLIP_IDS_MIME

TARGET_ROLE = Qt.ItemDataRole.UserRole + 10


class NavKind(Enum):
    LIBRARY = "library"
    FOR_YOU = "foryou"
    FAVOURITES = "favourites"
    JOBS = "jobs"
    REVIEW = "review"
    TAG = "tag"
    TAGS = "tags"  # the heading of the tag tree


@dataclass(frozen=True)
class NavTarget:
    kind: NavKind
    tag: str = ""


@dataclass
class SidebarCounts:
    total: int = 0
    favourites: int = 0
    active_jobs: int = 0
    tags: dict[str, int] = field(default_factory=dict)  # tag path -> clips carrying it or a tag below it


def load_counts(services: Services) -> SidebarCounts:
    """Runs on the worker."""
    lib = services.library
    return SidebarCounts(
        total=lib.count_videos(),
        favourites=lib.count_videos(favourite=True),
        active_jobs=services.jobs.count([JobState.QUEUED, JobState.RUNNING]),
        tags=lib.tags.tag_clip_counts(),  # clips, each once (not tag rows, not suggestions)
    )


class Sidebar(QTreeWidget):
    navigate = Signal(object)  # NavTarget
    clips_dropped = Signal(list, object)  # video ids, NavTarget (a tag or Favourites)
    tag_renamed = Signal()
    review_tag = Signal(str)  # "Review this tag" from a tag's menu
    failed = Signal(object)  # Failure
    expansion_changed = Signal()  # a tag was expanded or collapsed (the window keeps it across restarts)

    def __init__(self, services: Services, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.worker = worker
        self.counts = SidebarCounts()
        self.setObjectName("Sidebar")
        self.setAccessibleName(self.tr("Library, favourites, tags, For You, review and jobs"))
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(True)
        self.setIndentation(14)
        self.setIconSize(QSize(18, 18))
        self.setUniformRowHeights(True)
        self.setFrameShape(QTreeWidget.Shape.NoFrame)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setMinimumWidth(180)
        self.setItemDelegate(FocusRingDelegate(self))  # a visible ring where the keyboard is

        self.library_item = self._top("library", self.tr("Library"), NavTarget(NavKind.LIBRARY))
        self.foryou_item = self._top("foryou", self.tr("For You"), NavTarget(NavKind.FOR_YOU))
        self.favourites_item = self._top("favourite", self.tr("Favourites"), NavTarget(NavKind.FAVOURITES))
        self.review_item = self._top("review", self.tr("Review"), NavTarget(NavKind.REVIEW))
        self.jobs_item = self._top("jobs", self.tr("Jobs"), NavTarget(NavKind.JOBS))
        self.tags_item = self._top("tags", self.tr("Tags"), NavTarget(NavKind.TAGS))
        bold = QFont(self.font())
        bold.setBold(True)
        self.tags_item.setFont(0, bold)
        self.tags_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.tags_item.setExpanded(True)
        self._tag_items: dict[str, QTreeWidgetItem] = {}
        self._expanded: set[str] | None = None  # restored expansion, applied when the tags arrive
        self.itemExpanded.connect(lambda _item: self.expansion_changed.emit())
        self.itemCollapsed.connect(lambda _item: self.expansion_changed.emit())
        self.setCurrentItem(self.library_item)
        self.currentItemChanged.connect(self._on_current)
        self.itemClicked.connect(self._on_clicked)
        self._current_before_press: QTreeWidgetItem | None = None

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(250)
        self._refresh_timer.timeout.connect(self._load)

    def _top(self, icon_name: str, text: str, target: NavTarget) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self, [text, ""])
        item.setIcon(0, icon(icon_name))
        item.setData(0, TARGET_ROLE, target)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

    # ---- navigation ---------------------------------------------------------------------------------------

    def _on_current(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is None:
            return
        target: NavTarget | None = current.data(0, TARGET_ROLE)
        if target is not None and target.kind != NavKind.TAGS:
            self.navigate.emit(target)

    def _on_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        """A click on the item already selected still goes there (Library while a clip is open goes back)."""
        if item is not self._current_before_press:
            return  # a new item: currentItemChanged navigated already
        target = item.data(0, TARGET_ROLE)
        if isinstance(target, NavTarget) and target.kind != NavKind.TAGS:
            self.navigate.emit(target)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._current_before_press = self.currentItem()
        super().mousePressEvent(event)

    def select(self, target: NavTarget) -> None:
        """Highlight a target without emitting navigate (the window already shows it)."""
        item = {
            NavKind.LIBRARY: self.library_item, NavKind.FOR_YOU: self.foryou_item,
            NavKind.FAVOURITES: self.favourites_item, NavKind.JOBS: self.jobs_item,
            NavKind.REVIEW: self.review_item,
        }.get(target.kind) or self._tag_items.get(target.tag)
        if item is not None and item is not self.currentItem():
            self.blockSignals(True)
            self.setCurrentItem(item)
            self.blockSignals(False)

    def current_target(self) -> NavTarget:
        item = self.currentItem()
        target = item.data(0, TARGET_ROLE) if item is not None else None
        return target if isinstance(target, NavTarget) else NavTarget(NavKind.LIBRARY)

    # ---- counts ---------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read counts and tags soon (calls within 250 ms are merged)."""
        if not self._refresh_timer.isActive():
            self._refresh_timer.start()

    def _load(self) -> None:
        services = self.services
        self.worker.run(lambda: load_counts(services), self._apply, self._failed)

    def _failed(self, failure: Failure) -> None:
        self.failed.emit(failure)

    def _apply(self, counts: SidebarCounts) -> None:
        self.counts = counts
        self.library_item.setText(1, f"{counts.total:,}")
        self.favourites_item.setText(1, f"{counts.favourites:,}" if counts.favourites else "")
        self.set_active_jobs(counts.active_jobs)
        self._rebuild_tags(counts.tags)

    def set_active_jobs(self, n: int) -> None:
        self.counts.active_jobs = n
        self.jobs_item.setText(1, str(n) if n else "")

    def expanded_tags(self) -> list[str]:
        if self._expanded is not None and not self._tag_items:
            return sorted(self._expanded)  # restored, the tags not read yet
        return sorted(path for path, item in self._tag_items.items() if item.isExpanded())

    def set_expanded_tags(self, paths: list[str]) -> None:
        """The expansion to show (restored at start-up); applied now and when the tags are next read."""
        self._expanded = set(paths)
        for path, item in self._tag_items.items():
            item.setExpanded(path in self._expanded)

    def _rebuild_tags(self, tags: dict[str, int]) -> None:
        totals = {path: n for path, n in tags.items() if n > 0}
        current = self.current_target()
        if self._expanded is not None:
            expanded, self._expanded = self._expanded, None
        else:
            expanded = {path for path, item in self._tag_items.items() if item.isExpanded()}
        self.blockSignals(True)
        for item in self._tag_items.values():
            parent = item.parent()
            if parent is not None:
                parent.removeChild(item)
        self._tag_items = {}
        for path in sorted(totals, key=lambda p: [s.lower() for s in p.split("::")]):
            parent_path, _, leaf = path.rpartition("::")
            parent = self._tag_items.get(parent_path, self.tags_item) if parent_path else self.tags_item
            item = QTreeWidgetItem(parent, [leaf, f"{totals[path]:,}"])
            item.setIcon(0, icon("tag"))
            item.setData(0, TARGET_ROLE, NavTarget(NavKind.TAG, path))
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, path)
            self._tag_items[path] = item
            if path in expanded:
                item.setExpanded(True)
        self.tags_item.setToolTip(0, "" if totals else self.tr(
            "No tags yet: right-click clips or drop them here to tag them"))
        self.tags_item.setExpanded(True)
        if current.kind == NavKind.TAG:
            self.setCurrentItem(self._tag_items.get(current.tag) or self.library_item)
        self.blockSignals(False)
        if current.kind == NavKind.TAG and current.tag not in self._tag_items:
            self.navigate.emit(NavTarget(NavKind.LIBRARY))  # the tag is gone (renamed, last clip untagged)

    def tag_names(self) -> list[str]:
        return list(self._tag_items)

    # ---- drops: clips onto a tag (tags them) or onto Favourites ---------------------------------------------

    def _drop_target(self, pos: QPoint) -> NavTarget | None:
        item = self.itemAt(pos)
        target = item.data(0, TARGET_ROLE) if item is not None else None
        if isinstance(target, NavTarget) and target.kind in (NavKind.TAG, NavKind.FAVOURITES):
            return target
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasFormat(CLIP_IDS_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if event.mimeData().hasFormat(CLIP_IDS_MIME) and self._drop_target(event.position().toPoint()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        target = self._drop_target(event.position().toPoint())
        if target is None or not event.mimeData().hasFormat(CLIP_IDS_MIME):
            event.ignore()
            return
        ids = [int(i) for i in json.loads(bytes(event.mimeData().data(CLIP_IDS_MIME).data()).decode() or "[]")]
        event.acceptProposedAction()
        if ids:
            self.clips_dropped.emit(ids, target)

    # ---- renaming tags -----------------------------------------------------------------------------------

    def _context_menu(self, pos: QPoint) -> None:
        item = self.itemAt(pos)
        target = item.data(0, TARGET_ROLE) if item is not None else None
        if not isinstance(target, NavTarget) or target.kind != NavKind.TAG:
            return
        menu = QMenu(self)
        menu.addAction(icon("review"), self.tr("Review this tag")).triggered.connect(
            lambda: self.review_tag.emit(target.tag))
        menu.addAction(icon("tag"), self.tr("Rename tag…")).triggered.connect(lambda: self.ask_rename(target.tag))
        menu.popup(self.viewport().mapToGlobal(pos))

    def ask_rename(self, old: str) -> None:
        new, ok = QInputDialog.getText(self, self.tr("Rename tag"),
                                       self.tr("New name for {tag} (an existing name merges the two):").format(tag=old),
                                       text=old)
        if ok and new.strip() and new.strip() != old:
            self.rename_tag(old, new.strip())

    def rename_tag(self, old: str, new: str) -> None:
        lib = self.services.library
        self.worker.run(lambda: lib.tags.rename_tag(old, new), lambda _n: self._renamed(), self._failed)

    def _renamed(self) -> None:
        self.tag_renamed.emit()
        self.refresh()
