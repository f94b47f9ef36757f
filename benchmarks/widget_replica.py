"""The application's first step rebuilt in plain PySide6: the same widgets, without the application.

``generate()`` starts the real application offscreen (a temporary HOME, QStandardPaths' test mode,
a 1600×1200 offscreen screen at 96 dpi, so that the window keeps the 1280×800 it has on the
1280×1024 Xvfb of ``bench_startup.py``, where no window manager adds a frame), waits for the
window's first paint event, and walks the window as it is at that moment, i.e. what its first
frame shows (the guide panel, for one, gets its first text only after that frame). From the walk
it writes a self-contained Python script that imports only PySide6 and rebuilds:

- the application's set-up: names, Fusion, the bundled fonts registered from ``resources/fonts``,
  the application font (family, size, hinting) and the application's style sheet, if any;
- every widget the application made, as the nearest PySide6 class (the first class in
  ``type(w).__mro__`` defined by PySide6): its object name, every Qt property whose value differs
  from a new widget of that class (texts, tool tips, placeholder texts, word wrap, text format,
  alignment, size policy, minimum and maximum sizes, check state, …), explicitly hidden or
  disabled, dynamic properties (the style sheet selects on ``role`` and ``primary``), its own
  style sheet, the items of combo boxes and list widgets and the current one, label buddies;
- the layouts: class, margins, spacing, the properties that differ from a new layout, stretch
  factors, alignment, form and grid positions, spacers and stretches;
- the containers: main window (central widget, menu bar with its menus, separators, submenus and
  actions with their shortcuts and enabled state, the window's own actions, tool bars, the
  status bar's message), splitters (their sizes in that frame), stacked widgets (the current
  page), scroll areas;
- the window's title, size and style sheet, set after the widgets are built (as the application
  does), then ``show()`` and ``app.exec()``.

NOT replicated, on purpose: the application's own code. Its widget subclasses' Python overrides
(``sizeHint``/``minimumSizeHint``/``heightForWidth`` of the wrapping check boxes and buttons and of
the shrinkable combo boxes, ``resizeEvent``/``changeEvent``/``showEvent`` handlers, event filters
such as the wheel guard and the undo keys, the first-paint hooks), its custom layouts (the flow
layout of button rows becomes a QHBoxLayout ending in a stretch, which is what it shows when the
row fits, as it does at 1280 px), signal connections, the session, the guide model, settings and
the Qt translation.
What a window of these widgets costs in Qt is what this script costs; the application's start
minus this script's is what the application's own code adds.

Run: ``python benchmarks/widget_replica.py -o replica.py`` (writes the script; ``--census`` prints
the census of the application's first frame instead, see :func:`census`).
"""

from __future__ import annotations

import argparse
import enum
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent

