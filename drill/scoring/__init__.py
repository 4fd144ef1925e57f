"""The scorer: rubric checks, expert reviews and the totals a debrief reports.

Part of the core, like drill.formats: it imports no UI, network or templating
code, so a session can be scored headless, in a test, or on a server.
"""

from .checks import check_text
from .results import CriterionScore, Scores, TaskScore, TeamScore
from .scorer import ExpertReview, Submission, automatic_score, score_exercise
from .session import score_session

__all__ = [
    "CriterionScore", "ExpertReview", "Scores", "Submission", "TaskScore", "TeamScore", "automatic_score", "check_text", "score_exercise",
    "score_session",
]
