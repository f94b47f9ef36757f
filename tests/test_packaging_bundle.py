"""Helpers of the bundle's build (packaging/): the ELF reader and how the frozen program knows it
is the command line. The built folder itself is checked by packaging/smoke_test.py."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _module(name: str):
    spec = importlib.util.spec_from_file_location(f"packaging_{name}", ROOT / "packaging" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


elf_deps = _module("elf_deps")
launcher = _module("launcher")


def _some_shared_libraries() -> list[Path]:
    import PySide6
    import shiboken6

    folders = [Path(PySide6.__file__).parent, Path(shiboken6.__file__).parent,
               Path(PySide6.__file__).parent / "Qt" / "lib", Path(PySide6.__file__).parent / "Qt" / "plugins"]
    found = [p for folder in folders for p in sorted(folder.rglob("*.so*")) if p.is_file()]
    return found[:40]


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("readelf") is None,
                    reason="ELF libraries and readelf: Linux")
def test_the_elf_reader_lists_the_needed_libraries_readelf_prints():
    libraries = _some_shared_libraries()
    assert len(libraries) >= 10
    for library in libraries:
        dynamic = subprocess.run(["readelf", "-d", str(library)], capture_output=True, text=True,
                                 check=True).stdout
        expected = re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", dynamic)
        assert elf_deps.needed(library) == expected, library


def test_the_elf_reader_says_none_for_a_file_that_is_not_elf(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_bytes(b"\x7fEL but not an ELF file")
    assert elf_deps.needed(text) is None
    assert elf_deps.needed(ROOT / "pyproject.toml") is None


@pytest.mark.parametrize(("executable", "argv0", "cli"), [
    # Linux: supportguide-cli is a symbolic link, sys.executable is always the real program.
    ("/opt/sg/supportguide", "/opt/sg/supportguide-cli", True),
    ("/opt/sg/supportguide", "./supportguide-cli", True),
    ("/opt/sg/supportguide", "supportguide-cli", True),
    ("/opt/sg/supportguide", "/opt/sg/supportguide", False),
    ("/opt/sg/supportguide", "supportguide", False),
    # Windows: two executables; the console one by its own name (any case, with .exe).
    ("/c/sg/supportguide-cli.exe", "supportguide-cli", True),
    ("/c/sg/SupportGuide-CLI.EXE", "SupportGuide-CLI.EXE", True),
    ("/c/sg/supportguide.exe", "/c/sg/supportguide.exe", False),
])
def test_the_frozen_program_knows_the_command_line_by_its_name(monkeypatch, executable, argv0, cli):
    monkeypatch.setattr(sys, "executable", executable)
    monkeypatch.setattr(sys, "argv", [argv0, "validate", "x.json"])
    assert launcher.started_as_cli() is cli
