"""FROZEN: ``storage/validation.py`` as it was at 0e9ce6a (before issue 16's third round), kept
only as the reference the single validator is compared with (``test_validation_paths.py``,
``tests/plan/test_aggregate_stream.py``). Do not edit: its verdicts and messages are the ones
every plan file got before; ``validate_document_full`` is its full checks alone (the usual shapes
turned off), which gave the same verdicts.
"""
# ruff: noqa
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

_STATUS_OR_EMPTY = frozenset(("", *REVIEW_STATUSES))
_TYPE_NAMES = {str: "文字列", bool: "true/false", dict: "オブジェクト", list: "配列", int: "整数"}


class _Validator:
    def __init__(self, path: Path | str | None) -> None:
        self.path = path

    def fail(self, key: str, problem: str) -> InvalidSessionError:
        return InvalidSessionError(self.path, key, problem)

    def expect(self, value: Any, kind: type, key: str) -> None:
        if type(value) is kind:  # the usual case: passes the check below
            return
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            raise self.fail(key, f"{_TYPE_NAMES[kind]}でなければなりません")

    def only_keys(self, obj: dict, allowed: tuple[str, ...], key: str) -> None:
        for name in obj:
            if name not in allowed:
                where = f"{key}.{name}" if key else name
                raise self.fail(where, "この版の形式にない項目です")

    def item_id(self, item_id: str, key: str) -> None:
        if not item_id.strip():
            raise self.fail(key, "項目の ID が空です")

    def iso_date(self, value: str, key: str) -> None:
        """``value`` (already known to be a string) is "" or a YYYY-MM-DD calendar date."""
        if not _is_iso_date(value):
            raise self.fail(key, "日付は YYYY-MM-DD の形で書きます")


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


# The usual shapes below are each a test that implies every check of the full validation of that
# part passes: a part that passes it needs no key paths built (the cost of validating many plans
# for an aggregation); any other part goes through the full checks, which name what is wrong.

def _is_usual_meta(meta: Any) -> bool:
    if type(meta) is not dict or not meta.keys() <= _META_KEYS:
        return False
    for name in META_TEXT_KEYS:
        if name in meta and type(meta[name]) is not str:
            return False
    fiscal_year = meta.get("fiscal_year")
    return (("role" not in meta or meta["role"] in ROLES)
            and ("meeting" not in meta or meta["meeting"] in MEETINGS)
            and _is_iso_date(meta.get("date", ""))
            and (fiscal_year is None or (type(fiscal_year) is int
                                         and EARLIEST_FISCAL_YEAR <= fiscal_year <= LATEST_FISCAL_YEAR)))


def _is_usual_choice(item_id: str, choice: Any) -> bool:
    return (type(choice) is dict and type(choice.get("selected")) is bool
            and type(choice.get("note", "")) is str and choice.keys() <= _CHOICE_KEYS
            and bool(item_id.strip()))


def _is_usual_example(example_id: Any, seen: set[str]) -> bool:
    return type(example_id) is str and bool(example_id.strip()) and example_id not in seen


def _is_usual_clause(method_id: str, text: Any) -> bool:
    return type(text) is str and bool(method_id.strip())


def _is_usual_answer(item_id: str, answer: Any) -> bool:
    """A preparation answer: {"checked": true/false, "fields": {field ID: text}}."""
    if (type(answer) is not dict or not answer.keys() <= _ANSWER_KEYS or not item_id.strip()
            or type(answer.get("checked", False)) is not bool):
        return False
    fields = answer.get("fields", {})
    return type(fields) is dict and all(type(text) is str and field_id.strip()
                                        for field_id, text in fields.items())


def _is_usual_entry(method_id: str, entry: Any) -> bool:
    """A review's entry for one method: {"status": a status or "", "note": text}."""
    status = entry.get("status", "") if type(entry) is dict else None
    return (type(status) is str and status in _STATUS_OR_EMPTY and entry.keys() <= _ENTRY_KEYS
            and type(entry.get("note", "")) is str and bool(method_id.strip()))


