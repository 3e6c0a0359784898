"""What a download is told and what it tells: the capture options read from settings, progress, the cancel flag.

Part of capture (core/capture/download.py re-exports every name here).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol


class CancelFlag(Protocol):
    def is_set(self) -> bool: ...


@dataclass(frozen=True)
class DownloadProgress:
    downloaded: int
    total: int | None
    speed: float | None  # bytes per second
    eta: float | None  # seconds left
    note: str = ""  # what is being fetched, when it is not the clip itself

    @property
    def fraction(self) -> float | None:
        if not self.total:
            return None
        return max(0.0, min(1.0, self.downloaded / self.total))

    def message(self) -> str:
        done = f"{self.downloaded / 1e6:.1f}"
        text = f"{done} of {self.total / 1e6:.1f} MB" if self.total else f"{done} MB"
        if self.speed:
            text += f" at {self.speed / 1e6:.1f} MB/s"
        return f"{self.note}: {text}" if self.note else text


ProgressCallback = Callable[[DownloadProgress], None]


@dataclass(frozen=True)
class CaptureOptions:
    """The settings capture reads (cookies live in settings.json, never in the database)."""

    max_height: int = 1080
    retries: int = 5
    timeout: float = 20.0
    cookies_browser: str = ""  # "firefox", "chrome:Profile 1", ...
    cookies_file: str = ""

    @classmethod
    def from_settings(cls, settings: object) -> CaptureOptions:
        def get(name: str, default: Any) -> Any:
            value = getattr(settings, name, default)
            return value if isinstance(value, type(default)) else default

        return cls(
            max_height=get("capture_max_height", 1080),
            retries=get("capture_retries", 5),
            timeout=float(get("capture_timeout", 20)),
            cookies_browser=get("cookies_browser", "").strip(),
            cookies_file=get("cookies_file", "").strip(),
        )
