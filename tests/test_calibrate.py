"""`drill calibrate`: graded examples and reviewed sessions measured against the scorer."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from drill.calibrate import Pair, _handed_in, agreement, calibrate
from drill.cli import cli
from drill.formats import FormatError, Loader, validate_paths
from drill.formats.graded import Example
from drill.formats.library import scenario_path
from drill.formats.rubric import DEFAULT_SCALE
from drill.scoring import Submission, automatic_score

ROOT = Path(__file__).parent.parent
BUNDLED = sorted(p for p in (ROOT / "graded").glob("*.yaml") if not re.search(r"-(internal|drafts\d*)$", p.stem))
DRAFTS = sorted((ROOT / "graded").glob("*-drafts*.yaml"))
INTERNAL = sorted((ROOT / "graded").glob("*-internal.yaml"))
HELDOUT = sorted((ROOT / "tests" / "data" / "graded" / "heldout").glob("*.yaml"))
UNSEEN = sorted((ROOT / "tests" / "data" / "graded" / "unseen").glob("*.yaml"))
PUBLIC = {"school-food-rumour": ("statement", "follow-up"), "district-hot-spot": ("statement", "reply-parents")}
OTHERS = {"school-food-rumour": ("assess", "flash-report", "plan"), "district-hot-spot": ("assess", "survey", "plan")}

STATEMENT_ZH = (
    "经联合工作组核查，照片中的2袋发霉大米已登记封存、等待退货，未进入加工环节，从未供学生食用。"
    "市场监管局快检显示在用大米和留样均合格，黄曲霉毒素B1未检出；没有学生因食物中毒住院。"
    "网传视频系营销号拼接2021年外省旧视频，与三小无关。全项检测报告将于4月19日公布，咨询电话0871-XXXXXXX。"
)
REPLY_VI = (
    "Thưa các anh chị phụ huynh, bảng kê gần 8 triệu đồng là bản dự thảo của Ban đại diện lớp 3A, chưa được nhà trường duyệt. "
    "Khoản điều hòa đã dừng thu và sẽ được hoàn trả đủ trước ngày 20/9. Không có học sinh nào bị xếp ngồi cuối lớp."
)


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def write(tmp_path: Path, name: str, document: dict | str) -> Path:
    path = tmp_path / name
    text = document if isinstance(document, str) else yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def graded(scenario: str, *examples: dict) -> dict:
    return {"format": "drill/graded@1", "scenario": scenario, "examples": list(examples)}


def example(id: str, score: float, text: str, task: str = "statement", at: str | None = "6h30m", **more) -> dict:
    found = {"id": id, "task": task, "score": score, "text": text, **more}
    if at is not None:
        found["at"] = at
    return found


# ----- the statistics, checked by hand -------------------------------------------------------


def test_agreement_figures_match_a_hand_computation():
    # expert ranks 1 2 3 4, automatic ranks 2 1 3 4: d^2 = 2, rho = 1 - 6*2/(4*15) = 0.8;
    # of 6 pairs 5 concordant, 1 discordant: tau = 4/6; |differences| 20 20 10 5 -> 13.75.
    scores = [("a", 10, 30), ("b", 40, 20), ("c", 70, 60), ("d", 90, 95)]
    pairs = [Pair(name, "team", "task", expert, auto, DEFAULT_SCALE, ()) for name, expert, auto in scores]
    found = agreement(pairs)
    assert found.spearman == pytest.approx(0.8)
    assert found.kendall == pytest.approx(4 / 6)
    assert found.mean_abs == pytest.approx(13.75)
    # bands (P >= 85, S >= 65, M >= 40): expert U M S P, automatic U U M P
    assert found.same_band == 2
    assert found.confusion == {("U", "U"): 1, ("M", "U"): 1, ("S", "M"): 1, ("P", "P"): 1}
    assert [p.id for p in found.worst] == ["a", "b", "c", "d"]
    assert found.bands == ("P", "S", "M", "U")


def test_no_spread_gives_no_correlation_rather_than_a_number():
    pairs = [Pair(str(n), "team", "task", 50, 40 + n, DEFAULT_SCALE, ()) for n in range(3)]
    found = agreement(pairs)
    assert found.spearman is None and found.kendall is None and found.mean_abs == pytest.approx(9)


# ----- graded files ------------------------------------------------------------------------


def test_an_example_scores_what_the_engine_gives_it(tmp_path):
    path = write(tmp_path, "g.yaml", graded("school-food-rumour", example("good", 90, STATEMENT_ZH), example("bad", 5, "纯属谣言，不信谣不传谣。")))
    found = calibrate(path, Loader())
    exercise = Loader().load_exercise(scenario_path("school-food-rumour"))
    due = 5 * 3600 + 150 * 60
    expected = automatic_score(exercise, Submission("propaganda", "statement", 6.5 * 3600, STATEMENT_ZH, {}), due)
    good = next(p for p in found.overall.pairs if p.id == "good")
    assert good.team == "propaganda" and good.auto == pytest.approx(expected)
    assert all(c.kind != "manual" for c in good.criteria) and any("封存" in c.evidence for c in good.criteria)
    assert found.tasks["statement"].spearman == pytest.approx(1.0)


def test_an_example_without_a_time_is_handed_in_shortly_before_the_deadline():
    exercise = Loader().load_exercise(scenario_path("school-food-rumour"))
    at, due = _handed_in(exercise, Example(id="x", task="statement", score=50, text="text"), "education")
    assert (at, due) == (7 * 3600 + 20 * 60, 7.5 * 3600)
    # follow-up opens when the monitoring inject fires (9h) and is due 2h later
    at, due = _handed_in(exercise, Example(id="y", task="follow-up", score=50, text="text"), "market")
    assert (at, due) == (10 * 3600 + 50 * 60, 11 * 3600)


def test_cli_end_to_end_in_vietnamese_with_json(tmp_path):
    path = write(tmp_path, "vi.yaml", graded(
        "district-hot-spot",
        example("tot", 85, REPLY_VI, task="reply-parents", at="3h20m", kind="tốt"),
        example("ne-tranh", 5, "Nhà trường không trả lời. Đề nghị phụ huynh giải tán.", task="reply-parents", at="3h20m", kind="né tránh"),
        example("ngan", 20, "Tiền sẽ được trả lại.", task="reply-parents", team="ward", at="3h20m"),
    ))
    result = subprocess.run([sys.executable, "-m", "drill", "calibrate", str(path), "--json"], capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)["files"][0]
    assert document["scenario"] == "district-hot-spot" and document["source"] == "graded"
    figures = document["tasks"]["reply-parents"]
    assert figures["n"] == 3 and sum(sum(row.values()) for row in figures["confusion"].values()) == 3
    assert {p["team"] for p in document["pairs"]} == {"school", "ward"}
    good = next(p for p in document["pairs"] if p["id"] == "tot")
    assert good["at"] == 3 * 3600 + 20 * 60
    assert document["kinds"]["né tránh"]["n"] == 1 and document["kinds"]["tốt"]["expert"] == 85
    assert good["kind"] == "tốt" and any("dự thảo" in c["evidence"] for c in good["criteria"])
    text = run("calibrate", str(path), "--lang", "vi")
    assert text.exit_code == 0
    assert "Spearman" in text.output and "cùng mức" in text.output and "ne-tranh (né tránh)" in text.output
    assert "Theo loại bài" in text.output


def test_task_filter_and_an_unknown_task(tmp_path):
    path = write(tmp_path, "g.yaml", graded(
        "school-food-rumour", example("s", 80, STATEMENT_ZH), example("f", 10, "以通报为准。", task="follow-up", at="10h"),
    ))
    result = run("calibrate", str(path), "--task", "follow-up", "--json")
    assert result.exit_code == 0
    document = json.loads(result.output)["files"][0]
    assert list(document["tasks"]) == ["follow-up"] and [p["id"] for p in document["pairs"]] == ["f"]
    result = run("calibrate", str(path), "--task", "nothing")
    assert result.exit_code == 1 and "no task nothing" in result.output


# ----- bad files ---------------------------------------------------------------------------


def problems_of(tmp_path: Path, text: str) -> tuple[int, str]:
    path = write(tmp_path, "bad.yaml", text)
    result = run("calibrate", str(path))
    return result.exit_code, result.output


def test_bad_examples_are_named_by_file_line_and_column(tmp_path):
    code, output = problems_of(tmp_path, (
        "format: drill/graded@1\n"
        "scenario: school-food-rumour\n"
        "examples:\n"
        "  - {id: a, task: statement, score: 120, text: 太高}\n"
        "  - {id: b, task: statment, score: 50, text: 任务名错了}\n"
        "  - {id: c, task: statement, team: police, score: 50, text: 不负责这个任务}\n"
        "  - {id: d, task: statement, team: nobody, score: .nan, text: 非数字}\n"
    ))
    assert code == 1
    assert "bad.yaml:4:37: error: score: Input should be less than or equal to 100" in output
    assert "bad.yaml:7:" in output and "finite" in output
    code, output = problems_of(tmp_path, (
        "format: drill/graded@1\n"
        "scenario: school-food-rumour\n"
        "examples:\n"
        "  - {id: b, task: statment, score: 50, text: 任务名错了}\n"
        "  - {id: c, task: statement, team: police, score: 50, text: 不负责这个任务}\n"
        "  - {id: c, task: statement, team: nobody, score: 50, text: 重复}\n"
        "  - {id: e, task: statement, score: 50, at: 20h, text: 演练已结束}\n"
    ))
    assert code == 1
    assert "bad.yaml:4:19: error: unknown task 'statment'" in output
    assert "bad.yaml:5:36: error: team 'police' does not owe task 'statement'" in output
    assert "bad.yaml:6:10: error: example id 'c' is used twice" in output
    assert "bad.yaml:6:36: error: unknown team 'nobody'" in output
    assert "bad.yaml:7:45: error: at 20h is after the drill ends at 15h" in output
    assert "Traceback" not in output


def test_an_example_its_task_cannot_take_then_is_an_error_at_its_time(tmp_path):
    code, output = problems_of(tmp_path, (
        "format: drill/graded@1\n"
        "scenario: school-food-rumour\n"
        "examples:\n"
        "  - id: early\n"
        "    task: statement\n"
        "    at: 1h\n"
        "    score: 50\n"
        "    text: 通稿还没开始\n"
    ))
    assert code == 1 and "bad.yaml:6:9: error: example 'early' cannot be handed in" in output


def test_unreadable_broken_and_missing_scenario(tmp_path):
    result = run("calibrate", str(tmp_path / "missing.yaml"))
    assert result.exit_code == 2 and "cannot read the file" in result.output
    code, output = problems_of(tmp_path, "format: drill/graded@1\nscenario: [unclosed\n")
    assert code == 1 and "bad.yaml:" in output and "Traceback" not in output
    other = tmp_path / "other.db"
    connection = sqlite3.connect(other)
    connection.execute("create table x(a)")
    connection.commit()
    connection.close()
    result = run("calibrate", str(other))
    assert result.exit_code == 1 and "not a drill session file" in result.output
    code, output = problems_of(tmp_path, "format: drill/graded@1\nscenario: no-such-drill\nexamples:\n  - {id: a, task: t, score: 1, text: x}\n")
    assert code == 1 and "bad.yaml:2:11: error: scenario 'no-such-drill' cannot be read" in output


def test_validate_accepts_graded_files_and_checks_them(tmp_path):
    good = write(tmp_path, "good.yaml", graded("school-food-rumour", example("a", 50, "文本")))
    bad = write(tmp_path, "bad.yaml", graded("school-food-rumour", example("a", 50, "文本", task="nothing")))
    problems, unreadable = validate_paths([good, bad])
    assert not unreadable and [(p.path, p.position.line, p.message.split(" (")[0]) for p in problems] == [(str(bad), 5, "unknown task 'nothing'")]


# ----- session files -----------------------------------------------------------------------


def test_a_session_pairs_each_reviewed_submission(tmp_path):
    responses = write(tmp_path, "responses.yaml", {
        "format": "drill/responses@1",
        "scenario": "school-food-rumour",
        "responses": [
            {"team": "propaganda", "task": "statement", "at": "6h", "text": STATEMENT_ZH},
            {"team": "education", "task": "statement", "at": "6h", "text": "纯属谣言，请勿传播。"},
        ],
        "reviews": [
            {"team": "propaganda", "task": "statement", "criterion": "facts", "score": 0.5, "note": "事实只说了一半", "by": "王专家"},
            {"team": "propaganda", "task": "statement", "criterion": "empathy", "score": 1, "by": "王专家"},
        ],
    })
    session = tmp_path / "s.drill"
    result = run("simulate", "school-food-rumour", "--responses", str(responses), "--session", str(session))
    assert result.exit_code == 0, result.output
    scores = json.loads(run("score", str(session), "--json").output)
    reviewed = next(t for team in scores["teams"] if team["team"] == "propaganda" for t in team["tasks"] if t["task"] == "statement")
    result = run("calibrate", str(session), "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)["files"][0]
    assert document["source"] == "session"
    [pair] = document["pairs"]
    assert (pair["id"], pair["expert"]) == ("propaganda/statement", reviewed["score"])
    exercise = Loader().load_exercise(scenario_path("school-food-rumour"))
    auto = automatic_score(exercise, Submission("propaganda", "statement", 6 * 3600, STATEMENT_ZH, {}), 7.5 * 3600)
    assert pair["auto"] == round(auto, 1) and pair["auto"] != pair["expert"]
    assert "事实只说了一半" in pair["note"]


def test_a_session_nobody_reviewed_says_so(tmp_path):
    responses = write(tmp_path, "responses.yaml", {
        "format": "drill/responses@1", "scenario": "school-food-rumour",
        "responses": [{"team": "propaganda", "task": "statement", "at": "6h", "text": STATEMENT_ZH}],
    })
    session = tmp_path / "s.drill"
    assert run("simulate", "school-food-rumour", "--responses", str(responses), "--session", str(session)).exit_code == 0
    result = run("calibrate", str(session), "--lang", "en")
    assert result.exit_code == 0 and "no submission in this session was reviewed by an expert" in result.output


# ----- the shipped sets --------------------------------------------------------------------


@pytest.mark.parametrize("path", BUNDLED + HELDOUT + INTERNAL + UNSEEN + DRAFTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_graded_sets_are_valid_and_cover_their_tasks(path):
    problems, unreadable = validate_paths([path])
    assert not problems and not unreadable
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    drill_id = document["scenario"].removesuffix("-en")
    least = 12 if path in BUNDLED else 16 if path in UNSEEN else 8 if path in DRAFTS + INTERNAL else 4
    tasks = {task: least for task in (OTHERS if path in INTERNAL else PUBLIC)[drill_id]}
    if path in UNSEEN:  # the kept-aside set: 4 per band per public task, 2 per band per internal one
        tasks |= {task: 8 for task in OTHERS[drill_id]}
    for task, least in tasks.items():
        kinds = [e["kind"] for e in document["examples"] if e["task"] == task]
        assert len(kinds) >= least, (path, task)
        assert {"warm-but-unverified", "hedged-facts", "keyword-stuffing"} <= set(kinds) or path not in BUNDLED
        scores = [e["score"] for e in document["examples"] if e["task"] == task]
        assert max(scores) >= 85 and min(scores) < 40, "from excellent to terrible"


@pytest.mark.parametrize("path", BUNDLED + INTERNAL, ids=lambda p: p.name)
def test_the_scorer_agrees_with_the_expert_on_the_bundled_sets(path):
    """Issue 20's bar on the project's own sets, per task, public and internal: rank correlation,
    closeness and bands; and every text that contradicts the facts, stonewalls or blames the public
    fails (U)."""
    found = calibrate(path, Loader())
    for task, figures in found.tasks.items():
        assert figures.spearman >= 0.9, (task, figures.spearman)
        assert figures.mean_abs <= 12, (task, figures.mean_abs)
        assert figures.same_band * 4 >= 3 * len(figures.pairs), (task, figures.same_band)
    red = [p for p in found.overall.pairs if p.kind in ("contradicting", "stonewalling", "blaming")]
    assert red or path in INTERNAL  # the internal sets' failing kinds are held by the test below
    assert all(p.auto_band == "U" for p in red), [(p.id, p.auto) for p in red if p.auto_band != "U"]


@pytest.mark.parametrize("path", INTERNAL, ids=lambda p: p.name)
def test_internal_texts_that_block_pad_or_stuff_fail(path):
    """An assessment or plan that advises silence and deleting posts, a page of slogans or a heap
    of keywords fails (U) however many of the rubric's words it holds, in every language."""
    found = calibrate(path, Loader())
    red = [p for p in found.overall.pairs if p.kind in ("blocking", "slogans", "keyword-stuffing", "hiding")]
    assert len(red) >= 6 and all(p.auto_band == "U" for p in red), [(p.id, p.auto) for p in red if p.auto_band != "U"]


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: p.name)
def test_the_scorer_ranks_realistic_drafts_as_the_expert_does(path):
    """The drafts (mixed texts: a solid statement with one false fact, one label of the public, one
    decision nobody made) hold the scorer to its ranking, below the bar of the bundled sets (their
    figures, and where they fall short, are in docs/benchmarks.md): a guard against going back."""
    found = calibrate(path, Loader())
    public = PUBLIC[found.scenario.removesuffix("-en")]  # a set's internal tasks have 4 texts each: too few to rank
    for task, figures in found.tasks.items():
        if task in public:
            assert figures.spearman >= 0.75, (task, figures.spearman)
            assert figures.mean_abs <= 18, (task, figures.mean_abs)


