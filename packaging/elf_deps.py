"""The shared libraries an ELF file names as NEEDED (what ``readelf -d`` prints), in pure Python.

Used by supportguide.spec, to refuse a build in which a library it leaves out is NEEDED by one it
keeps, and by smoke_test.py, to check the built folder: every NEEDED name is in the folder or is a
system library PyInstaller never bundles (libc, libGL, libxcb, ...).
"""

from __future__ import annotations

import struct
from pathlib import Path

_SHT_DYNAMIC, _DT_NEEDED = 6, 1


def needed(path: Path) -> list[str] | None:
    """The NEEDED names of a 64-bit little-endian ELF file, or None when it is not one."""
    with open(path, "rb") as file:
        ident = file.read(64)
        if len(ident) < 64 or ident[:4] != b"\x7fELF" or ident[4] != 2 or ident[5] != 1:
            return None
        shoff, = struct.unpack_from("<Q", ident, 0x28)
        shentsize, shnum = struct.unpack_from("<HH", ident, 0x3A)
        file.seek(shoff)
        table = file.read(shentsize * shnum)
        sections = [struct.unpack_from("<IIQQQQII", table, i * shentsize) for i in range(shnum)]
        names: list[str] = []
        for _name, kind, _flags, _addr, offset, size, link, _info in sections:
            if kind != _SHT_DYNAMIC:
                continue
            file.seek(offset)
            dynamic = file.read(size)
            strtab = sections[link]
            file.seek(strtab[4])
            strings = file.read(strtab[5])
            for pos in range(0, len(dynamic) - 15, 16):
                tag, value = struct.unpack_from("<qQ", dynamic, pos)
                if tag == 0:
                    break
                if tag == _DT_NEEDED:
                    names.append(strings[value:strings.index(b"\0", value)].decode("utf-8"))
        return names


def folder_needs(folder: Path) -> dict[Path, list[str]]:
    """Every ELF file of a folder (symbolic links not followed) with its NEEDED names."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            names = needed(path)
            if names is not None:
                found[path] = names
    return found