def _is_usual_review(review: Any, seen: set[str]) -> bool:
    if type(review) is not dict or not review.keys() <= _REVIEW_KEYS:
        return False
    review_id = review.get("id")
    if type(review_id) is not str or not review_id.strip() or review_id in seen:
        return False
    for name in REVIEW_TEXT_KEYS:
        if name in review and type(review[name]) is not str:
            return False
    attendance = review.get("attendance")
    methods = review.get("methods", {})
    if (not _is_iso_date(review.get("date", ""))
            or (attendance is not None and (type(attendance) is not int or attendance < 0))
            or type(methods) is not dict):
        return False
    return all(_is_usual_entry(method_id, entry) for method_id, entry in methods.items())


def validate_document(data: dict[str, Any], path: Path | str | None = None) -> None:
    """Check a current-version document's types and forms; raise InvalidSessionError naming the key.

    Sections other than ``format`` and ``version`` may be missing (they read as empty); unknown
    top-level keys are allowed (they are kept in ``Session.extra``). Item IDs are not checked
    against the guide here: unknown IDs are kept and reported as warnings by the codec.
    """
    v = _Validator(path)
    if "app_version" in data:
        v.expect(data["app_version"], str, "app_version")
    if "id" in data:  # missing: the codec gives the plan a new one
        v.expect(data["id"], str, "id")
        v.item_id(data["id"], "id")

    meta = data.get("meta", {})
    if not _is_usual_meta(meta):
        _validate_meta(v, meta)

    for checkpoint in CHECKPOINTS:
        _validate_choices(v, data.get(checkpoint, {}), checkpoint)

    examples = data.get("examples", [])
    v.expect(examples, list, "examples")
    seen: set[str] = set()
    for index, example_id in enumerate(examples):
        if _is_usual_example(example_id, seen):
            seen.add(example_id)
            continue  # passes every check below
        key = f"examples[{index}]"
        v.expect(example_id, str, key)
        v.item_id(example_id, key)
        if example_id in seen:
            raise v.fail(key, f"{example_id} が重複しています")
        seen.add(example_id)

    preparation = data.get("preparation", {})
    v.expect(preparation, dict, "preparation")
    for item_id, answer in preparation.items():
        if _is_usual_answer(item_id, answer):
            continue  # passes every check below
        key = f"preparation.{item_id}"
        v.item_id(item_id, key)
        v.expect(answer, dict, key)
        v.only_keys(answer, ("checked", "fields"), key)
        v.expect(answer.get("checked", False), bool, f"{key}.checked")
        fields = answer.get("fields", {})
        v.expect(fields, dict, f"{key}.fields")
        for field_id, text in fields.items():
            v.item_id(field_id, f"{key}.fields.{field_id}")
            v.expect(text, str, f"{key}.fields.{field_id}")

    clauses = data.get("clauses", {})
    v.expect(clauses, dict, "clauses")
    for method_id, text in clauses.items():
        if _is_usual_clause(method_id, text):
            continue  # passes every check below
        v.item_id(method_id, f"clauses.{method_id}")
        v.expect(text, str, f"clauses.{method_id}")

    if "notes" in data:
        v.expect(data["notes"], str, "notes")

    _validate_reviews(v, data.get("reviews", []))
    _validate_views(v, data.get("views", {}))
    lineage = data.get("lineage", [])
    v.expect(lineage, list, "lineage")
    for index, link in enumerate(lineage):
        key = f"lineage[{index}]"
        v.expect(link, dict, key)
        v.only_keys(link, LINK_KEYS, key)
        for name in LINK_TEXT_KEYS:
            if name in link:
                v.expect(link[name], str, f"{key}.{name}")
        v.iso_date(link.get("last_review_date", ""), f"{key}.last_review_date")
        statuses = link.get("method_statuses", {})
        v.expect(statuses, dict, f"{key}.method_statuses")
        for method_id, status in statuses.items():
            where = f"{key}.method_statuses.{method_id}"
            v.item_id(method_id, where)
            v.expect(status, str, where)
            if status and status not in REVIEW_STATUSES:
                raise v.fail(where,
                             f"{' / '.join(REVIEW_STATUSES)} のいずれか（または空）でなければなりません")


