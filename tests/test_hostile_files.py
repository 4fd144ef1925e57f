"""Files written by a careless trainer or a hostile one: every problem positioned, nothing else read."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
POSITIONED = re.compile(r"^.+:\d+:\d+: error: .+$")


def validate(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "drill", "validate", *args], capture_output=True, text=True, encoding="utf-8", timeout=60)


def scenario_with_rubric(folder: Path, reference: str) -> Path:
    """mini.yaml with its first task's rubric replaced by `reference`."""
    shutil.copy(DATA / "statement-rubric.yaml", folder / "statement-rubric.yaml")
    text = (DATA / "mini.yaml").read_text(encoding="utf-8").replace("rubric: rubric.yaml", f"rubric: {reference!r}".replace("'", '"'), 1)
    path = folder / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A valid rubric outside the scenario's folder."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    shutil.copy(DATA / "rubric.yaml", folder / "rubric.yaml")
    return folder / "rubric.yaml"


def refused(result: subprocess.CompletedProcess, *words: str) -> str:
    assert result.returncode == 1, result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if "rubric" in line]
    assert lines and all(POSITIONED.match(line) for line in result.stdout.splitlines()), result.stdout
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def test_rubric_references_stay_inside_the_scenario_folder(tmp_path, outside):
    folder = tmp_path / "drill"
    folder.mkdir()
    (folder / "link.yaml").symlink_to(outside)
    for reference, why in ((str(outside), "absolute"), ("../elsewhere/rubric.yaml", "outside"), ("link.yaml", "outside")):
        line = refused(validate(str(scenario_with_rubric(folder, reference))), why)
        assert ":73:" in line  # the task's rubric: line
    for reference in ("../elsewhere/rubric", "../../etc/passwd", "a/b", "x" * 300, "bad\x00id"):
        refused(validate(str(scenario_with_rubric(folder, reference.replace("\x00", "\\0")))), "rubric")


def test_rubric_references_inside_allowed_folders_still_work(tmp_path, outside):
    folder = tmp_path / "drill"
    (folder / "rubrics").mkdir(parents=True)
    shutil.copy(DATA / "rubric.yaml", folder / "rubrics" / "r.yaml")
    ok = validate(str(scenario_with_rubric(folder, "rubrics/r.yaml")))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    by_id = validate(str(scenario_with_rubric(folder, "mini-rubric")), "--rubrics", str(outside.parent))
    assert by_id.returncode == 1  # the id is looked up by file name: rubric.yaml is 'rubric'
    by_name = validate(str(scenario_with_rubric(folder, "rubric")), "--rubrics", str(outside.parent))
    assert by_name.returncode == 0, by_name.stdout + by_name.stderr
    into_rubrics_folder = validate(str(scenario_with_rubric(folder, "../elsewhere/rubric.yaml")), "--rubrics", str(outside.parent))
    assert into_rubrics_folder.returncode == 0, into_rubrics_folder.stdout + into_rubrics_folder.stderr


def test_a_300_character_rubric_id_is_a_positioned_error(tmp_path):
    result = validate(str(scenario_with_rubric(tmp_path, "r" * 300)))
    refused(result, "rubric")
    assert result.returncode == 1


@pytest.mark.parametrize("value", ["{a: 1}", "[x]", "[[], {}]", "12", "null"])
def test_a_format_that_is_not_a_name_is_a_positioned_error(tmp_path, value):
    path = tmp_path / "f.yaml"
    path.write_text(f"id: x\nformat: {value}\n", encoding="utf-8")
    result = validate(str(path))
    assert result.returncode == 1, result.stdout + result.stderr
    assert POSITIONED.match(result.stdout.strip()) and ":2:9:" in result.stdout, result.stdout
