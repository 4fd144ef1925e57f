"""drill: a tabletop crisis-simulation exercise engine for public-opinion incident drills."""

__version__ = "0.1.0"
