"""The debrief report: what it says, that team text stays inert, and that Chinese prints."""

from __future__ import annotations

import base64
import re
import sys
from pathlib import Path

import pytest
import yaml

from drill.formats import Response, Responses, Review, exercise_from_texts
from drill.i18n import Catalog
from drill.report import charts, pdf_unavailable, write_report
from drill.simulate import simulate
from drill.store import open_session

DATA = Path(__file__).parent / "data"
TEMPLATES = Path(__file__).parents[1] / "drill" / "report" / "templates"
ATTACK = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def exercise(replace: dict[str, str] | None = None):
    """The mini scenario, with some of its text replaced."""
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    for old, new in (replace or {}).items():
        assert old in text
        text = text.replace(old, new)
    rubrics = {name: (DATA / name).read_text(encoding="utf-8") for name in ("rubric.yaml", "statement-rubric.yaml")}
    return exercise_from_texts(text, rubrics)


def mini_responses(press_statement: str = "We are sorry for the worry. The rice was a sealed batch, never served.", reviews=()) -> Responses:
    return Responses(
        format="drill/responses@1",
        responses=[
            Response(team="press", task="assess", at=600, text="一般舆情，需持续监测。", fields={"grade": "major"}),
            Response(team="school", task="assess", at=2400, text="Major incident.", fields={"grade": "major"}),
            Response(team="press", task="statement", at=3600, text=press_statement),
        ],
        reviews=[Review(team="press", task="statement", criterion="tone", score=4, note="Warm and clear."), *reviews],
    )


def session_of(tmp_path: Path, name: str = "s", replace: dict[str, str] | None = None, **responses):
    path = tmp_path / f"{name}.drill"
    simulate(exercise(replace), mini_responses(**responses), path).sink.close()
    return open_session(path)


def report(tmp_path: Path, session, language: str | None = None, pdf: bool = False) -> tuple[str, str, list[Path]]:
    out = tmp_path / "out"
    written = write_report(session, out, language=language, pdf=pdf)
    return (out / "report.html").read_text(encoding="utf-8"), (out / "report.md").read_text(encoding="utf-8"), written


def chart_svgs(html: str) -> list[str]:
    return [base64.b64decode(data).decode("utf-8") for data in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)]


def test_report_has_every_section_and_the_scores(tmp_path):
    html, md, written = report(tmp_path, session_of(tmp_path))
    assert [p.name for p in written] == ["report.html", "report.md"]
    t = Catalog("en")
    for key in ("report.summary", "report.notes", "report.timeline", "report.heat-chart", "report.results",
                "report.comparison-chart", "report.plan", "report.strengths", "report.improvements"):
        assert t(key) in html, key
    for text in (html, md):
        assert "Mouldy rice rumour (mini)" in text and "A short drill for tests." in text
        assert t("report.sheet", team="Press office") in text and t("report.sheet", team="The school") in text
    # Press: assess 60 (M), statement 100 (P), total 80 (S); school: assess 53.3 (M).
    results = html[html.index(t("report.results")):html.index(t("report.comparison-chart"))]
    assert re.search(r"Press office</th>\s*<td class=\"score\">60 <b>M</b></td>\s*<td class=\"score\">100 <b>P</b></td>", results)
    assert "80 <b>S</b>" in results and "53.3 <b>M</b>" in results
    assert "| Press office | 60 M | 100 P | **80 S** |" in md
    assert len(chart_svgs(html)) == 2   # the heat line and the comparison grid


def test_timeline_speaks_in_clock_time(tmp_path):
    html, md, _ = report(tmp_path, session_of(tmp_path))
    # The press submitted its assessment 10 minutes after the 07:30 start; the school missed 08:00.
    assert "| 07:40 (+0:10) | Submitted | Assess and grade | Press office |" in md
    assert "| 08:00 (+0:30) | Deadline missed | Assess and grade | The school |" in md
    assert "| 07:30 (+0:00) | Inject | Social media: Mouldy rice? — @worried\\_parent | all teams | 30 (+30) |" in md
    assert '<td class="time">08:10 <span class="muted">+0:40</span></td><td>Submitted late</td>' in html
    assert "2026-05-12 07:30+08:00" in html and "4 h" in html