# One screen at 96 dpi like the Xvfb of bench_startup.py, large enough that the window keeps its
# 1280×800 (the default offscreen screen is 800×800, and offscreen windows have a 2 px frame, so on
# a 1280-wide screen the window would shrink itself to 1276 to fit).
SCREEN = {"screens": [{"name": "replica", "x": 0, "y": 0, "width": 1600, "height": 1200,
                       "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}

# Qt properties never copied from the walk: geometry and state that layout and show() compute,
# values that follow from others (the style sheet's font and palette), and the ones rebuilt by
# the container code below (items, pages, document text).
_SKIPPED_PROPERTIES = {
    "objectName", "geometry", "frameGeometry", "normalGeometry", "pos", "size", "rect", "x", "y",
    "width", "height", "frameSize", "childrenRect", "childrenRegion", "visible", "hidden",
    "enabled", "focus", "isActiveWindow", "minimized", "maximized", "fullScreen", "sizeHint",
    "minimumSizeHint", "font", "palette", "styleSheet", "locale", "cursor", "windowIcon",
    "windowIconText", "windowOpacity", "updatesEnabled", "mouseTracking", "tabletTracking",
    "acceptDrops", "windowFilePath", "minimumWidth", "minimumHeight", "maximumWidth",
    "maximumHeight", "currentIndex", "currentText", "currentData", "count", "currentRow",
    "html", "plainText", "markdown", "source", "documentTitle", "dateTime", "time",
    "minimumDateTime", "maximumDateTime", "cursorPosition", "selectedText", "modified",
    "displayText", "hasSelectedText", "acceptableInput", "undoAvailable", "redoAvailable",
    "sizeIncrement", "baseSize", "inputMethodHints", "contextMenuPolicy", "windowModality",
    "modal", "windowFlags", "autoFillBackground", "layoutDirection", "sizeConstraint", "spacing",
    "contentsMargins", "horizontalSpacing", "verticalSpacing", "tabOrder", "windowRole",
    "currentSection", "calendarWidget", "frameRect", "document", "timeZone",
}
# Set before the generic ones (a date is clamped to a range set after it) or after them.
_FIRST = ("minimumDate", "maximumDate", "minimum", "maximum", "textFormat", "editable")
_LAST = ("date", "text", "value", "checked", "windowModified")


# -- the walk (runs inside a Qt process) -------------------------------------------------------------
def nearest_pyside(cls: type) -> type:
    """The first class in ``cls.__mro__`` that PySide6 defines."""
    for base in cls.__mro__:
        if base.__module__.startswith("PySide6"):
            return base
    raise TypeError(f"{cls} is not a Qt class")


class _Code:
    """Python source for a replica, and the PySide6 names it imports."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.later: list[tuple[str, object]] = []  # label buddies, once every widget exists
        self.imports: dict[str, set[str]] = {}
        self.skipped: Counter = Counter()
        self._count = 0

    def name(self, prefix: str) -> str:
        self._count += 1
        return f"{prefix}{self._count}"

    def need(self, module: str, name: str) -> str:
        self.imports.setdefault(module, set()).add(name)
        return name

    def value(self, value) -> str | None:
        """A Python expression for ``value``, or None when this walk cannot write one."""
        from PySide6.QtCore import QDate, QMargins, QPoint, QRect, QSize, QSizeF, QTime
        from PySide6.QtGui import QIcon, QKeySequence, QPixmap
        from PySide6.QtWidgets import QSizePolicy

        if isinstance(value, enum.Enum):
            kind = type(value)
            module = kind.__module__.removeprefix("PySide6.")
            self.need(f"PySide6.{module}", kind.__qualname__.split(".")[0])
            if value.name is not None and getattr(kind, value.name, None) is value:
                return f"{kind.__qualname__}.{value.name}"
            return f"{kind.__qualname__}({value.value!r})"
        if value is None or isinstance(value, bool | int | float | str):
            return repr(value)
        if isinstance(value, QIcon | QPixmap) and value.isNull():
            return f"{self.need('PySide6.QtGui', type(value).__name__)}()"
        if isinstance(value, list | tuple):
            parts = [self.value(v) for v in value]
            return None if None in parts else f"[{', '.join(parts)}]"
        for kind, fields in ((QSize, ("width", "height")), (QSizeF, ("width", "height")),
                             (QPoint, ("x", "y")),
                             (QRect, ("x", "y", "width", "height")),
                             (QMargins, ("left", "top", "right", "bottom")),
                             (QDate, ("year", "month", "day")),
                             (QTime, ("hour", "minute", "second"))):
            if type(value) is kind:
                args = ", ".join(str(getattr(value, f)()) for f in fields)
                return f"{self.need('PySide6.QtCore', kind.__name__)}({args})"
        if isinstance(value, QKeySequence):
            return f"{self.need('PySide6.QtGui', 'QKeySequence')}({value.toString()!r})"
        if isinstance(value, QSizePolicy):
            self.need("PySide6.QtWidgets", "QSizePolicy")
            args = [self.value(value.horizontalPolicy()), self.value(value.verticalPolicy()),
                    str(value.horizontalStretch()), str(value.verticalStretch()),
                    str(value.hasHeightForWidth()), str(value.hasWidthForHeight()),
                    self.value(value.controlType())]
            return f"size_policy({', '.join(args)})"
        return None


def _getter(obj, name: str):
    for candidate in (name, "is" + name[0].upper() + name[1:], "has" + name[0].upper() + name[1:]):
        method = getattr(obj, candidate, None)
        if callable(method):
            try:
                return method()
            except TypeError:  # an overload that needs arguments
                continue
    return obj.metaObject().property(obj.metaObject().indexOfProperty(name)).read(obj)


_DEFAULTS: dict[type, dict[str, str | None]] = {}


def _property_codes(code: _Code, obj, names: list[str]) -> dict[str, str | None]:
    values = {}
    for name in names:
        try:
            values[name] = code.value(_getter(obj, name))
        except Exception:  # noqa: BLE001 (a property this walk cannot read is skipped, counted)
            values[name] = None
    return values


def _writable_properties(obj) -> list[str]:
    meta = obj.metaObject()
    names = []
    for i in range(meta.propertyCount()):
        prop = meta.property(i)
        if prop.isWritable() and prop.name() not in _SKIPPED_PROPERTIES:
            names.append(prop.name())
    first = [n for n in _FIRST if n in names]
    last = [n for n in _LAST if n in names]
    return first + [n for n in names if n not in first and n not in last] + last


def _defaults(code: _Code, cls: type, host) -> dict[str, str | None]:
    """Property values of a new ``cls`` under the same style sheet (so that what the sheet sets
    on every widget is not copied as if the application had set it)."""
    if cls not in _DEFAULTS:
        from PySide6.QtWidgets import QWidget

        if issubclass(cls, QWidget):
            fresh = cls() if cls.__name__ == "QMainWindow" else cls(host)
            fresh.ensurePolished()
        else:  # a layout
            fresh = cls()
        _DEFAULTS[cls] = _property_codes(code, fresh, _writable_properties(fresh))
        _DEFAULTS[cls]["_fresh"] = fresh  # kept alive: some values are read from it again
    return _DEFAULTS[cls]


def _setter(cls: type, name: str) -> str | None:
    setter = "set" + name[0].upper() + name[1:]
    return setter if callable(getattr(cls, setter, None)) else None


def _emit_properties(code: _Code, var: str, obj, cls: type, host) -> None:
    defaults = _defaults(code, cls, host)
    for name in _writable_properties(obj):
        if name == "minimumSize" and getattr(obj, "isWindow", lambda: False)():
            continue  # a window's minimum is its layout's (QLayout.SetDefaultConstraint)
        value = _property_codes(code, obj, [name])[name]
        if value is None:
            code.skipped[f"{cls.__name__}.{name}"] += 1
            continue
        if value == defaults.get(name):
            continue
        setter = _setter(cls, name)
        if setter:
            code.lines.append(f"{var}.{setter}({value})")
        else:
            code.lines.append(f"{var}.setProperty({name!r}, {value})")


class _Walker:
    def __init__(self, window) -> None:
        from PySide6.QtWidgets import QWidget

        self.window = window
        self.code = _Code()
        self.vars: dict[int, str] = {}  # id of a Qt object → its variable
        self.actions: dict[int, str] = {}
        self.host = QWidget()  # new widgets for default values live here, under the same sheet
        self.host.setStyleSheet(window.styleSheet())
        self.unplaced: list[str] = []
        self.splitters: list[tuple[str, list[int]]] = []  # sizes are set once the window is built

    # widgets ----------------------------------------------------------------------------------------
    def widget(self, w, *, in_stack: bool = False) -> str:
        """Emit the code that makes ``w`` and everything the application put in it."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import (
            QComboBox,
            QFrame,
            QGroupBox,
            QLabel,
            QListWidget,
            QMainWindow,
            QPlainTextEdit,
            QScrollArea,
            QSplitter,
            QStackedWidget,
            QTextEdit,
            QWidget,
        )

        code = self.code
        cls = nearest_pyside(type(w))
        var = "window" if w is self.window else code.name(_prefix(cls))
        self.vars[id(w)] = var
        code.need("PySide6.QtWidgets", cls.__name__)
        if type(w) is not cls:
            code.lines.append(f"# {type(w).__name__}")
        code.lines.append(f"{var} = {cls.__name__}()")
        if w.objectName():
            code.lines.append(f"{var}.setObjectName({w.objectName()!r})")
        _emit_properties(code, var, w, cls, self.host)
        for raw in w.dynamicPropertyNames():
            name = bytes(raw).decode()
            if name.startswith("_q_"):
                continue
            value = code.value(w.property(name))
            if value is None:
                code.skipped[f"dynamic {name}"] += 1
            else:
                code.lines.append(f"{var}.setProperty({name!r}, {value})")
        if w.styleSheet() and w is not self.window:
            code.lines.append(f"{var}.setStyleSheet({w.styleSheet()!r})")
        if w is not self.window and not in_stack:
            if w.isHidden() and w.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide):
                code.lines.append(f"{var}.setVisible(False)")
        if w.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled):
            code.lines.append(f"{var}.setEnabled(False)")

        if isinstance(w, QLabel) and w.buddy() is not None:
            self._later_buddy(var, w.buddy())
        if isinstance(w, QComboBox):
            items = [w.itemText(i) for i in range(w.count())]
            if items:
                code.lines.append(f"for text in {items!r}:\n    {var}.addItem(text)")
            if w.currentIndex() not in (-1, 0):
                code.lines.append(f"{var}.setCurrentIndex({w.currentIndex()})")
        elif isinstance(w, QListWidget):
            self._list_items(var, w)
        elif isinstance(w, QTextEdit):
            if w.toPlainText():
                code.lines.append(f"{var}.setHtml({w.toHtml()!r})")
        elif isinstance(w, QPlainTextEdit):
            if w.toPlainText():
                code.lines.append(f"{var}.setPlainText({w.toPlainText()!r})")

        if isinstance(w, QMainWindow):
            self._main_window(var, w)
        elif isinstance(w, QSplitter):
            for i in range(w.count()):
                child = self.widget(w.widget(i))
                code.lines.append(f"{var}.addWidget({child})")
            self.splitters.append((var, w.sizes()))
        elif isinstance(w, QStackedWidget):
            for i in range(w.count()):
                child = self.widget(w.widget(i), in_stack=True)
                code.lines.append(f"{var}.addWidget({child})")
            if w.currentIndex() > 0:
                code.lines.append(f"{var}.setCurrentIndex({w.currentIndex()})")
        elif isinstance(w, QScrollArea):
            if w.widget() is not None:
                child = self.widget(w.widget())
                code.lines.append(f"{var}.setWidget({child})")
        elif cls in (QWidget, QFrame, QGroupBox):
            if w.layout() is not None:
                self.layout(w.layout(), var)
            self._unplaced_children(w, var)
        return var

    def _later_buddy(self, var: str, buddy) -> None:
        self.code.later.append((var, buddy))

    def _unplaced_children(self, w, var: str) -> None:
        """Children the application parented to a container without a layout slot (none today)."""
        from PySide6.QtWidgets import QWidget

        placed = set()

        def collect(layout) -> None:
            for i in range(layout.count()):
                item = layout.itemAt(i)
                if item.widget() is not None:
                    placed.add(id(item.widget()))
                elif item.layout() is not None:
                    collect(item.layout())

        if w.layout() is not None:
            collect(w.layout())
        for child in w.children():
            if isinstance(child, QWidget) and not child.isWindow() and id(child) not in placed:
                child_var = self.widget(child)
                self.code.lines.append(f"{child_var}.setParent({var})")
                geometry = child.geometry()
                self.code.lines.append(f"{child_var}.setGeometry({geometry.x()}, {geometry.y()}, "
                                       f"{geometry.width()}, {geometry.height()})")
                self.unplaced.append(type(child).__name__)

    def _list_items(self, var: str, w) -> None:
        from PySide6.QtCore import Qt

        code = self.code
        code.need("PySide6.QtWidgets", "QListWidgetItem")
        fresh_flags = None
        for row in range(w.count()):
            item = w.item(row)
            item_var = code.name("item")
            code.lines.append(f"{item_var} = QListWidgetItem({item.text()!r})")
            if item.toolTip():
                code.lines.append(f"{item_var}.setToolTip({item.toolTip()!r})")
            accessible = item.data(Qt.ItemDataRole.AccessibleTextRole)
            if accessible:
                role = code.value(Qt.ItemDataRole.AccessibleTextRole)
                code.lines.append(f"{item_var}.setData({role}, {accessible!r})")
            if fresh_flags is None:
                from PySide6.QtWidgets import QListWidgetItem

                fresh_flags = QListWidgetItem("x").flags()
            if item.flags() != fresh_flags:
                code.lines.append(f"{item_var}.setFlags({code.value(item.flags())})")
            if item.data(Qt.ItemDataRole.TextAlignmentRole) is not None:
                code.lines.append(f"{item_var}.setTextAlignment("
                                  f"{item.data(Qt.ItemDataRole.TextAlignmentRole)!r})")
            code.lines.append(f"{var}.addItem({item_var})")
            if item.isHidden():
                code.lines.append(f"{item_var}.setHidden(True)")
        if w.currentRow() >= 0:
            code.lines.append(f"{var}.setCurrentRow({w.currentRow()})")

    # the main window ---------------------------------------------------------------------------------
    def _main_window(self, var: str, w) -> None:
        from PySide6.QtWidgets import QStatusBar, QToolBar

        code = self.code
        if w.centralWidget() is not None:
            child = self.widget(w.centralWidget())
            code.lines.append(f"{var}.setCentralWidget({child})")
        for act in w.actions():
            self.action(act)
            code.lines.append(f"{var}.addAction({self.actions[id(act)]})")
        bar = w.menuWidget()
        if bar is not None:
            code.lines.append(f"menu_bar = {var}.menuBar()")
            self.vars[id(bar)] = "menu_bar"
            self._menu_actions("menu_bar", bar)
        for tool_bar in w.findChildren(QToolBar):
            tb = code.name("tool_bar")
            code.lines.append(f"{tb} = {var}.addToolBar({tool_bar.windowTitle()!r})")
            if tool_bar.objectName():
                code.lines.append(f"{tb}.setObjectName({tool_bar.objectName()!r})")
            self._menu_actions(tb, tool_bar)
        status = w.findChild(QStatusBar)
        if status is not None:
            code.lines.append(f"status_bar = {var}.statusBar()")
            if status.currentMessage():
                code.lines.append(f"status_bar.showMessage({status.currentMessage()!r})")

    def action(self, act) -> str:
        if id(act) in self.actions:
            return self.actions[id(act)]
        from PySide6.QtCore import Qt

        code = self.code
        var = code.name("action")
        self.actions[id(act)] = var
        code.need("PySide6.QtGui", "QAction")
        code.lines.append(f"{var} = QAction({act.text()!r}, window)")
        if act.shortcuts():
            code.lines.append(f"{var}.setShortcuts({code.value(act.shortcuts())})")
        if act.shortcutContext() != Qt.ShortcutContext.WindowShortcut:
            code.lines.append(f"{var}.setShortcutContext({code.value(act.shortcutContext())})")
        if act.isCheckable():
            code.lines.append(f"{var}.setCheckable(True)")
            if act.isChecked():
                code.lines.append(f"{var}.setChecked(True)")
        if not act.isEnabled():
            code.lines.append(f"{var}.setEnabled(False)")
        if not act.isVisible():
            code.lines.append(f"{var}.setVisible(False)")
        if act.statusTip():
            code.lines.append(f"{var}.setStatusTip({act.statusTip()!r})")
        from PySide6.QtGui import QAction

        if act.toolTip() != QAction(act.text()).toolTip():
            code.lines.append(f"{var}.setToolTip({act.toolTip()!r})")
        if act.menuRole() != QAction.MenuRole.TextHeuristicRole:
            code.lines.append(f"{var}.setMenuRole({code.value(act.menuRole())})")
        return var

    def _menu_actions(self, var: str, owner) -> None:
        code = self.code
        for act in owner.actions():
            menu = act.menu()
            if menu is not None:
                menu_var = code.name("menu")
                self.vars[id(menu)] = menu_var
                code.lines.append(f"{menu_var} = {var}.addMenu({menu.title()!r})")
                if menu.objectName():
                    code.lines.append(f"{menu_var}.setObjectName({menu.objectName()!r})")
                if menu.toolTipsVisible():
                    code.lines.append(f"{menu_var}.setToolTipsVisible(True)")
                if not act.isEnabled():
                    code.lines.append(f"{menu_var}.menuAction().setEnabled(False)")
                self._menu_actions(menu_var, menu)
            elif act.isSeparator():
                code.lines.append(f"{var}.addSeparator()")
            else:
                self.action(act)
                code.lines.append(f"{var}.addAction({self.actions[id(act)]})")

    # layouts -----------------------------------------------------------------------------------------
    def layout(self, lay, owner: str | None) -> str:
        from PySide6.QtWidgets import QBoxLayout, QFormLayout, QGridLayout, QHBoxLayout

        code = self.code
        cls = nearest_pyside(type(lay))
        substitute = cls
        if cls.__name__ == "QLayout":  # the application's own layout (the flow layout)
            substitute = QHBoxLayout
            code.lines.append(f"# {type(lay).__name__} (the application's own layout) as a QHBoxLayout")
        var = code.name("layout")
        code.need("PySide6.QtWidgets", substitute.__name__)
        if substitute.__name__ == "QBoxLayout":
            parent = f", {owner}" if owner else ""
            code.lines.append(f"{var} = QBoxLayout({code.value(lay.direction())}{parent})")
        else:
            code.lines.append(f"{var} = {substitute.__name__}({owner or ''})")
        m = lay.contentsMargins()
        code.lines.append(f"{var}.setContentsMargins({m.left()}, {m.top()}, {m.right()}, {m.bottom()})")
        if isinstance(lay, QFormLayout | QGridLayout):
            code.lines.append(f"{var}.setHorizontalSpacing({lay.horizontalSpacing()})")
            code.lines.append(f"{var}.setVerticalSpacing({lay.verticalSpacing()})")
        else:
            code.lines.append(f"{var}.setSpacing({lay.spacing()})")
        if substitute is cls:
            _emit_properties(code, var, lay, cls, None)
        if lay.sizeConstraint() != lay.SizeConstraint.SetDefaultConstraint:
            code.lines.append(f"{var}.setSizeConstraint({code.value(lay.sizeConstraint())})")
        for i in range(lay.count()):
            item = lay.itemAt(i)
            if isinstance(lay, QFormLayout):
                row, role = lay.getItemPosition(i)
                place = f"{row}, {code.value(role)}, "
            elif isinstance(lay, QGridLayout):
                row, column, rows, columns = lay.getItemPosition(i)
                place = (row, column, rows, columns)
            else:
                place = None
            stretch = lay.stretch(i) if isinstance(lay, QBoxLayout) else 0
            alignment = item.alignment()
            align = f", {code.value(alignment)}" if alignment.value else ""
            if item.widget() is not None:
                child = self.widget(item.widget())
                if isinstance(lay, QFormLayout):
                    code.lines.append(f"{var}.setWidget({place}{child})")
                elif isinstance(lay, QGridLayout):
                    code.lines.append(f"{var}.addWidget({child}, {', '.join(map(str, place))}{align})")
                elif stretch or align:
                    code.lines.append(f"{var}.addWidget({child}, {stretch}{align})")
                else:
                    code.lines.append(f"{var}.addWidget({child})")
            elif item.layout() is not None:
                child = self.layout(item.layout(), None)
                if isinstance(lay, QFormLayout):
                    code.lines.append(f"{var}.setLayout({place}{child})")
                elif isinstance(lay, QGridLayout):
                    code.lines.append(f"{var}.addLayout({child}, {', '.join(map(str, place))}{align})")
                else:
                    code.lines.append(f"{var}.addLayout({child}{', ' + str(stretch) if stretch else ''})")
            elif item.spacerItem() is not None:
                self._spacer(var, lay, item.spacerItem(), stretch)
        if substitute is not cls:  # a row that fits keeps its items' widths, on the left
            code.lines.append(f"{var}.addStretch(1)")
        return var

    def _spacer(self, var: str, lay, spacer, stretch: int) -> None:
        from PySide6.QtWidgets import QBoxLayout, QSizePolicy

        code = self.code
        hint = spacer.sizeHint()
        policy = spacer.sizePolicy()
        if isinstance(lay, QBoxLayout):
            horizontal = lay.direction() in (QBoxLayout.Direction.LeftToRight,
                                             QBoxLayout.Direction.RightToLeft)
            along = policy.horizontalPolicy() if horizontal else policy.verticalPolicy()
            if hint.width() == 0 and hint.height() == 0 and along == QSizePolicy.Policy.Expanding:
                code.lines.append(f"{var}.addStretch({stretch})")
                return
        code.need("PySide6.QtWidgets", "QSpacerItem")
        code.lines.append(f"{var}.addSpacerItem(QSpacerItem({hint.width()}, {hint.height()}, "
                          f"{code.value(policy.horizontalPolicy())}, {code.value(policy.verticalPolicy())}))")


