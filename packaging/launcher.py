"""Entry script of both frozen programs: the same main() as ``python -m supportguide_app``.

``supportguide-cli`` is the command line only: it never loads Qt (PyInstaller's PySide6 runtime
hook is left out of it on Windows, and skips itself for it on Linux: supportguide.spec), and
without a command it prints the help instead of trying to open a window. On Windows it is an
executable of its own; on Linux a symbolic link to ``supportguide``, so the name the program was
started by (``sys.argv[0]``) tells which one runs, as it does for the runtime hook.
"""

import os
import sys
from pathlib import Path

from supportguide_app.cli import main

CLI_NAME = "supportguide-cli"


def started_as_cli() -> bool:
    names = (Path(sys.executable).name, os.path.basename(sys.argv[0]) if sys.argv else "")
    return any(os.path.splitext(name)[0].lower() == CLI_NAME for name in names)


if __name__ == "__main__":
    if started_as_cli():
        sys.exit(main(sys.argv[1:] or ["--help"]))
    sys.exit(main())
