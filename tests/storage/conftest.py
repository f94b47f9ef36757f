from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "sessions"


@pytest.fixture
def fixture_path():
    """The path of a fixture session file by name (tests/fixtures/sessions/)."""

    def get(name: str) -> Path:
        path = FIXTURES / name
        assert path.exists(), path
        return path

    return get
