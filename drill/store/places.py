"""Where session files live unless the user names a path."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from platformdirs import user_data_path

SUFFIX = ".drill"


def default_folder() -> Path:
    """The platform's user data folder."""
    return user_data_path("drill", appauthor=False) / "sessions"


def default_path(scenario_id: str) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return default_folder() / f"{scenario_id}-{stamp}{SUFFIX}"
