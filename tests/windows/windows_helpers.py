"""Shared by the Windows-only tests (a module of its own: every test folder has a conftest)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLE = ROOT / "resources" / "examples" / "example-session.json"