def test_review_sheet_shows_text_evidence_and_expert_word(tmp_path):
    override = Review(team="press", task="statement", criterion="facts", score=0.5, note="Half the story.",
                      action="Add the lab results to the template", owner="Press desk")
    html, md, _ = report(tmp_path, session_of(tmp_path, reviews=[override]))
    sheet = html[html.index("Review sheet: Press office"):html.index("Review sheet: The school")]
    assert "We are sorry for the worry. The rice was a sealed batch, never served." in sheet
    # The expert overrode an automatic 2/2: both the suggestion and the expert's 1/2 and word show.
    assert "Automatic suggestion 2 / 2" in sheet and "1 / 2" in sheet and "Half the story." in sheet
    assert "states &#39;The rice in the photo was a sealed batch never served.&#39;" in sheet
    assert "Warm and clear." in sheet and "level 4 of 4" in sheet
    plan = sheet[sheet.index('<table class="plan">'):]
    assert "Public statement · States the facts: Half the story." in plan
    assert "Add the lab results to the template" in plan and "Press desk" in plan
    assert plan.count('<tr class="blank">') == 3
    assert "| Public statement · States the facts: Half the story. | Add the lab results to the template | Press desk | |" in md


def test_work_never_handed_in_is_said_once(tmp_path):
    responses = mini_responses()
    path = tmp_path / "missing.drill"
    simulate(exercise(), responses.model_copy(update={"responses": responses.responses[:1] + responses.responses[2:]}), path).sink.close()
    html, md, _ = report(tmp_path, open_session(path))
    school = html[html.index("Review sheet: The school"):]
    assert "Not submitted (due 08:00 (+0:30))" in school and "Not submitted (due 08:00 (+0:30))" in md
    assert '<table class="criteria">' not in school   # no criterion-by-criterion zeros for work that does not exist


def test_team_text_is_escaped_in_html_and_inert_in_markdown(tmp_path):
    hostile = {"name: Press office": 'name: "<i>Press</i> & Co | $x$"'}
    html, md, _ = report(tmp_path, session_of(tmp_path, replace=hostile, press_statement=ATTACK))
    assert "<script" not in html and "<img src=x" not in html and "<i>Press" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&lt;i&gt;Press&lt;/i&gt; &amp; Co | $x$" in html
    # Markdown: the submission verbatim inside a code fence, every other value escaped.
    assert f"```text\n{ATTACK}\n```" in md
    outside_fences = re.sub(r"```text\n.*?\n```", "", md, flags=re.DOTALL)
    assert "<script" not in outside_fences and "<i>" not in outside_fences
    assert "\\<i\\>Press\\</i\\> \\& Co \\| $x$" in md
    # Charts draw the names as outlines: no text element, and the name nowhere in the markup.
    for svg in chart_svgs(html):
        assert "<text" not in svg and "Press" not in svg and "<script" not in svg


def test_markdown_fence_outlasts_backticks_in_the_text(tmp_path):
    text = "Use ``` to quote, or ```` even."
    _, md, _ = report(tmp_path, session_of(tmp_path, press_statement=text))
    assert f"`````text\n{text}\n`````" in md


