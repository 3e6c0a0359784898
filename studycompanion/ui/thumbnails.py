"""Thumbnails decoded off the UI thread (scaled while decoding) and kept in a bounded in-memory cache."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap
from shiboken6 import isValid

from studycompanion.ui.worker import Failure, Worker


def load_scaled(path: str, box: QSize) -> QImage:
    """Decode an image so that it covers `box` (JPEG decodes at a reduced size directly). Thread-safe."""
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and size.width() > 0 and size.height() > 0:
        scale = max(box.width() / size.width(), box.height() / size.height())
        if scale < 1.0:
            reader.setScaledSize(QSize(max(1, round(size.width() * scale)), max(1, round(size.height() * scale))))
    image = reader.read()
    if image.isNull():
        return image
    if image.width() > box.width() * 1.5 or image.height() > box.height() * 1.5:
        image = image.scaled(box, Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                             Qt.TransformationMode.SmoothTransformation)
    return image


class ThumbnailCache(QObject):
    """`get(path)` answers at once from memory or returns None and loads the file in the background.

    Requests are served newest first with at most `IN_FLIGHT` decodes at a time, and requests that were
    overtaken by many newer ones (a fast scroll through 100k clips) are dropped, so the thumbnails of what is on
    screen now arrive first. `ready(path)` fires on the UI thread when a thumbnail is in the cache.
    """

    ready = Signal(str)

    IN_FLIGHT = 2
    MAX_WANTED = 96

    def __init__(self, worker: Worker, box: QSize, capacity: int = 1500, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.box = box
        self.capacity = capacity
        self._cache: OrderedDict[str, QPixmap] = OrderedDict()
        self._missing: set[str] = set()
        self._wanted: OrderedDict[str, None] = OrderedDict()  # newest last
        self._in_flight: set[str] = set()

    def get(self, path: str) -> QPixmap | None:
        if not path:
            return None
        pixmap = self._cache.get(path)
        if pixmap is not None:
            self._cache.move_to_end(path)
            return pixmap
        if path not in self._missing and path not in self._in_flight:
            self._wanted[path] = None
            self._wanted.move_to_end(path)
            while len(self._wanted) > self.MAX_WANTED:
                self._wanted.popitem(last=False)
            self._pump()
        return None

    def is_idle(self) -> bool:
        return not self._wanted and not self._in_flight

    def _pump(self) -> None:
        while self._wanted and len(self._in_flight) < self.IN_FLIGHT:
            path, _ = self._wanted.popitem(last=True)
            self._in_flight.add(path)
            box = QSize(self.box)
            self.worker.run(lambda p=path, b=box: load_scaled(p, b),  # type: ignore[misc]
                            lambda image, p=path: self._loaded(p, image),  # type: ignore[misc]
                            lambda failure, p=path: self._failed(p, failure))  # type: ignore[misc]

    def _loaded(self, path: str, image: QImage) -> None:
        if not isValid(self):
            return
        self._in_flight.discard(path)
        if image.isNull():
            self._missing.add(path)
        else:
            self._cache[path] = QPixmap.fromImage(image)
            while len(self._cache) > self.capacity:
                self._cache.popitem(last=False)
            self.ready.emit(path)
        self._pump()

    def _failed(self, path: str, _failure: Failure) -> None:
        if not isValid(self):
            return
        self._in_flight.discard(path)
        self._missing.add(path)
        self._pump()

    def forget(self, path: str) -> None:
        """Drop a path from the cache (its file changed, e.g. a new download)."""
        self._cache.pop(path, None)
        self._missing.discard(path)
