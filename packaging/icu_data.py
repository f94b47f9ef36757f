"""A smaller ICU data library for the Linux bundle (used by supportguide.spec).

The PySide6-Essentials wheel for Linux ships ICU 73, because its libQt6Core links libicuuc and
libicui18n; their data, libicudata.so.73, is 30.5 MiB: every locale of CLDR, every converter table,
the break-iterator dictionaries and the transliterator rules. Qt calls ICU for four things only
(the ICU symbols libQt6Core imports, ``nm -D --undefined-only``; no other library of the bundle
imports any): case mapping (``u_strToUpper``/``u_strToLower``), time zone names (``ucal_*``),
collation (``ucol_*``, QCollator) and text codecs other than UTF-8/16/32 and Latin-1 (``ucnv_*``,
QStringConverter). The application sets a Japanese QLocale, so the data those need for Japanese is
kept, and nothing else (:func:`wanted`). The result is 2.9 MiB.

The data library holds one symbol, ``icudt73_dat``: an ICU "common data" package (a header, a table
of contents sorted by name, then the items). This module reads that package out of the wheel's
library, writes a package of the wanted items only, and links it into a library with the same
soname and symbol (a C compiler, ``cc`` or $CC, assembles it with ``.incbin``).
tests/test_packaging_icu.py loads the result in place of the wheel's and compares what Qt returns
for the four uses with the full data.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

# -- what is kept -------------------------------------------------------------------------------------
# Item names are "icudt73l/<tree>/<name>" or "icudt73l/<name>" (the main tree).
# Locale bundles (".res" named by a locale ID, e.g. "ja", "zh_Hant_TW", "de__PHONEBOOK"): only root
# and Japanese, in every tree. ICU falls back from ja_JP to ja to root; nothing else is ever asked
# for, as the application sets QLocale(Japanese, Japan) as the default before any window opens.
_LOCALE = re.compile(r"^[a-z]{2,3}(?:_[A-Za-z0-9]*)*$")
_KEPT_LOCALES = re.compile(r"^(?:root|ja(?:_[A-Za-z0-9]*)*)$")
# Whole trees Qt never opens: break iteration (brkitr, 3.2 MiB with the CJK dictionary; Qt breaks
# lines and words with its own tables), transliteration (translit), number spell-out (rbnf), and
# the display names of units, languages, regions and currencies (unit, lang, region, curr: Qt
# formats numbers and names locales from its own CLDR tables, and imports no unum_*, uloc_getDisplay*
# or ucurr_* function).
_DROPPED_TREES = {"brkitr", "translit", "rbnf", "unit", "lang", "region", "curr"}
# Converter tables (".cnv"): the Japanese ones only. Shift_JIS and Windows-31J (ibm-943_*), EUC-JP
# (ibm-33722_*, ibm-954_*, euc-jp-*), JIS X 0212 (jisx-*, with Shift_JIS it makes ISO-2022-JP work),
# ibm-942_* (IBM's Shift_JIS). UTF-*, US-ASCII, Latin-1 and ISO-2022 are algorithmic (in libicuuc).
_KEPT_CONVERTERS = re.compile(r"^(?:ibm-943_|ibm-942_|ibm-33722_|ibm-954_|euc-jp-|jisx-)")
# Single items of the main tree no function Qt calls reads: Unicode character names (u_charName),
# the spoof checker's confusables, StringPrep profiles (usprep, *.spp), the NFKC and IDNA
# normalization data (unorm2, uidna; collation's NFC data is built into libicuuc) and the locale
# matcher's language distances (langInfo).
_DROPPED_ITEMS = re.compile(r"^(?:unames\.icu|confusables\.cfu|.*\.spp|.*\.nrm|langInfo\.res)$")


# The root collation as rules text (UCARules, read by ucol_getRules, which Qt does not import) and
# root's special collation types (emoji, search, private-unihan): collating for Japanese or for any
# other locale uses the root collation itself, coll/ucadata.icu, and ja's tailoring, coll/ja.res.
_DROPPED_COLLATION = {"root.res"}


def wanted(item: str) -> bool:
    """Whether the bundle keeps the ICU data item named ``icudt73l/...``."""
    parts = item.split("/")[1:]
    tree, name = (parts[0], parts[-1]) if len(parts) > 1 else ("", parts[0])
    if tree in _DROPPED_TREES or (tree == "coll" and name in _DROPPED_COLLATION):
        return False
    stem, _, ext = name.rpartition(".")
    if ext == "res" and stem != "res_index" and _LOCALE.match(stem):
        return bool(_KEPT_LOCALES.match(stem))
    if ext == "cnv":
        return bool(_KEPT_CONVERTERS.match(name))
    return not (tree == "" and _DROPPED_ITEMS.match(name))


# -- the ELF library ------------------------------------------------------------------------------------
def _data_symbol(library: bytes) -> tuple[str, str, bytes]:
    """(soname, symbol name, symbol bytes) of a 64-bit little-endian ICU data library."""
    if library[:4] != b"\x7fELF" or library[4] != 2 or library[5] != 1:
        raise ValueError("not a 64-bit little-endian ELF library")
    shoff, = struct.unpack_from("<Q", library, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", library, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", library, shoff + i * shentsize) for i in range(shnum)]

    def string(section: int, offset: int) -> str:
        start = sections[section][4] + offset
        return library[start:library.index(b"\0", start)].decode("ascii")

    soname = symbol = None
    for _name, kind, _flags, _addr, offset, size, link, _info, _align, entsize in sections:
        if kind == 11:  # SHT_DYNSYM
            for pos in range(offset, offset + size, entsize):
                st_name, _st_info, _other, shndx, value, st_size = struct.unpack_from("<IBBHQQ", library, pos)
                found = string(link, st_name)
                if re.fullmatch(r"icudt\d+_dat", found):
                    base = sections[shndx]
                    start = base[4] + value - base[3]
                    end = start + st_size if st_size else base[4] + base[5]
                    symbol = (found, library[start:end])
        elif kind == 6:  # SHT_DYNAMIC
            for pos in range(offset, offset + size, 16):
                tag, value = struct.unpack_from("<qQ", library, pos)
                if tag == 14:  # DT_SONAME
                    soname = string(link, value)
    if soname is None or symbol is None:
        raise ValueError("no soname or no icudt*_dat symbol: not an ICU data library")
    return soname, *symbol


# -- the ICU common data package ------------------------------------------------------------------------
def read_package(package: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The header and the (name, bytes) items of an ICU common data package."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", package, 0)
    if (magic1, magic2) != (0xDA, 0x27) or package[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    toc = package[header_size:]
    count, = struct.unpack_from("<I", toc, 0)
    entries = [struct.unpack_from("<II", toc, 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_offset, data_offset) in enumerate(entries):
        name = toc[name_offset:toc.index(b"\0", name_offset)].decode("ascii")
        end = entries[i + 1][1] if i + 1 < count else len(toc)
        items.append((name, toc[data_offset:end]))
    return package[:header_size], items


_PAD = b"\xaa"  # ICU's own packager pads to 16 bytes with 0xAA


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """An ICU common data package of these items (in the order given: ICU searches it by name)."""
    names = sorted(name for name, _ in items)
    if [name for name, _ in items] != names:
        raise ValueError("items must be sorted by name")
    table_size = 4 + 8 * len(items)
    name_offsets, strings = [], bytearray()
    for name, _ in items:
        name_offsets.append(table_size + len(strings))
        strings += name.encode("ascii") + b"\0"
    position = -(-(table_size + len(strings)) // 16) * 16
    table, body = bytearray(struct.pack("<I", len(items))), bytearray()
    for (_, data), name_offset in zip(items, name_offsets, strict=True):
        table += struct.pack("<II", name_offset, position + len(body))
        body += data + _PAD * (-len(data) % 16)
    toc = table + strings
    return bytes(header + toc + _PAD * (position - len(toc)) + body)


def build(source: Path, target: Path, compiler: str | None = None) -> tuple[int, int]:
    """Write the smaller data library for ``source`` (the wheel's) to ``target``.

    Returns the number of items kept and dropped. Needs a C compiler (``cc``, or $CC).
    """
    soname, symbol, package = _data_symbol(source.read_bytes())
    header, items = read_package(package)
    kept = [(name, data) for name, data in items if wanted(name)]
    work = target.parent
    work.mkdir(parents=True, exist_ok=True)
    dat = work / f"{symbol}.dat"
    dat.write_bytes(write_package(header, kept))
    assembly = work / f"{symbol}.S"
    assembly.write_text(
        f'\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n'
        f'{symbol}:\n\t.incbin "{dat}"\n\t.size {symbol}, . - {symbol}\n'
        '\t.section .note.GNU-stack,"",@progbits\n', encoding="utf-8")
    compiler = compiler or os.environ.get("CC") or "cc"
    if shutil.which(compiler) is None:
        raise SystemExit(f"supportguide.spec: no C compiler ({compiler!r}) to link the smaller ICU data "
                         "(apt-get install gcc, or set CC)")
    subprocess.run([compiler, "-shared", "-nostdlib", f"-Wl,-soname,{soname}", "-Wl,-z,noexecstack",
                    "-o", str(target), str(assembly)], check=True)
    return len(kept), len(items) - len(kept)


if __name__ == "__main__":  # python packaging/icu_data.py SOURCE TARGET: build and list what was dropped
    source_path, target_path = Path(sys.argv[1]), Path(sys.argv[2])
    kept_count, dropped_count = build(source_path, target_path)
    print(f"{kept_count} items kept, {dropped_count} dropped: "
          f"{source_path.stat().st_size / 2**20:.1f} -> {target_path.stat().st_size / 2**20:.1f} MiB")
