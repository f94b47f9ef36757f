"""The 仕様書添付用 layout: the clauses a contractor receives, and nothing internal."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from report_helpers import TODAY, pdf_body_text, squeeze
from report_sessions import (
    AUTHOR_NAME,
    COUNSELOR_NAME,
    INTERNAL_TEXTS,
    MANAGER_NAME,
    maximal_session,
    one_on_one_session,
)

from supportguide_app.plan.session import CHECKPOINTS
from supportguide_app.report.clauses import clause_text
from supportguide_app.report.data import LABELS, LAYOUTS, build_report_data
from supportguide_app.report.export import export_pdf
from supportguide_app.report.text import plan_as_text, report_as_text


def _internal_texts(session) -> list[str]:
    """Every note, name, title and review text of the session, line by line."""
    found = [AUTHOR_NAME, COUNSELOR_NAME, MANAGER_NAME, session.title, session.author]
    found += session.notes.splitlines()
    for cp in CHECKPOINTS:
        found += [c.note for c in session.selections[cp].values()]
        for view in session.views.values():
            found.append(view.name)
            found += [c.note for c in view.selections[cp].values()]
    for review in session.reviews:
        found += [review.participants, review.effect, review.questionnaire, review.next_steps]
        found += [entry.note for entry in review.methods.values()]
    lines = {squeeze(line) for text in found for line in text.splitlines()}
    return sorted(line for line in lines if len(line) >= 4)


@pytest.fixture(params=["one_on_one", "maximal"])
def internal_plan(request, guide):
    return one_on_one_session() if request.param == "one_on_one" else maximal_session(guide)


def test_the_plan_layout_does_print_what_the_spec_must_leave_out(tmp_path, guide):
    # the check below could not fail if the plan did not hold these texts in the first place
    session = one_on_one_session()
    text = pdf_body_text(export_pdf(session, guide, tmp_path / "plan.pdf", today=TODAY))
    for internal in INTERNAL_TEXTS + (COUNSELOR_NAME, MANAGER_NAME, AUTHOR_NAME):
        assert squeeze(internal) in text, internal


def test_spec_pdf_holds_the_clauses_and_no_note_name_comparison_or_review(tmp_path, guide,
                                                                          internal_plan):
    path = export_pdf(internal_plan, guide, tmp_path / "spec.pdf", layout="spec", today=TODAY)
    text = pdf_body_text(path)
    assert squeeze(LAYOUTS["spec"]) in text
    assert "対象年度令和８年度（２０２６年度）" in text
    for method_id in internal_plan.selected("methods"):
        assert squeeze(clause_text(internal_plan, guide, method_id)) in text, method_id
    assert squeeze(clause_text(internal_plan, guide, "budget")) in text
    for goal_id in internal_plan.selected("goals"):
        assert squeeze(guide.goal(goal_id).label) in text
    for internal in _internal_texts(internal_plan):
        assert internal not in text, internal
    for heading in (LABELS["comparison"], LABELS["reviews"], LABELS["lineage"], LABELS["author"],
                    LABELS["meeting"], LABELS["manager_note"], LABELS["counselor_note"]):
        assert squeeze(heading) not in text, heading
    # what the window says the spec leaves out: the difficulties, the examples, the earlier plans
    for difficulty_id in internal_plan.selected("difficulties"):
        if difficulty_id.startswith("D"):
            assert squeeze(guide.difficulty(difficulty_id).label) not in text, difficulty_id
    for example_id in internal_plan.marked_examples:
        assert squeeze(guide.example(example_id).content) not in text, example_id
    for link in internal_plan.lineage:
        assert squeeze(link.title) not in text
    meta = PdfReader(path).metadata
    for value in (meta.title, meta.author, meta.subject):
        assert "山田" not in value and "佐藤" not in value and "1on1" not in value
    assert meta.author == internal_plan.organisation


def test_spec_text_export_leaves_out_the_same(guide, internal_plan):
    text = squeeze(report_as_text(internal_plan, guide, "spec"))
    for method_id in internal_plan.selected("methods"):
        assert squeeze(clause_text(internal_plan, guide, method_id)) in text
    for internal in _internal_texts(internal_plan):
        assert internal not in text, internal
    assert squeeze(INTERNAL_TEXTS[0]) in squeeze(plan_as_text(one_on_one_session(), guide))


def test_spec_data_names_where_each_clause_comes_from(guide):
    spec = build_report_data(one_on_one_session(), guide, layout="spec", today=TODAY).spec
    by_key = {c.key: c for c in spec.clauses}
    assert by_key["MECH4"].source == "もとにした手法：ケース検討会"
    assert by_key["MECH4"].goals == ("A．相談員が独りで抱え込まないようにする",)  # B is not chosen
    assert by_key["MECH4"].edited
    assert by_key["budget"].source == "共通のポイント：予算"
    assert [c.key for c in spec.clauses][-2:] == ["budget", "evaluation"]
    # only the contractor's preparation: the checked staff item and the filled schedule
    assert [r.id for r in spec.preparation] == ["PREP_STAFF_INTERNAL", "PREP_PART_DATE"]
    assert "文例" in spec.model_wording


def test_spec_leaves_out_the_budget_preparation_and_the_field_hints(guide):
    spec = build_report_data(maximal_session(guide), guide, layout="spec", today=TODAY).spec
    assert {r.group for r in spec.preparation} == {"実施体制", "参加者", "周知", "評価"}
    labels = [label for row in spec.preparation for label, _ in row.fields]
    assert "効果を確認する方法" in labels and not any("（例：" in label for label in labels)
