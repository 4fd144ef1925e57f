"""Turn files into validated models, or into a full list of positioned problems."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, TypeVar

from pydantic import BaseModel, ValidationError

from . import references, source
from .graded import FORMAT as graded_format
from .graded import Graded, check_graded
from .library import RubricReferenceError, is_file, rubric_path, scenario_path
from .model import field_names
from .problems import FormatError, Problem
from .responses import FORMAT as responses_format
from .responses import Responses
from .rubric import FORMAT as rubric_format
from .rubric import Rubric
from .scenario import FORMAT as scenario_format
from .scenario import Scenario

KINDS: dict[str, type[BaseModel]] = {
    scenario_format: Scenario,
    rubric_format: Rubric,
    responses_format: Responses,
    graded_format: Graded,
}
_VOCABULARY = {model: field_names(model) for model in KINDS.values()}
M = TypeVar("M", bound=BaseModel)


def _message(error: dict[str, Any], vocabulary: set[str]) -> str:
    kind, loc = error["type"], error["loc"]
    # Union branches add parts such as "literal['all']" to the location; the key is what is left.
    parts = [part for part in loc if not (isinstance(part, str) and "[" in part)]
    name = parts[-1] if parts and isinstance(parts[-1], str) else None
    if kind == "missing":
        return f"missing required key '{name}'"
    if kind == "extra_forbidden":
        hint = difflib.get_close_matches(str(name), sorted(vocabulary), n=1, cutoff=0.7)
        return f"unknown key '{name}'" + (f" (did you mean '{hint[0]}'?)" if hint else "")
    if kind == "literal_error" and "expected" in error.get("ctx", {}):
        return f"{name}: {error['input']!r} is not allowed here; expected {error['ctx']['expected']}"
    message = error["msg"].removeprefix("Value error, ")
    return f"{name}: {message}" if name else message


def model_problems(doc: source.Document, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate a document against a model; every error becomes a positioned Problem."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as failure:
        return None, translate(doc, failure, _VOCABULARY.get(model) or field_names(model))


def translate(doc: source.Document, failure: ValidationError, vocabulary: set[str], prefix: tuple = ()) -> list[Problem]:
    grouped: dict[source.Position, list[str]] = {}
    for error in failure.errors():
        loc = prefix + tuple(error["loc"])
        key = error["type"] == "extra_forbidden"
        where = doc.locate(loc, key=key)
        message = _message(error, vocabulary)
        messages = grouped.setdefault(where, [])
        if message not in messages:
            messages.append(message)
    return [
        Problem(doc.path, where, "; or ".join(messages) if len(messages) < 4 else "; ".join(messages))
        for where, messages in sorted(grouped.items())
    ]


@dataclass
class Exercise:
    """A scenario with the rubrics its tasks name, plus the source texts they came from,
    so a session can record exactly what it ran."""

    scenario: Scenario
    rubrics: dict[str, Rubric]  # by the task's `rubric:` reference
    scenario_text: str
    rubric_texts: dict[str, str] = field(default_factory=dict)
    path: str = ""

    def rubric_for(self, task_id: str) -> Rubric:
        """The rubric a task is judged by, its optional criteria that the task cannot take left out."""
        task = next(t for t in self.scenario.tasks if t.id == task_id)
        return self.rubrics[task.rubric].fitted({f.id for f in task.fields if f.answer is not None})


def _shown(value: object, limit: int = 60) -> str:
    """A value quoted in a message, cut short: a message names the place, it need not repeat a page."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_of(doc: source.Document) -> type[BaseModel]:
    data = doc.data
    if not isinstance(data, dict):
        raise FormatError([doc.problem((), "expected a mapping with a 'format:' key at the top of the file")])
    kind = data.get("format")
    if not isinstance(kind, str) or kind not in KINDS:
        known = ", ".join(KINDS)
        where = ("format",) if "format" in data else ()
        said = f"unknown format {_shown(kind)}" if kind is not None else "missing 'format:' key"
        raise FormatError([doc.problem(where, f"{said}: expected one of {known}")])
    return KINDS[kind]


