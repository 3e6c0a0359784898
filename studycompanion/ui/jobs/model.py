"""The jobs table model: every capture / transcription / cards job with its clip, state, progress and ETA."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from studycompanion.core.db.tables import Job
from studycompanion.core.errors import NotFound
from studycompanion.core.types import JobState
from studycompanion.services import Services
from studycompanion.ui.common.i18n import QT_TRANSLATE_NOOP
from studycompanion.ui.common.steps import STEP_LABELS
from studycompanion.ui.common.theme import JOB_STATE_COLORS, fmt_eta
from studycompanion.ui.common.worker import Failure, Worker
from studycompanion.ui.library.model import display_title

Index = QModelIndex | QPersistentModelIndex

STATE_NAMES = {  # English source texts: show them through state_name()
    JobState.QUEUED: QT_TRANSLATE_NOOP("JobsModel", "Waiting"),
    JobState.RUNNING: QT_TRANSLATE_NOOP("JobsModel", "Running"),
    JobState.DONE: QT_TRANSLATE_NOOP("JobsModel", "Done"),
    JobState.FAILED: QT_TRANSLATE_NOOP("JobsModel", "Failed"),
    JobState.CANCELLED: QT_TRANSLATE_NOOP("JobsModel", "Cancelled"),
}
ACTIVE = (JobState.QUEUED, JobState.RUNNING)


def state_name(state: JobState) -> str:
    return QCoreApplication.translate("JobsModel", STATE_NAMES[state])


class JobFilter(Enum):
    ALL = QT_TRANSLATE_NOOP("JobsModel", "All jobs")  # the value is the English label: see `label`
    ACTIVE = QT_TRANSLATE_NOOP("JobsModel", "Running and waiting")
    FAILED = QT_TRANSLATE_NOOP("JobsModel", "Failed")

    @property
    def label(self) -> str:
        return QCoreApplication.translate("JobsModel", self.value)

    def states(self) -> list[JobState] | None:
        if self == JobFilter.ACTIVE:
            return list(ACTIVE)
        if self == JobFilter.FAILED:
            return [JobState.FAILED, JobState.CANCELLED]
        return None

    def accepts(self, job: Job) -> bool:
        states = self.states()
        return states is None or job.state in states


@dataclass
class JobRow:
    job: Job
    clip: str  # the clip's title ("" while unknown)


def describe(job: Job) -> str:
    """The readable one-liner under a job: its error, its progress message, or what it waits for."""
    translate = QCoreApplication.translate
    if job.state == JobState.FAILED:
        return job.error or translate("JobsModel", "Failed")
    if job.state == JobState.RUNNING:
        eta = fmt_eta(job.eta)
        return "  ·  ".join(x for x in (job.message, eta) if x)
    if job.state == JobState.QUEUED:
        return job.message or translate("JobsModel", "Waiting for its turn")
    if job.state == JobState.CANCELLED:
        return translate("JobsModel", "Cancelled")
    when = _when(job.finished_at)
    return translate("JobsModel", "Done {when}").format(when=when) if when else translate("JobsModel", "Done")


def _when(moment: datetime | None) -> str:
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    translate = QCoreApplication.translate
    seconds = (datetime.now(UTC) - moment).total_seconds()
    if seconds < 60:
        return translate("JobsModel", "just now")
    if seconds < 3600:
        return translate("JobsModel", "{n} min ago").format(n=int(seconds // 60))
    local = moment.astimezone()
    if seconds < 86400:
        return translate("JobsModel", "at {time}").format(time=f"{local:%H:%M}")
    return translate("JobsModel", "on {date}").format(date=f"{local:%d %b %Y}")


def load_jobs(services: Services, job_filter: JobFilter, limit: int = 500) -> list[JobRow]:
    """Runs on the worker: the jobs, newest first, with their clips' titles."""
    jobs = services.jobs.list_jobs(job_filter.states(), limit=limit)
    titles: dict[int, str] = {}
    for vid in {j.video_id for j in jobs if j.video_id is not None}:
        try:
            titles[vid] = display_title(services.library.get(vid))
        except NotFound:
            titles[vid] = QCoreApplication.translate("JobsModel", "(deleted clip)")
    return [JobRow(j, titles.get(j.video_id, "") if j.video_id is not None else "") for j in jobs]


