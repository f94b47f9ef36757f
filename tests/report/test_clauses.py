import copy
import json

import pytest

from supportguide_app import paths
from supportguide_app.report.clauses import (
    build_clause_templates,
    clause_text,
    load_clause_templates,
)
from supportguide_app.report.errors import ClauseTemplateError, ReportError


def _raw():
    return json.loads(paths.resource("report", "clauses.json").read_text(encoding="utf-8"))


def test_every_checklist_method_has_a_template(guide):
    templates = load_clause_templates(guide=guide)
    assert set(templates.methods) == {m.id for m in guide.methods}
    assert set(templates.common) == {"budget", "evaluation"}
    for text in (*templates.methods.values(), *templates.common.values(), templates.intro):
        assert text.endswith("。")
        assert not any(c.isdigit() for c in text), "never invent a number"
    assert templates.title == "委託仕様書に盛り込む支援者支援の事項"


def test_missing_template_names_file_and_key(guide):
    raw = _raw()
    del raw["methods"]["MECH7"]
    with pytest.raises(ClauseTemplateError) as caught:
        build_clause_templates(raw, guide, "clauses.json")
    assert isinstance(caught.value, ReportError)
    assert "clauses.json" in str(caught.value) and "methods.MECH7" in str(caught.value)


@pytest.mark.parametrize("damage, key", [
    (lambda r: r["methods"].update(ENV1="  "), "methods.ENV1"),
    (lambda r: r["methods"].update(X_NEW="受託者は、何かを行うこと。"), "methods.X_NEW"),
    (lambda r: r.pop("intro"), "intro"),
    (lambda r: r.update(version=99), "version"),
    (lambda r: r["common"].pop("budget"), "common.budget"),
])
def test_damaged_templates_are_reported_with_the_key(guide, damage, key):
    raw = copy.deepcopy(_raw())
    damage(raw)
    with pytest.raises(ClauseTemplateError, match=key.replace(".", r"\.")):
        build_clause_templates(raw, guide, "clauses.json")


def test_unreadable_file_is_a_clause_template_error(tmp_path, guide):
    bad = tmp_path / "clauses.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(ClauseTemplateError, match="clauses.json"):
        load_clause_templates(bad, guide)


def test_clause_text_prefers_the_edited_text(small, guide):
    templates = load_clause_templates(guide=guide)
    assert clause_text(small, guide, "MECH4") == "受託者は、ケース検討会を開催すること。"
    assert clause_text(small, guide, "ENV1") == templates.methods["ENV1"]
    small.set_value(("clause", "MECH4"), None)
    assert clause_text(small, guide, "MECH4") == templates.methods["MECH4"]
    assert clause_text(small, guide, "X_OWN") == ""


def test_a_common_point_without_a_template_still_prints_the_persons_text(guide):
    from supportguide_app.plan.session import Session
    from supportguide_app.report.data import build_report_data
    from supportguide_app.storage import session_to_dict
    from supportguide_app.storage.codec import session_from_dict

    s = Session(date="2026-04-01")
    s.set_value(("clause", "specification"), "仕様書には支援者支援の事項を盛り込む。")
    s.set_value(("clause", "budget"), "経費は委託料に含める。")
    loaded = session_from_dict(session_to_dict(s), guide=guide)
    assert loaded.warnings == []  # both are the guide's common points
    clauses = build_report_data(loaded.session, guide).plan.clauses
    assert [(c.key, c.text) for c in clauses if c.edited] == [
        ("budget", "経費は委託料に含める。"), ("specification", "仕様書には支援者支援の事項を盛り込む。")]
