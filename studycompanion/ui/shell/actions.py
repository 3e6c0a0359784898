"""The main window's actions, toolbar and menus (with their shortcuts); the window connects them to its slots."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QSizePolicy, QToolBar, QToolButton, QWidget

from studycompanion.ui.common.icons import icon
from studycompanion.ui.library.search_box import SearchBox


@dataclass
class MainActions:
    add: QAction
    paste: QAction
    files: QAction
    import_: QAction
    grid: QAction
    list: QAction
    export: QAction
    settings: QAction
    open_folder: QAction
    quit: QAction
    refresh: QAction
    about: QAction
    shortcuts: QAction
    open_log: QAction
    report: QAction
    views: dict[str, QAction]
    search: SearchBox
    toolbar: QToolBar
    add_button: QToolButton


def _action(window: QMainWindow, icon_name: str | None, text: str, shortcut: QKeySequence | str | None = None,
            tip: str = "", checkable: bool = False) -> QAction:
    action = QAction(icon(icon_name), text, window) if icon_name else QAction(text, window)
    if shortcut is not None:
        action.setShortcut(shortcut if isinstance(shortcut, QKeySequence) else QKeySequence(shortcut))
    if tip:
        action.setToolTip(tip)
    action.setCheckable(checkable)
    return action


def build_actions(window: QMainWindow) -> MainActions:
    std = QKeySequence.StandardKey
    translate = QCoreApplication.translate
    add = _action(window, "add", translate("MainWindow", "Add"),
                  tip=translate("MainWindow", "Add links or files (Ctrl+V pastes a link anywhere in the window)"))
    paste = _action(window, "paste", translate("MainWindow", "Paste link"))
    files = _action(window, "file", translate("MainWindow", "Add video files…"), QKeySequence(std.Open))
    import_ = _action(window, "import", translate("MainWindow", "Import TikTok export or link list…"), "Ctrl+I")
    grid = _action(window, "grid", translate("MainWindow", "Grid"), "Ctrl+1",
                   translate("MainWindow", "Show clips as a grid of thumbnails (Ctrl+1)"), True)
    list_ = _action(window, "list", translate("MainWindow", "List"), "Ctrl+2",
                    translate("MainWindow", "Show clips as a list (Ctrl+2)"), True)
    grid.setChecked(True)
    export = _action(window, "export", translate("MainWindow", "Export"), "Ctrl+E",
                     translate("MainWindow", "Export cards to Anki (Ctrl+E)"))
    settings = _action(window, "settings", translate("MainWindow", "Settings"), QKeySequence(std.Preferences),
                       translate("MainWindow", "Settings (Ctrl+,)"))
    open_folder = _action(window, "folder", translate("MainWindow", "Open library folder"))
    quit_ = _action(window, None, translate("MainWindow", "Quit"), QKeySequence(std.Quit))
    refresh = _action(window, None, translate("MainWindow", "Refresh"), QKeySequence(std.Refresh))
    about = _action(window, None, translate("MainWindow", "About StudyCompanion"))
    shortcuts = _action(window, None, translate("MainWindow", "Keyboard shortcuts"), "?")
    shortcuts.setShortcuts([QKeySequence("?"), QKeySequence("Shift+?")])  # "?" is Shift+/ on most keyboards
    shortcuts.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    open_log = _action(window, None, translate("MainWindow", "Open log"))
    report = _action(window, None, translate("MainWindow", "Report a problem…"),
                     tip=translate("MainWindow", "Copy the versions and the end of the log to the clipboard"))
    views = {name: _action(window, None, label, key) for name, label, key in (
        ("library", translate("MainWindow", "Library"), "Ctrl+Shift+L"),
        ("foryou", translate("MainWindow", "For You"), "Ctrl+Shift+Y"),
        ("review", translate("MainWindow", "Review"), "Ctrl+Shift+R"),
        ("jobs", translate("MainWindow", "Jobs"), "Ctrl+Shift+J"))}

    bar = QToolBar(translate("MainWindow", "Main"))
    bar.setObjectName("mainToolbar")
    bar.setMovable(False)
    bar.setIconSize(QSize(20, 20))
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    add_menu = QMenu(window)
    add_menu.addActions([paste, files, import_])
    add_button = QToolButton()
    add_button.setDefaultAction(add)
    add_button.setMenu(add_menu)
    add_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
    add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    bar.addWidget(add_button)
    bar.addSeparator()
    search = SearchBox()
    bar.addWidget(search)
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    bar.addWidget(spacer)
    bar.addActions([grid, list_])
    bar.addSeparator()
    bar.addActions([export, settings])

    menu = window.menuBar()
    file_menu = menu.addMenu(translate("MainWindow", "&File"))
    file_menu.addActions([add, paste, files, import_])
    file_menu.addSeparator()
    file_menu.addActions([export, settings])
    file_menu.addSeparator()
    file_menu.addActions([open_folder, quit_])
    view_menu = menu.addMenu(translate("MainWindow", "&View"))
    view_menu.addActions([grid, list_])
    view_menu.addSeparator()
    view_menu.addActions(list(views.values()))
    view_menu.addSeparator()
    view_menu.addAction(refresh)
    help_menu = menu.addMenu(translate("MainWindow", "&Help"))
    help_menu.addActions([shortcuts, open_folder, open_log, report])
    help_menu.addSeparator()
    help_menu.addAction(about)
    return MainActions(add, paste, files, import_, grid, list_, export, settings, open_folder, quit_, refresh, about,
                       shortcuts, open_log, report, views, search, bar, add_button)
