"""Guard against PySide6 6.12.0 on Python 3.11 handling None, True and False as if they were immortal.

That build skips the reference it owes on those objects in two places (6.11.3 does not; Python 3.12+ makes
them immortal, so there the slip is harmless):
  * `signal.emit(...)` returns `True` without a reference: every emit from Python takes one from `True`;
  * a Python override called from C++ that returns `None` (every `paint`, `run`, `data` -> None ...) takes one
    from `None`.
After some thousands of emits, paints or background tasks the count reaches zero and the interpreter aborts
with "Fatal Python error: none_dealloc / bool_dealloc". `guard()` probes for the slip once and, when present,
gives these objects so many extra references that no session can use them up - the immortality the binding
assumes. Imported by studycompanion/ui/__init__.py, so it runs before any window or test uses Qt.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

PROBES = 32
RESERVE = 1 << 40  # references: more than any process can use up
_applied: bool | None = None


def _emit_steals_true() -> bool:
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(PROBES):
        probe.ping.emit()
    return before - sys.getrefcount(True) >= PROBES // 2


def _override_steals_none() -> bool:
    from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

    class _Model(QAbstractListModel):
        def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
            return 1

        def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> None:
            return None

    model = _Model()
    index = model.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(PROBES):
        index.data()  # C++ calls the Python override, which returns None
    return before - sys.getrefcount(None) >= PROBES // 2


def guard() -> bool:
    """Apply the protection if this PySide6 needs it (once per process); returns whether it is applied."""
    global _applied
    if _applied is not None:
        return _applied
    _applied = False
    if sys.version_info >= (3, 12):
        return False  # None, True and False are immortal
    try:
        broken = _emit_steals_true() or _override_steals_none()
    except Exception:  # never stop the app over a probe
        log.exception("could not probe PySide6 for the reference slip")
        return False
    if broken:
        for value in (None, True, False, Ellipsis, NotImplemented):
            ctypes.c_ssize_t.from_address(id(value)).value += RESERVE
        log.info("PySide6 reference slip on None/True/False detected: they are pinned")
        _applied = True
    return _applied