class Loader:
    """Loads and cross-checks files, caching rubrics so that a library is read once."""

    def __init__(self, rubric_dirs: tuple[Path, ...] = ()):
        self.rubric_dirs = tuple(Path(d) for d in rubric_dirs)
        self._rubrics: dict[Path, tuple[Rubric | None, list[Problem], str]] = {}

    def rubric_file(self, path: Path) -> tuple[Rubric | None, list[Problem], str]:
        path = path.resolve()
        if path not in self._rubrics:
            try:
                doc = source.read(path)
                rubric, problems = model_problems(doc, Rubric) if format_of(doc) is Rubric else (None, [doc.problem(("format",), "expected format drill/rubric@1")])
                self._rubrics[path] = (rubric, problems, doc.text)
            except FormatError as error:
                self._rubrics[path] = (None, error.problems, "")
        return self._rubrics[path]

    def scenario(self, doc: source.Document, base: Path | None) -> tuple[Exercise | None, list[Problem]]:
        scenario, problems = model_problems(doc, Scenario)
        partial = references.whole(scenario) if scenario is not None else references.partial_scenario(doc)
        if partial is None:
            return None, problems
        rubrics: dict[str, Rubric] = {}
        texts: dict[str, str] = {}
        for index, task in enumerate(partial.scenario.tasks):
            loc = ("tasks", partial.index["tasks"][index], "rubric")
            if task.rubric in rubrics or task.rubric in texts:
                continue
            try:
                path = rubric_path(task.rubric, base, self.rubric_dirs)
            except RubricReferenceError as refusal:
                problems.append(doc.problem(loc, f"rubric {_shown(task.rubric)} {refusal}"))
                texts[task.rubric] = ""
                continue
            if path is None:
                problems.append(doc.problem(loc, f"rubric {task.rubric!r} not found: give a .yaml path relative to the scenario, or the id of a rubric in a --rubrics folder or the bundled library"))
                texts[task.rubric] = ""
                continue
            rubric, rubric_problems, text = self.rubric_file(path)
            texts[task.rubric] = text
            if rubric is None:
                problems.append(doc.problem(loc, f"rubric {task.rubric!r} ({path}) has {len(rubric_problems)} problem(s): {rubric_problems[0]}"))
            else:
                rubrics[task.rubric] = rubric
        problems += references.check_scenario(doc, partial, rubrics)
        if scenario is None or problems:
            return None, sorted(set(problems), key=lambda p: (p.path, p.position))
        return Exercise(scenario, rubrics, doc.text, {k: v for k, v in texts.items() if k in rubrics}, doc.path), []

    def responses(self, doc: source.Document, exercise: Exercise | None) -> tuple[Responses | None, list[Problem]]:
        responses, problems = model_problems(doc, Responses)
        if responses is not None and exercise is not None:
            problems = references.check_responses(doc, responses, exercise)
        return (responses if not problems else None), problems

    def graded(self, doc: source.Document, exercise: Exercise | None) -> tuple[Graded | None, list[Problem]]:
        graded, problems = model_problems(doc, Graded)
        if graded is not None and exercise is not None:
            problems = check_graded(doc, graded, exercise)
        return (graded if not problems else None), problems

    def load_graded(self, path: str | Path) -> tuple[source.Document, Graded, Exercise]:
        """A graded examples file, checked against the scenario its `scenario:` names
        (a path relative to the file, or a bundled id)."""
        doc = source.read(path)
        if format_of(doc) is not Graded:
            raise FormatError([doc.problem(("format",), f"expected graded examples (format: {graded_format})")])
        graded, problems = model_problems(doc, Graded)
        if graded is None:
            raise FormatError(problems)
        exercise, problem = _referenced_scenario(self, doc, Path(path), graded.scenario)
        if problem is not None:
            raise FormatError([problem])
        problems = check_graded(doc, graded, exercise)
        if problems:
            raise FormatError(problems)
        return doc, graded, exercise

    def load_exercise(self, path: str | Path) -> Exercise:
        doc = source.read(path)
        if format_of(doc) is not Scenario:
            raise FormatError([doc.problem(("format",), "expected a scenario (format: drill/scenario@1)")])
        exercise, problems = self.scenario(doc, Path(path).parent)
        if exercise is None:
            raise FormatError(problems)
        exercise.path = str(path)
        return exercise

    def load_responses(self, path: str | Path, exercise: Exercise) -> Responses:
        doc = source.read(path)
        if format_of(doc) is not Responses:
            raise FormatError([doc.problem(("format",), "expected scripted responses (format: drill/responses@1)")])
        reference = doc.data.get("scenario") if isinstance(doc.data, dict) else None
        if isinstance(reference, str) and reference != exercise.scenario.id:
            named = _scenario_id(Path(path), reference)
            if named != exercise.scenario.id:   # answers to another drill: say so, not a list of choices that do not fit
                raise FormatError([doc.problem(("scenario",), f"these responses are for scenario {_shown(named or reference)}, not "
                                                              f"{_shown(exercise.scenario.id)}: give that scenario, or change `scenario:`")])
        responses, problems = self.responses(doc, exercise)
        if responses is None:
            raise FormatError(problems)
        return responses


