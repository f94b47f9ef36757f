"""Smoke test of the Windows one-folder bundle under Wine (run by packaging/windows_under_wine.sh).

Runs on Linux in the environment where the application is installed, and drives the real Windows
programs through Wine (WINEPREFIX, LANG=ja_JP.UTF-8 and DISPLAY are set by the caller):

1. the folder: its size and 15 largest files; none of the Wine stub DLLs and no opengl32sw.dll in it;
2. ``supportguide-cli.exe`` from ``C:\\テスト フォルダ\\``: ``validate`` and ``export`` (both layouts)
   of the shipped example and of a 1on1 plan; each PDF's text equals the Linux export's; a protected
   file exports with ``--passphrase-stdin``; ``aggregate`` writes the same CSV as on Linux; the
   command line loads no Qt library (Wine's DLL trace);
3. ``supportguide.exe`` maps its window on the X display, a screenshot is kept, and it closes
   cleanly on WM_CLOSE; its settings go to ``HKCU\\Software\\SupportGuide\\supportguide``, and with
   ``portable.txt`` beside it to ``userdata\\settings.ini`` instead (nothing in the registry).

Exit 0 when every check passed; each check prints one line, a failure says what differed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "resources" / "examples" / "example-session.json"
ONE_ON_ONE = ROOT / "tests" / "fixtures" / "sessions" / "v3-valid.json"
STUBS = ("icuuc.dll", "bcryptprimitives.dll", "mscms.dll")
WINDOW_TITLE = "支援者サポート計画ツール"
SETTINGS_KEY = r"HKCU\Software\SupportGuide\supportguide"
PASSPHRASE = "スモーク test 1"
AGGREGATE_PLANS = 300

failures: list[str] = []


def check(ok: bool, line: str, detail: str = "") -> bool:
    print(f"{'ok  ' if ok else 'FAIL'} {line}")
    if not ok:
        failures.append(line + (f"\n{detail}" if detail else ""))
        if detail:
            print("     " + detail.strip().replace("\n", "\n     "))
    return ok


def wine(*args: str, stdin: bytes | None = None, env: dict | None = None,
         timeout: float = 180) -> subprocess.CompletedProcess:
    """Run a Windows program; its output goes to a pipe (a file makes Windows Python fail)."""
    return subprocess.run(["wine", *args], input=stdin, capture_output=True, timeout=timeout,
                          env=env or os.environ.copy())


def winpath(path: Path) -> str:
    return subprocess.run(["winepath", "-w", str(path)], capture_output=True, text=True,
                          check=True).stdout.strip()


def pdf_text(pdf: Path) -> str | None:
    """The PDF's text (pdftotext), or None when it cannot be read."""
    result = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True)
    return result.stdout.decode("utf-8") if result.returncode == 0 else None


def same_text(windows_pdf: Path, linux_pdf: Path) -> bool:
    text = pdf_text(windows_pdf)
    return text is not None and bool(text.strip()) and text == pdf_text(linux_pdf)


def linux_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "supportguide_app", *args], capture_output=True,
                          cwd=ROOT, env=dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8"))


def decode(raw: bytes) -> str:
    """The console program writes the Japanese code page (cp932) into a pipe."""
    return raw.decode("cp932", "replace")


