"""Sessions the report tests (and the benchmark) lay out: a small one and a rich one."""

from __future__ import annotations

from supportguide_app.guide import Guide
from supportguide_app.plan.session import Session

LONG_LINE = "相談員の話を関係者全員が一度受け止め、一人ではなく組織・チームとして対応することとなります。"


def small_session() -> Session:
    s = Session(title="相談員のための取組", organisation="ひだまり市福祉課", author="山田花子",
                role="manager", date="2026-04-01", meeting="one_on_one")
    s.set_value(("selection", "difficulties", "D03", "selected"), True)
    s.set_value(("selection", "difficulties", "D03", "note"), "新規相談が月末に集中する")
    s.set_value(("selection", "difficulties", "D09", "selected"), True)
    s.set_value(("selection", "difficulties", "X_OWN1", "selected"), True)
    s.set_value(("selection", "goals", "A", "selected"), True)
    s.set_value(("selection", "goals", "A", "note"), "朝会で困りごとを話す")
    s.set_value(("selection", "goals", "E", "selected"), True)
    s.set_value(("selection", "methods", "MECH4", "selected"), True)
    s.set_value(("selection", "methods", "ENV1", "selected"), True)
    s.set_value(("selection", "methods", "ENV1", "note"), "席の配置を見直す")
    s.set_value(("example", "EX_A2"), True)
    s.set_value(("prep", "PREP_STAFF_INTERNAL", "checked"), True)
    s.set_value(("prep", "PREP_PART_DATE", "field", "schedule"), "木曜の午後")
    s.set_value(("clause", "MECH4"), "受託者は、ケース検討会を開催すること。")
    s.notes = "次回は６月に見直す。\n課長に報告する。"
    return s


def rich_session(guide: Guide, *, note_repeat: int = 3) -> Session:
    """Most items ticked, notes of several lines, every preparation field filled."""
    s = Session(title="令和８年度 ひきこもり相談の支援者支援", organisation="ひだまり市 福祉部 地域福祉課",
                author="山田花子", role="manager", date="2026-04-01", meeting="team")
    for i, d in enumerate(guide.checklist_difficulties):
        if i % 4 != 3:
            s.set_value(("selection", "difficulties", d.id, "selected"), True)
        if i % 3 == 0:
            s.set_value(("selection", "difficulties", d.id, "note"),
                        f"{d.label}について話し合った。\n" + LONG_LINE * note_repeat)
    for g in guide.goals[:5]:
        s.set_value(("selection", "goals", g.id, "selected"), True)
        s.set_value(("selection", "goals", g.id, "note"), f"{g.label}ための工夫を考える。")
    for i, m in enumerate(guide.methods):
        if i != 2:
            s.set_value(("selection", "methods", m.id, "selected"), True)
        if i % 2 == 0:
            s.set_value(("selection", "methods", m.id, "note"), f"{m.label}の進め方を決める。\n担当：相談係")
    for e in guide.examples[::3]:
        s.set_value(("example", e.id), True)
    for item in guide.prep_items:
        s.set_value(("prep", item.id, "checked"), item.id != "PREP_BUDGET_NONE")
        for f in item.fields:
            more = "\n研修後のアンケートを取る。\n相談員に変化を尋ねる。" if f.multiline else ""
            value = f"{f.label}の案{more}"
            s.set_value(("prep", item.id, "field", f.id), value)
    s.set_value(("clause", "MECH1"),
                "受託者は、相談員が研修に参加できるよう支援すること。\n研修の内容は委託者と協議して定める。")
    s.notes = "\n".join(["全体のメモ。", LONG_LINE * note_repeat, "", "以上"])
    return s


