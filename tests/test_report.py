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
from drill.report import charts, docx_unavailable, pdf_unavailable, write_report
from drill.report import pdf as pdf_writer
from drill.report.content import number
from drill.simulate import simulate
from drill.sessions import open_session

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
    written = write_report(session, out, language=language, pdf=pdf, formats=("html", "md", "pdf"))
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
    # Press: assess 20 (U: its text states nothing, only its grade earns), statement 100 (P), total 60 (M); school: assess 20 (U).
    results = html[html.index(t("report.results")):html.index(t("report.comparison-chart"))]
    assert re.search(r"Press office</th>\s*<td class=\"score\">20 <b>U</b></td>\s*<td class=\"score\">100 <b>P</b></td>", results)
    assert "60 <b>M</b>" in results
    assert "| Press office | 20 U | 100 P | **60 M** |" in md
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
    # the evidence quotes the team's own words, and names the fact they state as the fact
    assert "wrote &#39;The rice was a sealed batch&#39; (the fact: &#39;The rice in the photo was a sealed batch never served.&#39;)" in sheet
    assert "Warm and clear." in sheet and "level 4 of 4" in sheet
    plan = sheet[sheet.index('<table class="plan">'):]
    assert '<td class="verbatim">Public statement</td><td class="verbatim">States the facts: Half the story.</td>' in plan
    assert "Add the lab results to the template" in plan and "Press desk" in plan
    assert plan.count('<tr class="blank">') == 3
    assert "| Public statement | States the facts: Half the story. | Add the lab results to the template |  | Press desk |  |  |  |" in md


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
        "kind": ("inject", "submit", "late", "missed"), "source": ("auto", "expert"), "band": "PSMU",
        "observation": ("strength", "improvement"), "plan": ("capability", "issue", "element", "organization", "contact", "start", "end"),
        "element": ("planning", "organization", "equipment", "training", "exercise")}.items() for name in names}
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
    assert "WeasyPrint is not installed" in reason and "pip install 'drill-exercise[pdf]'" in reason and "pip install -e '.[pdf]'" in reason


def test_a_format_asked_for_that_cannot_be_written_fails_and_says_why_in_the_commands_language(tmp_path):
    """`drill report --format pdf` without WeasyPrint: exit 1, the reason and what to install, nothing
    written; in the scenario's language like the rest of the command's lines."""
    import subprocess

    session_of(tmp_path).sink.close()
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "weasyprint.py").write_text("raise ImportError('not here')\n", encoding="utf-8")
    (blocker / "docx.py").write_text("raise ImportError('not here')\n", encoding="utf-8")
    env = {**__import__("os").environ, "PYTHONPATH": str(blocker)}
    run = lambda *args: subprocess.run([sys.executable, "-m", "drill", "report", str(tmp_path / "s.drill"), "--out", str(tmp_path / "out"), *args],
                                       capture_output=True, text=True, encoding="utf-8", env=env)
    pdf = run("--format", "pdf")
    assert pdf.returncode == 1 and "cannot write report.pdf: WeasyPrint is not installed" in pdf.stderr, pdf.stderr
    assert "drill-exercise[pdf]" in pdf.stderr and "Traceback" not in pdf.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    word = run("--format", "docx", "--lang", "zh-CN")
    assert word.returncode == 1 and "无法生成 report.docx：未安装 python-docx" in word.stderr, word.stderr
    everything = run("--lang", "zh-CN")   # no format named: what can be written is, the rest said
    assert everything.returncode == 0, everything.stderr
    assert "未生成 report.pdf：未安装 WeasyPrint" in everything.stderr and "[1/3] 评分、图表和内容" in everything.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report.html", "report.md"]


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
    from drill.report import fonts

    try:
        families = fonts.chart_families("Latin 新闻办")
    except fonts.FontMissing:
        pytest.skip("no CJK font on this machine: install fonts-noto-cjk")
    assert len(families) == 2 and families[0] == "DejaVu Sans"
    names = {"name: Press office": "name: 新闻办", "name: The school": "name: 涉事学校"}
    html, _, _ = report(tmp_path, session_of(tmp_path, replace=names), language="zh-CN")
    heat, grid = chart_svgs(html)
    cjk = re.sub(r"\W", "", families[1])   # matplotlib names glyph outlines after the font
    assert cjk.lower() in re.sub(r"\W", "", grid).lower() and cjk.lower() in re.sub(r"\W", "", heat).lower()


