"""The wait cursor around work the person waits for (a key derivation, a PDF), and the folders
the window proposes when nothing better is known."""

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


@contextmanager
def wait_cursor_if(slow: bool) -> Iterator[None]:
    """The wait cursor around work that derives a key (about 0.3 s), none around the rest."""
    if not slow:
        yield
        return
    with wait_cursor():
        yield


def documents_folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
