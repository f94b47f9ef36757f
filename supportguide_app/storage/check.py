"""Checking session files without opening a window (``supportguide validate FILE…``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from supportguide_app.storage.errors import SessionFileError
from supportguide_app.storage.files import load_session


@dataclass
class ValidationResult:
    """The outcome for one file: ``ok``, the Japanese error message when not, and any warnings."""

    path: Path
    ok: bool
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


def validate_files(paths: Iterable[Path | str]) -> list[ValidationResult]:
    """Load each file as the application would and report, in order, whether it would open.

    Never raises for a bad file: the error's Japanese message goes into the result. A file with
    warnings (unknown item IDs) is still ``ok``; the CLI decides the exit code.
    """
    results = []
    for raw in paths:
        path = Path(raw)
        try:
            loaded = load_session(path)
        except SessionFileError as exc:
            results.append(ValidationResult(path, False, exc.message))
        else:
            results.append(ValidationResult(path, True, None, loaded.warnings))
    return results
