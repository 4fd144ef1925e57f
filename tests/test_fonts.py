"""Fonts for the report: found by the characters they draw, and a clear refusal when none does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from drill.i18n import Catalog
from drill.report import FontMissing, fonts, pdf_unavailable, write_report

from test_report import session_of

CHINESE = {"name: Press office": "name: 新闻办", "name: The school": "name: 涉事学校"}


def only_bundled_latin(kind: str) -> tuple[fonts.Font, ...]:
    """The fonts of a machine without CJK fonts: matplotlib's own DejaVu Sans only."""
    import matplotlib

    path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    return (fonts.Font(path, "DejaVu Sans"),)


def cjk_font_file() -> Path:
    for font in fonts.installed("chart"):
        if ord("经") in fonts._codepoints(font.path):
            return font.path
    pytest.skip("no CJK font on this machine: install fonts-noto-cjk")


def test_the_characters_a_font_must_draw():
    must, may = fonts.needed("Tiếng Việt 经核查，\u200b\u202e 😀 a")
    assert set(must) == set("TiếngViệt经核查，a") and may == "😀"


def test_latin_and_vietnamese_need_no_cjk_font(monkeypatch):
    monkeypatch.setattr(fonts, "installed", only_bundled_latin)
    coverage = fonts.cover("Report · Tiếng Việt: ơ ư ạ ả ế ộ đ Ư Ơ", "pdf")
    assert coverage.missing == "" and [f.family for f in coverage.fonts] == ["DejaVu Sans"]


def test_chinese_is_drawn_by_a_cjk_font_after_the_latin_one():
    path = cjk_font_file()
    coverage = fonts.cover("Heat 热度 7:00", "chart")
    assert coverage.missing == "" and coverage.fonts[0].family == "DejaVu Sans"
    assert any(ord("热") in fonts._codepoints(font.path) for font in coverage.fonts[1:]) and path


def test_without_a_cjk_font_the_report_is_refused_with_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(fonts, "installed", only_bundled_latin)
    session = session_of(tmp_path, replace=CHINESE)
    with pytest.raises(FontMissing) as refused:
        write_report(session, tmp_path / "out", language="zh-CN", pdf=False)   # the charts alone refuse
    assert not (tmp_path / "out").exists()   # nothing half-written
    line = str(refused.value)
    assert "\n" not in line and any(fonts._is_cjk(char) for char in line)   # names some of what it cannot draw
    for hint in ("sudo apt install fonts-noto-cjk", "brew install", "Windows", "--font PATH"):
        assert hint in line
    chinese = refused.value.text(Catalog("zh-CN"))
    assert "fonts-noto-cjk" in chinese and "--font PATH" in chinese


def test_an_english_report_needs_only_a_latin_font(tmp_path, monkeypatch):
    monkeypatch.setattr(fonts, "installed", only_bundled_latin)
    written = write_report(session_of(tmp_path), tmp_path / "out", language="en", pdf=False,
                           formats=("html", "md"))
    assert [p.name for p in written] == ["report.html", "report.md"]


def test_a_symbol_without_a_font_does_not_stop_the_report(monkeypatch):
    monkeypatch.setattr(fonts, "installed", only_bundled_latin)
    coverage = fonts.check("We are sorry 🙏", "pdf")
    assert coverage.missing == "" and coverage.boxes == "🙏"


def test_a_given_font_file_comes_first(monkeypatch):
    path = cjk_font_file()
    monkeypatch.setattr(fonts, "installed", only_bundled_latin)
    with fonts.extra_font(path):
        families = fonts.chart_families("新闻办 Press")
        assert fonts.cover("新闻办", "pdf").fonts[0].path == path.resolve()
    assert len(families) == 1 and families[0] != "DejaVu Sans"
    assert fonts.readable(path) and not fonts.readable(Path(__file__))


needs_fontconfig = pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig (fc-list) is not installed")


def _report_without_fontconfig_fonts(tmp_path: Path, *extra: str) -> subprocess.CompletedProcess:
    """`drill report` as a person runs it, on a machine where fontconfig lists no font at all."""
    config = tmp_path / "fonts.conf"
    config.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig></fontconfig>\n')
    session = session_of(tmp_path, replace=CHINESE)
    env = {**os.environ, "FONTCONFIG_FILE": str(config), "PYTHONWARNINGS": "ignore"}
    drill = Path(sys.executable).with_name("drill")
    return subprocess.run([str(drill), "report", str(session.sink.path), "--out", str(tmp_path / "out"), "--lang", "zh-CN", *extra],
                          capture_output=True, text=True, env=env, timeout=300)


@needs_fontconfig
def test_drill_report_without_fonts_says_so_in_one_line_and_fails(tmp_path):
    if pdf_unavailable() is not None:
        pytest.skip(pdf_unavailable())
    done = _report_without_fontconfig_fonts(tmp_path)
    assert done.returncode == 1
    said = [line for line in done.stderr.splitlines() if line.startswith("Error:")]
    assert len(said) == 1 and "fonts-noto-cjk" in said[0] and "--font PATH" in said[0], done.stderr
    assert not (tmp_path / "out" / "report.pdf").exists()


@needs_fontconfig
def test_drill_report_with_font_draws_the_pdf_in_it(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    if pdf_unavailable() is not None:
        pytest.skip(pdf_unavailable())
    done = _report_without_fontconfig_fonts(tmp_path, "--font", str(cjk_font_file()))
    assert done.returncode == 0, done.stderr
    reader = pypdf.PdfReader(tmp_path / "out" / "report.pdf")
    used = {str(font.get_object()["/BaseFont"]) for page in reader.pages[:2]
            for font in (page["/Resources"].get("/Font") or {}).values()}
    assert used and all("drill-report-font" in name for name in used), used   # the @font-face of --font
    assert "新闻办" in reader.pages[0].extract_text() + reader.pages[1].extract_text()


def test_doctor_lists_pdf_charts_web_fonts_by_script_and_exports(monkeypatch):
    from click.testing import CliRunner

    from drill.cli import cli

    out = CliRunner().invoke(cli, ["doctor"]).output
    for part in ("PDF:", "charts:   matplotlib", "web:      textual-serve", "fonts:    Latin:", "Vietnamese:", "Chinese:", "exports:"):
        assert part in out, out
    monkeypatch.setattr(fonts, "installed", only_bundled_latin)
    hidden = CliRunner().invoke(cli, ["doctor"]).output
    chinese = next(line for line in hidden.splitlines() if "Chinese:" in line)
    assert "none" in chinese and "fonts-noto-cjk" in chinese and "--font PATH" in chinese
    assert "Vietnamese: DejaVu Sans" in hidden
