"""What-ifs: a session replayed with one submission replaced, added or dropped."""

from __future__ import annotations

import re

import hashlib
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from drill.engine import Refused
from drill.engine.whatif import Change, compare
from drill.formats import Loader
from drill.formats.library import scenario_path
from drill.simulate import simulate
from drill.sessions import open_session
from drill.store import EventLog
from drill.whatif import recorded_change, run_whatif

EXAMPLES = Path(__file__).parents[1] / "docs" / "examples"


def script(name: str) -> dict:
    return yaml.safe_load((EXAMPLES / f"school-food-rumour-{name}.yaml").read_text(encoding="utf-8"))


def response(name: str, team: str, task: str) -> dict:
    return next(r for r in script(name)["responses"] if (r["team"], r["task"]) == (team, task))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def played(folder: Path, responses: dict) -> Path:
    responses_file = folder / "responses.yaml"
    responses_file.write_text(yaml.safe_dump(responses, allow_unicode=True), encoding="utf-8")
    loader = Loader()
    exercise = loader.load_exercise(scenario_path("school-food-rumour"))
    simulate(exercise, loader.load_responses(responses_file, exercise), folder / "played.drill").sink.close()
    return folder / "played.drill"


@pytest.fixture(scope="module")
def stonewalled(tmp_path_factory) -> Path:
    """The bundled drill played by the bad rehearsal, where 市委宣传部's statement is the one
    that stonewalls ("纯属谣言", "已拘留发帖家长"): 市教育局's statement has the good rehearsal's
    words and comes 35 minutes after 宣传部's, 5 minutes late: within the few minutes' grace (later,
    it would keep only 80% of its worth, too little for the praise)."""
    bad = script("bad")
    good = response("good", "education", "statement")["text"]
    bad["responses"] = [{**r, "text": good, "at": "7h35m"} if (r["team"], r["task"]) == ("education", "statement") else r for r in bad["responses"]]
    return played(tmp_path_factory.mktemp("stonewalled"), bad)


@pytest.fixture(scope="module")
def played_well(tmp_path_factory) -> Path:
    return played(tmp_path_factory.mktemp("good"), script("good"))


def test_a_good_statement_instead_of_stonewalling_removes_the_second_wave(tmp_path, stonewalled):
    before = digest(stonewalled)
    good = response("good", "propaganda", "statement")["text"]
    result = run_whatif(stonewalled, Change("propaganda", "statement", good), tmp_path / "whatif.drill")
    assert digest(stonewalled) == before
    assert not Path(f"{stonewalled}-wal").exists()

    original = open_session(stonewalled)
    whatif = open_session(tmp_path / "whatif.drill")
    assert "second-wave" in original.state.fired and "second-wave" not in whatif.state.fired
    # the praise (for the first statement to score 80) now goes to 宣传部, not to 教育局 later
    praised = {name: [d.inject for d in s.state.inbox["propaganda"]] for name, s in (("original", original), ("whatif", whatif))}
    assert "statement-praised" in praised["whatif"] and "statement-praised" not in praised["original"]
    outcome = compare(original.state, whatif.state, "propaganda", "statement")
    (peak_before, peak_after) = (h.peak for h in outcome.heat)
    assert peak_after < peak_before
    assert outcome.heat[1].above <= outcome.heat[0].above and outcome.heat[1].final < outcome.heat[0].final
    assert outcome.score[1] > outcome.score[0] + 30 and outcome.auto[1] > outcome.auto[0]
    assert outcome.total[1] > outcome.total[0]
    kinds = {change.inject: change.kind for change in outcome.injects}
    assert kinds["second-wave"] == "unfired" and kinds["statement-praised"] == "moved"
    # the new submission is in the new file, at the original's time, and the file says what changed
    submit = next(e for e in EventLog(tmp_path / "whatif.drill").events() if e.type == "submit" and e.data["team"] == "propaganda" and e.data["task"] == "statement")
    assert submit.data["text"] == good and submit.at == 7 * 3600
    assert recorded_change(EventLog(tmp_path / "whatif.drill")) == Change("propaganda", "statement", good)
    assert result.kind == "replaced" and result.skipped == [] and result.session.state.ended
    # and the session is reopened still byte-identical
    assert digest(stonewalled) == before


def test_the_same_whatif_twice_writes_identical_files(tmp_path, stonewalled):
    good = response("good", "propaganda", "statement")["text"]
    for name in ("a.drill", "b.drill"):
        run_whatif(stonewalled, Change("propaganda", "statement", good), tmp_path / name)
    assert (tmp_path / "a.drill").read_bytes() == (tmp_path / "b.drill").read_bytes()


