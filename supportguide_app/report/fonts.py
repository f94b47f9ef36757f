"""The bundled BIZ UDPゴシック for reportlab, read into compact tables.

reportlab's ``TTFontFace`` reads a TrueType file into Python lists and dicts one value at a time:
for each of the two 4.6 MB faces about 20 MiB and 200,000 objects (``hmetrics`` as a list of
tuples, ``glyphPos`` as a list of ints, ``glyphToChar`` as a dict of lists), in some 100 ms. The
face here reads the same tables with ``struct``/``array`` into what reportlab actually uses:

- ``charToGlyph`` and ``charWidths`` stay dicts (reportlab and its C accelerator look them up),
  but the widths share one float per distinct advance;
- ``glyphPos`` is an ``array`` and ``hmetrics`` a read-only view over the ``hmtx`` table, both
  indexed exactly like reportlab's lists;
- ``glyphToChar`` (only used by reportlab's optional HarfBuzz shaping) is built when first asked.

Every value is the one reportlab computes, so the subsets embedded in a PDF and the text laid out
are the same (``tests/report/test_fonts.py`` compares the tables with reportlab's own parse). A
character map other than the formats 4 and 12 that the bundled faces use is read by reportlab's
own code.
"""

from __future__ import annotations

import hashlib
import mmap
import sys
from array import array
from functools import lru_cache
from struct import unpack_from

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFError, TTFont, TTFontFace

from supportguide_app import paths

try:  # reportlab loads its C accelerator (rl-accel) with exec(), which PyInstaller cannot follow:
    import _rl_accel  # noqa: F401  this import puts it into the bundle
except ImportError:  # reportlab then works in pure Python, just slower
    pass

FONT = "BIZUDPGothic"
FONT_BOLD = "BIZUDPGothic-Bold"
FONT_FILES = {FONT: "BIZUDPGothic-Regular.ttf", FONT_BOLD: "BIZUDPGothic-Bold.ttf"}


def _big_endian(typecode: str, data: bytes | memoryview) -> array:
    """Unsigned 16-bit ("H") or 32-bit ("I", 4 bytes on every platform this runs on) values."""
    values = array(typecode, data)
    if sys.byteorder == "little":
        values.byteswap()
    return values


class _HMetrics:
    """``hmetrics[glyph]`` → (advance, left side bearing), as reportlab's list of tuples holds it.

    reportlab keeps the *scaled* last advance for the glyphs after ``numberOfHMetrics`` (its loop
    reuses the scaled variable); ``makeSubset`` only uses ``int(aw)``, and so is this kept.
    """

    __slots__ = ("_pairs", "_tail", "_tail_advance", "_count")

    def __init__(self, pairs: array, tail: array, tail_advance: float, count: int) -> None:
        self._pairs, self._tail, self._tail_advance, self._count = pairs, tail, tail_advance, count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, glyph: int) -> tuple[float, int]:
        if glyph < 0:
            glyph += self._count
        full = len(self._pairs) // 2
        if 0 <= glyph < full:
            return self._pairs[2 * glyph], self._pairs[2 * glyph + 1]
        if full <= glyph < self._count:
            return self._tail_advance, self._tail[glyph - full]
        raise IndexError(glyph)


class _TableView:
    """``table[a:b]`` → bytes of a table of the mapped file, without copying the whole table."""

    __slots__ = ("_data", "_start", "_length")

    def __init__(self, data: mmap.mmap, start: int, length: int) -> None:
        self._data, self._start, self._length = data, start, length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, part: slice) -> bytes:
        first, stop, step = part.indices(self._length)
        if step != 1:
            raise ValueError("only plain slices")
        return self._data[self._start + first: self._start + max(first, stop)]


# SHA-256 of a cmap table → the character map read from it, shared by every face with that table
# (the digest, not the table: BIZ UDPGothic's is 200 KB).
_SHARED_CMAPS: dict[bytes, dict[int, int]] = {}


