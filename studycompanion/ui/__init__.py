"""PySide6 user interface: thin views over the core services."""

from studycompanion.ui.common.qt_refcount import guard as _guard_emit_refcount

_guard_emit_refcount()  # PySide6 6.12.0: emit() leaks a reference to True (see ui/common/qt_refcount.py)
