"""Format versions and the upgrade steps between them (like nbformat's converter).

A document of version N is brought to :data:`FORMAT_VERSION` by applying the registered step for
N, then N+1, and so on; each step takes a document of its version and returns one of the next.
Version 2 added the plan's ``id``, its ``reviews`` (点検の記録) and ``lineage`` (前の計画);
version 3 the ``views`` of a 1on1 (管理者と相談員の見方) with the counselor's consent to export notes;
version 4 the plan's 対象年度 (``meta.fiscal_year``) and, in each ``lineage`` link, the previous
plan's last review (前年度の点検から).

When to bump the version (see ``docs/session-format.md``): whenever an older application could
misread a new file or lose part of it on saving. New *top-level* keys do not need a bump (older
versions keep them in ``Session.extra`` and write them back); anything else does: a renamed or
removed key, a new key inside ``meta`` or an item, a changed type or meaning, a new ``role`` or
``meeting`` value.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from supportguide_app.storage.errors import InvalidSessionError, NewerVersionError, NotSessionFileError

FORMAT_NAME = "supportguide-session"
# The window's crash-recovery files (storage/autosave.py); named here, with the sessions' format,
# for the modules that only need to recognise one.
AUTOSAVE_FORMAT = "supportguide-autosave"
# A protected file's envelope (storage/crypto.py), recognised without importing the cipher.
ENCRYPTED_FORMAT = "supportguide-encrypted"
FORMAT_VERSION = 4  # the version this application writes

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


def is_envelope(data: Any) -> bool:
    """True for a parsed document that is a protected file's envelope (whatever its version)."""
    return isinstance(data, dict) and data.get("format") == ENCRYPTED_FORMAT


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


# Keys version 2 gives a meaning; a version-1 file holding one of them kept it as an unknown key.
V2_KEYS = ("id", "reviews", "lineage")


@register_upgrade(1)
def _v1_to_v2(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 1 → 2: give the plan an ID, no reviews and no lineage; everything else unchanged.

    The ID is random, not derived from the content: two copies of a version-1 file are not known to
    be the same plan. It is generated once, on loading, and kept from the first save on (a file
    that is only read, e.g. by ``aggregate``, gets a new one each time). An unknown top-level key
    of a version-1 file that version 2 now uses (``id``, ``reviews``, ``lineage``) is kept under
    ``x_v1_<key>`` rather than read with a meaning it never had.

    Why the bump, though new top-level keys alone would not need one: an older application would
    keep the reviews in ``extra`` but not show them, and a person editing the plan there would
    believe they were gone; it now refuses the file and asks for an update instead.
    """
    for key in V2_KEYS:
        if key in doc:
            doc[f"x_v1_{key}"] = doc.pop(key)
    doc["id"] = uuid.uuid4().hex
    doc["reviews"] = []
    doc["lineage"] = []
    return doc


# Keys version 3 gives a meaning; a version-2 file holding one of them kept it as an unknown key.
V3_KEYS = ("views",)


def empty_views() -> dict[str, Any]:
    """The ``views`` of a session in which neither person entered a view of their own."""
    checkpoints = {"difficulties": {}, "goals": {}, "methods": {}}
    return {
        "manager": {"name": "", "done": False, **checkpoints},
        "counselor": {"name": "", "done": False, **checkpoints, "consent": False,
                      "note_consent": {cp: {} for cp in checkpoints}},
    }


@register_upgrade(2)
def _v2_to_v3(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 2 → 3: add empty ``views`` (管理者と相談員の見方); everything else unchanged.

    A version-2 file's unknown top-level ``views`` key is kept as ``x_v2_views``, as the v1 → v2
    step does. Why a bump, though a new top-level key alone would not need one: a version-2
    application would keep the views in ``extra`` but neither show them nor honour the counselor's
    consent, and a person editing the plan there would believe the views were gone.
    """
    for key in V3_KEYS:
        if key in doc:
            doc[f"x_v2_{key}"] = doc.pop(key)
    doc["views"] = empty_views()
    return doc


# What a version-4 ``lineage`` link holds beyond version 3's: the previous plan's last review.
LINK_V4_DEFAULTS: dict[str, Any] = {"last_review_date": "", "next_changes": "", "method_statuses": {}}


@register_upgrade(3)
def _v3_to_v4(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 3 → 4: add ``meta.fiscal_year`` (対象年度) as null and each ``lineage`` link's
    last review as empty; everything else unchanged.

    Null means "the 年度 follows the entry date" (``Session.target_fiscal_year``), as in a new
    plan until the person chooses a year: a version-3 file had no 対象年度, only the 年度 of its
    entry date, so nothing is guessed for it. ``meta`` is created when missing; a ``meta`` that is
    not an object is left for the validator to report. A version-3 file cannot hold
    ``meta.fiscal_year`` (version 3 refuses unknown keys in ``meta``); if one does, it is left
    as it is and validated as version 4, not overwritten.

    Each ``lineage`` link gets the previous plan's last review (前年度の点検から), empty: a
    version-3 file was carried forward without it, so nothing is invented (a link holding the keys
    already keeps them).

    Why a bump: the key is inside ``meta``, which a version-3 application refuses to read with an
    unknown key in it, rather than load the plan and lose its 対象年度 on saving.
    """
    meta = doc.setdefault("meta", {})
    if isinstance(meta, dict):
        meta.setdefault("fiscal_year", None)
    lineage = doc.get("lineage")
    for link in lineage if isinstance(lineage, list) else ():
        if isinstance(link, dict):
            for key, default in LINK_V4_DEFAULTS.items():
                link.setdefault(key, copy.deepcopy(default))
    return doc