def exercise_from_texts(scenario_text: str, rubric_texts: dict[str, str], name: str = "<session>") -> Exercise:
    """Rebuild an exercise from the texts a session recorded, without touching the file system."""
    scenario, problems = model_problems(source.parse(scenario_text, name), Scenario)
    if scenario is None:
        raise FormatError(problems)
    rubrics = {}
    for reference, text in rubric_texts.items():
        rubric, problems = model_problems(source.parse(text, f"{name}:{reference}"), Rubric)
        if rubric is None:
            raise FormatError(problems)
        rubrics[reference] = rubric
    return Exercise(scenario, rubrics, scenario_text, dict(rubric_texts), name)


def validate_paths(
    paths: list[Path], rubric_dirs: tuple[Path, ...] = (), advice: Callable[[Exercise], list[tuple[tuple, str]]] | None = None,
) -> tuple[list[Problem], list[str]]:
    """All problems in the given files, and the files that could not be read.

    Scenarios are checked first, so that a responses file given beside its
    scenario is checked against it even without a `scenario:` key. `advice` gives
    warnings about a valid scenario (a location in it and a message each), from code
    that this package must not import (the scorer's matcher, say).
    """
    loader = Loader(rubric_dirs)
    problems: list[Problem] = []
    unreadable: list[str] = []
    docs: list[tuple[Path, source.Document, type[BaseModel]]] = []
    for path in paths:
        try:
            doc = source.read(path)
            docs.append((path, doc, format_of(doc)))
        except OSError as error:
            unreadable.append(f"{path}: error: cannot read the file: {error.strerror or error}")
        except FormatError as error:
            problems += error.problems
    scenarios: dict[str, Exercise] = {}
    order = {Scenario: 0, Rubric: 1, Responses: 2, Graded: 2}
    for path, doc, kind in sorted(docs, key=lambda entry: order[entry[2]]):
        if kind is Scenario:
            exercise, found = loader.scenario(doc, path.parent)
            if exercise is not None:
                scenarios[exercise.scenario.id] = exercise
                if advice is not None:
                    found = found + [replace(doc.problem(loc, message), severity="warning") for loc, message in advice(exercise)]
        elif kind is Rubric:
            found = loader.rubric_file(path)[1]
        else:
            found = _answers_problems(loader, doc, path, scenarios, kind)
        problems += found
    unique = sorted(set(problems), key=lambda p: (paths_order(paths, p.path), p.position))
    return unique, unreadable


def paths_order(paths: list[Path], name: str) -> int:
    names = [str(p) for p in paths]
    return names.index(name) if name in names else len(names)


def _answers_problems(loader: Loader, doc: source.Document, path: Path, scenarios: dict[str, Exercise], kind: type[BaseModel]) -> list[Problem]:
    """Problems in a file of answers to a scenario (scripted responses or graded examples),
    checked against the scenario its `scenario:` names, or the one scenario given beside it."""
    reference = doc.data.get("scenario") if isinstance(doc.data, dict) else None
    exercise = None
    if isinstance(reference, str):
        exercise, problem = _referenced_scenario(loader, doc, path, reference)
        if problem is not None:
            return [problem]
    elif len(scenarios) == 1:
        exercise = next(iter(scenarios.values()))
    check = loader.graded if kind is Graded else loader.responses
    return check(doc, exercise)[1]


def _scenario_id(path: Path, reference: str) -> str | None:
    """The id of the scenario a responses file at `path` names (a path beside it, or a bundled id)."""
    relative = path.parent / reference
    try:
        data = source.read(relative if relative.is_file() else scenario_path(reference)).data
    except (OSError, ValueError, FormatError):
        return None
    return str(data.get("id")) if isinstance(data, dict) and data.get("id") is not None else None


def _referenced_scenario(loader: Loader, doc: source.Document, path: Path, reference: str) -> tuple[Exercise | None, Problem | None]:
    try:
        relative = path.parent / reference
        target = relative if is_file(relative) else scenario_path(reference)
        return loader.load_exercise(target), None
    except FormatError as error:
        return None, doc.problem(("scenario",), f"scenario {_shown(reference)} has problems: {error.problems[0]}")
    except (OSError, ValueError) as error:  # not there, a name too long, a NUL in it
        return None, doc.problem(("scenario",), f"scenario {_shown(reference)} cannot be read: {getattr(error, 'strerror', None) or error}")
