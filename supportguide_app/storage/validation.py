"""A hand-written validator of the current (v4) session document.

``resources/schema/session-v4.schema.json`` describes the same rules for other tools; jsonschema
is only a test dependency (a test checks that both agree on the fixtures and on written files).
Every failure names the key path, e.g. ``difficulties.D03.note``, so that a person who edited the
file by hand can find the place.

Each rule is written once, as an inline test of the value; the key path and the message are made
only when a test fails (an aggregation validates thousands of plans, almost all of them valid).
Where two rules could fail for one value, the first in the order below is reported, and that order
is part of what a person sees: ``tests/storage/test_validation_paths.py`` compares every verdict
and message with the validator as it was before (kept there, frozen).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from supportguide_app.plan.dates import EARLIEST_FISCAL_YEAR, LATEST_FISCAL_YEAR
from supportguide_app.plan.session import (
    CHECKPOINTS,
    CONSENT_ROLES,
    MEETINGS,
    REVIEW_STATUSES,
    ROLES,
    VIEW_ROLES,
)
from supportguide_app.storage.errors import InvalidSessionError

META_TEXT_KEYS = ("title", "organisation", "author", "role", "date", "meeting", "created", "modified")
META_KEYS = (*META_TEXT_KEYS, "fiscal_year")
KNOWN_TOP_LEVEL = ("format", "version", "app_version", "id", "meta", *CHECKPOINTS, "examples",
                   "preparation", "clauses", "notes", "reviews", "lineage", "views")
REVIEW_KEYS = ("id", "date", "participants", "methods", "effect", "attendance", "questionnaire",
               "next_steps")
REVIEW_TEXT_KEYS = ("date", "participants", "effect", "questionnaire", "next_steps")
LINK_TEXT_KEYS = ("id", "title", "date", "file", "created", "last_review_date", "next_changes")
LINK_KEYS = (*LINK_TEXT_KEYS, "method_statuses")
VIEW_KEYS = ("name", "done", *CHECKPOINTS)
CONSENT_KEYS = ("consent", "note_consent")

_META_KEYS = frozenset(META_KEYS)
_CHOICE_KEYS = frozenset(("selected", "note"))
_ANSWER_KEYS = frozenset(("checked", "fields"))
_REVIEW_KEYS = frozenset(REVIEW_KEYS)
_ENTRY_KEYS = frozenset(("status", "note"))
_LINK_KEYS = frozenset(LINK_KEYS)
_VIEW_ROLES = frozenset(VIEW_ROLES)
_VIEW_KEYS = frozenset(VIEW_KEYS)
_CONSENT_VIEW_KEYS = frozenset(VIEW_KEYS + CONSENT_KEYS)
_CHECKPOINTS = frozenset(CHECKPOINTS)

_NONE = object()  # a key's value when the key is missing
_TYPE_NAMES = {str: "文字列", bool: "true/false", dict: "オブジェクト", list: "配列", int: "整数"}
EMPTY_ID = "項目の ID が空です"
UNKNOWN_KEY = "この版の形式にない項目です"
MISSING = "必須の項目がありません"
DATE_FORM = "日付は YYYY-MM-DD の形で書きます"
STATUS_OR_EMPTY = f"{' / '.join(REVIEW_STATUSES)} のいずれか（または空）でなければなりません"


# -- what a failed test raises (only then is a key path built) ----------------------------------

def _wrong(value: Any, kind: type) -> bool:
    """True when ``value``, whose type is not exactly ``kind``, is still not one: a subclass
    passes (a ``str`` subclass is text), ``True``/``False`` is no integer."""
    return not isinstance(value, kind) or (kind is not bool and isinstance(value, bool))


def _type_error(path: Path | str | None, key: str, kind: type) -> InvalidSessionError:
    return InvalidSessionError(path, key, f"{_TYPE_NAMES[kind]}でなければなりません")


def _unknown_key(path: Path | str | None, obj: dict, allowed: frozenset[str],
                 key: str) -> InvalidSessionError:
    """The error for ``obj``'s first key (in the file's order) that is not ``allowed``."""
    name = next(name for name in obj if name not in allowed)
    return InvalidSessionError(path, f"{key}.{name}" if key else name, UNKNOWN_KEY)


def _is_iso_date(value: str) -> bool:
    """``value`` (already known to be a string) is "" or a YYYY-MM-DD calendar date."""
    if not value:
        return True
    if len(value) != 10:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _check_text_map(path: Path | str | None, mapping: Any, key: str,
                    statuses: tuple[str, ...] | None = None) -> None:
    """``mapping`` at ``key``: {non-empty ID: text}; with ``statuses``, each text one of them or ""."""
    if type(mapping) is not dict and _wrong(mapping, dict):
        raise _type_error(path, key, dict)
    for item_id, text in mapping.items():
        if not item_id.strip():
            raise InvalidSessionError(path, f"{key}.{item_id}", EMPTY_ID)
        if type(text) is not str and _wrong(text, str):
            raise _type_error(path, f"{key}.{item_id}", str)
        if statuses is not None and text and text not in statuses:
            raise InvalidSessionError(path, f"{key}.{item_id}", STATUS_OR_EMPTY)


# -- the document ---------------------------------------------------------------------------------

def validate_document(data: dict[str, Any], path: Path | str | None = None) -> None:
    """Check a current-version document's types and forms; raise InvalidSessionError naming the key.

    Sections other than ``format`` and ``version`` may be missing (they read as empty); unknown
    top-level keys are allowed (they are kept in ``Session.extra``). Item IDs are not checked
    against the guide here: unknown IDs are kept and reported as warnings by the codec.
    """
    if "app_version" in data:
        value = data["app_version"]
        if type(value) is not str and _wrong(value, str):
            raise _type_error(path, "app_version", str)
    if "id" in data:  # missing: the codec gives the plan a new one
        value = data["id"]
        if type(value) is not str and _wrong(value, str):
            raise _type_error(path, "id", str)
        if not value.strip():
            raise InvalidSessionError(path, "id", EMPTY_ID)

    _check_meta(path, data.get("meta", {}))
    for checkpoint in CHECKPOINTS:
        _check_choices(path, data.get(checkpoint, {}), checkpoint)
    _check_examples(path, data.get("examples", []))
    _check_preparation(path, data.get("preparation", {}))

    _check_text_map(path, data.get("clauses", {}), "clauses")

    if "notes" in data:
        value = data["notes"]
        if type(value) is not str and _wrong(value, str):
            raise _type_error(path, "notes", str)

    _check_reviews(path, data.get("reviews", []))
    _check_views(path, data.get("views", {}))
    _check_lineage(path, data.get("lineage", []))


def _check_meta(path: Path | str | None, meta: Any) -> None:
    if type(meta) is not dict and _wrong(meta, dict):
        raise _type_error(path, "meta", dict)
    if not meta.keys() <= _META_KEYS:
        raise _unknown_key(path, meta, _META_KEYS, "meta")
    for name in META_TEXT_KEYS:
        value = meta.get(name, "")
        if type(value) is not str and _wrong(value, str):
            raise _type_error(path, f"meta.{name}", str)
    if "role" in meta and meta["role"] not in ROLES:
        raise InvalidSessionError(path, "meta.role", f"{' / '.join(ROLES)} のいずれかでなければなりません")
    if "meeting" in meta and meta["meeting"] not in MEETINGS:
        raise InvalidSessionError(path, "meta.meeting",
                                  f"{' / '.join(MEETINGS)} のいずれかでなければなりません")
    if "date" in meta and not _is_iso_date(meta["date"]):
        raise InvalidSessionError(path, "meta.date", DATE_FORM)
    fiscal_year = meta.get("fiscal_year")
    if fiscal_year is not None:
        if type(fiscal_year) is not int and _wrong(fiscal_year, int):
            raise _type_error(path, "meta.fiscal_year", int)
        if not EARLIEST_FISCAL_YEAR <= fiscal_year <= LATEST_FISCAL_YEAR:
            raise InvalidSessionError(
                path, "meta.fiscal_year",
                f"対象年度は {EARLIEST_FISCAL_YEAR} から {LATEST_FISCAL_YEAR} までの"
                "西暦の年（年度の始まる年）で書きます（null は記入日から決めます）")


def _check_choices(path: Path | str | None, section: Any, *where: str) -> None:
    """A checkpoint's choices, {item ID: {"selected": bool, "note": text}}; ``where`` are the
    parts of the section's key path (joined only for an error)."""
    if type(section) is not dict and _wrong(section, dict):
        raise _type_error(path, ".".join(where), dict)
    for item_id, choice in section.items():
        if not item_id.strip():
            raise InvalidSessionError(path, ".".join((*where, item_id)), EMPTY_ID)
        if type(choice) is not dict and _wrong(choice, dict):
            raise _type_error(path, ".".join((*where, item_id)), dict)
        if not choice.keys() <= _CHOICE_KEYS:
            raise _unknown_key(path, choice, _CHOICE_KEYS, ".".join((*where, item_id)))
        if type(choice.get("selected")) is not bool:
            key = ".".join((*where, item_id, "selected"))
            if "selected" not in choice:
                raise InvalidSessionError(path, key, MISSING)
            raise _type_error(path, key, bool)
        note = choice.get("note", "")
        if type(note) is not str and _wrong(note, str):
            raise _type_error(path, ".".join((*where, item_id, "note")), str)