def test_facilitator_notes_open_the_report(tmp_path):
    path = tmp_path / "notes.drill"
    live = simulate(exercise(), mini_responses(), path)
    live.note("Hotline <b>busy</b> at 09:00\nsecond line")
    live.sink.close()
    html, md, _ = report(tmp_path, open_session(path))
    cover = html[:html.index("</section>")]
    assert "Hotline &lt;b&gt;busy&lt;/b&gt; at 09:00\nsecond line" in cover and "11:30" in cover   # noted at the end, 4 h in
    assert "- 11:30 (+4:00): Hotline \\<b\\>busy\\</b\\> at 09:00 second line" in md
    assert "<br>" not in md  # a note's lines are one item, with no raw tag


# --- the bundled drill, rehearsed badly: branching injects and evidence in the drill's language -----------

EXAMPLES = Path(__file__).parents[1] / "docs" / "examples"


@pytest.fixture(scope="module")
def bad_drill(tmp_path_factory):
    """The bundled Chinese drill run with the stonewalling rehearsal script."""
    from drill.formats import Loader
    from drill.formats.library import scenario_path

    folder = tmp_path_factory.mktemp("bad")
    loader = Loader()
    exercise = loader.load_exercise(scenario_path("school-food-rumour"))
    responses = loader.load_responses(EXAMPLES / "school-food-rumour-bad.yaml", exercise)
    simulate(exercise, responses, folder / "bad.drill").sink.close()
    return open_session(folder / "bad.drill")


def test_a_branching_inject_says_which_teams_submission_set_it_off(tmp_path, bad_drill):
    html, md, _ = report(tmp_path, bad_drill)
    zh = Catalog("zh-CN")
    statement = next(task.title for task in bad_drill.scenario.tasks if task.id == "statement")
    second_wave = next(inject.title for inject in bad_drill.scenario.injects if inject.id == "second-wave")
    example = zh("report.set-off-by", team="市委宣传部（市委网信办）", task=statement, at="14:00", score="2.5")
    assert example == "由市委宣传部（市委网信办）于 14:00 提交的“形成通稿：联合工作组情况通报”引发（自动评分 2.5）"
    set_off = zh("report.set-off-by", team="市委宣传部（市委网信办）", task=statement, at="14:00",
                 score=number(bad_drill.state.scores["propaganda", "statement"], zh))
    # In the timeline, on the second wave's own row (14:30), marked as a branch; and in the list under the chart.
    row = html[html.index('<tr class="branch"><td class="time">14:30'):]
    row = row[:row.index("</tr>")]
    assert zh("report.kind.branch") in row and second_wave in row and set_off in row
    assert html.count(set_off) == 2
    assert f"| 14:30 (+7:30) | {zh('report.kind.branch')} |" in md and set_off in md
    # The other two quality-driven injects of the bad rehearsal, each from its own team; good-branch ones never fired.
    # each with the automatic score the engine branched on, as recorded
    for team, name, task, at in (("school", "江川市第三实验小学", "reply-parents", "09:10"), ("market", "市市场监督管理局", "reply-press", "12:45")):
        title = next(t.title for t in bad_drill.scenario.tasks if t.id == task)
        scored = number(bad_drill.state.scores[team, task], zh)
        assert f"由{name}于 {at} 提交的“{title}”引发（自动评分 {scored}）" in html
    assert html.count('<tr class="branch">') == 3
    # The heat column shows the public heat, not the last team's own heat recorded with the same cause,
    # and also what a statement and a missed deadline did to it.
    assert "| 09:30 (+2:30) | 情况（分支） |" in md and "| 江川市第三实验小学 | 94（+6.3） |" in md
    assert f"| 14:00 (+7:00) | 提交 | {statement} | 市委宣传部（市委网信办） | 87（+6.5） |" in md
    assert f"| 14:30 (+7:30) | 未按时提交 | {statement} | 市教育局 | 100（+9.6） |" in md


