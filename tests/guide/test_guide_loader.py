"""Every way the guide's data file can be wrong is reported with the file and the key."""

import copy
import json

import pytest

from supportguide_app.guide import GuideDataError, load_guide
from supportguide_app.paths import resource


@pytest.fixture(scope="module")
def raw():
    return json.loads(resource("guide", "guide.json").read_text(encoding="utf-8"))


def _load(tmp_path, data, name="guide.json"):
    path = tmp_path / name
    if isinstance(data, (bytes, str)):
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    else:
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return load_guide(path)


def _broken(raw, change):
    data = copy.deepcopy(raw)
    change(data)
    return data


def test_the_shipped_guide_loads():
    guide = load_guide()
    assert guide.info["title"] == "ひきこもり相談における支援者サポートガイド"
    assert len(guide.examples) == 19


def test_missing_file_names_the_file(tmp_path):
    with pytest.raises(GuideDataError) as err:
        load_guide(tmp_path / "ない.json")
    assert err.value.path.name == "ない.json"
    assert "ない.json" in str(err.value) and "見つかりません" in str(err.value)


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe\x00", b""])
def test_damaged_file(tmp_path, content):
    with pytest.raises(GuideDataError) as err:
        _load(tmp_path, content)
    assert "guide.json" in str(err.value) and "読み込めません" in str(err.value)


CASES = [
    # (what breaks, the key the error must name, words of the problem)
    (lambda d: d.update(format="other"), "format", "supportguide-guide"),
    (lambda d: d.update(version=99), "version", "版"),
    (lambda d: d["difficulties"][3].pop("description"), "difficulties[3].description", "必要な項目"),
    (lambda d: d["difficulties"][3].update(description=None), "difficulties[3].description", "説明が必要"),
    (lambda d: d["goals"][1].update(label="  "), "goals[1].label", "空"),
    (lambda d: d["goals"][1].update(label=3), "goals[1].label", "型"),
    (lambda d: d["methods"][2].update(id="ENV1"), "methods[2].id", "重複"),
    (lambda d: d["examples"][0].update(id="D02"), "examples[0].id", "重複"),
    (lambda d: d["categories"][1]["goals"].append("Z"), "categories[1].goals", "「Z」"),
    (lambda d: d["difficulties"][5].update(category="C9"), "difficulties[5].category", "「C9」"),
    (lambda d: d["goals"][0]["examples"].append("EX_Z1"), "goals[0].examples", "「EX_Z1」"),
    (lambda d: d["goals"][1]["concepts"].append("NOPE"), "goals[1].concepts", "「NOPE」"),
    (lambda d: d["methods"][0].update(group="XYZ"), "methods[0].group", "「XYZ」"),
    (lambda d: d["method_links"][0].update(method="MECH99"), "method_links[0].method", "「MECH99」"),
    (lambda d: d["preparation"]["groups"][0]["items"][2].update(requires="PREP_X"),
     "preparation.items[2].requires", "「PREP_X」"),
    (lambda d: d["goals"][0].update(examples=[]) or d["goals"][0]["examples"].extend(
        ["EX_A1", "EX_A2", "EX_A3"]), "examples[3].goal", "EX_A4"),
    (lambda d: d.pop("steps"), "steps", "必要な項目"),
    (lambda d: d.update(steps=[]), "steps", "一つもありません"),
    (lambda d: d["checklist"]["checkpoints"].reverse(), "checklist.checkpoints", "順"),
]


@pytest.mark.parametrize(("change", "key", "words"), CASES)
def test_each_inconsistency_names_file_and_key(tmp_path, raw, change, key, words):
    with pytest.raises(GuideDataError) as err:
        _load(tmp_path, _broken(raw, change), name="壊れたガイド.json")
    assert err.value.key == key
    message = str(err.value)
    assert "壊れたガイド.json" in message and key in message and words in message