def _validate_meta(v: _Validator, meta: Any) -> None:
    v.expect(meta, dict, "meta")
    v.only_keys(meta, META_KEYS, "meta")
    for name in META_TEXT_KEYS:
        if name in meta:
            v.expect(meta[name], str, f"meta.{name}")
    if "role" in meta and meta["role"] not in ROLES:
        raise v.fail("meta.role", f"{' / '.join(ROLES)} のいずれかでなければなりません")
    if "meeting" in meta and meta["meeting"] not in MEETINGS:
        raise v.fail("meta.meeting", f"{' / '.join(MEETINGS)} のいずれかでなければなりません")
    if "date" in meta:
        v.iso_date(meta["date"], "meta.date")
    if meta.get("fiscal_year") is not None:
        v.expect(meta["fiscal_year"], int, "meta.fiscal_year")
        if not EARLIEST_FISCAL_YEAR <= meta["fiscal_year"] <= LATEST_FISCAL_YEAR:
            raise v.fail("meta.fiscal_year",
                         f"対象年度は {EARLIEST_FISCAL_YEAR} から {LATEST_FISCAL_YEAR} までの"
                         "西暦の年（年度の始まる年）で書きます（null は記入日から決めます）")


def _validate_reviews(v: _Validator, reviews: Any) -> None:
    v.expect(reviews, list, "reviews")
    seen: set[str] = set()
    for index, review in enumerate(reviews):
        if _is_usual_review(review, seen):
            seen.add(review["id"])
            continue  # passes every check below
        key = f"reviews[{index}]"
        v.expect(review, dict, key)
        v.only_keys(review, REVIEW_KEYS, key)
        if "id" not in review:
            raise v.fail(f"{key}.id", "必須の項目がありません")
        v.expect(review["id"], str, f"{key}.id")
        v.item_id(review["id"], f"{key}.id")
        if review["id"] in seen:
            raise v.fail(f"{key}.id", f"{review['id']} が重複しています")
        seen.add(review["id"])
        for name in REVIEW_TEXT_KEYS:
            if name in review:
                v.expect(review[name], str, f"{key}.{name}")
        if "date" in review:
            v.iso_date(review["date"], f"{key}.date")
        attendance = review.get("attendance")
        if attendance is not None:
            v.expect(attendance, int, f"{key}.attendance")
            if attendance < 0:
                raise v.fail(f"{key}.attendance", "0 以上の整数でなければなりません")
        methods = review.get("methods", {})
        v.expect(methods, dict, f"{key}.methods")
        for method_id, entry in methods.items():
            if _is_usual_entry(method_id, entry):
                continue  # the usual entry, which passes every check below
            where = f"{key}.methods.{method_id}"
            v.item_id(method_id, where)
            v.expect(entry, dict, where)
            v.only_keys(entry, ("status", "note"), where)
            status = entry.get("status", "")
            v.expect(status, str, f"{where}.status")
            if status and status not in REVIEW_STATUSES:
                raise v.fail(f"{where}.status",
                             f"{' / '.join(REVIEW_STATUSES)} のいずれか（または空）でなければなりません")
            v.expect(entry.get("note", ""), str, f"{where}.note")


_CHOICE_KEYS = frozenset(("selected", "note"))
_VIEW_KEYS = frozenset(VIEW_KEYS)
_CONSENT_VIEW_KEYS = frozenset(VIEW_KEYS + CONSENT_KEYS)
_ENTRY_KEYS = frozenset(("status", "note"))
_META_KEYS = frozenset(META_KEYS)
_REVIEW_KEYS = frozenset(REVIEW_KEYS)
_ANSWER_KEYS = frozenset(("checked", "fields"))


