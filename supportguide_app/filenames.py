"""File names the application proposes (Save As, PDF export) that Windows accepts.

A plan's title is free text. Windows refuses a file name that holds ``\\ / : * ? " < > |`` or a
control character, that is a reserved device name (``CON``, ``NUL``, ``COM1`` … with or without an
extension), or that ends in a dot or a space (Explorer silently drops those, so the file cannot
be opened again by the name it was saved under). The proposed name is only a suggestion in the
file dialog, so anything Windows would refuse is replaced rather than refused.
"""

from __future__ import annotations

import re

FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"COM{n}" for n in "123456789¹²³"] + [f"LPT{n}" for n in "123456789¹²³"]
)
# Windows allows 255 UTF-16 units per name; keep room for ".json.bak", the lock file's suffix and
# the temporary file's prefix and suffix.
MAX_STEM = 120
FALLBACK = "無題の計画"


def safe_file_stem(text: str, fallback: str = FALLBACK) -> str:
    """``text`` turned into a file name stem (without extension) that Windows accepts.

    Forbidden characters become ``_``, runs of white space one space, a reserved device name gets
    a leading ``_``, trailing dots and spaces are removed, and an empty result is ``fallback``.
    """
    stem = re.sub(r"\s+", " ", text).strip()  # tabs and line breaks too, before they become "_"
    stem = FORBIDDEN.sub("_", stem)
    stem = _cut_utf16(stem, MAX_STEM).rstrip(" .")
    if not stem:
        return fallback
    if stem.split(".", 1)[0].rstrip(" ").upper() in RESERVED:
        stem = "_" + stem
    return stem


def is_valid_windows_name(name: str) -> bool:
    """Whether Windows accepts ``name`` (a whole file name, with its extension)."""
    if not name or FORBIDDEN.search(name) or name[-1] in " .":
        return False
    if len(name.encode("utf-16-le")) // 2 > 255:
        return False
    return name.split(".", 1)[0].rstrip(" ").upper() not in RESERVED


def _cut_utf16(text: str, units: int) -> str:
    """The longest prefix of ``text`` that fits in ``units`` UTF-16 code units (no split pair)."""
    out, used = [], 0
    for char in text:
        used += 2 if ord(char) > 0xFFFF else 1
        if used > units:
            break
        out.append(char)
    return "".join(out)
