"""Helpers of the report tests, imported by name (a conftest cannot be: every test folder has one)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

TODAY = date(2026, 4, 10)


def squeeze(text: str) -> str:
    """Without any white space: the PDF wraps lines anywhere in Japanese text."""
    return re.sub(r"\s+", "", text)


def pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(path).pages]


def pdf_body_text(path: Path, running: tuple[str, ...] = ()) -> str:
    """The text of every page, page headers and footers left out, squeezed."""
    kept = []
    for page in pdf_pages(path):
        for line in page.splitlines():
            if line.startswith("出力日") or line.strip() in running or re.fullmatch(r"\d+ / \d+", line):
                continue
            kept.append(line)
    return squeeze("\n".join(kept))
