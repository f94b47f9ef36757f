"""Reports of a plan: plain ReportData (``report.data``), a PDF with reportlab (``report.export``,
``report.pdf``: reportlab is imported only when a PDF is made), text (``report.text``), summaries of
many plans (``report.summary``).

This package imports nothing by itself: the window imports only the small modules it needs at
start-up (errors, clauses), and the rest when a person asks for a report. It only arranges, before
any of its modules imports reportlab, that Pillow is loaded when first used (:func:`_defer_pillow`),
and both PDF writers call :func:`prepare_reportlab` before they import theirs.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import sys
from typing import Any


def _defer_pillow() -> None:
    """Make ``PIL.Image`` a lazy module (the standard library's ``importlib.util.LazyLoader``).

    reportlab imports ``PIL.Image`` when it is imported (``reportlab.lib.utils``), but our PDFs hold
    no raster image, so nothing ever reads it: loading Pillow cost 3.4 MiB and about 20 ms on every
    export. The lazy module is loaded in full the first time anything reads one of its names.
    """
    if "PIL.Image" in sys.modules:
        return
    try:
        spec = importlib.util.find_spec("PIL.Image")
    except ImportError:  # no Pillow at all: reportlab will say so itself
        return
    if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules["PIL.Image"] = module
    spec.loader.exec_module(module)
    sys.modules["PIL"].Image = module


_defer_pillow()


# reportlab.platypus.paragraph compiles, when it is imported, a pattern of URIs for hyphenation
# (``uri_pat``) that neither PDF uses: case-insensitive over most of Unicode, it took about 70 ms
# of every export's start, compiling (Python 3.11). It is compiled on first use instead.
_URI_PATTERN_START = "(^(?:[a-z0-9\\.\\-\\+]*)://)"
_compile = re.compile


class _PatternOnFirstUse:
    """A stand-in for ``re.compile(pattern, flags)`` that compiles it the first time it is used."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._pattern = pattern
        self._flags = flags

    @functools.cached_property
    def _compiled(self) -> re.Pattern:
        return _compile(self._pattern, self._flags)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._compiled, name)


def _compile_uri_pattern_on_first_use(pattern: Any, flags: int = 0) -> Any:
    if isinstance(pattern, str) and pattern.startswith(_URI_PATTERN_START):
        return _PatternOnFirstUse(pattern, flags)
    return _compile(pattern, flags)


def prepare_reportlab() -> None:
    """Before a PDF writer's reportlab modules are imported (``report.export`` for the plan,
    ``report.summary`` for the summary): ``uri_pat`` (above) is compiled on first use
    (``re.compile`` is replaced, for that one pattern, while ``reportlab.platypus.paragraph`` is
    imported). Nothing drawn changes (``tests/report/test_reportlab_setup.py`` compares both PDFs'
    bytes with those made with reportlab as it is). Left alone when that module was imported
    already.
    """
    if "reportlab.platypus.paragraph" not in sys.modules:
        re.compile = _compile_uri_pattern_on_first_use
        try:
            import reportlab.platypus.paragraph  # noqa: F401
        finally:
            re.compile = _compile