def test_the_heat_chart_marks_each_teams_words_and_the_branches_they_set_off(tmp_path, bad_drill):
    html, _, _ = report(tmp_path, bad_drill)
    heat = chart_svgs(html)[0]
    assert "<text" not in heat
    teams = [team.id for team in bad_drill.scenario.teams]
    # Each team has its colour: its statements and replies, its own heat line, and the branches its work set off.
    for team in ("propaganda", "school", "market"):
        assert charts.TEAM_COLOURS[teams.index(team)] in heat, team
    # Three branching injects: a dashed line and a diamond each, in the setter's colour.
    assert heat.count("stroke-dasharray: 4,2") >= 3 + 3


def test_branch_marks_come_from_the_log(bad_drill):
    from drill.report.content import _branches, _marks

    events = bad_drill.sink.events()
    branches = _branches(events, bad_drill)
    assert {b.inject: (b.team, b.task, b.submitted_at, b.fired_at) for b in branches.values()} == {
        "gate-escalates": ("school", "reply-parents", 7800.0, 9000.0),
        "press-no-comment": ("market", "reply-press", 20700.0, 24300.0),
        "second-wave": ("propaganda", "statement", 25200.0, 27000.0),
    }
    # the score each branch was taken on is the one the engine recorded for that submission
    assert all(b.score == bad_drill.state.scores[b.team, b.task] for b in branches.values())
    marks = _marks(events, bad_drill, branches)
    wave = next(b for b in marks.branches if b.at == 27000.0)
    assert (wave.team, wave.submitted_at, wave.submitted_heat, wave.heat) == (0, 25200.0, 86.8, 90.4)
    assert {(m.at, m.team, m.heat) for m in marks.submitted} >= {(25200.0, 0, 86.8), (7800.0, 3, 79.1)}
    assert sorted(marks.team_heat) == [0, 1, 2, 3, 4]


def test_evidence_speaks_the_reports_language(tmp_path, bad_drill):
    html, md, _ = report(tmp_path, bad_drill)
    sheets = html[html.index('<section class="sheet">'):]
    assert "待专家评定等级" in sheets and "比截止时间提前" in sheets and "超过截止时间" in sheets
    for english in ("before the due time", "after the due time", "awaiting an expert", "found &#39;", "not submitted"):
        assert english not in html and english.replace("&#39;", "'") not in md
    html, md, _ = report(tmp_path, bad_drill, language="en")
    assert "awaiting an expert&#39;s level" in html and "before the due time" in html and "after the due time" in html
    assert "待专家评定等级" not in html and "比截止时间" not in html
    scored = number(bad_drill.state.scores["propaganda", "statement"], Catalog("en"))
    assert f"set off by 市委宣传部（市委网信办）'s 形成通稿：联合工作组情况通报 at 14:00 (score {scored})" in md


# --- the PDF of a big drill, rendered in parts on several cores ------------------------------------------------


def pdf_pages(path: Path) -> tuple[list[str], list[tuple[int, str, int]], object]:
    """Each page's text, the outline as (depth, title, page index), and the reader."""
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(path)

    def walk(items, depth=0):
        for item in items:
            if isinstance(item, list):
                yield from walk(item, depth + 1)
            else:
                yield depth, item.title, reader.get_destination_page_number(item)

    # The same middle dot may come out as · or • depending on which font subset a page uses.
    return [page.extract_text().replace("•", "·") for page in reader.pages], list(walk(reader.outline)), reader