def _validate_choices(v: _Validator, section: Any, where: str) -> None:
    v.expect(section, dict, where)
    for item_id, choice in section.items():
        if (type(choice) is dict and type(choice.get("selected")) is bool
                and type(choice.get("note", "")) is str and choice.keys() <= _CHOICE_KEYS
                and item_id.strip()):
            continue  # the usual choice (_is_usual_choice, written out: the most frequent part)
        key = f"{where}.{item_id}"
        v.item_id(item_id, key)
        v.expect(choice, dict, key)
        v.only_keys(choice, ("selected", "note"), key)
        if "selected" not in choice:
            raise v.fail(f"{key}.selected", "必須の項目がありません")
        v.expect(choice["selected"], bool, f"{key}.selected")
        v.expect(choice.get("note", ""), str, f"{key}.note")


def _is_usual_view(who: str, view: Any) -> bool:
    """A view of known keys and right types whose choices are usual and whose consents are
    true/false (most plans' views hold no choice at all, and consents for none)."""
    if (type(view) is not dict
            or not view.keys() <= (_CONSENT_VIEW_KEYS if who in CONSENT_ROLES else _VIEW_KEYS)
            or type(view.get("name", "")) is not str or type(view.get("done", False)) is not bool
            or type(view.get("consent", False)) is not bool):
        return False
    for checkpoint in CHECKPOINTS:
        section = view.get(checkpoint, {})
        if type(section) is not dict:
            return False
        for item_id, choice in section.items():
            if not _is_usual_choice(item_id, choice):
                return False
    note_consent = view.get("note_consent", {})
    if type(note_consent) is not dict:
        return False
    for checkpoint, consents in note_consent.items():
        if checkpoint not in CHECKPOINTS or type(consents) is not dict:
            return False
        for item_id, given in consents.items():
            if type(given) is not bool or not item_id.strip():
                return False
    return True


def _validate_views(v: _Validator, views: Any) -> None:
    """``views``: {"manager"|"counselor": view}; consent keys only in the counselor's view."""
    v.expect(views, dict, "views")
    v.only_keys(views, tuple(VIEW_ROLES), "views")
    for who, view in views.items():
        if _is_usual_view(who, view):
            continue  # passes every check below
        key = f"views.{who}"
        v.expect(view, dict, key)
        v.only_keys(view, VIEW_KEYS + (CONSENT_KEYS if who in CONSENT_ROLES else ()), key)
        v.expect(view.get("name", ""), str, f"{key}.name")
        v.expect(view.get("done", False), bool, f"{key}.done")
        for checkpoint in CHECKPOINTS:
            _validate_choices(v, view.get(checkpoint, {}), f"{key}.{checkpoint}")
        v.expect(view.get("consent", False), bool, f"{key}.consent")
        note_consent = view.get("note_consent", {})
        v.expect(note_consent, dict, f"{key}.note_consent")
        v.only_keys(note_consent, CHECKPOINTS, f"{key}.note_consent")
        for checkpoint, consents in note_consent.items():
            where = f"{key}.note_consent.{checkpoint}"
            v.expect(consents, dict, where)
            for item_id, given in consents.items():
                v.item_id(item_id, f"{where}.{item_id}")
                v.expect(given, bool, f"{where}.{item_id}")


def validate_document_full(data: dict[str, Any], path: Path | str | None = None) -> None:
    """:func:`validate_document` with every usual shape turned off: the full checks alone."""
    names = [name for name in globals() if name.startswith("_is_usual_")]
    saved = {name: globals()[name] for name in names}
    globals().update({name: (lambda *_args: False) for name in names})
    try:
        validate_document(data, path)
    finally:
        globals().update(saved)
