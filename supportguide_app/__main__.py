"""``python -m supportguide_app``: the same entry point as the ``supportguide`` command."""

import sys

from supportguide_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
