"""The drill engine: clock, schedule, triggers, tasks and heat, as a fold over events.

Part of the core: it imports no UI, network or templating code.

The names below load on first use (PEP 562), so that `drill.engine.events`, the
event record the store keeps, can be imported without the engine's behaviour:
the store knows stored events only (tests/test_architecture.py).
"""

from importlib import import_module

_HOMES = {
    "Clock": "clock", "Event": "events", "Refused": "session", "Session": "session",
    "Delivery": "state", "SessionState": "state", "Work": "state",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{_HOMES[name]}", __name__), name)
    globals()[name] = value
    return value
