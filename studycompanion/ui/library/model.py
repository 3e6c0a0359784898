"""The library's item model: rows of clips for a query (all, favourites, a tag, a search, For You), paged lazily.

It stays smooth at 100k clips: the row count comes from one COUNT, rows are read a page at a time on the worker
when the view first asks for them (a bounded number of pages stays in memory), thumbnails come from the
ThumbnailCache, and job progress is merged in from pipeline events. The UI thread never reads the database.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from studycompanion.core.db.tables import Job
from studycompanion.core.errors import NotFound
from studycompanion.core.types import JobState, JobStep
from studycompanion.ui.common.thumbnails import ThumbnailCache
from studycompanion.ui.common.worker import Failure, Worker
from studycompanion.ui.library.source import (
    CLIP_IDS_MIME,
    ClipItem,
    ClipSource,
    Head,
    JobBadge,
    LibraryQuery,
    QueryKind,
    RowNote,
    display_title,
)

Index = QModelIndex | QPersistentModelIndex
__all__ = ["CLIP_IDS_MIME", "ClipItem", "ClipSource", "JobBadge", "LibraryModel", "LibraryQuery", "QueryKind",
           "RowNote", "display_title"]


@dataclass
class _Index:
    row_of_id: dict[int, int] = field(default_factory=dict)
    rows_of_thumb: dict[str, set[int]] = field(default_factory=dict)


class LibraryModel(QAbstractListModel):
    ItemRole = Qt.ItemDataRole.UserRole + 1  # ClipItem | None (None while its page loads)
    ThumbRole = Qt.ItemDataRole.UserRole + 2  # QPixmap | None
    JobRole = Qt.ItemDataRole.UserRole + 3  # JobBadge | None
    IdRole = Qt.ItemDataRole.UserRole + 4  # int | None

    loaded = Signal()  # the rows of the current query are known (after set_query / refresh)
    failed = Signal(object)  # Failure while reading

    PAGE = 100
    MAX_PAGES = 40  # 4,000 rows in memory at most

    def __init__(self, source: ClipSource, worker: Worker, thumbs: ThumbnailCache,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.worker = worker
        self.thumbs = thumbs
        self.query = LibraryQuery()
        self.heading = ""
        self.is_loading = False
        self.pages_read = 0  # for tests and the benchmark
        self._gen = 0
        self._count = 0
        self._notes: list[RowNote] | None = None
        self._pages: OrderedDict[int, list[ClipItem]] = OrderedDict()
        self._pending: set[int] = set()
        self._stale: set[int] = set()
        self._index = _Index()
        self._jobs: dict[int, JobBadge] = {}
        thumbs.ready.connect(self._thumb_ready)

    # ---- loading ------------------------------------------------------------------------------------

    def set_query(self, query: LibraryQuery) -> None:
        """Show another list; the old rows stay until the new ones are read."""
        self.query = query
        self._reload(reset=True)

    def refresh(self) -> None:
        """Re-read the current list (after adds, deletes, tag changes) without flicker."""
        self._reload(reset=False)

    def _reload(self, reset: bool) -> None:
        self._gen += 1
        gen, query, source = self._gen, self.query, self.source
        self.is_loading = True
        self.worker.run(lambda: (gen, reset, source.head(query, self.PAGE)), self._on_head, self._on_failed)

    def _on_head(self, result: tuple[int, bool, Head]) -> None:
        gen, reset, head = result
        if gen != self._gen:
            return
        self.pages_read += 1
        self.heading = head.heading
        if reset or head.count != self._count:
            self.beginResetModel()
            self._count, self._notes = head.count, head.notes
            self._pages.clear()
            self._pending.clear()
            self._stale.clear()
            self._index = _Index()
            self._store(0, head.first)
            self.endResetModel()
        else:
            self._notes = head.notes
            self._pending.clear()
            self._stale = set(self._pages) - {0}
            self._store(0, head.first)
            if self._count:
                self.dataChanged.emit(self.index(0), self.index(self._count - 1))
        self.is_loading = False
        self.loaded.emit()

    def _on_failed(self, failure: Failure) -> None:
        self.is_loading = False
        self.failed.emit(failure)

    def _request(self, page: int) -> None:
        if page in self._pending:
            return
        self._pending.add(page)
        gen, query, notes, source = self._gen, self.query, self._notes, self.source
        self.worker.run(lambda: (gen, page, source.page(query, notes, page, self.PAGE)), self._on_page,
                        self._on_failed)

    def _on_page(self, result: tuple[int, int, list[ClipItem]]) -> None:
        gen, page, items = result
        if gen != self._gen:
            return
        self._pending.discard(page)
        self._stale.discard(page)
        self.pages_read += 1
        self._store(page, items)
        first = page * self.PAGE
        last = min(self._count, first + len(items)) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first), self.index(last))

    def _store(self, page: int, items: list[ClipItem]) -> None:
        old = self._pages.pop(page, None)
        if old is not None:
            self._unindex(page, old)
        self._pages[page] = items
        base = page * self.PAGE
        for i, item in enumerate(items):
            self._index.row_of_id[item.id] = base + i
            if item.thumbnail:
                self._index.rows_of_thumb.setdefault(item.thumbnail, set()).add(base + i)
        while len(self._pages) > self.MAX_PAGES:
            evicted, evicted_items = self._pages.popitem(last=False)
            self._unindex(evicted, evicted_items)

    def _unindex(self, page: int, items: list[ClipItem]) -> None:
        base = page * self.PAGE
        for i, item in enumerate(items):
            if self._index.row_of_id.get(item.id) == base + i:
                del self._index.row_of_id[item.id]
            rows = self._index.rows_of_thumb.get(item.thumbnail)
            if rows is not None:
                rows.discard(base + i)
                if not rows:
                    del self._index.rows_of_thumb[item.thumbnail]

    # ---- reading --------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._count

    def item(self, row: int) -> ClipItem | None:
        """The clip at `row`, or None while its page is read (which this call starts)."""
        if not 0 <= row < self._count:
            return None
        page = row // self.PAGE
        items = self._pages.get(page)
        if items is None or page in self._stale:
            self._request(page)
        if items is None:
            return None
        self._pages.move_to_end(page)
        offset = row - page * self.PAGE
        return items[offset] if offset < len(items) else None

    def row_of(self, video_id: int) -> int | None:
        return self._index.row_of_id.get(video_id)

    def note(self, row: int) -> RowNote | None:
        if self._notes is None or not 0 <= row < len(self._notes):
            return None
        return self._notes[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        if role == self.JobRole:
            item = self.item(row)
            return self._jobs.get(item.id) if item else None
        item = self.item(row)
        if role == self.ItemRole:
            return item
        if role == self.IdRole:
            if item is not None:
                return item.id
            note = self.note(row)
            return note.video_id if note else None
        if item is None:
            return self.tr("Loading…") if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return item.title
        if role == self.ThumbRole:
            return self.thumbs.peek(item.thumbnail)  # the delegate asks the cache for its exact size
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [item.title, item.creator]
            if item.tags:
                lines.append(self.tr("Tags: {tags}").format(tags=", ".join(item.tags)))
            if item.error:
                lines.append(item.error)
            return "\n".join(x for x in lines if x)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{item.title}, {item.creator}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [CLIP_IDS_MIME, "text/plain"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        ids = []
        for index in indexes:
            vid = self.data(index, self.IdRole)
            if vid is not None and vid not in ids:
                ids.append(vid)
        mime = QMimeData()
        mime.setData(CLIP_IDS_MIME, QByteArray(json.dumps(ids).encode()))
        items = [self.item(i.row()) for i in indexes]
        mime.setText("\n".join(it.source_url for it in items if it is not None and it.source_url))
        return mime

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.CopyAction

    # ---- live updates ------------------------------------------------------------------------------------

    def _thumb_ready(self, path: str) -> None:
        for row in list(self._index.rows_of_thumb.get(path, ())):
            if row < self._count:
                idx = self.index(row)
                self.dataChanged.emit(idx, idx, [self.ThumbRole])

    def _emit_row(self, video_id: int, roles: Sequence[int] = ()) -> None:
        row = self._index.row_of_id.get(video_id)
        if row is not None and row < self._count:
            idx = self.index(row)
            self.dataChanged.emit(idx, idx, list(roles))

    def set_job(self, job: Job) -> None:
        """A job changed (UI thread): update the clip's progress badge; re-read the clip when a step ends."""
        if job.video_id is None:
            return
        vid = job.video_id
        if job.state in (JobState.QUEUED, JobState.RUNNING):
            self._jobs[vid] = JobBadge(job.step, job.state, job.progress, job.message)
            self._emit_row(vid, [self.JobRole])
            if job.state == JobState.RUNNING and job.step == JobStep.CAPTURE and job.progress == 0:
                self.update_video(vid)  # now downloading
        else:
            if self._jobs.pop(vid, None) is not None:
                self._emit_row(vid, [self.JobRole])
            self.update_video(vid)

    def job_badge(self, video_id: int) -> JobBadge | None:
        return self._jobs.get(video_id)

    def set_jobs(self, jobs: Sequence[Job]) -> None:
        """The active jobs at start (their updates then come through set_job)."""
        for job in jobs:
            if job.video_id is not None and job.state in (JobState.QUEUED, JobState.RUNNING):
                self._jobs[job.video_id] = JobBadge(job.step, job.state, job.progress, job.message)
        if self._count:
            self.dataChanged.emit(self.index(0), self.index(self._count - 1), [self.JobRole])

    def update_video(self, video_id: int) -> None:
        """Re-read one clip (its status, title, thumbnail changed) if it is on a loaded page."""
        if video_id not in self._index.row_of_id:
            return
        gen, source = self._gen, self.source

        def read() -> tuple[int, int, ClipItem | None]:
            try:
                return gen, video_id, source.one(video_id)
            except NotFound:
                return gen, video_id, None

        self.worker.run(read, self._on_video, self._on_failed)

    def _on_video(self, result: tuple[int, int, ClipItem | None]) -> None:
        gen, video_id, item = result
        if gen != self._gen:
            return
        row = self._index.row_of_id.get(video_id)
        if item is None or row is None:
            self.refresh()  # deleted: the rows move
            return
        page = row // self.PAGE
        items = self._pages.get(page)
        if items is None:
            return
        old = items[row - page * self.PAGE]
        if old.snippet or old.reason or old.seconds is not None:  # keep what the search / For You said
            item = ClipItem(**{**item.__dict__, "snippet": old.snippet, "seconds": old.seconds, "reason": old.reason})
        if old.thumbnail != item.thumbnail or not old.thumbnail:
            self.thumbs.forget(item.thumbnail)
        items[row - page * self.PAGE] = item
        self._store(page, items)
        self._emit_row(video_id)
