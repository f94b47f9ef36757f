"""The wait cursor around short work the person waits for (longer work goes through
background.py, with a progress dialog), and the folders the window proposes when nothing better is
known."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QApplication


@contextmanager
def wait_cursor() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def documents_folder() -> Path:
    """The user's Documents folder, or their home folder when it does not exist (a new profile, a
    redirected folder that is offline): never "" – a file dialog given a folder that does not
    exist opens in the program's working directory instead."""
    for location in (QStandardPaths.StandardLocation.DocumentsLocation,
                     QStandardPaths.StandardLocation.HomeLocation):
        folder = QStandardPaths.writableLocation(location)
        if folder and Path(folder).is_dir():
            return Path(folder)
    return Path.home()


def dialog_start(suggested: Path) -> Path:
    """Where a file dialog opens: ``suggested`` (a folder, or a file name in one) if that folder
    exists, else the same name in the Documents folder."""
    suggested = Path(suggested)
    if suggested.is_absolute() and suggested.is_dir():
        return suggested
    if suggested.is_absolute() and suggested.parent.is_dir():
        return suggested
    return documents_folder() / suggested.name if suggested.suffix else documents_folder()
