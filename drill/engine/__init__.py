"""The drill engine: clock, schedule, triggers, tasks and heat, as a fold over events.

Part of the core: it imports no UI, network or templating code.
"""

from .clock import Clock
from .events import Event
from .session import Refused, Session
from .state import Delivery, SessionState, Work

__all__ = ["Clock", "Delivery", "Event", "Refused", "Session", "SessionState", "Work"]
