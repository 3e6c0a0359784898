"""The Jobs page: every job with a progress bar and ETA; cancel, retry, and a readable error with "Copy details"."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from studycompanion.core.db.tables import Job
from studycompanion.core.types import JobState
from studycompanion.services import Services
from studycompanion.ui.common.icons import icon
from studycompanion.ui.common.steps import STEP_LABELS
from studycompanion.ui.common.worker import Failure, Worker
from studycompanion.ui.jobs.model import JobFilter, JobsModel, describe, state_name

Index = QModelIndex | QPersistentModelIndex


class ProgressDelegate(QStyledItemDelegate):
    """Draws the Progress column as a native progress bar (for waiting and running jobs)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), max(hint.height(), option.fontMetrics.height() + 14))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        value = index.data(JobsModel.ProgressRole)
        if value is None:
            super().paint(painter, option, index)
            return
        progress, state = value
        if state not in (JobState.QUEUED, JobState.RUNNING):
            super().paint(painter, option, index)  # finished jobs: just the text, no bar
            return
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(4, 4, -4, -4)
        bar.minimum, bar.maximum = 0, 1000
        bar.progress = round(progress * 1000) if state != JobState.DONE else 1000
        if state == JobState.RUNNING and progress <= 0:
            bar.minimum = bar.maximum = 0  # busy indicator until the step knows its size
        bar.text = f"{round(progress * 100)}%" if state != JobState.QUEUED else self.tr("waiting")
        bar.textVisible = True
        bar.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
        bar.palette = option.palette
        bar.fontMetrics = option.fontMetrics
        style = option.widget.style() if option.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)


