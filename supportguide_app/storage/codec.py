"""Session ⇄ JSON document, without touching the disk.

Loading is parse → migrate step by step → validate → build the model; this module does the last
three on an already parsed document, so that files, autosaves and tests share one path.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from supportguide_app import __version__
from supportguide_app.guide import Guide, load_guide
from supportguide_app.plan.session import (
    CHECKPOINTS,
    CONSENT_ROLES,
    Choice,
    MethodReview,
    PlanLink,
    PrepAnswer,
    Review,
    Session,
    View,
    new_id,
)
from supportguide_app.storage import migrations
from supportguide_app.storage.validation import KNOWN_TOP_LEVEL, LINK_TEXT_KEYS, validate_document

# How warnings name the sections (the checklist's own words where it has them).
SECTION_LABELS = {
    "difficulties": "困難さ",
    "goals": "目標",
    "methods": "手法",
    "examples": "取組例",
    "preparation": "準備のチェックポイント",
    "clauses": "手法の文案",
    "reviews": "点検の記録",
    "views": "管理者と相談員の見方",
}


@dataclass
class LoadResult:
    """A session read from a file or document, with what the user should be told about it.

    ``warnings`` are Japanese sentences (e.g. items this version does not know, which are kept);
    ``source_version`` is the format version the document had before migration.
    """

    session: Session
    warnings: list[str] = field(default_factory=list)
    source_version: int = migrations.FORMAT_VERSION
    app_version: str | None = None  # the application version that wrote the document, if recorded
    protected: bool = False  # the file was protected with a passphrase (see storage/crypto.py)


def session_to_dict(session: Session) -> dict[str, Any]:
    """The session as a current-version document (plain JSON types), ready for ``json.dumps``.

    Keys follow the documented order; unknown top-level keys read from a file (``session.extra``)
    come last, unchanged. Nothing is dropped: empty choices and unknown IDs are written as they are.
    """
    doc: dict[str, Any] = {
        "format": migrations.FORMAT_NAME,
        "version": migrations.FORMAT_VERSION,
        "app_version": __version__,
        "id": session.id,
        "meta": {
            "title": session.title,
            "organisation": session.organisation,
            "author": session.author,
            "role": session.role,
            "date": session.date,
            "meeting": session.meeting,
            "fiscal_year": session.fiscal_year,
            "created": session.created,
            "modified": session.modified,
        },
    }
    for checkpoint in CHECKPOINTS:
        doc[checkpoint] = {
            item_id: {"selected": choice.selected, "note": choice.note}
            for item_id, choice in session.selections.get(checkpoint, {}).items()
        }
    doc["examples"] = list(session.marked_examples)
    doc["preparation"] = {
        item_id: {"checked": answer.checked, "fields": dict(answer.fields)}
        for item_id, answer in session.preparation.items()
    }
    doc["clauses"] = dict(session.clauses)
    doc["notes"] = session.notes
    doc["reviews"] = [review_to_dict(review) for review in session.reviews]
    doc["lineage"] = [
        {"id": link.id, "title": link.title, "date": link.date, "file": link.file,
         "created": link.created, "last_review_date": link.last_review_date,
         "next_changes": link.next_changes, "method_statuses": dict(link.method_statuses)}
        for link in session.lineage
    ]
    doc["views"] = {who: view_to_dict(who, view) for who, view in session.views.items()}
    for key, value in session.extra.items():
        if key not in doc:  # a known key always wins over a stray copy in extra
            doc[key] = copy.deepcopy(value)
    return doc


def session_from_dict(data: Any, path: Path | str | None = None, *, guide: Guide | None = None,
                      owned: bool = False) -> LoadResult:
    """Build a session from a parsed document of any known version: check, migrate, validate, build.

    ``path`` only names the file in error messages. Raises a :class:`SessionFileError` subclass
    (not ours, newer version, wrong types). IDs the guide does not know are kept in the session and
    reported in ``warnings``; the input is not modified, unless the caller passes ``owned=True``
    for a document it parsed only for this call (it is then migrated in place, saving a deep copy:
    this matters when a thousand files are aggregated).
    """
    source_version = migrations.document_version(data, path)
    doc = migrations.upgrade(data if owned else copy.deepcopy(data), source_version)
    validate_document(doc, path)

    meta = doc.get("meta", {})
    defaults = Session.__dataclass_fields__  # a Session() would also make an ID and two time stamps
    session = Session(
        title=meta.get("title", ""),
        organisation=meta.get("organisation", ""),
        author=meta.get("author", ""),
        role=meta.get("role", defaults["role"].default),
        date=meta.get("date", ""),
        meeting=meta.get("meeting", defaults["meeting"].default),
        fiscal_year=meta.get("fiscal_year"),
        selections={
            checkpoint: {
                item_id: Choice(selected=c["selected"], note=c.get("note", ""))
                for item_id, c in doc.get(checkpoint, {}).items()
            }
            for checkpoint in CHECKPOINTS
        },
        marked_examples=list(doc.get("examples", [])),
        preparation={
            item_id: PrepAnswer(checked=a.get("checked", False), fields=dict(a.get("fields", {})))
            for item_id, a in doc.get("preparation", {}).items()
        },
        clauses=dict(doc.get("clauses", {})),
        notes=doc.get("notes", ""),
        created=meta.get("created", ""),
        modified=meta.get("modified", ""),
        extra={key: value for key, value in doc.items() if key not in KNOWN_TOP_LEVEL},
        id=doc.get("id") or new_id(),
        reviews=[review_from_dict(r) for r in doc.get("reviews", [])],
        lineage=[_link_from_dict(link) for link in doc.get("lineage", [])],
    )
    views = doc.get("views", {})
    for who in session.views:
        if who in views:
            session.views[who] = view_from_dict(views[who])
    app_version = doc.get("app_version")
    return LoadResult(session, unknown_id_warnings(session, guide or load_guide()), source_version,
                      app_version)


def view_to_dict(who: str, view: View) -> dict[str, Any]:
    """One person's view as the file holds it; the consent keys only in the counselor's view."""
    doc: dict[str, Any] = {"name": view.name, "done": view.done}
    for checkpoint in CHECKPOINTS:
        doc[checkpoint] = {item_id: {"selected": c.selected, "note": c.note}
                           for item_id, c in view.selections.get(checkpoint, {}).items()}
    if who in CONSENT_ROLES:
        doc["consent"] = view.consent
        doc["note_consent"] = {cp: dict(view.note_consent.get(cp, {})) for cp in CHECKPOINTS}
    return doc


def view_from_dict(data: dict[str, Any]) -> View:
    """A view from a validated document (missing keys read as empty)."""
    return View(
        name=data.get("name", ""),
        done=data.get("done", False),
        selections={cp: {item_id: Choice(c["selected"], c.get("note", ""))
                         for item_id, c in data.get(cp, {}).items()} for cp in CHECKPOINTS},
        consent=data.get("consent", False),
        note_consent={cp: dict(data.get("note_consent", {}).get(cp, {})) for cp in CHECKPOINTS},
    )


def review_to_dict(review: Review) -> dict[str, Any]:
    """One review as the file holds it (every key written, ``attendance`` null when not given)."""
    return {
        "id": review.id,
        "date": review.date,
        "participants": review.participants,
        "methods": {method_id: {"status": entry.status, "note": entry.note}
                    for method_id, entry in review.methods.items()},
        "effect": review.effect,
        "attendance": review.attendance,
        "questionnaire": review.questionnaire,
        "next_steps": review.next_steps,
    }


def review_from_dict(data: dict[str, Any]) -> Review:
    """A review from a validated document."""
    return Review(
        id=data["id"],
        date=data.get("date", ""),
        participants=data.get("participants", ""),
        methods={method_id: MethodReview(e.get("status", ""), e.get("note", ""))
                 for method_id, e in data.get("methods", {}).items()},
        effect=data.get("effect", ""),
        attendance=data.get("attendance"),
        questionnaire=data.get("questionnaire", ""),
        next_steps=data.get("next_steps", ""),
    )


def unknown_id_warnings(session: Session, guide: Guide) -> list[str]:
    """One Japanese warning per section that holds IDs the guide does not know (kept, not dropped)."""
    unknown: dict[str, list[str]] = {}
    for checkpoint in CHECKPOINTS:
        known = set(guide.item_ids(checkpoint))
        unknown[checkpoint] = [i for i in session.selections[checkpoint] if i not in known]
    known_examples = {e.id for e in guide.examples}
    unknown["examples"] = [i for i in session.marked_examples if i not in known_examples]
    prep_items = {item.id: item for item in guide.prep_items}
    unknown["preparation"] = []
    for item_id, answer in session.preparation.items():
        item = prep_items.get(item_id)
        if item is None:
            unknown["preparation"].append(item_id)
            continue
        field_ids = {f.id for f in item.fields}
        unknown["preparation"] += [f"{item_id}.{f}" for f in answer.fields if f not in field_ids]
    known_methods = set(guide.item_ids("methods"))
    # A clause is keyed by a method or by one of the guide's common points (the clause editor
    # stores ``budget`` and ``evaluation``): a file this application wrote never warns of itself.
    known_clauses = known_methods | {point.id for point in guide.common_points}
    unknown["clauses"] = [i for i in session.clauses if i not in known_clauses]
    unknown["reviews"] = list(dict.fromkeys(
        i for review in session.reviews for i in review.methods if i not in known_methods))
    unknown["views"] = list(dict.fromkeys(
        i for view in session.views.values() for cp in CHECKPOINTS
        for i in (*view.selections[cp], *view.note_consent[cp]) if i not in set(guide.item_ids(cp))))

    warnings = []
    for section, ids in unknown.items():
        if ids:
            warnings.append(
                f"{SECTION_LABELS[section]}に、このアプリのガイドにない項目があります（{listed_ids(ids)}）。"
                "別の版や他の自治体で作られたファイルの可能性があります。"
                "これらの項目は消さずに保持し、保存するとそのまま書き残します。"
            )
    return warnings


# A warning is read in a message box and on a terminal: 20,000 unknown IDs must not make it a
# 249 KB line. The file keeps every one of them; the warning names the first few.
MAX_LISTED_IDS = 10
MAX_ID_CHARS = 40


def listed_ids(ids: list[str]) -> str:
    """The first :data:`MAX_LISTED_IDS` IDs (each cut to :data:`MAX_ID_CHARS`), and how many more."""
    shown = [i if len(i) <= MAX_ID_CHARS else i[:MAX_ID_CHARS] + "…" for i in ids[:MAX_LISTED_IDS]]
    text = "、".join(shown)
    if len(ids) > MAX_LISTED_IDS:
        text += f" ほか{len(ids) - MAX_LISTED_IDS}件、全部で{len(ids)}件"
    return text


def _link_from_dict(link: dict[str, Any]) -> PlanLink:
    """A validated ``lineage`` item; a link without the previous plan's last review has none."""
    return PlanLink(**{k: link.get(k, "") for k in LINK_TEXT_KEYS},
                    method_statuses=dict(link.get("method_statuses", {})))
