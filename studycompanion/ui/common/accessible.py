"""Accessible names: what a screen reader says for each control, and a check that every control has one.

`name_from_labels(root)` gives a field the text of the label in front of it (a QFormLayout row whose field is a
layout leaves Qt without a buddy, so nothing would be read); `unnamed_controls(root)` lists the interactive
widgets (buttons, fields, combo boxes, sliders, spin boxes, lists) QAccessible has no name for (tests, issue 17).
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QScrollBar,
    QWidget,
)

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSlider, QAbstractItemView, QAbstractSpinBox)


def accessible_name(widget: QWidget) -> str:
    """The name assistive technology gets: accessibleName, else what Qt derives (a button's text, a buddy label)."""
    if widget.accessibleName().strip():
        return widget.accessibleName().strip()
    iface = QAccessible.queryAccessibleInterface(widget)
    return (iface.text(QAccessible.Text.Name) or "").strip() if iface is not None else ""


def _clean(text: str) -> str:
    return text.replace("&", "").rstrip(":").strip()


def _layout_widgets(layout: QLayout) -> list[QWidget]:
    out: list[QWidget] = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        widget = item.widget() if item is not None else None
        inner = item.layout() if item is not None else None
        if widget is not None:
            out.append(widget)
        elif inner is not None:
            out.extend(_layout_widgets(inner))
    return out


def name_from_labels(root: QWidget) -> None:
    """Every unnamed control in a QFormLayout row is named after the row's label (a row of several fields: the
    first field takes the label, the others their own text or tooltip)."""
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label_item is None or field_item is None or not isinstance(label_item.widget(), QLabel):
                continue
            label = _clean(label_item.widget().text())  # type: ignore[union-attr]
            if not label:
                continue
            field, inner = field_item.widget(), field_item.layout()
            widgets = [field] if field is not None else _layout_widgets(inner) if inner is not None else []
            for widget in widgets:
                if isinstance(widget, CONTROLS) and not widget.accessibleName():
                    widget.setAccessibleName(label)
                    break


def name_from_tooltips(root: QWidget) -> None:
    """Icon-only buttons and fields without a label are named after their tooltip or placeholder."""
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or accessible_name(widget):
            continue
        hint = widget.toolTip() or (widget.placeholderText() if isinstance(widget, QLineEdit) else "")
        if hint:
            widget.setAccessibleName(_clean(hint.split("\n")[0])[:80])


def _qt_internal(widget: QWidget, popups: set[int]) -> bool:
    """Parts Qt builds inside a control and names through it: scroll bars, headers, a combo box's popup list, a
    spin box's line edit, the overflow buttons of tool bars (objectName qt_*)."""
    return (isinstance(widget, (QScrollBar, QHeaderView)) or widget.objectName().startswith("qt_")
            or id(widget) in popups)


def controls(root: QWidget) -> list[QWidget]:
    """The interactive widgets under root (itself included) that a user reaches, Qt's internal parts left out."""
    popups = {id(combo.view()) for combo in [root, *root.findChildren(QComboBox)] if isinstance(combo, QComboBox)}
    return [w for w in [root, *root.findChildren(QWidget)] if isinstance(w, CONTROLS) and not _qt_internal(w, popups)]


def unnamed_controls(root: QWidget) -> list[str]:
    """'Class objectName (parent class)' for each interactive child with no accessible name."""
    missing = []
    for widget in controls(root):
        if not accessible_name(widget):
            parent = widget.parentWidget()
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} in "
                           f"{type(parent).__name__ if parent else None}")
    return missing