def test_html_stands_alone_and_prints_on_a4(tmp_path):
    html, _, _ = report(tmp_path, session_of(tmp_path))
    assert "<script" not in html and "<link" not in html
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", html) and "url(http" not in html
    assert "size: A4" in html and "counter(page)" in html
    assert html.count('<section class="sheet">') == 2 and "section + section { break-before: page; }" in html
    assert "Noto Sans CJK SC" in html and "Microsoft YaHei" in html and "PingFang SC" in html


def test_chinese_labels_by_choice_or_by_scenario_language(tmp_path):
    zh = Catalog("zh-CN")
    html, md, _ = report(tmp_path, session_of(tmp_path), language="zh-CN")
    assert '<html lang="zh-CN">' in html
    for key in ("report.timeline", "report.results", "report.plan"):
        assert zh(key) in html and zh(key) in md
    assert zh("report.sheet", team="Press office") in html and "Review sheet" not in html
    html, _, _ = report(tmp_path, session_of(tmp_path, name="zh", replace={"language: en": "language: zh-CN"}))
    assert zh("report.timeline") in html and Catalog("en")("report.timeline") not in html


def test_catalogs_hold_every_key_the_report_uses():
    def keys(language: str) -> set[str]:
        return set(yaml.safe_load((Path(__file__).parents[1] / "drill" / "i18n" / language / "report.yaml").read_text(encoding="utf-8")))

    assert keys("en") == keys("zh-CN")
    used = set()
    for path in [*TEMPLATES.iterdir(), Path(__file__).parents[1] / "drill" / "report" / "content.py"]:
        used |= set(re.findall(r"""t\(["'](report\.[a-z.-]+)["']""", path.read_text(encoding="utf-8")))
    families = {f"report.{family}.{name}" for family, names in {
        "channel": ("social", "news", "phone", "email", "message", "directive", "video", "note"),
        "kind": ("inject", "submit", "late", "missed"), "source": ("auto", "expert"), "band": "PSMU"}.items() for name in names}
    assert len(used) > 40 and (used | families) <= keys("en"), (used | families) - keys("en")


def test_same_session_writes_the_same_files(tmp_path):
    session = session_of(tmp_path)
    first = write_report(session, tmp_path / "a", pdf=False)
    second = write_report(session, tmp_path / "b", pdf=False)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_without_weasyprint_the_pdf_is_skipped_and_explained(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)   # makes `import weasyprint` raise ImportError
    pdf_unavailable.cache_clear()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "report.pdf").write_bytes(b"%PDF- from an earlier run")
    try:
        _, _, written = report(tmp_path, session_of(tmp_path), pdf=True)
        reason = pdf_unavailable()
    finally:
        pdf_unavailable.cache_clear()
    assert [p.name for p in written] == ["report.html", "report.md"]
    assert not (tmp_path / "out" / "report.pdf").exists()
    assert "WeasyPrint is not installed" in reason and "drill[pdf]" in reason


def test_pdf_shows_chinese_in_a_cjk_font_with_each_sheet_on_its_own_page(tmp_path):
    pytest.importorskip("weasyprint")
    pypdf = pytest.importorskip("pypdf")
    if pdf_unavailable() is not None:
        pytest.skip(pdf_unavailable())
    zh = Catalog("zh-CN")
    names = {"name: Press office": "name: 新闻办", "name: The school": "name: 涉事学校"}
    _, _, written = report(tmp_path, session_of(tmp_path, replace=names), language="zh-CN", pdf=True)
    assert written[-1].name == "report.pdf"
    reader = pypdf.PdfReader(written[-1])
    pages = [page.extract_text() for page in reader.pages]
    text = "\n".join(pages)
    assert zh("report.results") in text and "一般舆情，需持续监测。" in text
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in (page["/Resources"].get("/Font") or {}).values()
    }
    assert any(re.search(r"CJK|SourceHan|YaHei|PingFang|Hei|Song", name) for name in fonts), fonts
    for team in ("新闻办", "涉事学校"):
        heading = zh("report.sheet", team=team)
        page = next(p for p in pages if heading in p)
        before = page.split(heading)[0]
        assert zh("report.plan") not in before and zh("report.results") not in before   # nothing of the previous section


def test_charts_draw_chinese_with_a_cjk_font(tmp_path):
    if len(charts._families()) < 2:
        pytest.skip("no CJK font on this machine: install fonts-noto-cjk")
    names = {"name: Press office": "name: 新闻办", "name: The school": "name: 涉事学校"}
    html, _, _ = report(tmp_path, session_of(tmp_path, replace=names), language="zh-CN")
    heat, grid = chart_svgs(html)
    cjk = re.sub(r"\W", "", charts._families()[1])   # matplotlib names glyph outlines after the font
    assert cjk.lower() in re.sub(r"\W", "", grid).lower() and cjk.lower() in re.sub(r"\W", "", heat).lower()


def test_facilitator_notes_open_the_report(tmp_path):
    path = tmp_path / "notes.drill"
    live = simulate(exercise(), mini_responses(), path)
    live.note("Hotline <b>busy</b> at 09:00\nsecond line")
    live.sink.close()
    html, md, _ = report(tmp_path, open_session(path))
    cover = html[:html.index("</section>")]
    assert "Hotline &lt;b&gt;busy&lt;/b&gt; at 09:00\nsecond line" in cover and "11:30" in cover   # noted at the end, 4 h in
    assert "- 11:30 (+4:00): Hotline \\<b\\>busy\\</b\\> at 09:00<br>second line" in md
