"""Thumbnails made off the UI thread at the exact size a card shows them, and kept in a bounded cache.

A worker decodes the image at a reduced size, centre-crops it to the card's thumbnail box and rounds its corners
(all QImage work, which is thread-safe); the UI thread only turns the result into a pixmap and blits it.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QPainter, QPainterPath, QPixmap
from shiboken6 import isValid

from studycompanion.ui.common.worker import Failure, Worker

Key = tuple[str, int, int, float, float]  # path, width, height, corner radius, device pixel ratio


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


def make_cover(path: str, size: QSize, radius: float, dpr: float) -> QImage:
    """The image scaled to cover `size` (logical pixels), centre-cropped, with rounded corners. Thread-safe."""
    target = QSize(max(1, round(size.width() * dpr)), max(1, round(size.height() * dpr)))
    image = load_scaled(path, target)
    if image.isNull():
        return image
    scaled = image.scaled(target, Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                          Qt.TransformationMode.SmoothTransformation)
    cover = QImage(target, QImage.Format.Format_ARGB32_Premultiplied)
    cover.fill(Qt.GlobalColor.transparent)
    painter = QPainter(cover)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    clip = QPainterPath()
    clip.addRoundedRect(QRectF(0, 0, target.width(), target.height()), radius * dpr, radius * dpr)
    painter.setClipPath(clip)
    painter.drawImage((target.width() - scaled.width()) // 2, (target.height() - scaled.height()) // 2, scaled)
    painter.end()
    cover.setDevicePixelRatio(dpr)
    return cover


class ThumbnailCache(QObject):
    """`cover(path, size, radius, dpr)` answers at once from memory, or returns None and makes it in the background.

    Requests are served newest first with at most `IN_FLIGHT` at a time, and requests overtaken by many newer
    ones (a fast scroll through 100k clips) are dropped, so what is on screen now comes first. Until the exact
    size is ready (after a window resize, say) another size of the same thumbnail stands in. `ready(path)`
    fires on the UI thread when a thumbnail arrived.
    """

    ready = Signal(str)

    IN_FLIGHT = 2
    MAX_WANTED = 96

    def __init__(self, worker: Worker, capacity: int = 1200, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.capacity = capacity
        self._cache: OrderedDict[Key, QPixmap] = OrderedDict()
        self._latest: dict[str, Key] = {}  # path -> the key of its newest cached size
        self._missing: set[str] = set()
        self._wanted: OrderedDict[Key, None] = OrderedDict()  # newest last
        self._in_flight: set[Key] = set()

    def cover(self, path: str, size: QSize, radius: float = 0.0, dpr: float = 1.0) -> QPixmap | None:
        if not path or path in self._missing:
            return None
        key: Key = (path, size.width(), size.height(), radius, dpr)
        pixmap = self._cache.get(key)
        if pixmap is not None:
            self._cache.move_to_end(key)
            return pixmap
        if key not in self._in_flight:
            self._wanted[key] = None
            self._wanted.move_to_end(key)
            while len(self._wanted) > self.MAX_WANTED:
                self._wanted.popitem(last=False)
            self._pump()
        return self.peek(path)

    def peek(self, path: str) -> QPixmap | None:
        """Any cached size of this thumbnail (no loading)."""
        key = self._latest.get(path)
        return self._cache.get(key) if key is not None else None

    def is_idle(self) -> bool:
        return not self._wanted and not self._in_flight

    def _pump(self) -> None:
        while self._wanted and len(self._in_flight) < self.IN_FLIGHT:
            key, _ = self._wanted.popitem(last=True)
            self._in_flight.add(key)
            path, w, h, radius, dpr = key
            self.worker.run(lambda p=path, s=QSize(w, h), r=radius, d=dpr: make_cover(p, s, r, d),  # type: ignore[misc]
                            lambda image, k=key: self._loaded(k, image),  # type: ignore[misc]
                            lambda failure, k=key: self._failed(k, failure))  # type: ignore[misc]

    def _loaded(self, key: Key, image: QImage) -> None:
        if not isValid(self):
            return
        self._in_flight.discard(key)
        if image.isNull():
            self._missing.add(key[0])
        else:
            self._cache[key] = QPixmap.fromImage(image)
            self._latest[key[0]] = key
            while len(self._cache) > self.capacity:
                old, _ = self._cache.popitem(last=False)
                if self._latest.get(old[0]) == old:
                    del self._latest[old[0]]
            self.ready.emit(key[0])
        self._pump()

    def _failed(self, key: Key, _failure: Failure) -> None:
        if not isValid(self):
            return
        self._in_flight.discard(key)
        self._missing.add(key[0])
        self._pump()

    def forget(self, path: str) -> None:
        """Drop every size of a thumbnail (its file changed, e.g. after a download)."""
        for key in [k for k in self._cache if k[0] == path]:
            del self._cache[key]
        self._latest.pop(path, None)
        self._missing.discard(path)
