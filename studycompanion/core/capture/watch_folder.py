"""The watch folder: media files saved into a chosen folder (a phone sync, a browser's downloads) are added on
their own, once each, and what was added is remembered across starts.

`WatchFolder.scan()` is one pass: it looks at the folder's media files, leaves the ones still being written
(their size or time changed since the last pass, or changed within the last `settle_s` seconds), adds every
new settled file through the `add` callable it was given (the pipeline's `add_file`), and records it in a small
JSON file next to the library, so a file is never added twice, even after it was deleted from the library.
The app runs a pass every few seconds on its worker thread; `studycompanion` could run one from a timer.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from studycompanion.core.errors import UserError

log = logging.getLogger(__name__)

MEDIA_SUFFIXES = frozenset({".mp4", ".m4v", ".mov", ".webm", ".mkv", ".avi", ".mp3", ".m4a", ".wav", ".ogg", ".opus"})
SETTLE_S = 2.0
STATE_VERSION = 1


class WatchOutcome(StrEnum):
    ADDED = "added"
    ALREADY_IN_LIBRARY = "already in the library"
    FAILED = "failed"


@dataclass(frozen=True)
class WatchEntry:
    path: Path
    outcome: WatchOutcome
    video_id: int | None = None
    error: str = ""


@dataclass
class ScanResult:
    entries: list[WatchEntry] = field(default_factory=list)
    waiting: list[Path] = field(default_factory=list)  # still being written: added at a later pass

    @property
    def added(self) -> list[WatchEntry]:
        return [e for e in self.entries if e.outcome is WatchOutcome.ADDED]


AddFile = Callable[[Path], tuple[int | None, bool]]  # path -> (clip id, created)


def _signature(stat: os.stat_result) -> list[int]:
    return [stat.st_size, stat.st_mtime_ns]


class WatchFolder:
    def __init__(self, folder: Path, state_file: Path, add: AddFile, *, settle_s: float = SETTLE_S,
                 clock: Callable[[], float] = time.time) -> None:
        self.folder = Path(folder)
        self.state_file = Path(state_file)
        self.add = add
        self.settle_s = settle_s
        self.clock = clock
        self._seen: dict[str, list[int]] = {}  # name -> signature at the last pass (not yet settled)
        self._failed: dict[str, list[int]] = {}  # name -> signature that failed (tried again once it changes)
        self._done = self._load()

    # ---- state ---------------------------------------------------------------------------------------

    def _load(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.state_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("watch folder state %s unreadable (%s): starting afresh", self.state_file, exc)
            return {}
        if not isinstance(data, dict) or data.get("folder") != str(self.folder.resolve()):
            return {}  # another folder was watched before: its record says nothing about this one
        done = data.get("done")
        return done if isinstance(done, dict) else {}

    def _save(self) -> None:
        self.state_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.state_file.with_name(self.state_file.name + ".tmp")
        tmp.write_text(json.dumps({"version": STATE_VERSION, "folder": str(self.folder.resolve()),
                                   "done": self._done}, indent=1), encoding="utf-8")
        os.replace(tmp, self.state_file)

    def remembered(self) -> set[str]:
        return set(self._done)

    # ---- a pass ---------------------------------------------------------------------------------------

    def scan(self) -> ScanResult:
        result = ScanResult()
        if not self.folder.is_dir():
            return result
        now = self.clock()
        changed = False
        for path in sorted(self.folder.iterdir()):
            if path.name.startswith(".") or path.suffix.lower() not in MEDIA_SUFFIXES or not path.is_file():
                continue  # hidden and partial files (.part, .crdownload, ~syncthing~ temp names) are skipped
            name = path.name
            try:
                stat = path.stat()
            except OSError:
                continue
            signature = _signature(stat)
            done = self._done.get(name)
            if (done is not None and done.get("signature") == signature) or self._failed.get(name) == signature:
                continue  # added before (the same file), or failed as it is now
            if self._seen.get(name) != signature or now - stat.st_mtime < self.settle_s or stat.st_size == 0:
                self._seen[name] = signature  # new or still growing: look again at the next pass
                result.waiting.append(path)
                continue
            self._seen.pop(name, None)
            entry = self._add(path)
            result.entries.append(entry)
            if entry.outcome is WatchOutcome.FAILED:
                self._failed[name] = signature
            else:
                self._done[name] = {"signature": signature, "video_id": entry.video_id}
                changed = True
        if changed:
            self._save()
        return result

    def _add(self, path: Path) -> WatchEntry:
        try:
            video_id, created = self.add(path)
        except UserError as exc:
            log.info("watch folder: %s not added: %s", path, exc.message)
            return WatchEntry(path, WatchOutcome.FAILED, error=exc.message)
        outcome = WatchOutcome.ADDED if created else WatchOutcome.ALREADY_IN_LIBRARY
        return WatchEntry(path, outcome, video_id)
