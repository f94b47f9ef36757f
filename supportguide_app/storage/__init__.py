"""The session file format: versions, migrations, validation, atomic writes, backup and autosave.

No Qt here: ``ui/`` and ``cli.py`` call these functions and turn the errors' Japanese ``message``
into dialogs or exit codes. The format is documented in ``docs/session-format.md``.
"""

from supportguide_app.storage.autosave import AutosaveEntry, AutosaveStore
from supportguide_app.storage.check import ValidationResult, validate_files
from supportguide_app.storage.codec import LoadResult, session_from_dict, session_to_dict
from supportguide_app.storage.collect import FolderVanishedError, aggregate_folder
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
    "load_session",
    "save_session",
    "session_from_dict",
    "session_to_dict",
    "validate_files",
]
