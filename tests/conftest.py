"""Shared test set-up: no display, no real user settings or folders."""

import os

# Tests run on machines without a display; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