# Words of a 1on1 plan that must never reach a contractor (the spec layout): notes, names, reviews.
COUNSELOR_NAME = "相談員 佐藤 一郎"
MANAGER_NAME = "課長 山田 花子"
AUTHOR_NAME = "生活支援課長 山田 花子"
INTERNAL_TEXTS = (
    "会計年度任用職員の相談員が、次年度の任用に不安を感じていると話している。",  # a difficulty note
    "夜の電話対応がつらくて眠れない",  # the counselor's own note (consented: the plan prints it)
    "担当範囲の線引きを課で決めていない",  # the manager's note in the views
    "朝会で困りごとを話す",  # a goal note
    "席の配置を見直す",  # a method note
    "次回は６月に見直す。",  # the plan's memo
    "生活支援課長、相談員４名",  # review participants
    "一人で抱え込む相談員が減った。",  # review effect
    "研修の満足度：とても満足３名",  # review questionnaire
    "ケース検討会を１１月から月１回開く。",  # review next steps
    "ケース検討会の日程が合わなかった。",  # a review's method note
)


def one_on_one_session() -> Session:
    """A 1on1 plan with notes everywhere, both people's names, consent given, and a review."""
    from supportguide_app.plan.session import MethodReview, Review

    s = small_session()
    s.title = f"{COUNSELOR_NAME}さんとの1on1で作った計画"
    s.author = AUTHOR_NAME
    s.set_value(("selection", "difficulties", "D11", "selected"), True)
    s.set_value(("selection", "difficulties", "D11", "note"), INTERNAL_TEXTS[0])
    s.set_value(("view", "manager", "name"), MANAGER_NAME)
    s.set_value(("view", "counselor", "name"), COUNSELOR_NAME)
    for who, ids in {"manager": ["D02", "D03"], "counselor": ["D03", "D09"]}.items():
        for item_id in ids:
            s.set_value(("view", who, "difficulties", item_id, "selected"), True)
    s.set_value(("view", "counselor", "difficulties", "D09", "note"), INTERNAL_TEXTS[1])
    s.set_value(("view", "manager", "difficulties", "D02", "note"), INTERNAL_TEXTS[2])
    s.set_value(("view", "counselor", "consent"), True)
    s.add_review(Review(date="2026-10-22", participants=INTERNAL_TEXTS[6],
                        methods={"MECH4": MethodReview("partly", INTERNAL_TEXTS[10]),
                                 "ENV1": MethodReview("done", "")},
                        effect=INTERNAL_TEXTS[7], attendance=5,
                        questionnaire=INTERNAL_TEXTS[8] + "、満足２名。", next_steps=INTERNAL_TEXTS[9]))
    return s


def maximal_session(guide: Guide) -> Session:
    """Everything a plan can hold: most items, long notes, every field, a 1on1, reviews, lineage."""
    from supportguide_app.plan.session import MethodReview, PlanLink, Review

    s = rich_session(guide)
    s.meeting = "one_on_one"
    s.set_value(("view", "manager", "name"), MANAGER_NAME)
    s.set_value(("view", "counselor", "name"), COUNSELOR_NAME)
    for i, d in enumerate(guide.checklist_difficulties):
        who = "manager" if i % 2 else "counselor"
        s.set_value(("view", who, "difficulties", d.id, "selected"), True)
        s.set_value(("view", who, "difficulties", d.id, "note"), f"{d.label}について。\n" + LONG_LINE)
    for g in guide.goals:
        s.set_value(("view", "manager", "goals", g.id, "selected"), True)
    s.set_value(("view", "counselor", "consent"), True)
    for number in range(3):
        s.add_review(Review(
            date=f"2026-{7 + number:02d}-15", participants="生活支援課長、相談員４名",
            methods={m.id: MethodReview(("done", "partly", "not_yet")[(i + number) % 3],
                                        f"{m.label}の状況。\n" + LONG_LINE if i % 2 else "")
                     for i, m in enumerate(guide.methods)},
            effect="\n".join([LONG_LINE] * 3), attendance=12, questionnaire=LONG_LINE * 2,
            next_steps=LONG_LINE * 2))
    s.lineage = [PlanLink("p1", "令和７年度 計画", "2025-04-10", "計画_R7.json", ""),
                 PlanLink("p0", "令和６年度 計画", "2024-04-10", "計画_R6.json", "")]
    s.set_value(("clause", "budget"), "支援者支援の取組に要する経費は、委託料の対象とする。")
    return s
