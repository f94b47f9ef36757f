"""A hand-written validator of the current (v4) session document.

``resources/schema/session-v4.schema.json`` describes the same rules for other tools; jsonschema
is only a test dependency (a test checks that both agree on the fixtures and on written files).
Every failure names the key path, e.g. ``difficulties.D03.note``, so that a person who edited the
file by hand can find the place.
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
        if not value:
            return
        try:
            if len(value) != 10:
                raise ValueError(value)
            date.fromisoformat(value)
        except ValueError:
            raise self.fail(key, "日付は YYYY-MM-DD の形で書きます") from None


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

    for checkpoint in CHECKPOINTS:
        _validate_choices(v, data.get(checkpoint, {}), checkpoint)

    examples = data.get("examples", [])
    v.expect(examples, list, "examples")
    seen: set[str] = set()
    for index, example_id in enumerate(examples):
        key = f"examples[{index}]"
        v.expect(example_id, str, key)
        v.item_id(example_id, key)
        if example_id in seen:
            raise v.fail(key, f"{example_id} が重複しています")
        seen.add(example_id)

    preparation = data.get("preparation", {})
    v.expect(preparation, dict, "preparation")
    for item_id, answer in preparation.items():
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


def _validate_reviews(v: _Validator, reviews: Any) -> None:
    v.expect(reviews, list, "reviews")
    seen: set[str] = set()
    for index, review in enumerate(reviews):
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
            status = entry.get("status", "") if type(entry) is dict else None
            if (type(status) is str and status in _STATUS_OR_EMPTY and entry.keys() <= _ENTRY_KEYS
                    and type(entry.get("note", "")) is str and method_id.strip()):
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


def _validate_choices(v: _Validator, section: Any, where: str) -> None:
    v.expect(section, dict, where)
    for item_id, choice in section.items():
        if (type(choice) is dict and type(choice.get("selected")) is bool
                and type(choice.get("note", "")) is str and choice.keys() <= _CHOICE_KEYS
                and item_id.strip()):
            continue  # the usual choice, which passes every check below: no key paths to build
        key = f"{where}.{item_id}"
        v.item_id(item_id, key)
        v.expect(choice, dict, key)
        v.only_keys(choice, ("selected", "note"), key)
        if "selected" not in choice:
            raise v.fail(f"{key}.selected", "必須の項目がありません")
        v.expect(choice["selected"], bool, f"{key}.selected")
        v.expect(choice.get("note", ""), str, f"{key}.note")


def _is_empty_view(who: str, view: Any) -> bool:
    """A view of known keys, right types, and no choice or consent in it (most plans' views)."""
    return (type(view) is dict
            and view.keys() <= (_CONSENT_VIEW_KEYS if who in CONSENT_ROLES else _VIEW_KEYS)
            and type(view.get("name", "")) is str and type(view.get("done", False)) is bool
            and type(view.get("consent", False)) is bool
            and all(type(view.get(name, {})) is dict and not view.get(name)
                    for name in (*CHECKPOINTS, "note_consent")))


def _validate_views(v: _Validator, views: Any) -> None:
    """``views``: {"manager"|"counselor": view}; consent keys only in the counselor's view."""
    v.expect(views, dict, "views")
    v.only_keys(views, tuple(VIEW_ROLES), "views")
    for who, view in views.items():
        if _is_empty_view(who, view):
            continue  # nothing chosen yet: passes every check below
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
