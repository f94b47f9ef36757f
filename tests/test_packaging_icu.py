"""The Linux bundle's smaller ICU data (packaging/icu_data.py) gives Qt the same answers.

Qt's ICU uses are case mapping, time zone names, collation (QCollator, the file dialog's sorting)
and non-UTF codecs (QStringConverter, e.g. an HTML page in Shift_JIS). A child process loads the
smaller library in place of the wheel's (LD_PRELOAD: its soname satisfies libicuuc's NEEDED) and
prints what Qt returns for each; it must equal what the same code prints with the full data.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROBE_HTML = "支援者サポート計画ツール ①～ｱｲｳ 髙﨑"


def _module(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "packaging" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


icu_data = _module("icu_data")


def _wheel_icu_data() -> Path | None:
    try:
        import PySide6
    except ImportError:
        return None
    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    return found[0] if found else None


WHEEL_ICU = _wheel_icu_data()
needs_wheel_icu = pytest.mark.skipif(
    not sys.platform.startswith("linux") or WHEEL_ICU is None,
    reason="the PySide6 wheel ships ICU on Linux only")

# What Qt answers through ICU, as JSON. argv[1]: a folder for the HTML pages.
PROBE = r'''
import functools, json, os, sys
from PySide6.QtCore import (QCollator, QLocale, QStringConverter, QStringDecoder, QStringEncoder,
                            QTimeZone, QUrl)
from PySide6.QtWidgets import QApplication, QTextBrowser

app = QApplication([])
ja = QLocale(QLocale.Language.Japanese, QLocale.Country.Japan)
QLocale.setDefault(ja)
words = ["さくら", "サクラ", "桜", "佐倉", "ｻｸﾗ", "sakura", "Sakura", "支援者", "しえんしゃ", "計画10",
         "計画2", "ー", "あ", "ア", "亜", "Ａ", "A", "a", "１", "1", "ゔ", "ヴ", "が", "か", "a-b", "ab"]
out = {}
for label, locale in (("ja", ja), ("default", QLocale()), ("C", QLocale.c()),
                      ("en", QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))):
    for numeric in (False, True):
        for punctuation in (False, True):
            collator = QCollator(locale)
            collator.setNumericMode(numeric)
            collator.setIgnorePunctuation(punctuation)
            key = functools.cmp_to_key(collator.compare)
            out[f"sort {label} {numeric} {punctuation}"] = sorted(words, key=key)
out["upper"] = [ja.toUpper(w) for w in ("straße", "ﬁ", "ｓａｋｕｒａ", "abcİı", "ǆ")]
out["lower"] = [ja.toLower(w) for w in ("İSTANBUL", "ΣΑΣ", "ＡＢＣ")]
for zone in (b"Asia/Tokyo", b"UTC", b"America/New_York", b"Europe/London", b"Australia/Sydney"):
    tz = QTimeZone(zone)
    out[zone.decode()] = [tz.displayName(t, n, ja) for n in QTimeZone.NameType for t in QTimeZone.TimeType]
for name, python in (("Shift_JIS", "shift_jis"), ("windows-31j", "cp932"), ("EUC-JP", "euc_jp"),
                     ("ISO-2022-JP", "iso2022_jp")):
    text = sys.argv[2] if python == "cp932" else "支援者サポート計画ツール"
    page = os.path.join(sys.argv[1], name + ".html")
    with open(page, "wb") as file:
        file.write(f'<html><head><meta charset="{name}"></head><body>{text}</body></html>'.encode(python))
    browser = QTextBrowser()
    browser.setSource(QUrl.fromLocalFile(page))
    out["codec " + name] = [QStringEncoder(name).isValid(), QStringDecoder(name).name(),
                            browser.toPlainText()]
out["codecs"] = sorted(QStringConverter.availableCodecs())
with open("/proc/self/maps", encoding="utf-8") as maps:
    out["icu data"] = sorted({line.split()[-1] for line in maps if "libicudata" in line})
print(json.dumps(out, ensure_ascii=False))
'''


def _probe(tmp_path: Path, preload: Path | None) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("LD_PRELOAD", None)
    if preload is not None:
        env["LD_PRELOAD"] = str(preload)
    pages = tmp_path / ("small" if preload else "full")
    pages.mkdir()
    result = subprocess.run([sys.executable, "-c", PROBE, str(pages), PROBE_HTML], env=env,
                            capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    return json.loads(result.stdout.decode("utf-8"))


@needs_wheel_icu
def test_writing_every_item_back_gives_the_wheels_package_byte_for_byte():
    _soname, _symbol, package = icu_data._data_symbol(WHEEL_ICU.read_bytes())
    header, items = icu_data.read_package(package)
    assert len(items) > 3000
    assert icu_data.write_package(header, items) == package


@needs_wheel_icu
@pytest.mark.skipif(shutil.which(os.environ.get("CC", "cc")) is None, reason="no C compiler")
def test_qt_answers_the_same_with_the_smaller_icu_data(tmp_path):
    smaller = tmp_path / "lib" / WHEEL_ICU.name
    kept, dropped = icu_data.build(WHEEL_ICU, smaller)
    assert kept and dropped > kept
    assert smaller.stat().st_size * 8 < WHEEL_ICU.stat().st_size

    full, small = _probe(tmp_path, None), _probe(tmp_path, smaller)
    # Each process used the data it was meant to (the loader maps the library by its path).
    assert full.pop("icu data") == [str(WHEEL_ICU)]
    assert small.pop("icu data") == [str(smaller)]
    # The Japanese page decoded from each codec, through ICU.
    assert full["codec windows-31j"][2] == PROBE_HTML
    assert full["codec EUC-JP"][2] == full["codec ISO-2022-JP"][2] == "支援者サポート計画ツール"
    # Every other language's converter tables are gone; the Japanese ones stay.
    full_codecs, small_codecs = set(full.pop("codecs")), set(small.pop("codecs"))
    assert small_codecs < full_codecs and "GB18030" in full_codecs - small_codecs
    assert {"Shift_JIS", "EUC-JP", "ISO-2022-JP", "UTF-8"} <= small_codecs
    assert small == full
