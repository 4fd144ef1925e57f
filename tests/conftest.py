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


@pytest.fixture
async def served(tmp_path: Path):
    """The mini drill served on a free loopback port, clock paused."""
    from drill.formats import Loader
    from drill.net.serve import ServedDrill
    from drill.store import create

    session = create(Loader().load_exercise(DATA / "mini.yaml"), tmp_path / "s.drill")
    drill = ServedDrill(session, "127.0.0.1", 0)
    await drill.start()
    yield drill
    await drill.stop()


@pytest.fixture
async def panel(tmp_path: Path):
    """The mini drill served with two invited experts, 李教授 and Dr. Tran, clock paused."""
    from drill.formats import Loader
    from drill.net.serve import ServedDrill
    from drill.store import create

    session = create(Loader().load_exercise(DATA / "mini.yaml"), tmp_path / "panel.drill")
    drill = ServedDrill(session, "127.0.0.1", 0, experts=("李教授", "Dr. Tran"))
    await drill.start()
    yield drill
    await drill.stop()