# -- 1. the folder -----------------------------------------------------------------------------------
def check_folder(bundle: Path) -> None:
    files = [p for p in bundle.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    print(f"Windows folder: {total / 2**20:.1f} MiB ({total / 1e6:.1f} MB) in {len(files)} files")
    print("15 largest files:")
    for path in sorted(files, key=lambda p: p.stat().st_size, reverse=True)[:15]:
        print(f"  {path.stat().st_size / 2**20:7.2f} MiB  {path.relative_to(bundle).as_posix()}")
    names = {p.name.lower() for p in files}
    check(not names & set(STUBS), "no Wine stub DLL in the folder", ", ".join(sorted(names & set(STUBS))))
    check("opengl32sw.dll" not in names, "no opengl32sw.dll in the folder")
    goal = 60e6
    print(f"     size goal 60 MB: {'met' if total <= goal else 'NOT met'} ({total / 1e6:.1f} MB)")


# -- 2. the command line -------------------------------------------------------------------------------
def check_cli(bundle: Path, work: Path) -> None:
    from supportguide_app.storage import load_session, save_session

    cli = str(bundle / "supportguide-cli.exe")
    # A folder with Japanese characters and a space, as C:\テスト フォルダ\ on the Windows side.
    folder = Path(os.environ["WINEPREFIX"]) / "drive_c" / "テスト フォルダ"
    folder.mkdir(parents=True, exist_ok=True)
    win_folder = winpath(folder)
    linux_out = work / "linux"
    linux_out.mkdir(exist_ok=True)
    plans = {"例": EXAMPLE, "1on1 面談": ONE_ON_ONE}
    for name, source in plans.items():
        shutil.copyfile(source, folder / f"{name}.json")

    for name in plans:
        result = wine(cli, "validate", f"{win_folder}\\{name}.json")
        check(result.returncode == 0, f"validate {win_folder}\\{name}.json: exit {result.returncode}",
              decode(result.stdout + result.stderr))
        for layout in ("plan", "checklist", "spec"):
            pdf = f"{name}-{layout}.pdf"
            result = wine(cli, "export", f"{win_folder}\\{name}.json", "-o", f"{win_folder}\\{pdf}",
                          "--layout", layout)
            linux = linux_cli("export", str(folder / f"{name}.json"), "-o", str(linux_out / pdf),
                              "--layout", layout)
            if not check(result.returncode == 0 and linux.returncode == 0,
                         f"export {name} ({layout}) on Windows: exit {result.returncode}",
                         decode(result.stderr) + linux.stderr.decode("utf-8", "replace")):
                continue
            check(same_text(folder / pdf, linux_out / pdf),
                  f"  its PDF text is identical to the Linux export's "
                  f"({(folder / pdf).stat().st_size // 1024} KiB)")

    protected = folder / "保護された計画.json"
    save_session(load_session(EXAMPLE).session, protected, passphrase=PASSPHRASE)
    result = wine(cli, "export", winpath(protected), "-o", f"{win_folder}\\保護.pdf",
                  "--passphrase-stdin", stdin=(PASSPHRASE + "\r\n").encode("cp932"))
    linux = linux_cli("export", str(EXAMPLE), "-o", str(linux_out / "保護.pdf"))
    ok = result.returncode == 0 and (folder / "保護.pdf").is_file()
    if check(ok, f"export of a protected file with --passphrase-stdin: exit {result.returncode}",
             decode(result.stderr)):
        check(same_text(folder / "保護.pdf", linux_out / "保護.pdf"),
              "  its PDF text is identical to the Linux export's")
    wrong = wine(cli, "export", winpath(protected), "-o", f"{win_folder}\\違う.pdf",
                 "--passphrase-stdin", stdin=b"wrong\r\n")
    check(wrong.returncode == 1 and not (folder / "違う.pdf").exists()
          and "パスフレーズ" in decode(wrong.stderr),
          f"a wrong passphrase: exit {wrong.returncode}, no PDF, a Japanese message",
          decode(wrong.stderr))

    # Aggregation of many distinct plans: the same CSV on Windows as on Linux.
    plans_folder = folder / "集計 用"
    plans_folder.mkdir(exist_ok=True)
    for i in range(AGGREGATE_PLANS):
        session = load_session(EXAMPLE).session
        session.id = f"{i:032x}"  # distinct plans: copies of one plan are counted once
        session.set_value(("organisation",), f"{'○△□'[i % 3]}市 相談窓口")
        session.set_value(("selection", "goals", "B", "selected"), i % 4 == 0)
        session.set_value(("selection", "goals", "E", "selected"), i % 5 == 0)
        save_session(session, plans_folder / f"計画{i:04d}.json")
    started = time.perf_counter()
    result = wine(cli, "aggregate", winpath(plans_folder), "-o", f"{win_folder}\\集計.pdf",
                  "--csv", f"{win_folder}\\集計.csv", timeout=300)
    seconds = time.perf_counter() - started
    linux = linux_cli("aggregate", str(plans_folder), "-o", str(linux_out / "集計.pdf"),
                      "--csv", str(linux_out / "集計.csv"))
    if check(result.returncode == 0 and linux.returncode == 0,
             f"aggregate {AGGREGATE_PLANS} plans on Windows: exit {result.returncode} ({seconds:.1f} s)",
             decode(result.stdout + result.stderr) + linux.stderr.decode("utf-8", "replace")):
        print("     " + decode(result.stdout).strip().replace("\r\n", "\n").replace("\n", "\n     "))
        same = (folder / "集計.csv").read_bytes() == (linux_out / "集計.csv").read_bytes()
        check(same, "  its CSV is byte for byte the Linux one's")

    # The command line must not load Qt: Wine's loader trace lists every DLL a program loads.
    trace_env = dict(os.environ, WINEDEBUG="-all,+loaddll")
    traced = wine(cli, "validate", f"{win_folder}\\例.json", env=trace_env)
    loaded = [line for line in traced.stderr.decode("utf-8", "replace").splitlines()
              if "Loaded" in line]
    qt = [line for line in loaded if "qt6" in line.lower() or "pyside6" in line.lower()]
    check(traced.returncode == 0 and loaded and not qt,
          f"supportguide-cli.exe loads no Qt library ({len(loaded)} DLLs loaded, {len(qt)} of Qt)",
          "\n".join(qt[:5]))


# -- 3. the window -----------------------------------------------------------------------------------
def _window_titles() -> list[str]:
    tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True).stdout.decode(
        "utf-8", "replace")
    return [line.strip() for line in tree.splitlines() if '"' in line]


