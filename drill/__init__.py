"""drill: a tabletop crisis-simulation exercise engine for public-opinion incident drills."""

__version__ = "0.1.0"

# The name on the package index: `drill` there is an unrelated XML library, so the
# distribution has a name of its own; the command and the import stay `drill`.
DISTRIBUTION = "drill-exercise"


def install_hint(extra: str) -> str:
    """How to add an optional part (an extra of pyproject.toml): from the package index, or in a checkout."""
    return f"pip install '{DISTRIBUTION}[{extra}]', or in a checkout pip install -e '.[{extra}]'"