class CompactTTFontFace(TTFontFace):
    """A ``TTFontFace`` whose character tables are read in bulk and kept compact.

    The file is memory-mapped rather than read: only the pages that are used (the tables read
    here, the outlines of the characters a PDF embeds) are ever loaded, and the glyph table is
    sliced from the map instead of copied whole for each subset.
    """

    def readFile(self, f):  # noqa: N802 (reportlab's name)
        if not hasattr(self, "_ttf_data") and isinstance(f, str):
            with open(f, "rb") as file:
                self._ttf_data = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
            self.filename = f
        super().readFile(f)

    def get_table(self, tag):
        if tag == "glyf":
            return _TableView(self._ttf_data, *self.get_table_pos(tag))
        return super().get_table(tag)

    def extractInfo(self, charInfo=1):  # noqa: N802, N803 (reportlab's names)
        super().extractInfo(charInfo=0)  # names, metrics and flags; stops before the tables
        if charInfo and not self._read_tables():
            super().extractInfo(charInfo=1)  # an unusual cmap: reportlab's own reader

    def _read_tables(self) -> bool:
        data = self._ttf_data
        head = self.get_table_pos("head")[0]
        index_to_loc, glyph_data_format = unpack_from(">hh", data, head + 50)
        if glyph_data_format != 0:
            raise TTFError(f"Unknown glyph data format ({glyph_data_format})")
        hm_count = unpack_from(">H", data, self.get_table_pos("hhea")[0] + 34)[0]
        glyphs = self.numGlyphs
        char_to_glyph = self._read_cmap()
        if char_to_glyph is None:
            return False

        hmtx = self.get_table_pos("hmtx")[0]
        pairs = _big_endian("H", data[hmtx: hmtx + 4 * hm_count])
        tail = _big_endian("H", data[hmtx + 4 * hm_count: hmtx + 4 * hm_count + 2 * (glyphs - hm_count)])
        scale = self._pdfScale
        scaled: dict[int, float] = {}

        def width(advance: int) -> float:
            found = scaled.get(advance)
            if found is None:
                found = scaled[advance] = scale(advance)
            return found

        advances = pairs[0::2]
        last = width(advances[-1])
        self.defaultWidth = width(advances[0])
        self.charWidths = {char: (width(advances[glyph]) if glyph < hm_count else last)
                           for char, glyph in char_to_glyph.items() if glyph < glyphs}
        self.hmetrics = _HMetrics(pairs, tail, last, glyphs)

        loca = self.get_table_pos("loca")[0]
        if index_to_loc == 0:
            self.glyphPos = array("I", (p << 1 for p in _big_endian("H", data[loca: loca + 2 * glyphs + 2])))
        elif index_to_loc == 1:
            self.glyphPos = _big_endian("I", data[loca: loca + 4 * glyphs + 4])
        else:
            raise TTFError(f"Unknown location table format ({index_to_loc})")
        self.charToGlyph = char_to_glyph
        if 0x20 in char_to_glyph:
            char_to_glyph[0xA0] = char_to_glyph[0x20]
            self.charWidths[0xA0] = self.charWidths[0x20]
        elif 0xA0 in char_to_glyph:
            char_to_glyph[0x20] = char_to_glyph[0xA0]
            self.charWidths[0x20] = self.charWidths[0xA0]
        return True

    def _read_cmap(self) -> dict[int, int] | None:
        """The character map reportlab would choose, or None when its format is not 4 or 12.

        Faces with the same cmap table share one dict (the regular and bold BIZ UDPGothic map the
        same 11,741 characters to the same glyphs: 1.3 MiB once instead of twice). reportlab only
        reads it, except when shaping with HarfBuzz, which CompactTTFont switches off.
        """
        cmap, length = self.get_table_pos("cmap")
        key = hashlib.sha256(self._ttf_data[cmap: cmap + length]).digest()
        found = _SHARED_CMAPS.get(key)
        if found is None:
            found = self._parse_cmap(cmap)
            if found is not None:
                _SHARED_CMAPS[key] = found
        return found

    def _parse_cmap(self, cmap: int) -> dict[int, int] | None:
        data = self._ttf_data
        version, count = unpack_from(">HH", data, cmap)
        if count == 0 and version != 0:
            count = version
        chosen, kind = None, 0
        for n in range(count):  # the same choice as reportlab's extractInfo
            platform, encoding, offset = unpack_from(">HHL", data, cmap + 4 + 8 * n)
            if platform == 3 or platform == 1 and encoding == 1 or platform == 0 and encoding != 5:
                kind, chosen = 1, offset
            elif platform == 1 and encoding == 0 and kind != 1:
                kind, chosen = 2, offset
        if chosen is None:
            raise TTFError("could not find a suitable cmap encoding")
        start = cmap + chosen
        fmt = unpack_from(">H", data, start)[0]
        result: dict[int, int] = {}
        if fmt == 12:
            groups = unpack_from(">L", data, start + 12)[0]
            values = iter(_big_endian("I", data[start + 16: start + 16 + 12 * groups]))
            for first, last, glyph in zip(values, values, values, strict=True):
                result.update(zip(range(first, last + 1), range(glyph, glyph + last - first + 1),
                                  strict=True))
            return result
        if fmt == 4:
            length = unpack_from(">H", data, start + 2)[0]
            segments = unpack_from(">H", data, start + 6)[0] // 2
            ends = unpack_from(f">{segments}H", data, start + 14)
            starts = unpack_from(f">{segments}H", data, start + 16 + 2 * segments)
            deltas = unpack_from(f">{segments}h", data, start + 16 + 4 * segments)
            range_base = start + 16 + 6 * segments
            offsets = unpack_from(f">{segments}H", data, range_base)
            limit = start + length
            for n in range(segments):
                if offsets[n] == 0:
                    result.update((c, (c + deltas[n]) & 0xFFFF) for c in range(starts[n], ends[n] + 1))
                    continue
                for char in range(starts[n], ends[n] + 1):
                    at = range_base + 2 * n + (char - starts[n]) * 2 + offsets[n]
                    glyph = 0 if at >= limit else unpack_from(">H", data, at)[0]
                    result[char] = (glyph + deltas[n]) & 0xFFFF if glyph else 0
            return result
        return None

    @property
    def glyphToChar(self) -> dict[int, list[int]]:  # noqa: N802 (reportlab's name)
        """glyph → characters, built on first use (only reportlab's HarfBuzz shaping asks)."""
        found = self.__dict__.get("_glyph_to_char")
        if found is None:
            found = self.__dict__["_glyph_to_char"] = {}
            for char, glyph in self.charToGlyph.items():
                found.setdefault(glyph, []).append(char)
        return found


class CompactTTFont(TTFont):
    """reportlab's ``TTFont`` with a :class:`CompactTTFontFace`."""

    def __init__(self, name: str, filename: str) -> None:
        # What TTFont.__init__ sets (reportlab 4–5), with the compact face instead of TTFontFace.
        from weakref import WeakKeyDictionary

        from reportlab import rl_config

        self.fontName = name
        self.face = CompactTTFontFace(filename)
        self.encoding = TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = False  # no HarfBuzz shaping: Japanese text is laid out glyph by glyph


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, str]:
    """Register the bundled fonts once per process; returns (regular, bold) names."""
    for name, filename in FONT_FILES.items():
        pdfmetrics.registerFont(CompactTTFont(name, str(paths.resource("fonts", filename))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
    return FONT, FONT_BOLD
