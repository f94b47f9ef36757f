"""Progress and cancellation of long work (aggregation, big files, key derivation, PDFs), without Qt.

Long domain functions take an optional ``progress(done, total)`` callback and call it as they go
(``total`` is 0 when it is not known in advance, e.g. the pages of a PDF still being laid out).
The caller stops the work by raising :class:`Cancelled` from the callback: the window does so
when the person presses キャンセル, and the work then ends at its next report. A function only
reports before it writes anything, or after its single atomic write, so a cancelled save or
export leaves every file as it was (and removes its temporary file).
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]


class Cancelled(Exception):  # noqa: N818 (a request, not an error)
    """The person asked to stop the work; nothing was written."""


def report(progress: Progress | None, done: int, total: int = 0) -> None:
    """Call ``progress`` when there is one (it may raise :class:`Cancelled`)."""
    if progress is not None:
        progress(done, total)