def _prefix(cls: type) -> str:
    name = cls.__name__.removeprefix("Q")
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_") + "_"


def replica_source(window, app, font_files: list[str]) -> str:
    """The replica script of ``window`` as it is now (call it at its first paint)."""
    walker = _Walker(window)
    code = walker.code
    walker.widget(window)
    for var, buddy in code.later:
        if id(buddy) in walker.vars:
            code.lines.append(f"{var}.setBuddy({walker.vars[id(buddy)]})")
    for var, sizes in walker.splitters:
        code.lines.append(f"{var}.setSizes({sizes!r})")
    code.lines.append("# -- widgets built")  # phase marks for profile_replica.py
    if window.styleSheet():
        code.lines.append(f"window.setStyleSheet({window.styleSheet()!r})")
    code.lines.append(f"window.resize({window.width()}, {window.height()})")
    code.lines.append("# -- style sheet and size")
    code.lines.append("window.show()")

    font = app.font()
    setup = [
        "app = QApplication(sys.argv[:1])",
        f"app.setOrganizationName({app.organizationName()!r})",
        f"app.setApplicationName({app.applicationName()!r})",
        f"app.setApplicationDisplayName({app.applicationDisplayName()!r})",
        f"app.setStyle({app.style().name()!r})",
    ]
    for path in font_files:
        setup.append(f"QFontDatabase.addApplicationFont({path!r})")
    setup += [f"font = QFont({font.family()!r})",
              f"font.setPointSizeF({font.pointSizeF()!r})",
              f"font.setHintingPreference({code.value(font.hintingPreference())})",
              "app.setFont(font)"]
    if app.styleSheet():
        setup.append(f"app.setStyleSheet({app.styleSheet()!r})")
    setup.append("# -- set-up (names, Fusion, fonts)")
    code.need("PySide6.QtWidgets", "QApplication")
    code.need("PySide6.QtGui", "QFont")
    code.need("PySide6.QtGui", "QFontDatabase")
    helpers = []
    if "QSizePolicy" in code.imports.get("PySide6.QtWidgets", set()):
        helpers = ["def size_policy(horizontal, vertical, h_stretch, v_stretch, hfw, wfh, control):",
                   "    policy = QSizePolicy(horizontal, vertical, control)",
                   "    policy.setHorizontalStretch(h_stretch)",
                   "    policy.setVerticalStretch(v_stretch)",
                   "    policy.setHeightForWidth(hfw)",
                   "    policy.setWidthForHeight(wfh)",
                   "    return policy", "", ""]
    # Only the names the script uses: a name is also recorded for a value that was then not
    # written (equal to a new widget's), and importing a class makes PySide6 create its type.
    used = set(re.findall(r"\b(Q\w+|Qt)\b", "\n".join(setup + code.lines)))
    imports = ["import sys"] + [f"from {module} import {', '.join(sorted(names & used))}"
                                for module, names in sorted(code.imports.items()) if names & used]
    skipped = ", ".join(f"{k} ×{v}" for k, v in sorted(code.skipped.items())) or "none"
    head = ['"""The first step of supportguide_app rebuilt in plain PySide6 by benchmarks/widget_replica.py.',
            "",
            "Generated; do not edit. No code of the application: its widget subclasses' overrides,",
            "custom layouts, event filters and signals are not here (see widget_replica.py).",
            f"Properties the walk could not write: {skipped}.",
            f"Widgets outside any layout: {', '.join(walker.unplaced) or 'none'}.",
            '"""']
    return "\n".join([*head, *imports, "", *helpers, *setup, *code.lines, "app.exec()", ""])