def test_a_pdf_in_parts_reads_exactly_like_one_in_one_piece(tmp_path, monkeypatch, bad_drill):
    pytest.importorskip("weasyprint")
    pytest.importorskip("pypdf")
    if pdf_unavailable() is not None:
        pytest.skip(pdf_unavailable())
    monkeypatch.setenv(pdf_writer.WORKERS_VARIABLE, "1")
    whole = write_report(bad_drill, tmp_path / "whole")[-1]
    monkeypatch.setenv(pdf_writer.WORKERS_VARIABLE, "3")
    calls = []
    monkeypatch.setattr(pdf_writer, "write_whole", lambda *args: calls.append(args))   # no silent fallback
    parts = write_report(bad_drill, tmp_path / "parts")[-1]
    assert calls == []
    (one, one_outline, one_reader), (three, three_outline, three_reader) = pdf_pages(whole), pdf_pages(parts)
    total = len(one)
    assert total > 20 and len(three) == total
    for number, (a, b) in enumerate(zip(one, three), start=1):
        assert a == b, number
        assert b.rstrip().endswith(f"{number} / {total}")
        if number > 1:
            assert bad_drill.scenario.title in b   # the running header, on the first page of every part too
    # The outline: the same headings on the same pages, every review sheet under the scenario's title.
    assert three_outline == one_outline
    assert three_outline[0] == (0, bad_drill.scenario.title, 0)
    assert [depth for depth, title, _ in three_outline if title.startswith("点评表")] == [1] * 5
    assert three_reader.metadata.title == one_reader.metadata.title
    assert three_reader.trailer["/Root"]["/Lang"] == one_reader.trailer["/Root"]["/Lang"] == "zh-CN"


def test_a_failing_pdf_worker_means_one_piece_instead(tmp_path, monkeypatch):
    pytest.importorskip("weasyprint")
    pytest.importorskip("pypdf")
    if pdf_unavailable() is not None:
        pytest.skip(pdf_unavailable())

    def broken(html, conn):
        conn.send(("error", "RuntimeError('out of paper')"))
        conn.close()

    monkeypatch.setattr(pdf_writer, "_render_part", broken)
    monkeypatch.setenv(pdf_writer.WORKERS_VARIABLE, "2")
    whole = []
    real = pdf_writer.write_whole
    monkeypatch.setattr(pdf_writer, "write_whole", lambda *args: (whole.append(1), real(*args)))
    _, _, written = report(tmp_path, session_of(tmp_path), pdf=True)
    pages, _, _ = pdf_pages(written[-1])
    assert whole == [1] and pages[-1].rstrip().endswith(f"{len(pages)} / {len(pages)}")


def test_sheets_are_shared_out_by_weight_and_the_worker_count_by_cores(monkeypatch):
    assert pdf_writer.split([1.0] * 10, 0.0, 2) == [(0, 5), (5, 10)]
    assert pdf_writer.split([1.0] * 10, 4.0, 2) == [(0, 3), (3, 10)]   # the front matter weighs 4 sheets
    assert pdf_writer.split([1.0] * 3, 100.0, 3) == [(0, 0), (0, 1), (1, 3)]   # only the first part may be empty
    assert pdf_writer.split([2.0, 1.0, 1.0, 2.0], 0.0, 2) == [(0, 2), (2, 4)]
    monkeypatch.setenv(pdf_writer.WORKERS_VARIABLE, "3")
    assert (pdf_writer.workers_for(50), pdf_writer.workers_for(2)) == (3, 2)
    monkeypatch.setenv(pdf_writer.WORKERS_VARIABLE, "0")
    assert pdf_writer.workers_for(50) == 1
    monkeypatch.delenv(pdf_writer.WORKERS_VARIABLE)
    assert pdf_writer.workers_for(pdf_writer.MIN_SHEETS - 1) == 1
    assert 1 <= pdf_writer.workers_for(50) <= pdf_writer.MAX_WORKERS


# --- a Vietnamese report: labels, numbers, dates and fonts ---------------------------------------------


