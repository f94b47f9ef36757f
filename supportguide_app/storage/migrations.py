"""Format versions and the upgrade steps between them (like nbformat's converter).

A document of version N is brought to :data:`FORMAT_VERSION` by applying the registered step for
N, then N+1, and so on; each step takes a document of its version and returns one of the next.
Version 1 is the first, so the registry is empty, but it exists from day one so that the first
format change is a new function here and a fixture file, not a new mechanism.

When to bump the version (see ``docs/session-format.md``): whenever an older application could
misread a new file or lose part of it on saving. New *top-level* keys do not need a bump (older
versions keep them in ``Session.extra`` and write them back); anything else does: a renamed or
removed key, a new key inside ``meta`` or an item, a changed type or meaning, a new ``role`` or
``meeting`` value.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from supportguide_app.storage.errors import InvalidSessionError, NewerVersionError, NotSessionFileError

FORMAT_NAME = "supportguide-session"
FORMAT_VERSION = 1  # the version this application writes

Upgrade = Callable[[dict[str, Any]], dict[str, Any]]

# from_version → step that turns a document of from_version into one of from_version + 1.
UPGRADES: dict[int, Upgrade] = {}


def register_upgrade(from_version: int) -> Callable[[Upgrade], Upgrade]:
    """Decorator that registers the step from ``from_version`` to ``from_version + 1``.

    A step receives a deep copy it may change in place, and returns the upgraded document; it
    need not set ``"version"``, which the converter sets after each step.
    """

    def register(step: Upgrade) -> Upgrade:
        if from_version in UPGRADES:
            raise ValueError(f"an upgrade from version {from_version} is already registered")
        UPGRADES[from_version] = step
        return step

    return register


def document_version(data: Any, path: Path | str | None = None) -> int:
    """The format version of a parsed document, after checking that it is a session document.

    Raises :class:`NotSessionFileError` for JSON that is not ours, :class:`NewerVersionError` for a
    version beyond :data:`FORMAT_VERSION`, and :class:`InvalidSessionError` for a version that is
    not a positive integer.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise NotSessionFileError(path)
    version = data.get("version")
    if type(version) is not int or version < 1:  # bool is an int: exclude it
        raise InvalidSessionError(path, "version", "形式の版は 1 以上の整数でなければなりません")
    if version > FORMAT_VERSION:
        raise NewerVersionError(path, version, FORMAT_VERSION)
    return version


def upgrade(data: dict[str, Any], from_version: int) -> dict[str, Any]:
    """Apply the registered steps in order to bring ``data`` from ``from_version`` to the current.

    ``data`` must be a copy the caller owns (steps change it in place). A missing step is a bug of
    this application, not of the file, so it raises ``RuntimeError``.
    """
    version = from_version
    while version < FORMAT_VERSION:
        step = UPGRADES.get(version)
        if step is None:
            raise RuntimeError(f"no upgrade registered from session format version {version}")
        data = step(data)
        version += 1
        data["version"] = version
    return data
