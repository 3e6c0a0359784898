"""The clip's running jobs for the clip view: pipeline events carried onto the UI thread, told as a status line."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from shiboken6 import isValid

from studycompanion.core.db.tables import Job
from studycompanion.core.types import JobState, JobStep
from studycompanion.ui.common.steps import STEP_LABELS


class JobRelay(QObject):
    """Carries pipeline events (worker threads) onto the UI thread as `job(Job)`, one signal per event."""

    job = Signal(object)

    def listen_to(self, pipeline: Any) -> None:
        relay = self

        def listener(job: Job) -> None:  # called on pipeline threads
            try:
                if isValid(relay):
                    relay.job.emit(job)
            except RuntimeError:  # the relay was deleted between the check and the emit
                pass

        pipeline.subscribe(listener)


def job_status(job: Job) -> str:
    """'Transcribing… 40%', 'Making cards (queued)', 'Downloading failed: why'; empty once it is over."""
    translate = QCoreApplication.translate
    name = STEP_LABELS[job.step].running
    if job.state == JobState.RUNNING:
        pct = f" {int(job.progress * 100)}%" if job.progress else ""
        return f"{name}…{pct}"
    if job.state == JobState.QUEUED:
        return translate("ClipJobs", "{step} (queued)").format(step=name)
    if job.state == JobState.FAILED:
        return translate("ClipJobs", "{step} failed: {error}").format(step=name, error=job.error)
    if job.state == JobState.DONE and job.step == JobStep.CARDS:
        return job.message or translate("ClipJobs", "Cards made")  # the reason when none came out ("No speech…")
    return ""
