"""The Qt window: the only package that imports PySide6.

Importing it first makes PySide6's import hook cheaper (:func:`_cheaper_pyside_import_hook`).
"""

from __future__ import annotations

import sys

import PySide6.QtCore  # noqa: F401 (loads PySide6's import hook, made cheaper below)


def _cheaper_pyside_import_hook() -> None:
    """Ask PySide6's question of each imported module without keeping every source file in memory.

    PySide6 asks of every module imported after it whether its source mentions "PySide6" (for its
    ``__feature__`` switches: ``shibokensupport.feature._mod_uses_pyside``). It reads the source
    with ``inspect.getsource``, which keeps the lines of every file in ``linecache``: 7.8 MiB for
    this program's modules, the standard library's and reportlab's, and the time to read and split
    them at each start. The same question asked of the file's bytes keeps nothing. A module
    without a ``.py`` file (built in, or in the frozen bundle's archive) gets PySide6's own answer.
    """
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "reads_bytes", False):
        return

    def uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:  # no source beside it: what inspect.getsource would have said too
            return False

    uses_pyside.reads_bytes = True
    feature._mod_uses_pyside = uses_pyside


_cheaper_pyside_import_hook()
