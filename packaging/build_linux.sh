#!/usr/bin/env bash
# Build the one-folder Linux bundle into packaging/dist/supportguide and print its size.
# Needs the application installed in the current Python environment (pip install -e .) and
# PyInstaller (pip install pyinstaller); run from anywhere.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
python -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$here/dist" --workpath "$here/build" supportguide.spec
du -sh "$here/dist/supportguide"