def test_the_same_words_again_replay_the_session_exactly(tmp_path, stonewalled):
    """A what-if that changes nothing gives the original's log event for event: every command
    goes back in at its time and the engine decides the same (a check of the replay itself)."""
    same = response("bad", "school", "assess")
    run_whatif(stonewalled, Change("school", "assess", same["text"]), tmp_path / "same.drill")
    lines = [[e.to_json() for e in EventLog(path).events()] for path in (stonewalled, tmp_path / "same.drill")]
    assert lines[0] == lines[1]


def test_a_dropped_submission_makes_the_missed_inject_fire(tmp_path, played_well):
    result = run_whatif(played_well, Change("education", "statement", drop=True), tmp_path / "dropped.drill")
    original, whatif = open_session(played_well), open_session(tmp_path / "dropped.drill")
    assert "statement-missed" not in original.state.fired
    assert whatif.state.fired["statement-missed"] == 7.5 * 3600   # the statement fell due at 14:30
    assert [d.inject for d in whatif.state.inbox["education"]].count("statement-missed") == 1
    assert "statement-missed" not in [d.inject for d in whatif.state.inbox["propaganda"]]
    outcome = compare(original.state, whatif.state, "education", "statement")
    assert outcome.score == (pytest.approx(outcome.score[0]), 0.0) and outcome.score[0] > 50
    assert {c.inject: c.kind for c in outcome.injects}["statement-missed"] == "fired"
    assert result.kind == "dropped" and result.reviews_left_out == 1   # 与宣传部同一版本


def test_a_whatif_of_a_whatif_adds_the_submission_back_at_its_due_time(tmp_path, played_well):
    run_whatif(played_well, Change("education", "statement", drop=True), tmp_path / "dropped.drill")
    result = run_whatif(tmp_path / "dropped.drill", Change("education", "statement", "迟到的通稿"), tmp_path / "added.drill")
    assert result.kind == "added" and result.at == 7.5 * 3600
    work = open_session(tmp_path / "added.drill").state.work[("education", "statement")]
    assert work.submitted_at == 7.5 * 3600 and work.draft == "迟到的通稿" and work.status == "on-time"
    later = run_whatif(tmp_path / "dropped.drill", Change("education", "statement", "迟到的通稿", at=8 * 3600), tmp_path / "later.drill")
    assert later.at == 8 * 3600 and open_session(tmp_path / "later.drill").state.work[("education", "statement")].status == "late"


def test_a_change_that_cannot_be_made_is_refused_and_leaves_no_file(tmp_path, stonewalled):
    with pytest.raises(Refused) as refused:
        run_whatif(stonewalled, Change("market", "statement", "x"), tmp_path / "x.drill")
    assert refused.value.key == "whatif-not-owed"
    with pytest.raises(Refused) as refused:
        run_whatif(stonewalled, Change("propaganda", "statement", "x", at=60), tmp_path / "x.drill")
    assert refused.value.key == "not-open"   # the statement task opens at 12:00
    assert not (tmp_path / "x.drill").exists() and not list(tmp_path.glob("x.drill*"))


def drill(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "drill", *args], capture_output=True, text=True, encoding="utf-8")


def test_drill_whatif_prints_what_changed(tmp_path, stonewalled):
    text = tmp_path / "statement.txt"
    text.write_text(response("good", "propaganda", "statement")["text"], encoding="utf-8")
    result = drill("whatif", str(stonewalled), "--team", "propaganda", "--task", "statement", "--text", str(text),
                   "--out", str(tmp_path / "w.drill"), "--lang", "en")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("What if 市委宣传部（市委网信办） had submitted other words for 形成通稿：联合工作组情况通报 (at 14:00):")
    assert "* public heat: peak" in out and "* total of 市委宣传部（市委网信办）" in out
    assert "  − 二次舆情：#江川三小通报#冲上热搜，网友“逐句挑错”: no longer fires (fired at 14:30)" in out
    assert f"written: {tmp_path / 'w.drill'}" in result.stderr
    events = [json.loads(line) for line in drill("log", str(tmp_path / "w.drill"), "--json").stdout.splitlines()]
    assert "second-wave" not in {e.get("inject") for e in events}