def test_a_vietnamese_report_writes_its_numbers_dates_and_letters_the_vietnamese_way(tmp_path):
    """The mini drill with Vietnamese team text typed with combining accents: the report
    in Vietnamese uses the decimal comma and dd/mm/yyyy, and the PDF carries every letter
    in a font that has it (text extraction gives back the composed words)."""
    import unicodedata

    vi = Catalog("vi")
    statement = unicodedata.normalize("NFD", "Chúng tôi đã xác minh: số gạo này đã được niêm phong, chưa hề nấu cho học sinh ăn.")
    # an expert's quarter for the statement's truthfulness gives the press total a decimal
    session = session_of(tmp_path, replace={"language: en": "language: vi"}, press_statement=statement,
                         reviews=[Review(team="press", task="statement", criterion="truthful", score=0.25)])
    want_pdf = pdf_unavailable() is None
    html, md, written = report(tmp_path, session, pdf=want_pdf)
    assert '<html lang="vi">' in html and 'data-content="vi"' in html and '"Noto Sans", "DejaVu Sans"' in html
    for key in ("report.title", "report.timeline", "report.results", "report.plan"):
        assert vi(key) in html and vi(key) in md
    assert re.search(r"\d+,\d <b>U</b>", html) and not re.search(r"\d+\.\d <b>", html)
    assert re.search(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", html)
    if want_pdf:
        pypdf = pytest.importorskip("pypdf")
        text = unicodedata.normalize("NFC", "\n".join(page.extract_text() for page in pypdf.PdfReader(written[-1]).pages))
        assert vi("report.results") in text and "Phiếu đánh giá" in text
        assert "đã xác minh" in text and "niêm phong" in text
def test_each_expert_observations_and_the_hseep_plan_print_in_html_markdown_and_pdf(tmp_path):
    words = [Review(team="press", task="statement", criterion="tone", score=2, note="语气偏冷", by="李教授"),
             Review(team="press", task="statement", criterion="tone", score=4, note="Warm enough", by="Dr. Tran")]
    session = session_of(tmp_path, reviews=words)
    session.observe("press", "strength", "第一时间核实并封存", task="assess", by="李教授")
    session.observe("press", "improvement", "Silent for 40 minutes after the post", inject="post", by="Dr. Tran")
    session.plan_item("press", task="statement", by="李教授", issue="下次通报时间不具体", action="模板固定“下次通报”一栏",
                      element="planning", organization="宣传部", contact="王科长", start="2026-06-01", end="2026-06-30")
    html, md, written = report(tmp_path, session, pdf=pdf_unavailable() is None)
    sheet = html[html.index("Review sheet: Press office"):html.index("Review sheet: The school")]
    # three words on tone (the script's unnamed reviewer, 李教授 and Dr. Tran): each shown, the points their mean
    assert '<li><b>reviewer</b> 4 · Warm and clear.</li><li><b>李教授</b> 2 · 语气偏冷</li><li><b>Dr. Tran</b> 4 · Warm enough</li>' in sheet
    assert "level 3.33 of 4" in sheet
    observations = sheet[sheet.index('<table class="observations">'):sheet.index('<table class="plan">')]
    assert "李教授" in observations and "Strength" in observations and "第一时间核实并封存" in observations
    assert "Area for improvement" in observations and "Mouldy rice?" in observations  # tied to the inject
    plan = sheet[sheet.index('<table class="plan">'):]
    for cell in ("Capability / objective", "Point of contact", "Completion date", "Public statement", "下次通报时间不具体",
                 "Planning", "宣传部", "王科长", "2026-06-01", "2026-06-30"):
        assert cell in plan, cell
    assert plan.count('<tr class="blank">') == 3 and plan.count("<td></td>") == 3 * 8
    assert "**李教授** 2 · 语气偏冷" in md and "| Strength | Assess and grade: 第一时间核实并封存 |" in md
    assert "| Public statement | 下次通报时间不具体 | 模板固定“下次通报”一栏 | Planning | 宣传部 | 王科长 | 2026-06-01 | 2026-06-30 |" in md
    timeline = md[md.index("## Timeline"):md.index("## Results")]
    assert "| Observation | Area for improvement: Silent for 40 minutes after the post — Dr. Tran | Press office |" in timeline
    if pdf_unavailable() is None:
        import subprocess

        text = subprocess.run(["pdftotext", str(written[2]), "-"], capture_output=True, text=True).stdout
        assert "李教授" in text and "Dr. Tran" in text and "第一时间核实并封存" in text and "王科长" in text
    docx = pytest.importorskip("docx")
    write_report(session, tmp_path / "word", formats=("docx",))
    document = docx.Document(str(tmp_path / "word" / "report.docx"))
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "李教授 2 · 语气偏冷\nDr. Tran 4 · Warm enough" in "\n".join(cells)
    assert "Assess and grade: 第一时间核实并封存" in cells and "王科长" in cells and "Point of contact" in cells


def test_the_plan_tells_praise_from_areas_for_improvement_and_names_an_owner(tmp_path):
    """Praise with a next step ("可作为范例") is a strength to keep, not an area for improvement; the
    experts' notes are joined without doubled marks (no "。；"); the owner is the team unless named."""
    words = [Review(team="press", task="statement", criterion="tone", score=4, note="语气温和，可作为范例。", action="在全市推广该写法", by="李教授"),
             Review(team="press", task="statement", criterion="facts", score=0.2, note="口径不一。", action="统一口径后再发", by="李教授"),
             Review(team="press", task="statement", criterion="facts", score=0.2, note="没有写明向谁报告。", by="Dr. Trần")]
    session = session_of(tmp_path, reviews=words)
    html, md, _ = report(tmp_path, session, language="zh-CN")
    sheet = html[html.index("点评表：Press office"):html.index("点评表：The school")]
    plan = sheet[sheet.index('<table class="plan">'):]
    assert "可作为范例" not in plan and "在全市推广该写法" not in plan
    assert "States the facts：李教授：口径不一；Dr. Trần：没有写明向谁报告" in plan and "。；" not in plan
    assert "统一口径后再发" in plan and "<td class=\"verbatim\">Press office</td>" in plan
    keep = sheet[sheet.index("做得好、可保持推广的做法"):sheet.index('<table class="plan">')]
    assert "Public statement · Tone：评审人：Warm and clear；李教授：语气温和，可作为范例 → 在全市推广该写法" in keep
    assert "- Public statement · Tone：评审人：Warm and clear；李教授：语气温和，可作为范例 → 在全市推广该写法" in md and "。；" not in md
    docx = pytest.importorskip("docx")
    write_report(session, tmp_path / "word", language="zh-CN", formats=("docx",))
    document = docx.Document(str(tmp_path / "word" / "report.docx"))
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows if "统一口径后再发" in row.cells[2].text]
    assert ["Public statement", "States the facts：李教授：口径不一；Dr. Trần：没有写明向谁报告", "统一口径后再发", "", "Press office", "", "", ""] in rows
    assert not any("可作为范例" in cell for row in rows for cell in row)


