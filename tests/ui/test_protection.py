"""パスフレーズで保護: protect, save, reopen (a wrong passphrase first), autosave, remove, forget."""

from __future__ import annotations

import base64
import json
import subprocess
import sys

from wizard_helpers import type_text

from supportguide_app.storage import AutosaveStore, crypto, load_session
from supportguide_app.ui.dialogs import ProtectionRequest, RestoreAnswer
from supportguide_app.ui.main_window import PROTECTED_MARK
from supportguide_app.ui.pages import PageId

TITLE = "秘密の計画タイトル"
NOTE = "担当者の体調のこと"
PASSPHRASE = "さくら もみじ nagisa 7"


def fill(window) -> None:
    type_text(window.pages[PageId.START].title_edit, TITLE)
    window.editor.set(("selection", "difficulties", "D02", "selected"), True)
    window.editor.set(("selection", "difficulties", "D02", "note"), NOTE)


def assert_no_plaintext(data: bytes) -> None:
    # Base64 of random bytes may spell "D02" by chance: look outside the base64 values, and in
    # their decoded bytes.
    envelope = json.loads(data)
    blobs = [envelope.pop(key, "") for key in ("nonce", "ciphertext", "check")]
    blobs.append(envelope["kdf"].pop("salt"))
    outside = json.dumps(envelope, ensure_ascii=False).encode("utf-8")
    for secret in (TITLE, NOTE, "D02", "difficulties", "supportguide-session"):
        assert secret.encode("utf-8") not in outside, secret
        assert all(secret.encode("utf-8") not in base64.b64decode(blob) for blob in blobs), secret


def protect_and_save(window, dialogs, target) -> None:
    dialogs.protection_answers.append(ProtectionRequest(PASSPHRASE))
    assert window.document.protect()
    assert window.document.is_protected() and PROTECTED_MARK in window.windowTitle()
    dialogs.save_paths.append(target)
    assert window.document.save()


def test_a_protected_plan_is_saved_encrypted_and_reopened_with_its_passphrase(qtbot, window, dialogs,
                                                                             tmp_path):
    fill(window)
    target = tmp_path / "plan.json"
    protect_and_save(window, dialogs, target)
    saved = target.read_bytes()
    assert_no_plaintext(saved)
    assert load_session(target, PASSPHRASE).session.title == TITLE
    assert PROTECTED_MARK in window.windowTitle()

    window.document.close_session()  # 閉じる: the passphrase and its keys are dropped
    assert not window.document.is_protected() and crypto._keys == {} and crypto._salts == {}
    assert PROTECTED_MARK not in window.windowTitle()

    # A wrong passphrase, then cancel: nothing opens and the file is untouched.
    dialogs.passphrase_answers += ["まちがい", None]
    assert not window.document.open_file(target)
    assert dialogs.passphrase_asked == [("plan.json", False), ("plan.json", True)]
    assert window.editor.session.title == "" and target.read_bytes() == saved
    assert dialogs.errors == []

    # A wrong passphrase, then the right one.
    dialogs.passphrase_asked.clear()
    dialogs.passphrase_answers += ["まちがい", PASSPHRASE]
    assert window.document.open_file(target)
    assert dialogs.passphrase_asked == [("plan.json", False), ("plan.json", True)]
    assert window.editor.session.title == TITLE
    assert window.document.is_protected() and PROTECTED_MARK in window.windowTitle()
    assert window.pages[PageId.START].title_edit.text() == TITLE

    # Saving again keeps the protection.
    type_text(window.pages[PageId.START].title_edit, "（改）")
    assert window.document.save()
    assert_no_plaintext(target.read_bytes())
    assert load_session(target, PASSPHRASE).session.title == TITLE + "（改）"


def test_the_autosave_of_a_protected_plan_is_protected_and_asks_at_start(qtbot, make_window, dialogs,
                                                                        autosave_folder, tmp_path):
    window = make_window()
    fill(window)
    protect_and_save(window, dialogs, tmp_path / "plan.json")
    type_text(window.pages[PageId.START].title_edit, "２")
    qtbot.waitUntil(lambda: window.document.autosaver.store.path.exists(), timeout=5000)
    assert_no_plaintext(window.document.autosaver.store.path.read_bytes())
    entries = AutosaveStore(autosave_folder).pending()
    assert len(entries) == 1 and entries[0].protected and entries[0].session is None

    # The next start (a crash: the first window left its autosave): the passphrase, wrong first.
    crypto.forget_keys()
    dialogs.restore_answers.append(RestoreAnswer.RESTORE)
    dialogs.passphrase_answers += ["まちがい", PASSPHRASE]
    second = make_window()
    second.document.check_autosave()
    assert dialogs.passphrase_asked[-2:] == [("自動保存された計画", False), ("自動保存された計画", True)]
    assert second.editor.session.title == TITLE + "２"
    assert second.document.is_protected()
    assert_no_plaintext(second.document.autosaver.store.path.read_bytes())
    window.editor.undo_stack.setClean()  # the first window's work is the test's, not to be asked about


def test_a_protected_autosave_can_be_discarded_without_the_passphrase(qtbot, make_window, dialogs,
                                                                      autosave_folder, tmp_path):
    window = make_window()
    fill(window)
    dialogs.protection_answers.append(ProtectionRequest(PASSPHRASE))
    window.document.protect()  # never saved: the autosave is written protected at once
    assert window.document.autosaver.store.path.exists()
    assert_no_plaintext(window.document.autosaver.store.path.read_bytes())
    dialogs.restore_answers.append(RestoreAnswer.DISCARD)
    second = make_window()
    second.document.check_autosave()
    assert "passphrase" not in dialogs.asked
    assert not window.document.autosaver.store.path.exists()
    window.editor.undo_stack.setClean()


def test_protection_can_be_removed(qtbot, window, dialogs, tmp_path):
    fill(window)
    target = tmp_path / "plan.json"
    protect_and_save(window, dialogs, target)
    dialogs.protection_answers.append(ProtectionRequest(None))
    assert window.document.protect()
    assert not window.document.is_protected()
    assert TITLE.encode("utf-8") in target.read_bytes()
    assert not load_session(target).protected


def test_starting_the_window_loads_no_cryptography():
    code = (
        "import sys\n"
        "import supportguide_app.ui.app, supportguide_app.ui.main_window\n"
        "print(sorted(m for m in sys.modules if m.startswith(('cryptography', 'reportlab'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         encoding="utf-8", check=True)
    assert out.stdout.strip() == "[]"