class JobsView(QWidget):
    open_clip = Signal(int)
    failed = Signal(object)  # Failure
    active_count_changed = Signal(int)

    def __init__(self, services: Services, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.worker = worker
        self.model = JobsModel(services, worker, self)
        self.model.failed.connect(self.failed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        header = QHBoxLayout()
        title = QLabel(self.tr("Jobs"))
        font = QFont(self.font())
        font.setPointSizeF(self.font().pointSizeF() * 1.35)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title)
        self.summary = QLabel()
        header.addWidget(self.summary)
        header.addStretch(1)
        self.filter_box = QComboBox()
        for f in JobFilter:
            self.filter_box.addItem(f.label, f)
        self.filter_box.currentIndexChanged.connect(lambda _i: self.model.set_filter(self.filter_box.currentData()))
        header.addWidget(self.filter_box)
        self.cancel_button = QPushButton(icon("cancel"), self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the selected jobs (a running step stops within a second)"))
        self.cancel_button.clicked.connect(self.cancel_selected)
        header.addWidget(self.cancel_button)
        self.retry_button = QPushButton(icon("retry"), self.tr("Retry"))
        self.retry_button.clicked.connect(self.retry_selected)
        header.addWidget(self.retry_button)
        layout.addLayout(header)

        self.table = QTreeView()
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(JobsModel.PROGRESS, ProgressDelegate(self.table))
        head = self.table.header()
        head.setStretchLastSection(True)
        head.setSectionResizeMode(JobsModel.CLIP, QHeaderView.ResizeMode.Interactive)
        head.resizeSection(JobsModel.CLIP, 300)
        head.resizeSection(JobsModel.STEP, 100)
        head.resizeSection(JobsModel.STATE, 90)
        head.resizeSection(JobsModel.PROGRESS, 150)
        self.table.doubleClicked.connect(self._open)
        self.table.selectionModel().selectionChanged.connect(self._update_details)
        layout.addWidget(self.table, 1)

        self.details = QFrame()
        self.details.setFrameShape(QFrame.Shape.StyledPanel)
        drow = QHBoxLayout(self.details)
        self.details_text = QLabel()
        self.details_text.setWordWrap(True)
        self.details_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        drow.addWidget(self.details_text, 1)
        self.copy_button = QPushButton(icon("copy"), self.tr("Copy details"))
        self.copy_button.clicked.connect(self.copy_details)
        drow.addWidget(self.copy_button)
        layout.addWidget(self.details)

        self.model.loaded.connect(self._after_change)
        self.model.dataChanged.connect(self._after_change)
        self.model.rowsInserted.connect(self._after_change)
        self._update_details()

    # ---- updates -----------------------------------------------------------------------------------------

    def reload(self) -> None:
        self.model.reload()

    def on_job(self, job: Job) -> None:
        self.model.upsert(job)

    def refresh_title(self, video_id: int) -> None:
        """Read a clip's title again (its download just gave it one)."""
        self.model.refetch_title(video_id)

    def _after_change(self, *_args: object) -> None:
        rows = self.model.rows
        running = sum(1 for r in rows if r.job.state == JobState.RUNNING)
        waiting = sum(1 for r in rows if r.job.state == JobState.QUEUED)
        failed = sum(1 for r in rows if r.job.state == JobState.FAILED)
        parts = [self.tr("{n} running").format(n=running) if running else "",
                 self.tr("{n} waiting").format(n=waiting) if waiting else "",
                 self.tr("{n} failed").format(n=failed) if failed else ""]
        self.summary.setText("   ".join(p for p in parts if p)
                             or (self.tr("Nothing to do") if not rows else self.tr("All done")))
        self.active_count_changed.emit(running + waiting)
        self._update_details()

    def selected_jobs(self) -> list[Job]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [j for j in (self.model.job_at(r) for r in rows) if j is not None]

    def select_job(self, job_id: int) -> bool:
        row = self.model.row_of(job_id)
        if row is None:
            return False
        self.table.setCurrentIndex(self.model.index(row, 0))
        return True

    def _update_details(self, *_args: object) -> None:
        jobs = self.selected_jobs()
        self.cancel_button.setEnabled(any(j.state in (JobState.QUEUED, JobState.RUNNING) for j in jobs))
        self.retry_button.setEnabled(any(j.state in (JobState.FAILED, JobState.CANCELLED) for j in jobs))
        if len(jobs) != 1:
            self.details_text.setText(self.tr("Select a job to see what it is doing, or why it failed.")
                                      if not jobs else self.tr("{n} jobs selected.").format(n=len(jobs)))
            self.copy_button.setEnabled(False)
            return
        job = jobs[0]
        row = self.model.row_of(job.id or -1)
        clip = self.model.rows[row].clip if row is not None else ""
        head = f"<b>{STEP_LABELS[job.step].task}</b> · {state_name(job.state)}"
        if clip:
            head += f" · {clip}"
        text = describe(job)
        if job.state == JobState.FAILED:
            text = f"<span style='color:#c8372d'>{_escape(job.error or state_name(JobState.FAILED))}</span>"
        else:
            text = _escape(text)
        self.details_text.setText(f"{head}<br>{text}")
        self.copy_button.setEnabled(bool(job.error or job.error_detail or job.message))

    def details_for(self, job: Job) -> str:
        lines = [f"Job {job.id}: {job.step.value} of clip {job.video_id} — {job.state.value}",
                 f"attempts: {job.attempts}"]
        if job.error:
            lines.append(f"error: {job.error}")
        if job.message:
            lines.append(f"message: {job.message}")
        if job.error_detail:
            lines += ["", job.error_detail]
        return "\n".join(lines)

    def copy_details(self) -> None:
        jobs = self.selected_jobs()
        clipboard = QGuiApplication.clipboard()
        if jobs and clipboard is not None:
            clipboard.setText("\n\n".join(self.details_for(j) for j in jobs))

    # ---- actions ------------------------------------------------------------------------------------------

    def cancel_selected(self) -> None:
        self.cancel([j.id for j in self.selected_jobs() if j.id is not None
                     and j.state in (JobState.QUEUED, JobState.RUNNING)])

    def retry_selected(self) -> None:
        self.retry([j.id for j in self.selected_jobs() if j.id is not None
                    and j.state in (JobState.FAILED, JobState.CANCELLED)])

    def cancel(self, job_ids: list[int]) -> None:
        pipeline = self.services.pipeline
        self.worker.run(lambda: [pipeline.cancel(i) for i in job_ids], self._apply_jobs, self._failed)

    def retry(self, job_ids: list[int]) -> None:
        pipeline = self.services.pipeline
        self.worker.run(lambda: [pipeline.retry(i) for i in job_ids], self._apply_jobs, self._failed)

    def _apply_jobs(self, jobs: list[Job]) -> None:
        for job in jobs:
            self.model.upsert(job)

    def _failed(self, failure: Failure) -> None:
        self.failed.emit(failure)

    def _open(self, index: QModelIndex) -> None:
        job = self.model.job_at(index.row())
        if job is not None and job.video_id is not None:
            self.open_clip.emit(job.video_id)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