def _screenshot(target: Path) -> bool:
    code = ("import sys; from PySide6.QtWidgets import QApplication; app = QApplication([]); "
            "sys.exit(0 if app.primaryScreen().grabWindow(0).save(sys.argv[1]) else 1)")
    env = dict(os.environ, QT_QPA_PLATFORM="xcb")
    return subprocess.run([sys.executable, "-c", code, str(target)], env=env,
                          capture_output=True, timeout=60).returncode == 0


def _reg_query(key: str) -> str:
    result = wine("reg", "query", key, "/s")
    return decode(result.stdout) if result.returncode == 0 else ""


def run_window(bundle: Path, work: Path, label: str, shot: str) -> bool:
    """Start supportguide.exe, wait for its window, keep a screenshot, close it with WM_CLOSE."""
    # The real Windows platform plugin (qwindows) on the X display, whatever CI exported for Linux.
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["WINEDEBUG"] = "-all,+loaddll"  # which DLLs it loads: the control for the command line's check
    # Output to a pipe, read by a thread: a Windows Python whose output is a file cannot start.
    process = subprocess.Popen(["wine", str(bundle / "supportguide.exe")], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, env=env)
    output: list[bytes] = []
    reader = threading.Thread(target=lambda: output.extend(process.stdout), daemon=True)
    reader.start()
    started = time.perf_counter()
    mapped = False
    while time.perf_counter() - started < 90 and process.poll() is None:
        titles = _window_titles()
        if any(WINDOW_TITLE in t for t in titles):
            mapped = True
            break
        if any('"Error"' in t and "supportguide.exe" in t for t in titles):
            break  # the bootloader's error box: the program did not start
        time.sleep(0.5)
    shown_after = time.perf_counter() - started
    if not check(mapped, f"supportguide.exe ({label}) mapped its window after {shown_after:.1f} s"):
        wine("taskkill", "/F", "/IM", "supportguide.exe")
        process.kill()
        return False
    time.sleep(3)  # let the first step paint
    shot_path = work / shot
    check(_screenshot(shot_path) and shot_path.stat().st_size > 10_000,
          f"  screenshot kept: {shot_path}")
    # taskkill without /F sends WM_CLOSE, as the window's close button does.
    wine("taskkill", "/IM", "supportguide.exe")
    try:
        code = process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        code = None
    reader.join(timeout=10)
    trace = b"".join(output).decode("utf-8", "replace")
    (work / f"window-{label}.log").write_text(trace, encoding="utf-8")
    text = "\n".join(line for line in trace.splitlines() if "trace:loaddll" not in line)
    loaded = [line.lower() for line in trace.splitlines() if "Loaded" in line]
    qt = [line for line in loaded if "qt6core.dll" in line]
    # Which Wine stubs it needed depends on the Qt release (qwindows.dll of 6.12 imports the
    # colour-profile functions of mscms.dll, 6.11's does not); cryptography's
    # bcryptprimitives.dll is loaded only when a protected plan is opened. Listed, not required.
    stubs = [stub for stub in STUBS if any(f"system32\\\\{stub}" in line for line in loaded)]
    check(bool(qt), f"  it loads Qt6Core.dll (the control of the command line's check); Wine stubs "
                    f"used: {', '.join(stubs) or 'none'}", "\n".join(loaded[-20:]))
    return check(code == 0 and "Traceback" not in text,
                 f"  closed cleanly on WM_CLOSE: exit {code}", text[-2000:])


def check_window(bundle: Path, work: Path) -> None:
    wine("reg", "delete", SETTINGS_KEY, "/f")
    if run_window(bundle, work, "profile", "window.png"):
        settings = _reg_query(SETTINGS_KEY)
        check("geometry" in settings, f"  its settings are in {SETTINGS_KEY}", settings[-800:])

    wine("reg", "delete", SETTINGS_KEY, "/f")
    marker, data = bundle / "portable.txt", bundle / "userdata"
    marker.write_text("portable\n", encoding="utf-8")
    try:
        if run_window(bundle, work, "portable", "window-portable.png"):
            ini = data / "settings.ini"
            check(ini.is_file() and "geometry" in ini.read_text(encoding="utf-8", errors="replace"),
                  "  portable mode: its settings are in userdata\\settings.ini beside the program")
            check(_reg_query(SETTINGS_KEY) == "", "  portable mode: nothing written to the registry")
    finally:
        marker.unlink()
        shutil.rmtree(data, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, required=True, help="the built Windows folder")
    parser.add_argument("--python", type=Path, help="the Windows python.exe (for information)")
    parser.add_argument("--work", type=Path, required=True, help="a folder for the test's files")
    args = parser.parse_args()
    args.bundle, args.work = args.bundle.resolve(), args.work.resolve()
    args.work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    check_folder(args.bundle)
    check_cli(args.bundle, args.work)
    check_window(args.bundle, args.work)
    print(f"smoke test: {'passed' if not failures else f'{len(failures)} FAILED'} "
          f"in {time.perf_counter() - started:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
