"""The command line: ``supportguide`` starts the window; subcommands work without Qt.

Only this module turns domain errors into exit codes: 0 for success, 1 when a file was bad or an
export failed, 2 for a usage error (argparse's own), 130 when stopped with Ctrl+C (the shell's
convention, 128 + SIGINT); a stopped command leaves no output file behind, not even half of one.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from pathlib import Path

from supportguide_app import APP_NAME, __version__

EXIT_OK, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 130
INTERRUPTED = "中断しました（Ctrl+C）。"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="supportguide",
        description=f"{APP_NAME}: 引数なしで起動するとウィンドウが開きます。",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="コマンド")

    validate = sub.add_parser("validate", help="セッションファイルを検査する")
    validate.add_argument("files", nargs="+", type=Path, metavar="FILE")

    guide = sub.add_parser("guide", help="ガイドの内容（ID付き）を出力する")
    guide.add_argument("--json", action="store_true", required=True,
                       help="JSONで出力する（現在はJSONのみ）")
    guide.add_argument("-o", "--output", type=Path, help="出力先ファイル（UTF-8）")

    export = sub.add_parser("export", help="セッションファイルから計画のPDFを書き出す")
    export.add_argument("session", type=Path, metavar="SESSION.json")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="PLAN.pdf")
    export.add_argument("--layout", choices=("plan", "checklist", "spec"), default="plan",
                        help="plan: 取組計画（既定） / checklist: チェックリスト全体 / "
                             "spec: 仕様書添付用（メモ・名前・点検の記録・見方の比較を載せない）")
    export.add_argument("--replace-missing", action="store_true",
                        help="フォントにない文字を〓に置き換えて書き出す（既定では書き出さずに知らせる）")
    export.add_argument("--passphrase-stdin", action="store_true",
                        help="保護されたファイルのパスフレーズを標準入力の1行目から読む"
                             "（指定しないときは、端末で尋ねる）")

    aggregate = sub.add_parser("aggregate", help="複数の計画ファイルを集計し、PDF（とCSV）に書き出す")
    aggregate.add_argument("inputs", nargs="+", type=Path, metavar="FOLDER_OR_FILE",
                           help="計画ファイル、または計画ファイルのあるフォルダ（サブフォルダは含めない）")
    aggregate.add_argument("-o", "--output", type=Path, required=True, metavar="SUMMARY.pdf")
    aggregate.add_argument("--csv", type=Path, metavar="SUMMARY.csv",
                           help="件数をCSV（Excel用、BOM付きUTF-8）でも書き出す")
    aggregate.add_argument("--office", default="", metavar="機関名",
                           help="集計した機関の名前（PDFの表題の下と作成者に載る）")
    aggregate.add_argument("--min-group", type=int, default=3, metavar="N",
                           help="N件未満の件数を「N未満」と表示し、個人が特定されないようにする（既定 3）")
    return parser


# Control characters from a file (an item ID holding ESC or BEL) must not reach the terminal raw:
# they could move the cursor, recolour or retitle the window, or hide text. Line feeds we print
# ourselves stay; bidirectional overrides, which reorder what is shown, are escaped too.
_BIDI_CONTROLS = {*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C}
_ESCAPES = {c: f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"
            for c in (*range(0x00, 0x20), *range(0x7F, 0xA0), *_BIDI_CONTROLS, 0x2028, 0x2029)
            if c != 0x0A}


def printable(text: str) -> str:
    """``text`` with every control character written as an escape (``\\x1b``), line feeds kept."""
    return text.translate(_ESCAPES)


def _print(text: str, *, error: bool = False) -> None:
    stream = sys.stderr if error else sys.stdout
    print(printable(text), file=stream)


def _refused_output(output: Path, inputs: list[Path]) -> bool:
    """Check an output path as every command does before writing; print why when it is refused."""
    from supportguide_app.storage.errors import OutputRefusedError
    from supportguide_app.storage.outputs import check_output_path

    try:
        check_output_path(output, inputs)
    except OutputRefusedError as exc:
        _print(f"エラー: {output}: {exc.message}", error=True)
        return True
    return False


def _configure_streams() -> None:
    # A Japanese Windows console encodes cp932: a character outside it must not crash the command.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _cmd_validate(files: list[Path]) -> int:
    from supportguide_app.storage import validate_files

    status = EXIT_OK
    for result in validate_files(files):
        if result.ok:
            _print(f"OK: {result.path}")
            for warning in result.warnings:
                _print(f"  注意: {warning}")
        else:
            status = EXIT_BAD_INPUT
            _print(f"エラー: {result.path}: {result.error}", error=True)
    return status


def _cmd_guide(output: Path | None) -> int:
    from supportguide_app.guide import load_guide
    from supportguide_app.guide.loader import GUIDE_FORMAT, GUIDE_VERSION
    from supportguide_app.guide.model import as_dict

    if output is not None and _refused_output(output, []):
        return EXIT_BAD_INPUT
    guide = load_guide()
    document = {"format": GUIDE_FORMAT, "version": GUIDE_VERSION, **as_dict(guide)}
    del document["raw"]  # the same content again, as read from resources/
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if output is not None:
        from supportguide_app.storage.errors import FileWriteError
        from supportguide_app.storage.files import atomic_write_bytes

        try:
            atomic_write_bytes(output, text.encode("utf-8"))
        except FileWriteError as exc:
            _print(f"エラー: {exc.message}", error=True)
            return EXIT_BAD_INPUT
    else:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    return EXIT_OK


def _read_passphrase(session_path: Path, from_stdin: bool) -> str | None:
    """The passphrase of a protected file: stdin's first line, or asked at the terminal.

    Never an argument: arguments are visible to every user of the PC in the process list.
    """
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        return getpass.getpass(f"「{session_path.name}」のパスフレーズ: ")
    return None


def _cmd_export(session_path: Path, output: Path, layout: str, substitute: bool,
                passphrase_stdin: bool) -> int:
    from supportguide_app.guide import load_guide
    from supportguide_app.report.errors import ReportError
    from supportguide_app.report.export import export_pdf
    from supportguide_app.storage import PassphraseRequiredError, SessionFileError, load_session

    if _refused_output(output, [session_path]):
        return EXIT_BAD_INPUT
    passphrase = _read_passphrase(session_path, True) if passphrase_stdin else None
    try:
        try:
            loaded = load_session(session_path, passphrase=passphrase)
        except PassphraseRequiredError:
            passphrase = _read_passphrase(session_path, False)
            if passphrase is None:
                raise
            loaded = load_session(session_path, passphrase=passphrase)
    except SessionFileError as exc:
        _print(f"エラー: {session_path}: {exc.message}", error=True)
        return EXIT_BAD_INPUT
    for warning in loaded.warnings:
        _print(f"注意: {warning}", error=True)
    try:
        written = export_pdf(loaded.session, load_guide(), output, layout=layout,
                             substitute=substitute)
    except ReportError as exc:
        _print(f"エラー: {exc}", error=True)
        return EXIT_BAD_INPUT
    _print(f"PDFを書き出しました: {written}")
    return EXIT_OK


class _ProgressLine:
    """「1,234 / 10,000 件を読み込みました」 on one line of stderr, rewritten in place.

    Only for a person watching a terminal: when stderr goes to a file or a pipe, nothing is
    written (a log would fill with carriage returns). No escape sequences, which an old Windows
    console prints as text: the line is overwritten with ``\r`` and padded with spaces.
    """

    INTERVAL = 0.1  # seconds between updates: a terminal redrawn 10,000 times slows the reading

    def __init__(self, stream) -> None:
        isatty = getattr(stream, "isatty", None)
        self._stream = stream if isatty is not None and isatty() else None
        self._last = 0.0
        self._width = 0  # of the line shown now, in columns (a Japanese character takes two)

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if self._stream is None or (done < total and now - self._last < self.INTERVAL):
            return
        self._last = now
        self._show(f"{done:,} / {total:,} 件を読み込みました")

    def _show(self, text: str) -> None:
        width = sum(1 if ord(c) < 0x80 else 2 for c in text)
        self._stream.write("\r" + text + " " * max(0, self._width - width))
        self._stream.flush()
        self._width = width

    def message(self, text: str) -> None:
        """A message of its own line (a skipped file), with the progress line redrawn below it."""
        if self._stream is None or not self._width:
            _print(text, error=True)
            return
        self._stream.write("\r" + " " * self._width + "\r")
        self._width = 0
        _print(text, error=True)
        self._last = 0.0  # redraw at the next report

    def end(self) -> None:
        if self._stream is not None and self._width:
            self._stream.write("\n")
            self._stream.flush()
            self._width = 0


def _cmd_aggregate(inputs: list[Path], output: Path, csv_path: Path | None, min_group: int,
                   office: str = "") -> int:

    from supportguide_app.guide import load_guide
    from supportguide_app.report.errors import ReportError
    from supportguide_app.report.export import write_atomic
    from supportguide_app.report.summary import summary_csv_bytes, summary_pdf_bytes
    from supportguide_app.storage import FolderVanishedError, aggregate_folder

    if min_group < 1:
        _print(f"エラー: --min-group は 1 以上の整数で指定してください（{min_group}）。", error=True)
        return EXIT_BAD_INPUT
    paths_out = [output] + ([csv_path] if csv_path is not None else [])
    if csv_path is not None and os.path.abspath(csv_path) == os.path.abspath(output):
        _print("エラー: PDF と CSV に同じファイルは指定できません。別の名前にしてください。", error=True)
        return EXIT_BAD_INPUT
    if any(_refused_output(path, inputs) for path in paths_out):
        return EXIT_BAD_INPUT
    line = _ProgressLine(sys.stderr)
    written: list[Path] = []
    try:
        try:
            guide = load_guide()
            aggregation = aggregate_folder(
                inputs, min_group=min_group, guide=guide, progress=line,
                on_skipped=lambda s: line.message(f"集計しませんでした: {s.path}: {s.reason}"))
        except FolderVanishedError as exc:
            line.end()
            _print(f"エラー: {exc.message}ファイルは書き出していません。"
                   "接続を確かめて、もう一度実行してください。", error=True)
            return EXIT_BAD_INPUT
        line.end()
        if not aggregation.files_read:
            _print("エラー: 集計できる計画ファイルがありませんでした。"
                   "フォルダやファイルの指定を確かめてください。", error=True)
            return EXIT_BAD_INPUT
        # Both files are made in memory first, then written one after the other: Ctrl+C while
        # the PDF is laid out leaves neither; each write is atomic (no half file, no temp file).
        outputs = [(output, summary_pdf_bytes(aggregation, guide=guide, office=office))]
        if csv_path is not None:
            outputs.append((csv_path, summary_csv_bytes(aggregation)))
        for path, content in outputs:
            write_atomic(path, content)
            written.append(path)
    except ReportError as exc:
        _print(f"エラー: {exc}", error=True)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        line.end()
        done = "、".join(str(p) for p in written)
        _print(INTERRUPTED + (f"書き出し済みのファイル: {done}" if written
                              else "ファイルは書き出していません。"), error=True)
        return EXIT_INTERRUPTED
    _print(f"{aggregation.total}件の計画ファイルを集計しました"
           f"（集計しなかったファイル {len(aggregation.skipped)}件）。")
    if aggregation.all_hidden:
        _print(f"注意: 集計した計画ファイルが{min_group}件未満のため、件数は表示していません。", error=True)
    for path in written:
        _print(f"書き出しました: {path}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run the command line; with no arguments, start the window."""
    argv = sys.argv[1:] if argv is None else argv
    _configure_streams()
    if not argv:
        # Starting the window makes some 100,000 objects that live as long as it does and almost
        # no garbage: the collector ran about 60 times (17 ms) to free a few hundred objects.
        # ui.app.run turns it back on once the window is up.
        gc.disable()
        from supportguide_app.ui.app import run

        return run([sys.argv[0]])
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except KeyboardInterrupt:
        _print(INTERRUPTED, error=True)
        return EXIT_INTERRUPTED


def _run(args: argparse.Namespace) -> int:
    if args.command == "validate":
        return _cmd_validate(args.files)
    if args.command == "guide":
        return _cmd_guide(args.output)
    if args.command == "export":
        return _cmd_export(args.session, args.output, args.layout, args.replace_missing,
                           args.passphrase_stdin)
    if args.command == "aggregate":
        return _cmd_aggregate(args.inputs, args.output, args.csv, args.min_group, args.office)
    _parser().print_help()
    return EXIT_OK
