"""A PDF export stopped while its pages are laid out writes nothing, not even a temporary file."""

import pytest

from supportguide_app.guide import load_guide
from supportguide_app.plan.session import Session
from supportguide_app.progress import Cancelled
from supportguide_app.report.export import export_pdf


def long_plan() -> Session:
    session = Session.new()
    session.set_value(("notes",), ("面談の記録です。" * 20 + "\n") * 150)
    return session


def test_pages_are_reported_and_a_cancel_writes_nothing(tmp_path):
    pages = []
    export_pdf(long_plan(), load_guide(), tmp_path / "full.pdf",
               progress=lambda done, total: pages.append(done))
    assert pages[0] == 0 and pages[1:] == list(range(1, len(pages))) and len(pages) > 5

    def progress(done, _total):
        if done == 3:
            raise Cancelled

    out = tmp_path / "cancelled"
    out.mkdir()
    with pytest.raises(Cancelled):
        export_pdf(long_plan(), load_guide(), out / "plan.pdf", progress=progress)
    assert list(out.iterdir()) == []


def test_an_existing_pdf_survives_a_cancelled_export(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(b"%PDF-1.4 the earlier export")

    def progress(done, _total):
        if done == 2:
            raise Cancelled

    with pytest.raises(Cancelled):
        export_pdf(long_plan(), load_guide(), path, progress=progress)
    assert path.read_bytes() == b"%PDF-1.4 the earlier export"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]
