from supportguide_app.plan.session import Session
from supportguide_app.report.text import default_pdf_name, plan_as_text


def test_plan_as_text_carries_the_plan(small, guide):
    text = plan_as_text(small, guide)
    lines = text.splitlines()
    assert lines[:6] == [
        "支援者支援 取組計画　相談員のための取組",
        "対象年度：令和８年度（２０２６年度）",
        "組織：ひだまり市福祉課",
        "記入者：山田花子（管理者）",
        "記入日：令和８年４月１日",
        "話し合いの形：1on1",
    ]
    for expected in ("　・③仕事の量的な負荷と変動に係るもの", "　　新規相談が月末に集中する", "　・X_OWN1",
                     "　・A．相談員が独りで抱え込まないようにする",
                     "　　目標の背景にある困難さ：③仕事の量的な負荷と変動に係るもの、"
                     "⑨人間関係、対人関係に係るもの",
                     "　・ケース検討会", "　・毎日の朝会（栃木県）", "　☑（実施体制）内部職員で実施する",
                     "　　日程・時間帯：木曜の午後", "２．受託者は、ケース検討会を開催すること。",
                     "　次回は６月に見直す。", "　課長に報告する。", "■委託仕様書に盛り込む支援者支援の事項"):
        assert expected in lines, expected
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_default_pdf_name():
    s = Session(organisation="ひだまり市/福祉課:相談係*", date="2026-04-01")
    assert default_pdf_name(s) == "支援者支援計画_令和８年度_ひだまり市_福祉課_相談係__2026-04-01.pdf"
    assert default_pdf_name(Session(organisation=' a<b>"c"|d?. ', date="")) == "支援者支援計画_a_b__c__d_.pdf"
    assert (default_pdf_name(Session(organisation="", date="2026-04-01"))
            == "支援者支援計画_令和８年度_2026-04-01.pdf")
    name = default_pdf_name(Session(organisation="課\t\n", date="2026-04-01"))
    assert name == "支援者支援計画_令和８年度_課_2026-04-01.pdf"


def test_default_pdf_name_names_the_target_fiscal_year_and_the_layout():
    # written in November for the next year's budget: the name says 令和９年度
    autumn = Session(organisation="ひだまり市", date="2026-11-04")
    assert default_pdf_name(autumn) == "支援者支援計画_令和９年度_ひだまり市_2026-11-04.pdf"
    autumn.set_value(("fiscal_year",), 2028)
    assert (default_pdf_name(autumn, "spec")
            == "支援者支援計画_令和１０年度_ひだまり市_2026-11-04_仕様書添付用.pdf")
    assert default_pdf_name(autumn, "checklist").endswith("_2026-11-04_チェックリスト.pdf")
    no_year = Session(organisation="ひだまり市", date="")
    assert default_pdf_name(no_year) == "支援者支援計画_ひだまり市.pdf"
