"""Shared fixtures: small scenario files written to a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of tests/data, so tests may edit files freely."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target
