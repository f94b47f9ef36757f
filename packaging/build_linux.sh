#!/usr/bin/env bash
# Build the one-folder Linux bundle into packaging/dist/supportguide and print its size.
# Needs the application installed in the current Python environment (pip install -e .),
# PyInstaller (pip install pyinstaller) and a C compiler (cc, or $CC: it links the smaller ICU data,
# packaging/icu_data.py); run from anywhere. supportguide-cli in the folder is a symbolic link to
# supportguide (a copy of it works as well: the program goes by the name it is started by).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
python -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$here/dist" --workpath "$here/build" supportguide.spec
du -sh "$here/dist/supportguide"
