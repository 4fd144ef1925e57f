"""Bidirectional control characters in team text or a scenario cannot reorder the debrief."""

from __future__ import annotations

import pytest

from drill.report import pdf_unavailable
from drill.report.bidi import CONTROLS, neutralise

from test_report import report, session_of

# A team writes "we did NOT act", overridden right-to-left so that it displays reversed.
OVERRIDE = "we did \u202eTON\u202c act"


def test_every_bidi_control_is_shown_not_obeyed():
    text = "".join(CONTROLS)
    shown = neutralise(f"a{text}b")
    assert not set(shown) & set(CONTROLS) and shown.startswith("a[U+202A]") and shown.endswith("b")
    assert neutralise("plain 中文 text") == "plain 中文 text"


@pytest.mark.parametrize("pdf", [False, True])
def test_no_report_output_carries_a_bidi_control(tmp_path, pdf):
    if pdf and pdf_unavailable():
        pytest.skip(pdf_unavailable())
    session = session_of(tmp_path, press_statement=OVERRIDE + " \u2067بيان\u2069 \u200f\u061c",
                         replace={"name: Press office": "name: \"Press \u202eeciffo\u202c\u2066\u200e\""})
    html, md, written = report(tmp_path, session, pdf=pdf)
    for text in (html, md):
        assert not set(text) & set(CONTROLS)
        assert "we did [U+202E]TON[U+202C] act" in text
    if pdf:
        from pypdf import PdfReader

        pages = "".join(page.extract_text() for page in PdfReader(written[-1]).pages)
        assert not set(pages) & set(CONTROLS) and "U+202E" in pages


def test_report_docx_carries_no_bidi_control(tmp_path):
    """Issue 22 finding 11: report.docx took the controls raw."""
    import zipfile

    from drill.report import docx_unavailable, write_report

    if docx_unavailable():
        pytest.skip(docx_unavailable())
    session = session_of(tmp_path, press_statement=OVERRIDE, replace={"name: Press office": "name: \"Press \u202eeciffo\u202c\""})
    write_report(session, tmp_path / "out", formats=("docx",))
    with zipfile.ZipFile(tmp_path / "out" / "report.docx") as docx:
        xml = "".join(docx.read(name).decode("utf-8") for name in docx.namelist() if name.endswith(".xml"))
    assert not set(xml) & set(CONTROLS) and "[U+202E]" in xml
