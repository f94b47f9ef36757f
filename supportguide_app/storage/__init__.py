"""The session file format: versions, migrations, validation, atomic writes, backup and autosave.

No Qt here: ``ui/`` and ``cli.py`` call these functions and turn the errors' Japanese ``message``
into dialogs or exit codes. The format is documented in ``docs/session-format.md``.

Autosave, checking and aggregation are imported when first asked for (``storage.aggregate_folder``
or ``from supportguide_app.storage import aggregate_folder``): a command that only opens one plan
(``export``) does not pay for reading folders of them.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

from supportguide_app.storage.codec import LoadResult, session_from_dict, session_to_dict
from supportguide_app.storage.errors import (
    DamagedProtectedFileError,
    FileReadError,
    FileTooLargeError,
    FileWriteError,
    InvalidSessionError,
    NewerVersionError,
    NotJSONError,
    NotPlanFileError,
    NotSessionFileError,
    OutputRefusedError,
    OverwriteRefusedError,
    PassphraseRequiredError,
    SessionFileError,
    WeakPassphraseError,
    WrongPassphraseError,
)
from supportguide_app.storage.files import backup_path, load_session, save_session
from supportguide_app.storage.migrations import FORMAT_NAME, FORMAT_VERSION

if TYPE_CHECKING:  # imported by __getattr__ below when first used
    from supportguide_app.storage.autosave import AutosaveEntry, AutosaveStore
    from supportguide_app.storage.check import ValidationResult, validate_files
    from supportguide_app.storage.collect import FolderVanishedError, aggregate_folder

_LAZY = {
    "AutosaveEntry": "autosave",
    "AutosaveStore": "autosave",
    "ValidationResult": "check",
    "validate_files": "check",
    "FolderVanishedError": "collect",
    "aggregate_folder": "collect",
}


def forget_keys() -> None:
    """Forget the keys derived for protected files (``crypto.forget_keys``), without importing
    the cipher when no protected file was opened or saved: then there is nothing to forget."""
    crypto = sys.modules.get(f"{__name__}.crypto")
    if crypto is not None:
        crypto.forget_keys()


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "AutosaveEntry",
    "AutosaveStore",
    "DamagedProtectedFileError",
    "FileReadError",
    "FileTooLargeError",
    "FileWriteError",
    "FolderVanishedError",
    "InvalidSessionError",
    "LoadResult",
    "NewerVersionError",
    "NotJSONError",
    "NotPlanFileError",
    "NotSessionFileError",
    "OutputRefusedError",
    "OverwriteRefusedError",
    "PassphraseRequiredError",
    "SessionFileError",
    "ValidationResult",
    "WeakPassphraseError",
    "WrongPassphraseError",
    "aggregate_folder",
    "backup_path",
    "forget_keys",
    "load_session",
    "save_session",
    "session_from_dict",
    "session_to_dict",
    "validate_files",
]
