"""Scalable icons from resources/icons/*.svg, drawn in the palette's text colour and sharp at any screen scale.

The SVGs are stroked with `currentColor`; `icon(name)` returns a QIcon whose engine renders the SVG at the exact
pixel size asked for (device pixel ratio included), in the current palette's text colour (dimmed when
disabled), so the same files work in light and dark mode and on high-DPI screens.
"""

from __future__ import annotations

import functools
import logging

from PySide6.QtCore import QByteArray, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from studycompanion.paths import resources_dir

log = logging.getLogger(__name__)


def icon_path(name: str) -> str:
    return str(resources_dir() / "icons" / f"{name}.svg")


@functools.cache
def _svg_text(name: str) -> str:
    try:
        with open(icon_path(name), encoding="utf-8") as fh:
            return fh.read()
    except OSError:
        log.warning("icon %s is missing", name)
        return '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"></svg>'


class SvgIconEngine(QIconEngine):
    """Renders one SVG on demand, recoloured for the current palette and icon mode."""

    def __init__(self, name: str, color: QColor | None = None) -> None:
        super().__init__()
        self._name = name
        self._color = color
        self._renderers: dict[str, QSvgRenderer] = {}
        self._pixmaps: dict[tuple[int, int, int, int, float], QPixmap] = {}

    def _color_for(self, mode: QIcon.Mode) -> QColor:
        if self._color is not None:
            color = QColor(self._color)
        else:
            palette = QGuiApplication.palette()
            group = QPalette.ColorGroup.Disabled if mode == QIcon.Mode.Disabled else QPalette.ColorGroup.Active
            role = QPalette.ColorRole.HighlightedText if mode == QIcon.Mode.Selected else QPalette.ColorRole.WindowText
            color = palette.color(group, role)
        if mode == QIcon.Mode.Disabled:
            color.setAlphaF(0.45)
        return color

    def _renderer(self, mode: QIcon.Mode) -> QSvgRenderer:
        color = self._color_for(mode)
        key = color.name(QColor.NameFormat.HexArgb)
        renderer = self._renderers.get(key)
        if renderer is None:
            svg = _svg_text(self._name).replace("currentColor", color.name(QColor.NameFormat.HexRgb))
            if color.alphaF() < 1.0:
                svg = svg.replace("<svg ", f'<svg opacity="{color.alphaF():.2f}" ', 1)
            renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
            self._renderers[key] = renderer
        return renderer

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        device = painter.device()
        dpr = device.devicePixelRatioF() if device is not None else 1.0
        key = (rect.width(), rect.height(), mode.value, self._color_for(mode).rgba(), dpr)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            pixmap = self.scaledPixmap(rect.size(), mode, state, dpr)
            if len(self._pixmaps) > 32:
                self._pixmaps.clear()
            self._pixmaps[key] = pixmap
        painter.drawPixmap(rect.topLeft(), pixmap)

    def _render(self, painter: QPainter, rect: QRect, mode: QIcon.Mode) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._renderer(mode).render(painter, QRectF(rect))
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:  # noqa: N802
        scale = max(1.0, scale)
        pixmap = QPixmap(QSize(max(1, round(size.width() * scale)), max(1, round(size.height() * scale))))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self._render(painter, QRect(QPoint(0, 0), pixmap.size()), mode)
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self._name, self._color)

    def key(self) -> str:
        return "studycompanion-svg"


def icon(name: str, color: QColor | str | None = None) -> QIcon:
    """A palette-coloured (or fixed-colour) scalable icon from resources/icons/NAME.svg."""
    return QIcon(SvgIconEngine(name, QColor(color) if color is not None else None))


def app_icon() -> QIcon:
    """The application icon (a full-colour SVG, rendered by Qt's SVG plugin at every size)."""
    return QIcon(icon_path("app"))
