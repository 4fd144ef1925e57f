"""The core (formats, engine, store, scoring) never imports UI, network or templating code."""

from __future__ import annotations

import subprocess
import sys

FORBIDDEN = ["textual", "websockets", "jinja2", "matplotlib", "weasyprint", "drill.tui", "drill.net", "drill.report"]
CORE = ["drill.formats", "drill.engine", "drill.store", "drill.scoring", "drill.sessions", "drill.simulate", "drill.live", "drill.client"]

BLOCKER = """
import sys
from importlib.abc import MetaPathFinder

class Block(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if any(name == f or name.startswith(f + ".") for f in {forbidden!r}):
            raise ImportError("forbidden import in the core: " + name)
        return None

sys.meta_path.insert(0, Block())
for module in {core!r}:
    __import__(module)
print("ok")
"""


def test_core_imports_nothing_from_the_shells():
    code = BLOCKER.format(forbidden=FORBIDDEN, core=CORE)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


def test_blocker_really_blocks():
    code = BLOCKER.format(forbidden=["json"], core=["drill.formats.schema"])
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode != 0 and "forbidden import in the core: json" in result.stderr


def test_validate_path_stays_light():
    """`drill validate` must start fast: the command module may not pull in Textual or Jinja2."""
    code = "import sys, drill.cli, drill.formats; print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'jinja2', 'matplotlib', 'rich')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


STORE_ONLY = """
import sys
from importlib.abc import MetaPathFinder

ALLOWED = {"drill", "drill.store", "drill.engine", "drill.engine.events"}

class Block(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.startswith("drill.") and name not in ALLOWED and not name.startswith("drill.store."):
            raise ImportError("the store imports " + name)
        return None

sys.meta_path.insert(0, Block())
import drill.store
print("ok")
"""


def test_store_knows_stored_events_only():
    """The store keeps events; building a live Session from them belongs to the layer that
    composes engine and store (drill.sessions), so the store imports none of the engine's
    behaviour, nor the file formats: only the event record itself."""
    result = subprocess.run([sys.executable, "-c", STORE_ONLY], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr
