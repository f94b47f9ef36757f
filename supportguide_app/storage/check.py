"""Checking session files without opening a window (``supportguide validate FILE…``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from supportguide_app.storage.errors import PassphraseRequiredError, SessionFileError
from supportguide_app.storage.files import load_session

PROTECTED_WARNING = ("パスフレーズで保護されたファイルです。形式だけを確かめ、中身は確かめていません"
                     "（中身を確かめるには、パスフレーズを入れてアプリで開いてください）。")


@dataclass
class ValidationResult:
    """The outcome for one file: ``ok``, the Japanese error message when not, and any warnings."""

    path: Path
    ok: bool
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    protected: bool = False  # protected with a passphrase; without it only the envelope was checked


def validate_files(paths: Iterable[Path | str], *, passphrase: str | None = None) -> list[ValidationResult]:
    """Load each file as the application would and report, in order, whether it would open.

    Never raises for a bad file: the error's Japanese message goes into the result. A file with
    warnings (unknown item IDs) is still ``ok``; the CLI decides the exit code.

    A protected file cannot be checked without its passphrase. Without one, it is ``ok`` with
    ``protected`` set and a warning saying that only its envelope was checked (well-formed, a
    version we know): it is not damaged, and a batch check of a folder should not fail on it. A
    damaged envelope, or a wrong ``passphrase``, is an error.
    """
    results = []
    for raw in paths:
        path = Path(raw)
        try:
            loaded = load_session(path, passphrase)
        except PassphraseRequiredError:
            results.append(ValidationResult(path, True, None, [PROTECTED_WARNING], protected=True))
        except SessionFileError as exc:
            results.append(ValidationResult(path, False, exc.message))
        else:
            results.append(ValidationResult(path, True, None, loaded.warnings, loaded.protected))
    return results