def _check_examples(path: Path | str | None, examples: Any) -> None:
    if type(examples) is not list and _wrong(examples, list):
        raise _type_error(path, "examples", list)
    seen: set[str] = set()
    for index, example_id in enumerate(examples):
        _check_new_id(path, example_id, seen, "examples", index)


def _check_new_id(path: Path | str | None, value: Any, seen: set[str], where: str, index: int,
                  suffix: str = "") -> None:
    """An ID in a list (``where[index]`` + ``suffix`` is its key, made only for an error): text,
    not blank, not one of ``seen``, to which it is added."""
    if type(value) is not str and _wrong(value, str):
        raise _type_error(path, f"{where}[{index}]{suffix}", str)
    if not value.strip():
        raise InvalidSessionError(path, f"{where}[{index}]{suffix}", EMPTY_ID)
    if value in seen:
        raise InvalidSessionError(path, f"{where}[{index}]{suffix}", f"{value} が重複しています")
    seen.add(value)


def _check_preparation(path: Path | str | None, preparation: Any) -> None:
    """{item ID: {"checked": bool, "fields": {field ID: text}}}"""
    if type(preparation) is not dict and _wrong(preparation, dict):
        raise _type_error(path, "preparation", dict)
    for item_id, answer in preparation.items():
        if not item_id.strip():
            raise InvalidSessionError(path, f"preparation.{item_id}", EMPTY_ID)
        if type(answer) is not dict and _wrong(answer, dict):
            raise _type_error(path, f"preparation.{item_id}", dict)
        if not answer.keys() <= _ANSWER_KEYS:
            raise _unknown_key(path, answer, _ANSWER_KEYS, f"preparation.{item_id}")
        if type(answer.get("checked", False)) is not bool:
            raise _type_error(path, f"preparation.{item_id}.checked", bool)
        _check_text_map(path, answer.get("fields", {}), f"preparation.{item_id}.fields")


