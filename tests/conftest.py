"""Shared fixtures: the shipped standard, loaded once."""

from __future__ import annotations

import pytest

from kzps.standard import Standard, load_standard


@pytest.fixture(scope="session")
def standard() -> Standard:
    """The standard kzps ships."""
    return load_standard()
