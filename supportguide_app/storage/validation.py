"""A hand-written validator of the current (v1) session document.

``resources/schema/session-v1.schema.json`` describes the same rules for other tools; jsonschema
is only a test dependency (a test checks that both agree on the fixtures and on written files).
Every failure names the key path, e.g. ``difficulties.D03.note``, so that a person who edited the
file by hand can find the place.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from supportguide_app.plan.session import CHECKPOINTS, MEETINGS, ROLES
from supportguide_app.storage.errors import InvalidSessionError

META_TEXT_KEYS = ("title", "organisation", "author", "role", "date", "meeting", "created", "modified")
KNOWN_TOP_LEVEL = ("format", "version", "app_version", "meta", *CHECKPOINTS, "examples", "preparation",
                   "clauses", "notes")

_TYPE_NAMES = {str: "文字列", bool: "true/false", dict: "オブジェクト", list: "配列"}


class _Validator:
    def __init__(self, path: Path | str | None) -> None:
        self.path = path

    def fail(self, key: str, problem: str) -> InvalidSessionError:
        return InvalidSessionError(self.path, key, problem)

    def expect(self, value: Any, kind: type, key: str) -> None:
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


def validate_document(data: dict[str, Any], path: Path | str | None = None) -> None:
    """Check a current-version document's types and forms; raise InvalidSessionError naming the key.

    Sections other than ``format`` and ``version`` may be missing (they read as empty); unknown
    top-level keys are allowed (they are kept in ``Session.extra``). Item IDs are not checked
    against the guide here: unknown IDs are kept and reported as warnings by the codec.
    """
    v = _Validator(path)
    if "app_version" in data:
        v.expect(data["app_version"], str, "app_version")

    meta = data.get("meta", {})
    v.expect(meta, dict, "meta")
    v.only_keys(meta, META_TEXT_KEYS, "meta")
    for name in META_TEXT_KEYS:
        if name in meta:
            v.expect(meta[name], str, f"meta.{name}")
    if "role" in meta and meta["role"] not in ROLES:
        raise v.fail("meta.role", f"{' / '.join(ROLES)} のいずれかでなければなりません")
    if "meeting" in meta and meta["meeting"] not in MEETINGS:
        raise v.fail("meta.meeting", f"{' / '.join(MEETINGS)} のいずれかでなければなりません")
    if meta.get("date"):
        try:
            if len(meta["date"]) != 10:
                raise ValueError(meta["date"])
            date.fromisoformat(meta["date"])
        except ValueError:
            raise v.fail("meta.date", "日付は YYYY-MM-DD の形で書きます") from None

    for checkpoint in CHECKPOINTS:
        section = data.get(checkpoint, {})
        v.expect(section, dict, checkpoint)
        for item_id, choice in section.items():
            key = f"{checkpoint}.{item_id}"
            v.item_id(item_id, key)
            v.expect(choice, dict, key)
            v.only_keys(choice, ("selected", "note"), key)
            if "selected" not in choice:
                raise v.fail(f"{key}.selected", "必須の項目がありません")
            v.expect(choice["selected"], bool, f"{key}.selected")
            v.expect(choice.get("note", ""), str, f"{key}.note")

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