def test_a_bundled_set_is_found_by_name():
    result = run("calibrate", "school-food-rumour-zh", "--task", "statement", "--json")
    assert result.exit_code == 0
    assert json.loads(result.output)["files"][0]["tasks"]["statement"]["n"] >= 12


def test_a_trainers_own_scenario_next_to_the_file(data_dir):
    """`scenario:` a path relative to the graded file; the default time is 10 minutes
    before the deadline; a task that only a facilitator's inject opens needs an `at`."""
    path = write(data_dir, "graded.yaml", graded(
        "mini.yaml",
        example("good", 90, "The batch was sealed and never served.", at=None),
        example("bad", 10, "It was served to pupils, sorry.", at=None),
    ))
    found = calibrate(path, Loader())
    good, bad = found.overall.pairs
    assert good.team == "press" and good.auto > bad.auto
    assert any(c.kind == "facts" and c.points == c.max for c in good.criteria)
    path = write(data_dir, "waiting.yaml", graded("mini.yaml", example("call", 50, "No.", task="answer", at=None)))
    with pytest.raises(FormatError) as raised:
        calibrate(path, Loader())
    assert str(raised.value).startswith(f"{path}:4:3: error: example 'call' cannot be handed in: task 'answer' does not open for team 'press' on its own")


def test_an_assessment_example_carries_its_form_fields(tmp_path):
    text = "首发来源为微博用户“小雨妈妈”，经家长微信群和短视频扩散，定为重大或较大舆情，由市教育局牵头。"
    good = example("grade", 70, text, task="assess", at="1h", fields={"grade": "重大或较大", "lead": "市教育局"})
    path = write(tmp_path, "assess.yaml", graded("school-food-rumour", good))
    [pair] = calibrate(path, Loader()).overall.pairs
    assert pair.team == "propaganda"
    wrong = example("wrong", 20, text, task="assess", at="1h", fields={"grade": "特别特别重大", "leader": "x"})
    code, output = problems_of(tmp_path, yaml.safe_dump(graded("school-food-rumour", wrong), allow_unicode=True))
    assert code == 1
    assert "is not one of the choices ['特别重大', '重大或较大', '一般']" in output and "task 'assess' has no field 'leader'" in output


def test_a_rubric_in_a_rubrics_folder_is_the_one_measured(tmp_path):
    """`--rubrics` puts a trainer's rubric of the same id before the bundled one, so a
    rubric can be tried against the graded sets before it replaces the bundled one."""
    mine = tmp_path / "mine"
    mine.mkdir()
    write(mine, "school-food-rumour-statement-zh.yaml", (
        "format: drill/rubric@1\nid: school-food-rumour-statement-zh\ntitle: 只看是否按时\n"
        "criteria:\n  - id: on-time\n    title: 按时\n    check: {on_time: {grace: 1h}}\n"
    ))
    result = run("calibrate", "school-food-rumour-zh", "--task", "statement", "--rubrics", str(mine), "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)["files"][0]
    # every example is on time; one that says nothing of substance earns nothing for it (issue 20)
    autos = {p["id"]: p["auto"] for p in document["pairs"]}
    assert set(autos.values()) == {0.0, 100.0} and autos["st-excellent"] == 100.0 and autos["st-slogans"] == 0.0