# --- report.md and the stages of writing a report ----------------------------------------------------


def test_markdown_keeps_paragraphs_and_has_no_raw_tags(tmp_path):
    summary = "A short drill for tests."
    session = session_of(tmp_path, replace={summary: '"First line.\\nSecond line.\\n\\nA new paragraph."'})
    _, md, _ = report(tmp_path, session)
    assert "First line. Second line.\n\nA new paragraph." in md
    assert "<br>" not in md


def test_writing_a_report_tells_each_stage_and_the_pdf_draws_its_charts_as_images(tmp_path):
    pytest.importorskip("weasyprint")
    heard: list[tuple[str, int, int]] = []
    written = write_report(session_of(tmp_path), tmp_path / "out", formats=("html", "md", "pdf"),
                           progress=lambda *stage: heard.append(stage))
    assert [name for name, _, _ in heard] == ["content", "html", "markdown", "pdf-layout", "pdf-draw"]
    assert [(done, total) for _, done, total in heard] == [(n, 5) for n in range(1, 6)]
    assert [p.name for p in written] == ["report.html", "report.md", "report.pdf"]
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert len(chart_svgs(html)) == 2 and "data:image/png" not in html  # the HTML keeps sharp SVG charts
    heard.clear()
    write_report(session_of(tmp_path, "t"), tmp_path / "md", pdf=False, formats=("html", "md", "docx"),
                 progress=lambda *stage: heard.append(stage))
    expected = ["content", "html", "markdown"] + (["docx"] if docx_unavailable() is None else [])
    assert heard == [(name, n, len(expected)) for n, name in enumerate(expected, 1)]


def test_drill_report_prints_a_line_per_stage(tmp_path):
    from click.testing import CliRunner

    from drill.cli import cli

    session = session_of(tmp_path)
    result = CliRunner().invoke(cli, ["report", str(session.sink.path), "--out", str(tmp_path / "out"),
                                 "--format", "html", "--format", "md"])
    assert result.exit_code == 0, result.output
    assert re.search(r"\[1/3\] scores, charts and content \(\d+\.\d s\)", result.stderr)
    assert "[2/3] report.html" in result.stderr and "[3/3] report.md" in result.stderr
