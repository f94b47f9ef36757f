"""The compact font reader (report/fonts.py) gives reportlab exactly what its own reader gives.

The PDFs a person exports must not change: the same text, the same glyphs at the same places, the
same embedded font subsets. Each test compares against reportlab's stock ``TTFontFace``/``TTFont``.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from pypdf import PdfReader
from report_helpers import TODAY
from reportlab.lib import rl_accel
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from supportguide_app import paths
from supportguide_app.report import fonts
from supportguide_app.report.data import build_report_data
from supportguide_app.report.export import export_pdf
from supportguide_app.storage import load_session

FONT_PATHS = [str(paths.resource("fonts", name)) for name in fonts.FONT_FILES.values()]
EXAMPLE = paths.resource("examples", "example-session.json")


@pytest.fixture(scope="module", params=FONT_PATHS, ids=["regular", "bold"])
def faces(request):
    return TTFontFace(request.param), fonts.CompactTTFontFace(request.param)


def test_compact_face_holds_reportlabs_tables(faces):
    stock, compact = faces
    assert compact.charToGlyph == stock.charToGlyph
    assert compact.charWidths == stock.charWidths
    assert compact.defaultWidth == stock.defaultWidth
    assert list(compact.glyphPos) == stock.glyphPos
    assert len(compact.hmetrics) == len(stock.hmetrics)
    assert [compact.hmetrics[g] for g in range(len(stock.hmetrics))] == stock.hmetrics
    for name in ("name", "familyName", "ascent", "descent", "capHeight", "bbox", "flags", "italicAngle",
                 "stemV", "unitsPerEm", "numGlyphs"):
        assert getattr(compact, name) == getattr(stock, name), name


def test_compact_face_makes_the_same_subsets(faces, guide):
    stock, compact = faces
    session = load_session(EXAMPLE).session
    text = "".join(build_report_data(session, guide).texts())
    chars = sorted({ord(c) for c in text})
    for start in range(0, len(chars), 255):  # reportlab subsets hold up to 256 codes
        subset = chars[start:start + 255]
        assert compact.makeSubset(subset) == stock.makeSubset(subset)
    odd = [0x20, 0xA0, 0x3000, 0x20BB7]  # space, no-break space, ideographic space, 𠮷
    assert compact.makeSubset(odd) == stock.makeSubset(odd)


def _register_again() -> type:
    """Unregister the bundled fonts (reportlab keeps the first font of a name) and register them."""
    fonts.register_fonts()
    for name in fonts.FONT_FILES:
        pdfmetrics.getFont(name).unregister()
    fonts.register_fonts.cache_clear()
    fonts.register_fonts()
    return type(pdfmetrics.getFont(fonts.FONT))


@pytest.fixture
def stock_fonts(monkeypatch):
    """Register reportlab's own TTFont under the same names, for one test; restore after it."""
    monkeypatch.setattr(fonts, "CompactTTFont", TTFont)
    assert _register_again() is TTFont
    yield
    monkeypatch.undo()
    assert _register_again() is fonts.CompactTTFont


def _pages(path):
    reader = PdfReader(path)
    return [(page.extract_text(), page.get_contents().get_data()) for page in reader.pages]


def _font_files(path):
    found = []
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None:
                found.append((str(font["/BaseFont"])[7:], font.get("/Widths"),
                              descriptor.get_object()["/FontFile2"].get_object().get_data()))
    return found


@pytest.mark.parametrize("layout", ["plan", "checklist"])
def test_pdfs_are_the_same_with_reportlabs_own_reader(tmp_path, guide, rich, small, layout, request):
    sessions = {"example": load_session(EXAMPLE).session, "rich": rich, "small": small}
    compact = {name: export_pdf(s, guide, tmp_path / f"{name}-compact.pdf", layout=layout, today=TODAY)
               for name, s in sessions.items()}
    request.getfixturevalue("stock_fonts")
    for name, session in sessions.items():
        stock = export_pdf(session, guide, tmp_path / f"{name}-stock.pdf", layout=layout, today=TODAY)
        assert _pages(compact[name]) == _pages(stock), name
        assert _font_files(compact[name]) == _font_files(stock), name
        assert len(_pages(stock)) >= 1 and _font_files(stock)


def test_pdfs_are_the_same_without_reportlabs_c_accelerator(tmp_path, guide):
    """rl-accel only makes reportlab faster: without it every page is laid out the same."""
    accelerated = export_pdf(load_session(EXAMPLE).session, guide, tmp_path / "c.pdf", today=TODAY)
    script = (
        "import sys; sys.modules['_rl_accel'] = None\n"  # refuse the C module: pure Python
        "from reportlab.lib import rl_accel\n"
        "assert rl_accel.fp_str.__module__ == 'reportlab.lib.rl_accel'\n"
        "from datetime import date\n"
        "from supportguide_app.guide import load_guide\n"
        "from supportguide_app.report.export import export_pdf\n"
        "from supportguide_app.storage import load_session\n"
        f"export_pdf(load_session({str(EXAMPLE)!r}).session, load_guide(), {str(tmp_path / 'p.pdf')!r},"
        f" today=date({TODAY.year}, {TODAY.month}, {TODAY.day}))\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)
    assert rl_accel.fp_str.__module__ != "reportlab.lib.rl_accel", "rl-accel is not installed"
    assert _pages(accelerated) == _pages(tmp_path / "p.pdf")
    assert _font_files(accelerated) == _font_files(tmp_path / "p.pdf")


def test_the_regular_and_bold_faces_share_one_character_map():
    """Same cmap table, one dict: what each face maps is still exactly reportlab's own reading."""
    from reportlab.pdfbase import pdfmetrics

    from supportguide_app.report.fonts import FONT_FILES, register_fonts

    register_fonts()
    faces = [pdfmetrics.getFont(name).face for name in FONT_FILES]
    assert faces[0].charToGlyph is faces[1].charToGlyph
    assert faces[0].charWidths is not faces[1].charWidths  # the bold face's advances differ
    assert faces[0].charWidths != faces[1].charWidths
