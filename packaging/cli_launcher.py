"""Entry script of ``supportguide-cli``: the command line only, frozen without Qt.

The console program is built from its own Analysis that excludes PySide6, so it starts quickly and
never loads the Qt libraries. Without a command it prints the help (the window is
``supportguide``'s job) instead of trying to open a window it cannot.
"""

import sys

from supportguide_app.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["--help"]))
