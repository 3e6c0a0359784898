"""How the window names a pipeline step: as a task ("Transcribe"), while it runs ("Transcribing") and while it
waits ("to transcribe"). The one place to name a new step."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from studycompanion.core.types import JobStep
from studycompanion.ui.common.i18n import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class StepLabel:
    """The English source texts (marked for lupdate); `task`, `running` and `waiting` are what the user reads."""

    task_source: str
    running_source: str
    waiting_source: str

    @property
    def task(self) -> str:
        return QCoreApplication.translate("Steps", self.task_source)

    @property
    def running(self) -> str:
        return QCoreApplication.translate("Steps", self.running_source)

    @property
    def waiting(self) -> str:
        return QCoreApplication.translate("Steps", self.waiting_source)


STEP_LABELS: dict[JobStep, StepLabel] = {
    JobStep.CAPTURE: StepLabel(QT_TRANSLATE_NOOP("Steps", "Download"), QT_TRANSLATE_NOOP("Steps", "Downloading"),
                               QT_TRANSLATE_NOOP("Steps", "to download")),
    JobStep.SCREEN: StepLabel(QT_TRANSLATE_NOOP("Steps", "Read on-screen text"),
                              QT_TRANSLATE_NOOP("Steps", "Reading on-screen text"),
                              QT_TRANSLATE_NOOP("Steps", "to read on-screen text")),
    JobStep.TRANSCRIBE: StepLabel(QT_TRANSLATE_NOOP("Steps", "Transcribe"), QT_TRANSLATE_NOOP("Steps", "Transcribing"),
                                  QT_TRANSLATE_NOOP("Steps", "to transcribe")),
    JobStep.CARDS: StepLabel(QT_TRANSLATE_NOOP("Steps", "Make cards"), QT_TRANSLATE_NOOP("Steps", "Making cards"),
                             QT_TRANSLATE_NOOP("Steps", "for cards")),
}
