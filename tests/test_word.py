"""report.docx: the debrief as Word, opened back with python-docx, and as pages through LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")
from docx.oxml.ns import qn  # noqa: E402

from drill.engine.session import PLAN_COLUMNS  # noqa: E402
from drill.formats import Loader  # noqa: E402
from drill.formats.library import scenario_path  # noqa: E402
from drill.i18n import Catalog  # noqa: E402
from drill.report.content import PLAN_BLANK_ROWS  # noqa: E402
from drill.simulate import simulate  # noqa: E402

ROOT = Path(__file__).parent.parent
BAD = ROOT / "docs" / "examples" / "school-food-rumour-bad.yaml"


@pytest.fixture(scope="module")
def chinese_report(tmp_path_factory) -> tuple[Path, object]:
    """The bundled Chinese drill played with the weak rehearsal, its report written as Word only."""
    folder = tmp_path_factory.mktemp("word")
    exercise = Loader().load_exercise(scenario_path("school-food-rumour"))
    simulate(exercise, Loader().load_responses(BAD, exercise), folder / "s.drill").sink.close()
    result = subprocess.run([sys.executable, "-m", "drill", "report", str(folder / "s.drill"), "--out", str(folder / "out"), "--format", "docx"],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (folder / "out").iterdir()) == ["report.docx"]
    return folder / "out" / "report.docx", exercise.scenario


def test_the_docx_holds_every_team_sheet_the_plan_tables_and_the_chinese_text(chinese_report):
    path, scenario = chinese_report
    t = Catalog("zh-CN")
    document = docx.Document(str(path))
    headings = [(p.style.name, p.text, p.paragraph_format.page_break_before) for p in document.paragraphs if p.style.name.startswith("Heading")]
    for team in scenario.teams:
        assert ("Heading 1", t("report.sheet", team=team.name), True) in headings
    assert ("Heading 1", t("report.timeline"), True) in headings and ("Heading 1", t("report.results"), True) in headings
    plan_header = [t("report.action" if column == "action" else f"report.plan.{column}") for column in PLAN_COLUMNS]
    plans = [table for table in document.tables if [c.text for c in table.rows[0].cells] == plan_header]
    assert len(plans) == len(scenario.teams)
    for table in plans:
        assert all(not any(c.text for c in row.cells) for row in table.rows[-PLAN_BLANK_ROWS:])
    text = "\n".join(p.text for p in document.paragraphs)
    assert scenario.title in text and scenario.summary.split("\n")[0] in text
    assert "已关注到网上的帖子" in text   # a team's own words, from the rehearsal
    grid = next(table for table in document.tables if table.rows[0].cells[0].text == t("report.team"))
    assert [row.cells[0].text for row in grid.rows[1:]] == [team.name for team in scenario.teams]
    fonts = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia"))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)   # A4
    assert len(document.inline_shapes) >= 2   # the heat chart and the scores grid, as pictures


def test_same_report_same_docx_bytes(tmp_path, chinese_report):
    path, _ = chinese_report
    folder = path.parent.parent
    subprocess.run([sys.executable, "-m", "drill", "report", str(folder / "s.drill"), "--out", str(tmp_path), "--format", "docx"], check=True, capture_output=True)
    assert (tmp_path / "report.docx").read_bytes() == path.read_bytes()


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")), reason="LibreOffice and poppler are not installed")
def test_libreoffice_prints_the_chinese_docx(tmp_path, chinese_report):
    path, scenario = chinese_report
    profile = tmp_path / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=300)
    text = subprocess.run(["pdftotext", str(tmp_path / "report.pdf"), "-"], check=True, capture_output=True, text=True).stdout
    assert scenario.title.split("——")[0] in text.replace("\n", "")
    for team in scenario.teams:
        assert f"点评表：{team.name}" in text.replace("\n", "")


def test_an_english_report_sets_chinese_words_in_an_east_asian_font_too(tmp_path):
    """Team names and drafts may be Chinese in an English drill: every report names a CJK face."""
    from drill.report import write_report
    from drill.sessions import open_session

    data = ROOT / "tests" / "data"
    exercise = Loader().load_exercise(data / "mini.yaml")
    simulate(exercise, Loader().load_responses(data / "mini-responses.yaml", exercise), tmp_path / "s.drill").sink.close()
    written = write_report(open_session(tmp_path / "s.drill"), tmp_path / "out", formats=("docx",))
    assert [p.name for p in written] == ["report.docx"]
    document = docx.Document(str(written[0]))
    for name in ("Normal", "Heading 1", "Title"):
        fonts = document.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) and fonts.get(qn("w:ascii"))
    texts = [p.text for p in document.paragraphs]
    assert Catalog("en")("report.sheet", team="Press office") in texts and "一般舆情，需持续监测。" in texts
