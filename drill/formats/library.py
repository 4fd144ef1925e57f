"""Where bundled scenarios and rubrics live, and how names on the command line find files."""

from __future__ import annotations

import errno
import re
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


def is_file(path: Path) -> bool:
    """Whether a file is there; a name the file system cannot even look up (too long, say)
    is not one, rather than an error (Path.is_file lets ENAMETOOLONG through)."""
    try:
        return path.is_file()
    except OSError:
        return False


def bundled_scenarios() -> list[str]:
    return sorted(p.stem for p in bundled("scenarios").glob("*.yaml"))


def scenario_path(argument: str) -> Path:
    """A scenario argument is a path, or the id of a bundled scenario (FileNotFoundError
    names the bundled ones when it is neither)."""
    path = Path(argument)
    if is_file(path) or argument.endswith((".yaml", ".yml")) or "/" in argument or "\\" in argument:
        return path
    candidate = bundled("scenarios") / f"{argument}.yaml"
    if is_file(candidate):
        return candidate
    raise FileNotFoundError(
        errno.ENOENT, f"no such file, and no bundled scenario with that id (bundled: {', '.join(bundled_scenarios())})", argument
    )


MAX_REFERENCE = 200   # characters in a rubric reference; file systems refuse long names anyway
_RUBRIC_ID = re.compile(r"^[a-z0-9-]+$")


class RubricReferenceError(ValueError):
    """A task's `rubric:` that may not be followed: it says why, for a positioned problem."""


def rubric_path(reference: str, scenario_dir: Path | None, rubric_dirs: tuple[Path, ...] = ()) -> Path | None:
    """Resolve a task's `rubric:`: a .yaml path relative to the scenario, else an id
    looked up in the `--rubrics` folders and then in the bundled library. None when
    nothing is found.

    A session copies the rubric's text into itself, so a reference must not reach
    files the trainer did not mean to share: a path has to stay, symlinks followed,
    inside the scenario's folder, a `--rubrics` folder or the bundled library, and an
    id is a plain name (RubricReferenceError otherwise)."""
    if len(reference) > MAX_REFERENCE or "\x00" in reference:
        raise RubricReferenceError(f"is not a rubric file or id (longer than {MAX_REFERENCE} characters, or a control character)")
    base = (scenario_dir or Path.cwd()).resolve()
    allowed = (base, *(Path(d).resolve() for d in rubric_dirs), bundled("scoring").resolve())
    if reference.endswith((".yaml", ".yml")):
        if Path(reference).is_absolute() or Path(reference).drive:
            raise RubricReferenceError("is an absolute path: give a path relative to the scenario's folder")
        path = base / reference
        try:
            if not is_file(path):
                return None
            real = path.resolve()
        except (OSError, RuntimeError) as error:   # too long, a symlink loop
            raise RubricReferenceError(f"cannot be read: {getattr(error, 'strerror', None) or error}") from None
        if not any(real.is_relative_to(folder) for folder in allowed):
            raise RubricReferenceError("leads outside the scenario's folder, the --rubrics folders and the bundled library")
        return path
    if not _RUBRIC_ID.match(reference):
        raise RubricReferenceError("is not a rubric id (lowercase letters a-z, digits and '-') nor a path ending in .yaml")
    for folder in allowed[1:]:
        path = folder / f"{reference}.yaml"
        if is_file(path):
            return path
    return None
