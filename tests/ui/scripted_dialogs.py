"""A stand-in for ui.dialogs.Dialogs, imported by name (a conftest cannot be: every test folder
has one, and which one Python finds as ``conftest`` depends on the order of collection)."""

from __future__ import annotations

from pathlib import Path

from supportguide_app.ui.dialogs import LockAnswer, ProtectionRequest, RestoreAnswer, UnsavedAnswer


class ScriptedDialogs:
    """Stands in for ui.dialogs.Dialogs: answers from queues, records what was shown."""

    def __init__(self) -> None:
        self.unsaved_answers: list[UnsavedAnswer] = []
        self.restore_answers: list[RestoreAnswer] = []
        self.restore_texts: list[str] = []
        self.confirm_answers: list[bool] = []
        self.open_paths: list[Path | None] = []
        self.save_paths: list[Path | None] = []
        self.errors: list[tuple[str, str]] = []
        self.warnings: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []
        self.asked: list[str] = []
        self.layouts: list[str | None] = []
        self.export_paths: list[Path | None] = []
        self.suggested_exports: list[Path] = []
        self.substitute_answers: list[bool] = []
        self.missing_characters: list[tuple[str, ...]] = []
        self.open_pdf_answers: list[bool] = []
        self.opened: list[Path] = []
        self.confirm_texts: list[tuple[str, str]] = []
        self.in_use_answers: list[LockAnswer] = []
        self.in_use_asked: list[tuple[str, str, str, str]] = []  # name, user, host, since
        self.aggregation_folders: list[Path | None] = []
        self.aggregation_file_lists: list[list[Path]] = []
        self.summary_paths: list[Path | None] = []
        self.summary_kinds: list[str] = []
        self.passphrase_answers: list[str | None] = []
        self.text_answers: list[str | None] = []
        self.passphrase_asked: list[tuple[str, bool]] = []  # name, wrong
        self.protection_answers: list[ProtectionRequest | None] = []

    def ask_unsaved(self, parent, title: str) -> UnsavedAnswer:
        self.asked.append("unsaved")
        return self.unsaved_answers.pop(0) if self.unsaved_answers else UnsavedAnswer.DISCARD

    def ask_restore(self, parent, text: str) -> RestoreAnswer:
        self.asked.append("restore")
        self.restore_texts.append(text)
        return self.restore_answers.pop(0) if self.restore_answers else RestoreAnswer.LATER

    def confirm(self, parent, title: str, text: str) -> bool:
        self.asked.append("confirm")
        self.confirm_texts.append((title, text))
        return self.confirm_answers.pop(0) if self.confirm_answers else False

    def error(self, parent, title: str, text: str) -> None:
        self.errors.append((title, text))

    def warning(self, parent, title: str, text: str) -> None:
        self.warnings.append((title, text))

    def info(self, parent, title: str, text: str) -> None:
        self.infos.append((title, text))

    def open_path(self, parent, folder: Path) -> Path | None:
        return self.open_paths.pop(0) if self.open_paths else None

    def save_path(self, parent, suggested: Path) -> Path | None:
        return self.save_paths.pop(0) if self.save_paths else None

    def ask_pdf_layout(self, parent, current: str) -> str | None:
        self.asked.append("layout")
        return self.layouts.pop(0) if self.layouts else current

    def ask_text_layout(self, parent, current: str) -> str | None:
        self.asked.append("text layout")
        return self.layouts.pop(0) if self.layouts else current

    def export_path(self, parent, suggested: Path) -> Path | None:
        self.suggested_exports.append(suggested)
        return self.export_paths.pop(0) if self.export_paths else None

    def ask_substitute_glyphs(self, parent, characters: tuple[str, ...]) -> bool:
        self.asked.append("glyphs")
        self.missing_characters.append(tuple(characters))
        return self.substitute_answers.pop(0) if self.substitute_answers else False

    def ask_open_pdf(self, parent, path: Path) -> bool:
        self.asked.append("open_pdf")
        return self.open_pdf_answers.pop(0) if self.open_pdf_answers else False

    def open_local_file(self, path: Path) -> bool:
        self.opened.append(Path(path))
        return True

    def ask_file_in_use(self, parent, name: str, user: str, host: str, since: str) -> LockAnswer:
        self.asked.append("in_use")
        self.in_use_asked.append((name, user, host, since))
        return self.in_use_answers.pop(0) if self.in_use_answers else LockAnswer.CANCEL

    def aggregation_folder(self, parent, folder: Path) -> Path | None:
        return self.aggregation_folders.pop(0) if self.aggregation_folders else None

    def aggregation_files(self, parent, folder: Path) -> list[Path]:
        return self.aggregation_file_lists.pop(0) if self.aggregation_file_lists else []

    def summary_export_path(self, parent, suggested: Path, kind: str) -> Path | None:
        self.summary_kinds.append(kind)
        return self.summary_paths.pop(0) if self.summary_paths else None

    def ask_text(self, parent, title: str, label: str, text: str = "") -> str | None:
        self.asked.append("text")
        return self.text_answers.pop(0) if self.text_answers else None

    def ask_passphrase(self, parent, name: str, wrong: bool) -> str | None:
        self.asked.append("passphrase")
        self.passphrase_asked.append((name, wrong))
        return self.passphrase_answers.pop(0) if self.passphrase_answers else None

    def ask_protection(self, parent, protected: bool, weakness=None) -> ProtectionRequest | None:
        self.asked.append("protection")
        self.protection_weakness = weakness
        return self.protection_answers.pop(0) if self.protection_answers else None
