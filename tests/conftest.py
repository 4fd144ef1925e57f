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
    from drill.sessions import create

    session = create(Loader().load_exercise(DATA / "mini.yaml"), tmp_path / "s.drill")
    drill = ServedDrill(session, "127.0.0.1", 0)
    await drill.start()
    yield drill
    await drill.stop()


# Hypothesis profiles (tests/test_fuzz.py). The default is derandomized (a fixed seed, no
# example database), so CI runs the same examples every time and the fuzz tests stay well
# under a minute; it reports a failing example as found, without shrinking it (shrinking a
# 300 KB file can take minutes). `pytest --hypothesis-profile=deep tests/test_fuzz.py` runs
# many more, with fresh random examples, and shrinks what it finds.
from hypothesis import HealthCheck, Phase, settings  # noqa: E402

settings.register_profile(
    "ci", derandomize=True, database=None, deadline=None, max_examples=120, print_blob=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "deep", deadline=None, max_examples=3000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
settings.load_profile("ci")
@pytest.fixture
async def panel(tmp_path: Path):
    """The mini drill served with two invited experts, 李教授 and Dr. Tran, clock paused."""
    from drill.formats import Loader
    from drill.net.serve import ServedDrill
    from drill.sessions import create

    session = create(Loader().load_exercise(DATA / "mini.yaml"), tmp_path / "panel.drill")
    drill = ServedDrill(session, "127.0.0.1", 0, experts=("李教授", "Dr. Tran"))
    await drill.start()
    yield drill
    await drill.stop()


@pytest.fixture(autouse=True)
def _user_data_in_tmp(tmp_path_factory, monkeypatch):
    """The user data folder (platformdirs: default session files, a team's kept typing) is one
    of the test run's own, never the user's."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.getbasetemp() / "user-data"))
    # Screens that do not know the drill's language yet speak the machine's: the tests expect
    # English there, whatever language the machine running them is set to.
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
