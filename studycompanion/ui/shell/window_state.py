"""Window geometry, splitter sizes and view choices, kept in an INI file inside the library's data folder.

Keeping them next to the library (not in the user's global Qt settings) means STUDYCOMPANION_HOME gives a
fully separate profile, and tests and screenshots never touch the real user's settings.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from studycompanion.paths import AppPaths


class WindowState:
    FILE = "window.ini"

    def __init__(self, paths: AppPaths) -> None:
        self.settings = QSettings(str(paths.root / self.FILE), QSettings.Format.IniFormat)

    def bytes(self, key: str) -> QByteArray | None:
        value = self.settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_bytes(self, key: str, value: QByteArray) -> None:
        self.settings.setValue(key, value)

    def flag(self, key: str, default: bool) -> bool:
        value: Any = self.settings.value(key, default)
        if isinstance(value, str):
            return value.lower() in ("true", "1", "yes")
        return bool(value)

    def set_flag(self, key: str, value: bool) -> None:
        self.settings.setValue(key, value)

    def sizes(self, key: str) -> list[int] | None:
        value: Any = self.settings.value(key)
        if isinstance(value, (list, tuple)):
            try:
                sizes = [int(v) for v in value]
            except (TypeError, ValueError):
                return None
            return sizes if sizes and all(s >= 0 for s in sizes) else None
        return None

    def set_sizes(self, key: str, sizes: list[int]) -> None:
        self.settings.setValue(key, [int(s) for s in sizes])

    def strings(self, key: str) -> list[str]:
        value: Any = self.settings.value(key)
        if isinstance(value, str):
            return [value] if value else []  # QSettings reads a one-item list back as its item
        if isinstance(value, (list, tuple)):
            return [str(v) for v in value]
        return []

    def set_strings(self, key: str, values: list[str]) -> None:
        self.settings.setValue(key, list(values))

    def text(self, key: str) -> str:
        value: Any = self.settings.value(key, "")
        return value if isinstance(value, str) else ""

    def set_text(self, key: str, value: str) -> None:
        self.settings.setValue(key, value)

    def sync(self) -> None:
        self.settings.sync()