def test_drill_whatif_says_what_is_wrong(tmp_path, stonewalled):
    both = drill("whatif", str(stonewalled), "--team", "propaganda", "--task", "statement", "--drop", "--text", "x", "--out", str(tmp_path / "w.drill"))
    assert both.returncode == 2 and "not both" in both.stderr
    nothing = drill("whatif", str(stonewalled), "--team", "police", "--task", "statement", "--drop", "--out", str(tmp_path / "w.drill"))
    assert nothing.returncode == 1 and "does not owe" in nothing.stderr and "Traceback" not in nothing.stderr
    same = drill("whatif", str(stonewalled), "--team", "police", "--task", "plan", "--drop", "--out", str(stonewalled))
    assert same.returncode == 1 and "never changed" in same.stderr
    missing = drill("whatif", str(tmp_path / "none.drill"), "--team", "a", "--task", "b", "--drop", "--out", str(tmp_path / "w.drill"))
    assert missing.returncode == 1 and "no such session file" in missing.stderr
    assert not (tmp_path / "w.drill").exists()


def test_the_report_shows_the_whatifs_kept(tmp_path, stonewalled):
    text = tmp_path / "statement.txt"
    text.write_text(response("good", "propaganda", "statement")["text"], encoding="utf-8")
    for name, extra in (("good.drill", ["--text", str(text)]), ("dropped.drill", ["--drop"])):
        made = drill("whatif", str(stonewalled), "--team", "propaganda", "--task", "statement", *extra, "--out", str(tmp_path / name))
        assert made.returncode == 0, made.stderr
    result = drill("report", str(stonewalled), "--out", str(tmp_path / "report"), "--no-pdf",
                   "--whatif", str(tmp_path / "good.drill"), "--whatif", str(tmp_path / "dropped.drill"))
    assert result.returncode == 0, result.stderr
    md = (tmp_path / "report" / "report.md").read_text(encoding="utf-8")
    html = (tmp_path / "report" / "report.html").read_text(encoding="utf-8")
    assert "## 推演：假如……" in md
    assert "### 假如市委宣传部（市委网信办）的“形成通稿：联合工作组情况通报”换一种写法" in md
    assert "### 假如市委宣传部（市委网信办）没有提交“形成通稿：联合工作组情况通报”" in md
    peak = re.search(r"\| 舆情热度：峰值 \| 100 \| \*\*(\d+)\*\* \|", md)
    assert peak and int(peak.group(1)) < 100  # the better statement keeps the heat below the stonewalled run's peak
    assert "- 二次舆情：\\#江川三小通报\\#冲上热搜，网友“逐句挑错”：不再放出（原于 14:30 放出）" in md
    assert html.count('<article class="whatif">') == 2 and html.count('class="chart" src="data:image/svg+xml') >= 3
    plain = drill("report", str(stonewalled), "--out", str(tmp_path / "plain"), "--no-pdf")
    assert "推演" not in (tmp_path / "plain" / "report.md").read_text(encoding="utf-8")
    wrong = drill("report", str(stonewalled), "--out", str(tmp_path / "x"), "--no-pdf", "--whatif", str(stonewalled))
    assert wrong.returncode == 1 and "not a what-if" in wrong.stderr and plain.returncode == 0


def test_time_above_follows_the_decay_between_recorded_values():
    from drill.engine.heat import time_above, value_at
    from drill.formats.scenario import HeatModel

    model = HeatModel(start=0, half_life="1h")
    history = [(0.0, 80.0), (7200.0, 90.0)]
    # 80 halves to 60 after log2(80/60) hours; then 90 at 2h, until the end at 3h: log2(90/60) h more
    assert time_above(history, 60, 3 * 3600, model) == pytest.approx(3600 * (math.log2(80 / 60) + math.log2(90 / 60)))
    assert time_above(history, 60, 3 * 3600, None) == 3 * 3600          # no decay: steps
    assert time_above(history, 95, 3 * 3600, model) == 0
    assert value_at(history, 3600, model) == 40.0 and value_at(history, 3600, None) == 80.0


def test_fields_named_change_and_the_others_keep_the_original_answers(tmp_path, stonewalled):
    original = open_session(stonewalled).state.work[("school", "assess")]
    run_whatif(stonewalled, Change("school", "assess", original.draft, {"grade": "重大或较大"}), tmp_path / "graded.drill")
    work = open_session(tmp_path / "graded.drill").state.work[("school", "assess")]
    assert work.fields == {**original.fields, "grade": "重大或较大"} and original.fields["grade"] == "一般"
    with pytest.raises(Refused) as refused:
        run_whatif(stonewalled, Change("school", "assess", "x", {"nope": "1"}), tmp_path / "nope.drill")
    assert refused.value.key == "no-field" and not (tmp_path / "nope.drill").exists()


