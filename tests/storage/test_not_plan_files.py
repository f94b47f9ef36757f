"""A PDF, a text or a Word file picked by mistake is "not a plan file", not "damaged"."""

from __future__ import annotations

import pytest

from supportguide_app.storage import NotJSONError, NotPlanFileError, NotSessionFileError, load_session


@pytest.mark.parametrize(("name", "content", "kind"), [
    ("支援者支援計画_〇〇市_20260401.pdf", b"%PDF-1.4\n%\x93\x8c\x8b\x9e ReportLab\n1 0 obj\n", "pdf"),
    ("メモ.txt", "打ち合わせのメモ\n次回は４月".encode(), "text"),
    ("メモ_sjis.txt", "打ち合わせのメモ".encode("cp932"), "other"),
    ("報告.docx", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xdf\xa4\xd2l", "other"),
])
def test_another_kind_of_file_is_named_as_such_without_suggesting_a_bak(tmp_path, name, content, kind):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(NotPlanFileError) as info:
        load_session(path)
    message = info.value.message
    assert info.value.kind == kind
    assert isinstance(info.value, NotSessionFileError)
    assert name in message and "計画ファイルではありません" in message
    assert "壊れて" not in message and ".bak" not in message
    if kind == "pdf":
        assert "PDFファイル" in message and "保存した計画ファイル（.json）" in message


@pytest.mark.parametrize("content", [b'{"format": "supportguide-session", "vers', b"\0\0\0\0",
                                     b'  {"format": 1'])
def test_a_damaged_plan_is_still_called_damaged(tmp_path, content):
    path = tmp_path / "計画.json"
    path.write_bytes(content)
    with pytest.raises(NotJSONError) as info:
        load_session(path)
    assert "壊れている" in info.value.message and ".bak" in info.value.message