# -- the census: what a first frame holds, for the test and the comparison --------------------------
def census(window) -> dict:
    """Widgets per nearest PySide6 class and the texts they show, for ``window`` and everything in it.

    Texts are (class, what, text, visible in the window) for labels, buttons, line edits, menus,
    combo and list items, check states, the status bar's message, the title and every action."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLabel,
        QLineEdit,
        QListWidget,
        QMenu,
        QPlainTextEdit,
        QStatusBar,
        QTextEdit,
        QWidget,
    )

    widgets = [window, *window.findChildren(QWidget)]
    counts = Counter(nearest_pyside(type(w)).__name__ for w in widgets)
    texts = []

    def add(w, what: str, text) -> None:
        if text not in ("", None):
            texts.append([nearest_pyside(type(w)).__name__, what, str(text),
                          w.isVisibleTo(window) or w is window])

    for w in widgets:
        add(w, "toolTip", w.toolTip())
        if w.isWindow():
            add(w, "windowTitle", w.windowTitle())
        if isinstance(w, QLabel | QAbstractButton | QLineEdit):
            add(w, "text", w.text())
        if isinstance(w, QAbstractButton) and w.isCheckable():
            add(w, "checked", w.isChecked())
        if isinstance(w, QLineEdit):
            add(w, "placeholder", w.placeholderText())
        if isinstance(w, QAbstractSpinBox):
            add(w, "text", w.text())
        if isinstance(w, QComboBox):
            for i in range(w.count()):
                add(w, "item", w.itemText(i))
            add(w, "current", w.currentText())
        if isinstance(w, QListWidget):
            for i in range(w.count()):
                add(w, "hidden item" if w.item(i).isHidden() else "item", w.item(i).text())
            add(w, "currentRow", w.currentRow())
        if isinstance(w, QTextEdit | QPlainTextEdit):
            add(w, "document", w.toPlainText())
        if isinstance(w, QMenu):
            add(w, "title", w.title())
        if isinstance(w, QStatusBar):
            add(w, "message", w.currentMessage())
        if not w.isEnabled() and w is not window:
            add(w, "disabled", True)
    actions = {id(a): a for a in window.actions()}
    for menu in window.findChildren(QMenu):
        actions.update((id(a), a) for a in menu.actions() if not a.isSeparator() and a.menu() is None)
    for act in actions.values():
        assert isinstance(act, QAction)
        texts.append(["QAction", act.text(), " ".join(s.toString() for s in act.shortcuts()),
                      act.isEnabled()])
    texts.sort()
    return {"counts": dict(sorted(counts.items())), "texts": texts}


def at_first_paint(window, callback) -> None:
    """Call ``callback()`` when ``window`` gets its first paint event, before it paints: the state
    its first frame shows (work the application defers to after that frame has not run yet)."""
    from PySide6.QtCore import QEvent, QObject

    class Watch(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                callback()
            return False

    watch = Watch(window)
    window.installEventFilter(watch)


def print_census_at_first_paint(window, app) -> None:
    """For a probe: print the census of the first frame as one JSON line and quit."""
    from PySide6.QtCore import QTimer

    def report() -> None:
        print("CENSUS " + json.dumps(census(window), ensure_ascii=False), flush=True)
        QTimer.singleShot(0, app.quit)

    at_first_paint(window, report)


def grab_after_first_paint(window, app, path: str) -> None:
    """For a look: save ``window`` as a PNG in the turn right after its first paint, ahead of the
    work the application queues behind that paint (the guide panel's text), then quit."""
    from PySide6.QtCore import QTimer

    def grab() -> None:
        window.grab().save(path)
        app.quit()

    at_first_paint(window, lambda: QTimer.singleShot(0, grab))


# -- in the application's process --------------------------------------------------------------------
_APP_CHILD = """
import sys
sys.path.insert(0, {here!r})
from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication
QStandardPaths.setTestModeEnabled(True)
from supportguide_app import paths
from supportguide_app.ui.app import FONT_FILES, build_window, configure_application
import widget_replica
app = QApplication(sys.argv[:1])
configure_application(app)
window = build_window()
mode, out = sys.argv[1], sys.argv[2]
def done():
    fonts = [str(paths.resource("fonts", name)) for name in FONT_FILES]
    text = widget_replica.json.dumps({{"script": widget_replica.replica_source(window, app, fonts),
                                      "census": widget_replica.census(window)}},
                                     ensure_ascii=False)
    with open(out, "w", encoding="utf-8") as handle:
        handle.write(text)
    QTimer.singleShot(0, app.quit)
if mode == "grab":
    widget_replica.grab_after_first_paint(window, app, out)
else:
    widget_replica.at_first_paint(window, done)
window.show()
app.exec()
"""


def offscreen_env(home: str, screen_file: Path) -> dict[str, str]:
    """Offscreen, on the screen above, with a temporary HOME and the repository on the path."""
    return dict(os.environ, HOME=home, PYTHONPATH=str(ROOT),
                QT_QPA_PLATFORM=f"offscreen:configfile={screen_file}")


def _run_app(mode: str, grab: Path | None = None) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        screen = Path(tmp) / "screen.json"
        screen.write_text(json.dumps(SCREEN), encoding="utf-8")
        out = grab or Path(tmp) / "out"
        home = Path(tmp) / "home"
        home.mkdir()
        subprocess.run([sys.executable, "-c", _APP_CHILD.format(here=str(HERE)), mode, str(out)],
                       env=offscreen_env(str(home), screen), check=True, timeout=120,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        return "" if grab else out.read_text(encoding="utf-8")


def generate_with_census() -> tuple[str, dict]:
    """The replica script of the application's first step and the census of that first frame,
    from one run of the application offscreen."""
    both = json.loads(_run_app("walk"))
    return both["script"], both["census"]


def generate() -> str:
    """The replica script of the application's first step (runs the application offscreen)."""
    return generate_with_census()[0]


PROBE = """
sys.path.insert(0, {here!r})
import widget_replica
widget_replica.print_census_at_first_paint(window, app)
app.exec()
"""


GRAB = """
sys.path.insert(0, {here!r})
import widget_replica
widget_replica.grab_after_first_paint(window, app, {path!r})
app.exec()
"""


def _run_replica(script: str, end: str) -> bytes:
    """Run ``script`` offscreen with its last ``app.exec()`` replaced by ``end``; its stdout."""
    probe = script.rsplit("app.exec()", 1)[0] + end
    with tempfile.TemporaryDirectory() as tmp:
        screen = Path(tmp) / "screen.json"
        screen.write_text(json.dumps(SCREEN), encoding="utf-8")
        env = offscreen_env(tmp, screen)
        env.pop("PYTHONPATH")  # the replica must run without the application on the path
        result = subprocess.run([sys.executable, "-c", probe], env=env, check=True, timeout=120,
                                capture_output=True, cwd=tmp)
    return result.stdout


def replica_census(script: str) -> dict:
    """Run ``script`` (a replica) offscreen and return the census of its first frame."""
    stdout = _run_replica(script, PROBE.format(here=str(HERE)))
    line = next(x for x in stdout.decode().splitlines() if x.startswith("CENSUS "))
    return json.loads(line.removeprefix("CENSUS "))


def compiled_command(script: str, folder: Path, name: str = "replica_first_step", *,
                     python: Sequence[str] = (sys.executable,), folder_seen_as: str | None = None
                     ) -> list[str]:
    """A command that runs ``script`` from its bytecode: written to ``folder`` as a module, compiled
    (``py_compile`` writes the .pyc whatever PYTHONDONTWRITEBYTECODE says) and imported, so that
    a start of the replica does not include compiling its ~700 lines (~11 ms), as a start of the
    application with its .pyc does not.

    ``python`` runs it (e.g. ``wine python.exe``: the same Python version reads the same
    bytecode), seeing ``folder`` as ``folder_seen_as`` (e.g. ``Z:\\…``) if given."""
    import py_compile  # noqa: PLC0415

    path = Path(folder) / f"{name}.py"
    path.write_text(script, encoding="utf-8")
    py_compile.compile(str(path), doraise=True)
    seen_as = folder_seen_as or str(folder)
    return [*python, "-c", f"import sys; sys.path.insert(0, {seen_as!r}); import {name}"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, help="write the replica script here")
    parser.add_argument("--grab", type=Path, metavar="DIR",
                        help="save application.png and replica.png of the first frames in DIR")
    parser.add_argument("--census", action="store_true",
                        help="print the census of the application's and the replica's first frames")
    args = parser.parse_args()
    script, app_census = generate_with_census()
    if args.output:
        args.output.write_text(script, encoding="utf-8")
    if args.census:
        print(json.dumps({"application": app_census, "replica": replica_census(script)},
                         ensure_ascii=False, indent=1))
    if args.grab:
        args.grab.mkdir(parents=True, exist_ok=True)
        _run_app("grab", (args.grab / "application.png").resolve())
        _run_replica(script, GRAB.format(here=str(HERE), path=str((args.grab / "replica.png").resolve())))
    if not args.output and not args.census and not args.grab:
        sys.stdout.write(script)


if __name__ == "__main__":
    main()
