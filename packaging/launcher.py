"""Entry script of both frozen programs: the same main() as ``python -m supportguide_app``.

``supportguide-cli`` is the command line only: it is built without PyInstaller's PySide6 runtime
hook (supportguide.spec), so it never loads Qt, and without a command it prints the help instead
of trying to open a window.
"""

import sys
from pathlib import Path

from supportguide_app.cli import main

CLI_NAME = "supportguide-cli"

if __name__ == "__main__":
    if Path(sys.executable).stem.lower() == CLI_NAME:
        sys.exit(main(sys.argv[1:] or ["--help"]))
    sys.exit(main())
