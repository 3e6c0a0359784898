"""Where StudyCompanion keeps its files: the user data folder, or STUDYCOMPANION_HOME when set."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "StudyCompanion"
HOME_ENV = "STUDYCOMPANION_HOME"


@dataclass(frozen=True)
class AppPaths:
    root: Path

    @property
    def db(self) -> Path:
        return self.root / "library.sqlite3"

    @property
    def media(self) -> Path:
        return self.root / "media"

    @property
    def models(self) -> Path:
        return self.root / "models"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    def incoming(self, video_id: int) -> Path:
        """Where a clip's download lands before the library moves it in (stable, so a retry resumes)."""
        return self.media / ".incoming" / f"capture-{video_id}"

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.json"

    def ensure(self) -> AppPaths:
        for folder in (self.root, self.media, self.models, self.exports, self.logs, self.backups):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def app_paths(root: Path | str | None = None) -> AppPaths:
    """The data folders; an explicit root wins, then STUDYCOMPANION_HOME, then the folder chosen in the settings
    (see `set_library_location`), then the platform's user data folder."""
    if root is None:
        env = os.environ.get(HOME_ENV)
        root = Path(env) if env else (chosen_library_location() or default_library_location())
    return AppPaths(Path(root).expanduser().resolve())


def default_library_location() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def location_file() -> Path:
    """Remembers a library folder the student chose; it lives outside every library so it can point anywhere."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "library-location.txt"


def chosen_library_location() -> Path | None:
    try:
        text = location_file().read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return Path(text) if text else None


def set_library_location(folder: Path | None) -> None:
    """Use `folder` as the library from the next start on (None: back to the default folder)."""
    pointer = location_file()
    if folder is None:
        pointer.unlink(missing_ok=True)
        return
    pointer.parent.mkdir(parents=True, exist_ok=True)
    pointer.write_text(str(Path(folder).expanduser().resolve()) + "\n", encoding="utf-8")


def resources_dir() -> Path:
    """The shipped resources/ folder (inside a PyInstaller bundle, next to the executable's data)."""
    bundled = getattr(sys, "_MEIPASS", None)
    if bundled:
        return Path(bundled) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


class _LibraryLogHandler(logging.handlers.RotatingFileHandler):
    """The library's log file. When writing fails (a full disk, a vanished folder) it falls back to stderr once
    and says so, instead of printing a traceback for every record."""

    _fallback: logging.Handler | None = None

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        if self._fallback is None:
            self._fallback = logging.StreamHandler(sys.stderr)
            self._fallback.setLevel(logging.WARNING)
            self._fallback.setFormatter(self.formatter)
            sys.stderr.write(f"warning: cannot write the log file {self.baseFilename}; logging to the terminal\n")
        if record.levelno >= logging.WARNING:
            self._fallback.handle(record)


def setup_logging(paths: AppPaths, level: int = logging.INFO) -> logging.Handler:
    """Log to this library's rotating file (never to the network). Returns the handler, which its owner
    (services.close) removes with `stop_logging`; a second library opened in the same process gets its own."""
    root_logger = logging.getLogger()
    handler: logging.Handler
    try:
        paths.logs.mkdir(parents=True, exist_ok=True)
        handler = _LibraryLogHandler(paths.logs / "studycompanion.log", maxBytes=2_000_000, backupCount=3,
                                     encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
        handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root_logger.addHandler(handler)
    root_logger.setLevel(level)
    return handler


def stop_logging(handler: logging.Handler) -> None:
    logging.getLogger().removeHandler(handler)
    handler.close()
