"""The file formats: models, a position-keeping YAML loader, and validation.

This package is part of the core: it imports no UI, network or templating code.
"""

from .load import Exercise, Loader, exercise_from_texts, validate_paths
from .problems import FormatError, Position, Problem
from .responses import Response, Responses, Review
from .rubric import Band, Check, Criterion, Rubric
from .scenario import Fact, Inject, Scenario, Task, Team

__all__ = [
    "Band", "Check", "Criterion", "Exercise", "Fact", "FormatError", "Inject", "Loader", "Position",
    "Problem", "Response", "Responses", "Review", "Rubric", "Scenario", "Task", "Team",
    "exercise_from_texts", "validate_paths",
]
