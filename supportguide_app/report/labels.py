"""The fixed words the plan PDF prints around the person's data.

Their own module so that the PDF styles and the summary PDF (``report/pdf.py``,
``report/summary_pdf.py``) need not import ``report/data.py`` and the plan modules it builds on;
``report.data.LABELS`` is this same dictionary.
"""

from __future__ import annotations

from supportguide_app.plan.session import REVIEW_NOT_RECORDED

# The fixed words the layouts print around the person's data (the font check and the clipboard
# text see them too, through report.data).
LABELS = {
    "organisation": "組織", "author": "記入者", "date": "記入日", "meeting": "話し合いの形",
    "target_year": "対象年度",
    "output_date": "出力日", "blank": "未記入", "none": "（選んだ項目はありません）",
    "behind": "目標の背景にある困難さ", "goal": "目標", "note": "メモ",
    "prep_group": "区分", "prep_item": "項目", "prep_fields": "記入内容",
    "checked": "済", "unchecked": "未",
    "reviews": "点検の記録", "review": "点検", "participants": "参加者", "review_methods": "手法",
    "status": "実施", "effect": "見られた効果", "figures": "数値", "attendance": "参加人数",
    "questionnaire": "アンケート結果", "next_steps": "次に変えること", "not_recorded": REVIEW_NOT_RECORDED,
    "undated": "日付未記入", "lineage": "前の計画", "earlier": "それ以前の計画", "file": "ファイル",
    "last_review": "前年度の点検から",
    "comparison": "管理者と相談員の見方の比較", "manager": "管理者", "counselor": "相談員",
    "agreed": "合意", "item": "項目", "chosen": "○", "not_chosen": "－", "differs_mark": "◆",
    "manager_note": "管理者のメモ", "counselor_note": "相談員のメモ",
    # Printed in place of a counselor's note they did not consent to export (the note itself never
    # enters the ReportData). Shown, rather than leaving the note out silently, so that the reader
    # knows the comparison is not the whole of what the counselor wrote.
    "withheld": "（相談員の同意がないため記載しません）",
    "spec_basis": "（参考）事項のもとにした目標と手法",
    "spec_basis_intro": "委託者の支援者支援の計画で選んだ目標と手法です。",
    "spec_goals": "目標", "spec_methods": "手法",
    "spec_preparation": "取組の準備（受託者に関わる事項）",
    "spec_source": "もとにした手法", "spec_common_source": "共通のポイント",
    "spec_goals_of": "関連する目標",
    # The clauses are this application's model wording, not the guide's: the reader must know.
    "model_wording": "各事項の文は、このアプリが用意した文例（ガイドの文言そのものではありません）を"
                     "もとにしています。各事項の下の（　）は、もとにしたガイドの手法または"
                     "共通のポイントです。",
    # The checklist layout prints the guide's checklist word for word; what this application adds
    # is said to be its own.
    "checklist_additions": "チェックリストの項目と文言はガイドのとおりです。表の上の記入欄、準備の項目の下の"
                           "記入内容、「このガイドにない項目」と、表の下の注記は、このアプリが加えたものです。",
    "off_paper": "（このアプリによる注記）次の項目はチェックリストにはありませんが、この計画で選んでいます"
                 "（ガイドの本文にある困難さです。取組計画のPDFに載ります）。",
    "comparison_intro": "1on1 で、管理者と相談員がそれぞれチェックした内容です。"
                        "見方が違う項目（◆）を先に、両方が選んだ項目、"
                        "どちらも選ばなかった項目（メモのあるもの）の順に並べています。"
                        "「合意」は話し合って決めた内容で、この計画に使っています。",
}
