"""Where bundled scenarios and rubrics live, and how names on the command line find files."""

from __future__ import annotations

import errno
from importlib.resources import files
from pathlib import Path


def bundled(kind: str) -> Path:
    """The folder of bundled `scenarios` or `scoring` files.

    An installed wheel carries them under drill/_bundled/; a source checkout keeps
    them at the top of the repository, where trainers edit them.
    """
    packaged = Path(str(files("drill"))) / "_bundled" / kind
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / kind


def bundled_scenarios() -> list[str]:
    return sorted(p.stem for p in bundled("scenarios").glob("*.yaml"))


def scenario_path(argument: str) -> Path:
    """A scenario argument is a path, or the id of a bundled scenario (FileNotFoundError
    names the bundled ones when it is neither)."""
    path = Path(argument)
    if path.is_file() or argument.endswith((".yaml", ".yml")) or "/" in argument or "\\" in argument:
        return path
    candidate = bundled("scenarios") / f"{argument}.yaml"
    if candidate.is_file():
        return candidate
    raise FileNotFoundError(
        errno.ENOENT, f"no such file, and no bundled scenario with that id (bundled: {', '.join(bundled_scenarios())})", argument
    )


def rubric_path(reference: str, scenario_dir: Path | None, rubric_dirs: tuple[Path, ...] = ()) -> Path | None:
    """Resolve a task's `rubric:`: a .yaml path relative to the scenario, else an id
    looked up in the `--rubrics` folders and then in the bundled library."""
    if reference.endswith((".yaml", ".yml")):
        path = (scenario_dir or Path.cwd()) / reference
        return path if path.is_file() else None
    for folder in (*rubric_dirs, bundled("scoring")):
        path = Path(folder) / f"{reference}.yaml"
        if path.is_file():
            return path
    return None
