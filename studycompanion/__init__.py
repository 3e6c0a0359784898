"""StudyCompanion: keep short medical videos and turn them into study material."""

from __future__ import annotations

__version__ = "0.1.0"
