"""The report's exceptions: short Japanese messages for the user, the cause chained.

Only ``ui/`` turns these into dialogs and only ``cli.py`` into exit codes.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


class ReportError(Exception):
    """Anything that keeps a report from being written."""


class ClauseTemplateError(ReportError):
    """The clause templates file is missing, damaged or incomplete."""

    def __init__(self, path: Path | str, key: str, problem: str) -> None:
        self.path = Path(path)
        self.key = key
        self.problem = problem
        where = f"{self.path.name} の {key}" if key else self.path.name
        super().__init__(f"委託仕様書の文例（{where}）に問題があります: {problem}")


class ReportSaveError(ReportError):
    """The PDF could not be written where the user asked."""

    def __init__(self, path: Path | str, reason: str = "") -> None:
        self.path = Path(path)
        detail = f"（{reason}）" if reason else ""
        super().__init__(
            f"PDFを保存できません。保存先のフォルダ「{self.path.parent}」に書き込めるか、"
            f"同じ名前のPDFを開いていないか確かめてください{detail}")


class MissingGlyphsError(ReportError):
    """Some characters of the report are not in the bundled font and would print as blanks."""

    def __init__(self, characters: Iterable[str]) -> None:
        self.characters = tuple(sorted(set(characters)))
        shown = "、".join(f"「{c}」(U+{ord(c):04X})" for c in self.characters)
        super().__init__(f"PDFのフォントにない文字があります: {shown}。別の文字に置き換えてください")


class UnknownLayoutError(ReportError):
    def __init__(self, layout: str) -> None:
        self.layout = layout
        super().__init__(f"帳票の種類「{layout}」はありません")