class JobsModel(QAbstractTableModel):
    COLUMNS = (QT_TRANSLATE_NOOP("JobsModel", "Clip"), QT_TRANSLATE_NOOP("JobsModel", "Step"),
               QT_TRANSLATE_NOOP("JobsModel", "Status"), QT_TRANSLATE_NOOP("JobsModel", "Progress"),
               QT_TRANSLATE_NOOP("JobsModel", "Details"))  # English source texts: headerData translates them
    CLIP, STEP, STATE, PROGRESS, DETAILS = range(5)
    JobRoleId = Qt.ItemDataRole.UserRole + 1
    ProgressRole = Qt.ItemDataRole.UserRole + 2

    loaded = Signal()
    failed = Signal(object)

    def __init__(self, services: Services, worker: Worker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.worker = worker
        self.filter = JobFilter.ALL
        self.rows: list[JobRow] = []
        self._titles: dict[int, str] = {}
        self._gen = 0

    def reload(self) -> None:
        self._gen += 1
        gen, services, job_filter = self._gen, self.services, self.filter
        self.worker.run(lambda: (gen, load_jobs(services, job_filter)), self._on_loaded, self._on_failed)

    def set_filter(self, job_filter: JobFilter) -> None:
        self.filter = job_filter
        self.reload()

    def _on_loaded(self, result: tuple[int, list[JobRow]]) -> None:
        gen, rows = result
        if gen != self._gen:
            return
        self.beginResetModel()
        self.rows = rows
        for row in rows:
            if row.job.video_id is not None and row.clip:
                self._titles[row.job.video_id] = row.clip
        self.endResetModel()
        self.loaded.emit()

    def _on_failed(self, failure: Failure) -> None:
        self.failed.emit(failure)

    def row_of(self, job_id: int) -> int | None:
        for i, row in enumerate(self.rows):
            if row.job.id == job_id:
                return i
        return None

    def upsert(self, job: Job) -> None:
        """A job changed (UI thread): update its row, or add it at the top."""
        if job.id is None:
            return
        i = self.row_of(job.id)
        if i is not None:
            self.rows[i].job = job
            self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.COLUMNS) - 1))
            return
        if not self.filter.accepts(job):
            return
        title = self._titles.get(job.video_id, "") if job.video_id is not None else ""
        position = 0
        while position < len(self.rows) and (self.rows[position].job.id or 0) > job.id:
            position += 1
        self.beginInsertRows(QModelIndex(), position, position)
        self.rows.insert(position, JobRow(job, title))
        self.endInsertRows()
        if not title and job.video_id is not None:
            self._fetch_title(job.video_id)

    def refetch_title(self, video_id: int) -> None:
        self._fetch_title(video_id)

    def _fetch_title(self, video_id: int) -> None:
        lib = self.services.library

        def read() -> tuple[int, str]:
            try:
                return video_id, display_title(lib.get(video_id))
            except NotFound:
                return video_id, "(deleted clip)"

        self.worker.run(read, self._on_title, self._on_failed)

    def _on_title(self, result: tuple[int, str]) -> None:
        video_id, title = result
        self._titles[video_id] = title
        for i, row in enumerate(self.rows):
            if row.job.video_id == video_id and row.clip != title:
                row.clip = title
                idx = self.index(i, self.CLIP)
                self.dataChanged.emit(idx, idx)

    def set_title(self, video_id: int, title: str) -> None:
        """A clip got its real title (after its download)."""
        self._on_title((video_id, title))

    def job_at(self, row: int) -> Job | None:
        return self.rows[row].job if 0 <= row < len(self.rows) else None

    def active_count(self) -> int:
        return sum(1 for r in self.rows if r.job.state in ACTIVE)

    # ---- Qt model API -------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        job, col = row.job, index.column()
        if role == self.JobRoleId:
            return job.id
        if role == self.ProgressRole:
            return job.progress, job.state
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.CLIP:
                return row.clip or (self.tr("Clip {id}").format(id=job.video_id) if job.video_id else "—")
            if col == self.STEP:
                return STEP_LABELS[job.step].task
            if col == self.STATE:
                return state_name(job.state)
            if col == self.PROGRESS:
                return {JobState.DONE: "100%", JobState.FAILED: "—", JobState.CANCELLED: "—"}.get(
                    job.state, f"{round(job.progress * 100)}%")
            if col == self.DETAILS:
                return describe(job)
        if role == Qt.ItemDataRole.ForegroundRole and col in (self.STATE, self.DETAILS) and job.state in (
                JobState.FAILED, JobState.CANCELLED):
            return JOB_STATE_COLORS[job.state]
        if role == Qt.ItemDataRole.ToolTipRole:
            if job.state == JobState.FAILED:
                return job.error
            return describe(job)
        return None

    def jobs(self) -> Sequence[Job]:
        return [r.job for r in self.rows]