def test_drill_debrief_says_what_is_wrong(tmp_path, stonewalled, data_dir):
    missing = drill("debrief", str(tmp_path / "none.drill"))
    assert missing.returncode == 1 and "no such session file" in missing.stderr
    loader = Loader()
    exercise = loader.load_exercise(data_dir / "mini.yaml")
    simulate(exercise, loader.load_responses(data_dir / "mini-responses.yaml", exercise), tmp_path / "mini.drill").sink.close()
    other = drill("debrief", str(stonewalled), "--whatif", str(tmp_path / "mini.drill"))
    assert other.returncode == 1 and "a what-if of another drill (mini)" in other.stderr and "Traceback" not in other.stderr


def test_experts_words_observations_and_plan_rows_are_replayed_by_name(tmp_path, stonewalled):
    """What the invited experts recorded goes back in with their names: a what-if that
    changes nothing else keeps every review, observation and plan row as it was."""
    import shutil

    copy = tmp_path / "reviewed.drill"
    shutil.copy(stonewalled, copy)
    session = open_session(copy)
    session.review("education", "statement", "expert", 3, "口径统一", by="李教授")
    session.review("education", "statement", "expert", 1, "Too slow", by="Dr. Tran")
    session.observe("propaganda", "improvement", "定性过早", task="statement", by="李教授")
    session.plan_item("education", task="statement", by="Dr. Tran", action="预置通稿模板", element="planning", start="2026-06-01")
    session.sink.close()
    same = response("bad", "school", "assess")
    run_whatif(copy, Change("school", "assess", same["text"]), tmp_path / "same.drill")
    lines = [[e.to_json() for e in EventLog(path).events()] for path in (copy, tmp_path / "same.drill")]
    assert lines[0] == lines[1]
    replayed = open_session(tmp_path / "same.drill").state
    assert [o["by"] for o in replayed.observations] == ["李教授"] and replayed.plan[0]["action"] == "预置通稿模板"


def ended_at_two(folder: Path) -> Path:
    """The bundled drill ended by the facilitator at 14:00, seven hours into its fifteen,
    after 市委宣传部 assessed the incident."""
    from drill.engine import Clock
    from drill.sessions import create

    exercise = Loader().load_exercise(scenario_path("school-food-rumour"))
    real = [0.0]
    session = create(exercise, folder / "ended.drill", Clock(exercise.scenario.clock.speed, real=lambda: real[0]))
    session.start()
    real[0] = 45 * 60 / session.clock.speed
    session.tick()
    session.submit("propaganda", "assess", response("good", "propaganda", "assess")["text"], {"grade": "重大或较大"})
    real[0] = 7 * 3600 / session.clock.speed
    session.tick()
    session.end()
    session.sink.close()
    return folder / "ended.drill"


def test_the_whatif_chart_ends_with_the_drill_draws_chinese_in_a_cjk_font_and_is_in_the_docx(tmp_path):
    """Its time axis stops when the drill did, not at the scenario's last hour; the fonts the
    chart was laid out with draw its PNG too (no box for a Chinese label); report.docx has the section."""
    import io
    import warnings

    from matplotlib import rc_context

    from drill.i18n import Catalog
    from drill.report import fonts
    from drill.report.content import build

    try:
        fonts.check("实际推演", "chart")
    except fonts.FontMissing:
        pytest.skip("no CJK font on this machine: install fonts-noto-cjk")
    ended = ended_at_two(tmp_path)
    result = run_whatif(ended, Change("propaganda", "assess", drop=True), tmp_path / "dropped.drill")
    original = open_session(ended)
    context = build(original, Catalog("zh-CN"), ((result.session, recorded_change(EventLog(tmp_path / "dropped.drill"))),))
    chart = context["whatifs"][0]["chart"]
    assert original.state.now == 7 * 3600 < original.scenario.clock.duration
    assert chart.figure.axes[0].get_xlim()[1] == 7 * 3600
    assert any(family != "DejaVu Sans" for family in chart.style["font.family"])
    with rc_context(chart.style), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        chart.figure.savefig(io.BytesIO(), format="png", dpi=40)
    assert not [w for w in caught if "missing from font" in str(w.message)]
    pytest.importorskip("docx")
    made = drill("report", str(ended), "--out", str(tmp_path / "report"), "--format", "docx", "--whatif", str(tmp_path / "dropped.drill"))
    assert made.returncode == 0, made.stderr
    import docx

    document = docx.Document(str(tmp_path / "report" / "report.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "推演：假如……" in headings and "假如市委宣传部（市委网信办）没有提交“舆情研判与定级”" in headings
    whatif_table = next(table for table in document.tables if table.rows[0].cells[1].text == "实际")
    assert [cell.text for cell in whatif_table.rows[0].cells] == ["", "实际", "推演"]
    assert len(document.inline_shapes) >= 3   # the heat chart, the comparison and the what-if
