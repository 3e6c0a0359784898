"""How the window names a pipeline step: as a task ("Transcribe"), while it runs ("Transcribing") and while it
waits ("to transcribe"). The one place to name a new step."""

from __future__ import annotations

from dataclasses import dataclass

from studycompanion.core.types import JobStep


@dataclass(frozen=True)
class StepLabel:
    task: str
    running: str
    waiting: str


STEP_LABELS: dict[JobStep, StepLabel] = {
    JobStep.CAPTURE: StepLabel("Download", "Downloading", "to download"),
    JobStep.SCREEN: StepLabel("Read on-screen text", "Reading on-screen text", "to read on-screen text"),
    JobStep.TRANSCRIBE: StepLabel("Transcribe", "Transcribing", "to transcribe"),
    JobStep.CARDS: StepLabel("Make cards", "Making cards", "for cards"),
}
