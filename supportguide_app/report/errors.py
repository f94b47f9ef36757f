"""The report's exceptions: short Japanese messages for the user, the cause chained.

Only ``ui/`` turns these into dialogs and only ``cli.py`` into exit codes.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from supportguide_app.oserrors import describe_write_error


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
    """The PDF could not be written where the user asked; a PDF already there is unchanged."""

    def __init__(self, path: Path | str, reason: str = "", advice: str = "") -> None:
        self.path = Path(path)
        self.reason = reason
        if reason:
            text = f"PDFを保存できません（{reason}）。保存先：「{self.path.parent}」。{advice}"
        else:
            text = (f"PDFを保存できません。保存先のフォルダ「{self.path.parent}」に書き込めるか、"
                    "同じ名前のPDFを開いていないか確かめてください。")
        super().__init__(text)

    @classmethod
    def from_os_error(cls, path: Path | str, exc: OSError) -> ReportSaveError:
        """The error for an ``OSError`` raised while writing the PDF: the cause, then what to do."""
        reason, advice = describe_write_error(exc)
        return cls(path, reason, advice)


class MissingGlyphsError(ReportError):
    """Some characters of the report are not in the bundled font and would print as blanks."""

    def __init__(self, characters: Iterable[str]) -> None:
        self.characters = tuple(sorted(set(characters)))
        shown = "、".join(f"「{c}」(U+{ord(c):04X})" for c in self.characters)
        super().__init__(f"PDFのフォントにない文字があります: {shown}。別の文字に置き換えてください")


class ReportLayoutError(ReportError):
    """Laying out the PDF failed (reportlab's LayoutError, or any other failure while rendering).

    The layouts split and wrap every valid plan, so this means a bug or an input nobody foresaw; the
    user gets a Japanese message and a file already at the target is left as it was.
    """

    def __init__(self, what: str = "PDF") -> None:
        super().__init__(
            f"{what}のレイアウトを作れませんでした（とても長い文や項目があるか、想定していない内容があります）。"
            f"保存先の{what}は変更していません。長い記入を短く分けてからもう一度書き出すか、"
            "「テキストとしてコピー」をお使いください。")


class UnknownLayoutError(ReportError):
    def __init__(self, layout: str) -> None:
        self.layout = layout
        super().__init__(f"帳票の種類「{layout}」はありません")
