"""Entry script of the frozen bundle: the same main() as ``python -m supportguide_app``."""

import sys

from supportguide_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
