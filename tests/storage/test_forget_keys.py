"""storage.forget_keys: the window's way to drop derived keys, without loading the cipher for nothing."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import sys
from pathlib import Path
from supportguide_app import storage
from supportguide_app.plan.session import Session
storage.forget_keys()
print("CIPHER_LOADED", "supportguide_app.storage.crypto" in sys.modules)
path = Path(sys.argv[1]) / "plan.json"
storage.save_session(Session(title="保護した計画"), path, passphrase="長いパスフレーズです")
crypto = sys.modules["supportguide_app.storage.crypto"]
print("CACHED", len(crypto._keys) > 0)
storage.forget_keys()
print("AFTER", len(crypto._keys), len(crypto._salts))
"""


def test_forget_keys_drops_the_cached_keys_and_loads_no_cipher_before_one_is_used(tmp_path):
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path)], capture_output=True,
                            text=True, encoding="utf-8", timeout=120,
                            env={"PYTHONDONTWRITEBYTECODE": os.environ.get("PYTHONDONTWRITEBYTECODE", ""),
                                 "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:3] == ["CIPHER_LOADED False", "CACHED True", "AFTER 0 0"]
