"""On-screen text: sample a clip's frames where the text changed, OCR them offline, merge the reads into timed lines.

Owns: frame sampling with text-change detection (sampling), the OCR engine around RapidOCR's in-wheel models
(engine), merging per-frame reads into ScreenLine values and dropping junk (merge), the entry point
`read_screen_text` (reader), the child process the app reads clips in (process: ScreenReader, the app's side;
worker: the child; protocol: their messages), and saving / loading a clip's lines (store).
May import: studycompanion.core.media, studycompanion.core.types, studycompanion.core.errors (and, for store,
studycompanion.core.db), numpy, PIL, av, rapidocr, rapidfuzz. Never Qt, never the UI, never a service builder:
the composition root builds one ScreenReader and passes it in; only the child process builds an OcrEngine.
"""

from __future__ import annotations

from studycompanion.core.screen.engine import OcrEngine, OcrRead, OcrSettings
from studycompanion.core.screen.merge import Box, ScreenLine
from studycompanion.core.screen.process import ScreenEngineFailed, ScreenEngineStopped, ScreenReader
from studycompanion.core.screen.reader import ReadStats, read_screen_text

__all__ = ["Box", "OcrEngine", "OcrRead", "OcrSettings", "ReadStats", "ScreenEngineFailed", "ScreenEngineStopped",
           "ScreenLine", "ScreenReader", "read_screen_text"]
