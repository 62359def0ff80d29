"""Shared fixtures: the shipped standard, loaded once, and a private cache."""

from __future__ import annotations

import os
import tempfile

import pytest

from kzps.standard import Standard, load_standard

# The tests never read or write the user's own cache of validated rules.
os.environ["KZPS_CACHE_DIR"] = tempfile.mkdtemp(prefix="kzps-test-cache-")
os.environ.pop("KZPS_OVERLAY", None)
os.environ.pop("KZPS_LANG", None)


@pytest.fixture(scope="session")
def standard() -> Standard:
    """The standard kzps ships."""
    return load_standard()
