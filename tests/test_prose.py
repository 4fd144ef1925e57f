"""Prose fields read as paragraphs (drill.formats.prose), and Chinese wraps by its line-breaking rules."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st
from rich.cells import cell_len
from rich.text import Text

from drill.formats.prose import reflow
from drill.tui.widgets import _CLOSING, _OPENING, Wrapped, wrap_cells


def test_a_single_line_break_is_a_space_and_a_blank_line_a_paragraph():
    text = "A video of brown\nwater from a kitchen tap\n  went round.\n\n\nThe utility said nothing.\n"
    assert reflow(text) == "A video of brown water from a kitchen tap went round.\n\nThe utility said nothing."


def test_between_two_cjk_characters_a_line_break_is_nothing():
    assert reflow("网传视频显示，\n自来水呈褐色\n市民担心\nWiFi 和 5G\n网络。") == "网传视频显示，自来水呈褐色市民担心 WiFi 和 5G 网络。"


def test_full_width_punctuation_takes_no_space_beside_it():
    assert reflow("They said:\n“No comment.”\n回应：\nOK") == "They said: “No comment.” 回应：OK"


def test_list_lines_stay_lines():
    text = "Do this:\n- check the canteen\n  and the storeroom\n- call the parents\n1. first\n2) second\n（1）第一\n一、第二\n1．第三\n3.5 million saw it"
    assert reflow(text).split("\n") == [
        "Do this:", "- check the canteen and the storeroom", "- call the parents", "1. first", "2) second",
        "（1）第一", "一、第二", "1．第三 3.5 million saw it",
    ]


def test_windows_line_ends_and_empty_text():
    assert reflow("one\r\ntwo\r\n\r\nthree") == "one two\n\nthree"
    assert reflow("") == "" and reflow(" \n \n") == ""


prose = st.lists(st.sampled_from(["word", "经核查", "，", "。", "- ", "1. ", "\n", "\n\n", " ", "“", "”", "Tiếng", "（1）"]),
                 max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(prose)
def test_reflow_keeps_every_character_and_is_stable(text):
    once = reflow(text)
    assert re.sub(r"\s", "", once) == re.sub(r"\s", "", text)
    assert reflow(once) == once
    assert "\n\n\n" not in once and once == once.strip()


# Units as Chinese is written: a character or short word, at most one opening mark before it and
# two closing marks after it (so no unit is wider than a line, which would have to be folded).
unit = st.tuples(st.sampled_from(["", *_OPENING]), st.sampled_from([*"经核查照片中的大米为已封存批次", "WiFi", "5G"]),
                 st.sampled_from(["", *_CLOSING]), st.sampled_from(["", "，", "”", "。"])).map("".join) | st.just(" ")
chinese = st.lists(unit, min_size=1, max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(chinese, st.integers(min_value=10, max_value=40))
def test_no_closing_mark_begins_a_wrapped_line_and_no_opening_mark_ends_one(text, width):
    lines = wrap_cells(Text(text), width)
    assert re.sub(r"\s", "", "".join(line.plain for line in lines)) == re.sub(r"\s", "", text)
    for before, line in zip(lines, lines[1:]):
        assert line.plain.lstrip()[:1] not in _CLOSING, (before.plain, line.plain)
        assert before.plain[-1:] not in _OPENING, (before.plain, line.plain)
    assert all(cell_len(line.plain) <= width for line in lines)


def test_a_brief_keeps_its_paragraphs_when_wrapped():
    from rich.console import Console

    console = Console(width=20, record=True)
    console.print(Wrapped(Text(reflow("网传视频显示，\n自来水呈褐色。\n\n市民担心。"))))
    shown = console.export_text().splitlines()
    assert shown == ["网传视频显示，自来水", "呈褐色。", "", "市民担心。"]


def test_the_pdf_never_starts_a_line_with_a_closing_mark(tmp_path):
    """WeasyPrint (Pango's UAX #14 line breaking) with the report's own stylesheet, at many widths."""
    weasyprint = pytest.importorskip("weasyprint")
    pypdf = pytest.importorskip("pypdf")
    from drill.report import fonts, pdf_unavailable

    if pdf_unavailable() is not None:
        pytest.skip(pdf_unavailable())
    text = "经核查，照片中的大米为已封存待退货的批次，未供学生食用；“这是引号。”（括号内）《书名》、顿号！问号？" * 3
    if fonts.cover(text).missing:
        pytest.skip("no CJK font on this machine: install fonts-noto-cjk")
    css = (__import__("pathlib").Path(__file__).parents[1] / "drill" / "report" / "templates" / "report.css").read_text()
    body = "".join(f'<p class="prose" style="width: {width}em">{text}</p>' for width in range(6, 26, 3))
    weasyprint.HTML(string=f'<html lang="zh-CN"><style>{css}</style><body>{body}</body></html>').write_pdf(tmp_path / "p.pdf")
    lines = [line for page in pypdf.PdfReader(tmp_path / "p.pdf").pages for line in page.extract_text().splitlines() if line]
    assert len(lines) > 40
    assert not [line for line in lines if line[0] in "，。、；：！？）」』》”"], lines


def test_the_report_shows_the_summary_as_paragraphs(tmp_path):
    from drill.report import write_report
    from test_report import session_of

    summary = "summary: |-\n  A short drill\n  for tests.\n\n  网传视频显示，\n  自来水呈褐色。\n  - one item\n  - #two"
    session = session_of(tmp_path, replace={"summary: A short drill for tests.": summary})
    write_report(session, tmp_path / "out", language="en", pdf=False)
    markdown = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "\nA short drill for tests.\n\n网传视频显示，自来水呈褐色。\n- one item\n- \\#two\n" in markdown
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert '<p class="prose">A short drill for tests.\n\n网传视频显示，自来水呈褐色。\n- one item\n- #two</p>' in html
