"""Fixtures of the report tests: the guide, a small and a rich session."""

from __future__ import annotations

import pytest
from report_sessions import rich_session, small_session

from supportguide_app.guide import load_guide


@pytest.fixture(scope="session")
def guide():
    return load_guide()


@pytest.fixture
def small():
    return small_session()


@pytest.fixture
def rich(guide):
    return rich_session(guide)
