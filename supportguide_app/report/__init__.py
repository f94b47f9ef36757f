"""Reports of a plan: plain ReportData (``report.data``), a PDF with reportlab (``report.export``,
``report.pdf``: reportlab is imported only when a PDF is made), text (``report.text``), summaries of
many plans (``report.summary``).

This package imports nothing by itself: the window imports only the small modules it needs at
start-up (errors, clauses), and the rest when a person asks for a report. It only arranges, before
any of its modules imports reportlab, that Pillow is loaded when first used (:func:`_defer_pillow`).
"""

from __future__ import annotations

import importlib.util
import sys


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