def _check_reviews(path: Path | str | None, reviews: Any) -> None:
    if type(reviews) is not list and _wrong(reviews, list):
        raise _type_error(path, "reviews", list)
    seen: set[str] = set()
    for index, review in enumerate(reviews):
        if type(review) is not dict and _wrong(review, dict):
            raise _type_error(path, f"reviews[{index}]", dict)
        if not review.keys() <= _REVIEW_KEYS:
            raise _unknown_key(path, review, _REVIEW_KEYS, f"reviews[{index}]")
        if "id" not in review:
            raise InvalidSessionError(path, f"reviews[{index}].id", MISSING)
        _check_new_id(path, review["id"], seen, "reviews", index, ".id")
        for name in REVIEW_TEXT_KEYS:
            value = review.get(name, "")
            if type(value) is not str and _wrong(value, str):
                raise _type_error(path, f"reviews[{index}].{name}", str)
        if "date" in review and not _is_iso_date(review["date"]):
            raise InvalidSessionError(path, f"reviews[{index}].date", DATE_FORM)
        attendance = review.get("attendance")
        if attendance is not None:
            if type(attendance) is not int and _wrong(attendance, int):
                raise _type_error(path, f"reviews[{index}].attendance", int)
            if attendance < 0:
                raise InvalidSessionError(path, f"reviews[{index}].attendance",
                                          "0 以上の整数でなければなりません")
        methods = review.get("methods", {})
        if type(methods) is not dict and _wrong(methods, dict):
            raise _type_error(path, f"reviews[{index}].methods", dict)
        for method_id, entry in methods.items():
            if not method_id.strip():
                raise InvalidSessionError(path, f"reviews[{index}].methods.{method_id}", EMPTY_ID)
            if type(entry) is not dict and _wrong(entry, dict):
                raise _type_error(path, f"reviews[{index}].methods.{method_id}", dict)
            if not entry.keys() <= _ENTRY_KEYS:
                raise _unknown_key(path, entry, _ENTRY_KEYS, f"reviews[{index}].methods.{method_id}")
            status = entry.get("status", "")
            if type(status) is not str and _wrong(status, str):
                raise _type_error(path, f"reviews[{index}].methods.{method_id}.status", str)
            if status and status not in REVIEW_STATUSES:
                raise InvalidSessionError(path, f"reviews[{index}].methods.{method_id}.status",
                                          STATUS_OR_EMPTY)
            note = entry.get("note", "")
            if type(note) is not str and _wrong(note, str):
                raise _type_error(path, f"reviews[{index}].methods.{method_id}.note", str)


