"""Callbacks for `Worker.run` that belong to a widget: skipped once the widget is deleted.

The worker skips a late result only for bound methods of a deleted QObject; a lambda or a local function has
no owner it can check. `owned(self, fn)` gives it one, so a view closed while its work ran never gets called.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject


class _Owned:
    __slots__ = ("__self__", "_fn")

    def __init__(self, owner: QObject, fn: Callable[[Any], None]) -> None:
        self.__self__ = owner  # what the worker relay's _deliver checks with shiboken's isValid
        self._fn = fn

    def __call__(self, value: Any) -> None:
        self._fn(value)


def owned(owner: QObject, fn: Callable[[Any], Any]) -> Callable[[Any], None]:
    return _Owned(owner, fn)
