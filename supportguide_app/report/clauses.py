"""Clause templates for the commissioning specification (委託仕様書).

The guide's common points say that, when the consultation service is commissioned, the
specification should carry the essence of supporter support so that the contractor can do it
too. ``resources/report/clauses.json`` holds one sentence per checklist method, an intro and the
two points every method shares (budget, evaluation). The person may edit a method's sentence; the
edit lives in ``Session.clauses`` and wins over the template.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from supportguide_app import paths
from supportguide_app.guide import Guide, load_guide
from supportguide_app.plan.session import Session
from supportguide_app.report.errors import ClauseTemplateError

CLAUSES_FORMAT = "supportguide-clauses"
CLAUSES_VERSION = 1
COMMON_KEYS = ("budget", "evaluation")


@dataclass(frozen=True)
class ClauseTemplates:
    """The templates as loaded: title, intro, one sentence per method ID and the common ones."""

    title: str
    intro: str
    methods: MappingProxyType  # method ID → sentence
    common: MappingProxyType  # common point ID (budget, evaluation) → sentence

    def template(self, key: str) -> str | None:
        return self.methods.get(key) or self.common.get(key)


def _text(raw: dict, key: str, path: Path, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ClauseTemplateError(path, where, "文言がないか、文字列ではありません")
    return value.strip()


def build_clause_templates(raw: Any, guide: Guide, path: Path | str = "clauses.json") -> ClauseTemplates:
    """Validate parsed template data against the guide: every checklist method needs a sentence."""
    path = Path(path)
    if not isinstance(raw, dict):
        raise ClauseTemplateError(path, "", "JSONオブジェクトではありません")
    if raw.get("format") != CLAUSES_FORMAT:
        raise ClauseTemplateError(path, "format", f"\"{CLAUSES_FORMAT}\" ではありません")
    if raw.get("version") != CLAUSES_VERSION:
        raise ClauseTemplateError(path, "version", f"このアプリが読める版は {CLAUSES_VERSION} です")
    title = _text(raw, "title", path, "title")
    intro = _text(raw, "intro", path, "intro")
    result: dict[str, dict[str, str]] = {}
    for section, wanted in (("methods", tuple(m.id for m in guide.methods)), ("common", COMMON_KEYS)):
        table = raw.get(section)
        if not isinstance(table, dict):
            raise ClauseTemplateError(path, section, "オブジェクトではありません")
        for key in wanted:
            if key not in table:
                raise ClauseTemplateError(path, f"{section}.{key}", "文例がありません")
        for key in table:
            if key not in wanted:
                raise ClauseTemplateError(path, f"{section}.{key}", "ガイドにない項目の文例です")
        result[section] = {key: _text(table, key, path, f"{section}.{key}") for key in wanted}
    return ClauseTemplates(title, intro, MappingProxyType(result["methods"]),
                           MappingProxyType(result["common"]))


# The Guide holds dicts and is not hashable, so the cache keys on the guide's identity and keeps
# the guide alive beside the result (an id is never reused while its object lives).
_CACHE: dict[tuple[str, int], tuple[Guide, ClauseTemplates]] = {}


def load_clause_templates(path: Path | None = None, guide: Guide | None = None) -> ClauseTemplates:
    """Read and validate ``resources/report/clauses.json`` against the guide (cached per guide)."""
    path = Path(path) if path is not None else paths.resource("report", "clauses.json")
    guide = guide if guide is not None else load_guide()
    key = (str(path), id(guide))
    if key not in _CACHE:
        _CACHE[key] = (guide, _read_clause_templates(path, guide))
    return _CACHE[key][1]


def _read_clause_templates(path: Path, guide: Guide) -> ClauseTemplates:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ClauseTemplateError(path, "", "ファイルが見つかりません") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ClauseTemplateError(path, "", f"読み込めません（{exc}）") from exc
    return build_clause_templates(raw, guide, path)


def clause_text(session: Session, guide: Guide, method_id: str) -> str:
    """The sentence the specification carries for one method (or common point).

    The person's edited text when there is one, else the template. A method this version does not
    know has no template: its clause is the edited text or "".
    """
    edited = session.clauses.get(method_id)
    if edited is not None and edited.strip():
        return edited
    return load_clause_templates(guide=guide).template(method_id) or ""