def _check_views(path: Path | str | None, views: Any) -> None:
    """``views``: {"manager"|"counselor": view}; consent keys only in the counselor's view."""
    if type(views) is not dict and _wrong(views, dict):
        raise _type_error(path, "views", dict)
    if not views.keys() <= _VIEW_ROLES:
        raise _unknown_key(path, views, _VIEW_ROLES, "views")
    for who, view in views.items():
        if type(view) is not dict and _wrong(view, dict):
            raise _type_error(path, f"views.{who}", dict)
        allowed = _CONSENT_VIEW_KEYS if who in CONSENT_ROLES else _VIEW_KEYS
        if not view.keys() <= allowed:
            raise _unknown_key(path, view, allowed, f"views.{who}")
        name = view.get("name", "")
        if type(name) is not str and _wrong(name, str):
            raise _type_error(path, f"views.{who}.name", str)
        if type(view.get("done", False)) is not bool:
            raise _type_error(path, f"views.{who}.done", bool)
        for checkpoint in CHECKPOINTS:
            section = view.get(checkpoint, _NONE)
            if section is not _NONE and (type(section) is not dict or section):  # most are empty
                _check_choices(path, section, "views", who, checkpoint)
        if type(view.get("consent", False)) is not bool:
            raise _type_error(path, f"views.{who}.consent", bool)
        note_consent = view.get("note_consent", {})
        if type(note_consent) is not dict and _wrong(note_consent, dict):
            raise _type_error(path, f"views.{who}.note_consent", dict)
        if not note_consent.keys() <= _CHECKPOINTS:
            raise _unknown_key(path, note_consent, _CHECKPOINTS, f"views.{who}.note_consent")
        for checkpoint, consents in note_consent.items():
            if type(consents) is not dict and _wrong(consents, dict):
                raise _type_error(path, f"views.{who}.note_consent.{checkpoint}", dict)
            for item_id, given in consents.items():
                if not item_id.strip():
                    raise InvalidSessionError(path, f"views.{who}.note_consent.{checkpoint}.{item_id}",
                                              EMPTY_ID)
                if type(given) is not bool:
                    raise _type_error(path, f"views.{who}.note_consent.{checkpoint}.{item_id}", bool)


def _check_lineage(path: Path | str | None, lineage: Any) -> None:
    """The previous plans: [{id, title, …, "method_statuses": {method ID: status or ""}}]"""
    if type(lineage) is not list and _wrong(lineage, list):
        raise _type_error(path, "lineage", list)
    for index, link in enumerate(lineage):
        if type(link) is not dict and _wrong(link, dict):
            raise _type_error(path, f"lineage[{index}]", dict)
        if not link.keys() <= _LINK_KEYS:
            raise _unknown_key(path, link, _LINK_KEYS, f"lineage[{index}]")
        for name in LINK_TEXT_KEYS:
            value = link.get(name, "")
            if type(value) is not str and _wrong(value, str):
                raise _type_error(path, f"lineage[{index}].{name}", str)
        if not _is_iso_date(link.get("last_review_date", "")):
            raise InvalidSessionError(path, f"lineage[{index}].last_review_date", DATE_FORM)
        _check_text_map(path, link.get("method_statuses", {}), f"lineage[{index}].method_statuses",
                        REVIEW_STATUSES)
