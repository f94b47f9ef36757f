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
