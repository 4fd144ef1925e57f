"""The bundled drill, its rubrics and its scripted rehearsals: they validate, and a
good and a bad rehearsal play two different, reproducible games."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from drill.formats import Loader, validate_paths
from drill.formats.library import bundled, bundled_scenarios, scenario_path
from drill.scoring import check_text, score_session
from drill.simulate import simulate
from drill.store import EventLog

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "docs" / "examples"
GOOD = EXAMPLES / "school-food-rumour-good.yaml"
BAD = EXAMPLES / "school-food-rumour-bad.yaml"
HEAT_DRIVEN = "provincial-repost"


def library_rubrics() -> list[Path]:
    """The generic rubrics: every bundled rubric that does not belong to a bundled scenario."""
    owned = tuple(f"{scenario}-" for scenario in bundled_scenarios())
    return [path for path in sorted(bundled("scoring").glob("*.yaml")) if not path.stem.startswith(owned)]


def run(path: Path, name: str, responses: Path):
    exercise = Loader().load_exercise(scenario_path("school-food-rumour"))
    script = Loader().load_responses(responses, exercise)
    session = simulate(exercise, script, path / name)
    lines = [event.to_json() for event in EventLog(path / name).events()]
    return session, lines


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rehearsals")
    good, good_log = run(folder, "good.drill", GOOD)
    bad, bad_log = run(folder, "bad.drill", BAD)
    return {"good": (good, good_log), "bad": (bad, bad_log)}


# ----- (a) everything bundled validates -------------------------------------------------


def test_bundled_scenarios_rubrics_and_examples_validate():
    files = (
        sorted(bundled("scenarios").glob("*.yaml"))
        + sorted(bundled("scoring").glob("*.yaml"))
        + sorted(EXAMPLES.glob("*.yaml"))
    )
    assert GOOD in files and BAD in files
    problems, unreadable = validate_paths(files)
    assert not unreadable
    assert [str(p) for p in problems] == []
    for path in files:
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema="), path


def test_library_rubrics_are_generic_and_fit_a_scenario_without_facts(tmp_path):
    rubrics = library_rubrics()
    assert {p.stem for p in rubrics} >= {"statement", "statement-zh", "reply", "reply-zh", "report", "plan", "assessment"}
    for path in rubrics:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["id"] == path.stem
        kinds = {key for c in data["criteria"] if "check" in c for key in c["check"]}
        assert "facts" not in kinds, f"{path.name} checks facts: move them to a scenario's own rubric"
        assert "no_false_claims" in kinds, path.name
        # labelling or threatening the public fails any text, internal ones too (issue 20's standard)
        assert any("no_blame" in c.get("check", {}) and c.get("cap", 100) < 40 for c in data["criteria"]), path.name
        if path.stem.split("-")[0] in ("assessment", "plan"):  # advising silence fails them too
            assert any(c["id"] == "no-silence" and c.get("cap", 100) < 40 for c in data["criteria"]), path.name
        # a falsehood fails any text, internal ones too; an assessment or an opinion survey weighs the
        # rumours and beliefs it quotes, so it reads them as retold more loosely
        assert any("no_false_claims" in c.get("check", {}) and c.get("cap", 100) < 40 for c in data["criteria"]), path.name
        weighs = path.stem.split("-")[0] in ("assessment", "opinion")
        assert any(c.get("check", {}).get("no_false_claims") == ("retold" if weighs else True) for c in data["criteria"]), path.name
    # A trainer's new scenario, with no facts at all, can use every library rubric by id.
    tasks = "".join(
        textwrap.dedent(f"""\
          - id: task-{n}
            kind: report
            title: T
            prompt: P
            due: 1h
            fields: [{{id: grade, label: Grade, answer: major}}]
            rubric: {path.stem}
        """)
        for n, path in enumerate(rubrics)
    )
    scenario = textwrap.dedent("""\
        format: drill/scenario@1
        id: new-drill
        title: A trainer's new drill
        summary: Nothing to do with school food.
        clock: {start: "2026-01-05T09:00:00+01:00", duration: 4h}
        teams: [{id: press, name: Press office}]
        injects: [{id: post, at: 0m, channel: social, title: A post, body: Something happened.}]
        tasks:
        """) + textwrap.indent(tasks, "  ")
    (tmp_path / "new-drill.yaml").write_text(scenario, encoding="utf-8")
    problems, unreadable = validate_paths([tmp_path / "new-drill.yaml"])
    assert not unreadable
    assert [str(p) for p in problems] == []


def _criterion(scenario_id: str, task_id: str, criterion_id: str, text: str, opened: bool = False, at: float | None = None) -> tuple[float, str]:
    """One criterion of a bundled drill's rubric on one text, handed in a minute before the task
    is due (counted from when it opens, with `opened`: the facts of the day are in by then)."""
    exercise = Loader().load_exercise(scenario_path(scenario_id))
    task = next(t for t in exercise.scenario.tasks if t.id == task_id)
    check = next(c for c in exercise.rubric_for(task_id).criteria if c.id == criterion_id).check
    due = (task.opens or 0) + task.due if opened else task.due
    return check_text(check, text, {}, exercise.scenario, task, due - 60 if at is None else at, due)


def _assert_passes(scenario_id: str, task_id: str, criterion_id: str, text: str, passes: bool) -> None:
    """A row of the tables of single criteria: the text, handed in once the day's facts are in (a
    follow-up 12 hours after the drill starts, any other task 6h30m after), earns something of the
    criterion or not."""
    at = 12 * 3600 if task_id == "follow-up" else 6.5 * 3600
    points, evidence = _criterion(scenario_id, task_id, criterion_id, text, opened=True, at=at)
    assert (points > 0) is passes, evidence


def _survey(scenario_id: str, criterion_id: str, text: str) -> tuple[float, str]:
    """One criterion of a district drill's survey rubric on a text that also states the draft list
    (a fact, so that checks of what the text leaves out have something to stand on)."""
    fact = " Bảng kê là bản dự thảo của Ban đại diện lớp 3A." if scenario_id == "district-hot-spot" else " The list is a draft by the class 3A committee."
    return _criterion(scenario_id, "survey", criterion_id, text + fact, opened=True)


def _task_score(scenario_id: str, task_id: str, text: str, at: float, due: float, fields: dict[str, str] | None = None,
                team: str | None = None):
    """A bundled drill's task scored whole (gates and all) for one text (and its form's `fields`)
    from `team` (by default the first team it is given to), handed in at `at` with the task due at `due`."""
    from drill.scoring.scorer import Submission, score_exercise

    exercise = Loader().load_exercise(scenario_path(scenario_id))
    definition = next(t for t in exercise.scenario.tasks if t.id == task_id)
    team = team or exercise.scenario.recipients(definition.teams)[0]
    scores = score_exercise(exercise, [Submission(team, task_id, at, text, fields or {})], [], {(team, task_id): due})
    return next(k for m in scores.teams if m.team == team for k in m.tasks if k.task == task_id)


@pytest.mark.parametrize(("scenario_id", "task", "text", "silent"), [
    ("school-food-rumour-en", "plan", "Keep the hotline staffed until it dies down. Ask the platform to delete the posts carrying "
     "the spliced video. Say nothing publicly about the pupils' names. The sealed sacks will be tested today.", False),
    ("school-food-rumour-en", "plan", "Say nothing publicly until it dies down. The sealed sacks will be tested today.", True),
    ("school-food-rumour", "plan", "切忌冷处理，要第一时间回应。在核实前不对外发布任何未经证实的数字。问题大米已登记封存，今天送检。", False),
    ("school-food-rumour", "plan", "暂不对外发布，冷处理。问题大米已登记封存，今天送检。", True),
    ("district-hot-spot", "plan", "Đề nghị nền tảng gỡ bài viết cắt ghép của trang Hóng Biến Hồng Hà. Bảng kê gần 8 triệu là bản dự thảo, nhà trường chưa duyệt.", False),
    ("district-hot-spot", "plan", "Không cần đưa thông tin ra ngoài, khóa bình luận. Bảng kê gần 8 triệu là bản dự thảo, nhà trường chưa duyệt.", True),
    # a gag on every unit, or taking down the genuine first post with the fakes, blocks instead of guiding
    ("district-hot-spot-en", "plan", "Until the inspection is concluded, no unit gives any information to the press or the public. "
     "The list is a draft by the class 3A committee.", True),
    ("district-hot-spot-en", "plan", "Ask the platforms to remove the original post and the videos about the case. "
     "The list is a draft by the class 3A committee.", True),
    ("district-hot-spot-en", "plan", "No official information to be released until the review of all 32 classes is finished. "
     "The list is a draft by the class 3A committee.", True),
    ("district-hot-spot-en", "plan", "Ask Zalo group administrators to remove posts and articles about the case. "
     "The list is a draft by the class 3A committee.", True),
    ("district-hot-spot-en", "plan", "No police comment on her in public; no deleting comments. "
     "The list is a draft by the class 3A committee.", False),
    ("district-hot-spot-en", "plan", "No information to be released until it has been checked by the spokesperson. Ask the "
     "editors not to publish the pupils' names or photos. The list is a draft by the class 3A committee.", False),
    ("district-hot-spot-en", "plan", "Ask the platforms to remove the spliced video; the original post stays up. "
     "The list is a draft by the class 3A committee.", False),
    ("school-food-rumour", "plan", "联系平台删除相关视频，连同原帖一并删除。问题大米已登记封存，今天送检。", True),
    # the gate shut on parents and their questions left unanswered, under cover of the one voice
    ("school-food-rumour-en", "plan", "The school will say nothing until the statement is published. The gatekeeper tells "
     "parents to go home and wait for the official notice; questions are ignored. The sealed sacks will be tested today.", True),
    ("school-food-rumour", "plan", "门卫让家长回家等通知，对家长提问一律不回复。问题大米已登记封存，今天送检。", True),
    # watching every post, the original one included, or a single spokesperson, is no gag
    ("district-hot-spot-en", "plan", "Keep watching every post, including the original post. The list is a draft by the class 3A "
     "committee.", False),
    ("school-food-rumour", "plan", "持续监测相关帖子（包括原帖）的转发，不删除原帖。问题大米已登记封存，今天送检。", False),
    # burying the complaints: comments off, negative posts removed or pushed down, "no further comment"
    ("district-hot-spot", "plan", "Các đơn vị trả lời báo chí: vụ việc đang được xem xét, không bình luận thêm; đề nghị quản trị nhóm tắt bình luận. "
     "Bảng kê gần 8 triệu là bản dự thảo, nhà trường chưa duyệt.", True),
    ("district-hot-spot-en", "plan", "Ask collaborators to post praise so as to push negative posts down. The list is a draft by the class 3A "
     "committee.", True),
    ("school-food-rumour", "plan", "请平台删除负面帖子。问题大米已登记封存，今天送检。", True),
    # an assessment that gags staff or locks the parents' group advises silence too
    ("district-hot-spot", "assess", "Nhà trường đã chỉ đạo giáo viên không trả lời phụ huynh và báo chí; cô chủ nhiệm tạm khóa nhóm "
     "Zalo lớp. Bảng kê là bản dự thảo của Ban đại diện lớp 3A.", True),
    ("district-hot-spot-en", "assess", "Staff are told not to answer parents; the class teacher will lock the class group. "
     "The list is a draft by the class 3A committee.", True),
    ("school-food-rumour", "assess", "通知各班主任不回应家长询问，关闭家长群。问题大米已登记封存。", True),
    ("district-hot-spot", "assess", "Giáo viên chủ nhiệm trả lời phụ huynh trong nhóm Zalo lớp theo nội dung đã thống nhất. "
     "Bảng kê là bản dự thảo của Ban đại diện lớp 3A.", False),
])
def test_the_silence_gate_fails_advice_to_keep_quiet_not_plans_that_mention_restraint(scenario_id, task, text, silent):
    points, evidence = _criterion(scenario_id, task, "no-silence", text)
    assert (points == 0.0) is silent, evidence


@pytest.mark.parametrize(("scenario_id", "text"), [
    ("school-food-rumour", "实验室全项检测报告出具后，我们将第一时间通过“江川发布”公布。"),
    ("school-food-rumour", "4月19日检测报告出具后再作通报。"),
    ("school-food-rumour-en", "We will post the lab report and any news on Jiangchuan Release."),
    ("school-food-rumour-en", "Next release: on Jiangchuan Release when the full laboratory report is out."),
    ("district-hot-spot", "Phòng GD&ĐT đang kiểm tra cả 32 lớp; có kết quả, nhà trường sẽ báo ngay tới các anh chị."),
])
def test_a_statement_says_when_more_comes_in_its_own_words(scenario_id, text):
    assert _next_update(scenario_id, text) == 1.0


@pytest.mark.parametrize(("scenario_id", "text"), [
    ("school-food-rumour", "我们未能及时通报，深表歉意。"),
    ("school-food-rumour", "有网民再次发布不实信息。学校第一时间通报了区教育局。"),
    ("school-food-rumour", "调查结果将适时通报。"),
    ("school-food-rumour-en", "The lab postponed the results. Online posts report that pupils fell ill."),
    ("school-food-rumour-en", "We will share your concerns with the supplier. Results will be released in due course."),
    ("district-hot-spot", "Nhà trường sẽ không trả lời báo chí và sẽ báo cáo Phòng GD&ĐT."),
    ("district-hot-spot", "Nhà trường tiếp tục thực hiện tốt công tác công khai, minh bạch."),  # a slogan, no next update
])
def test_a_past_vague_or_unrelated_phrase_is_no_next_update(scenario_id, text):
    assert _next_update(scenario_id, text) == 0.0


def _next_update(scenario_id: str, text: str) -> float:
    return _criterion(scenario_id, "statement", "next-update", text)[0]


@pytest.mark.parametrize(("text", "claims"), [
    ("Nhà trường đã yêu cầu Ban đại diện lớp 3A dừng thu. Bảng kê là bản dự thảo, chưa được nhà trường duyệt.", False),
    ("Nguyên tắc: khoản nào thu sai quy định phải dừng và hoàn trả. Bảng kê là bản dự thảo, chưa được nhà trường duyệt.", False),
    ("Khoản điều hòa đã dừng thu và đã hoàn trả xong. Bảng kê là bản dự thảo, chưa được nhà trường duyệt.", True),
])
def test_a_request_or_a_rule_before_the_audit_claims_no_refund(text, claims):
    """Before the audit reports (2h45m), "asked the class 3A committee to stop collecting" asks, and
    "whatever broke the rules must be stopped and refunded" states a rule; neither claims the refund."""
    points, evidence = _criterion("district-hot-spot", "reply-parents", "no-overclaims", text, at=2 * 3600 + 30 * 60)
    assert (points == 0.0) is claims, evidence


@pytest.mark.parametrize(("scenario_id", "text", "announces"), [
    ("district-hot-spot-en", "The committee head will be removed and the class teacher disciplined. The list is a draft.", True),
    ("district-hot-spot-en", "We propose that the district decide on discipline once the review is complete. The list is a draft.", False),
    ("district-hot-spot-en", "Publish who has been repaid once the refunds are made. The list is a draft.", False),
    ("school-food-rumour", "即日起暂停丰禾粮油向全市学校供货，当天验收员停职检查。问题大米已登记封存。", True),
    ("school-food-rumour", "建议市场监管局依调查结果决定是否暂停供货。问题大米已登记封存。", False),
    ("district-hot-spot", "Phường sẽ kỷ luật nghiêm hiệu trưởng và cô chủ nhiệm. Bảng kê là bản dự thảo.", True),
    ("district-hot-spot", "Đề nghị Phòng GD&ĐT xem xét kỷ luật sau khi có kết luận. Bảng kê là bản dự thảo.", False),
    # announced, whatever word stands somewhere before it
    ("district-hot-spot-en", "Families who paid have been refunded in full. The list is a draft.", True),
    ("school-food-rumour", "经研究决定即日起暂停丰禾粮油供货。问题大米已登记封存。", True),
    ("school-food-rumour", "我局已决定暂停丰禾粮油公司向全市学校供货，依法从重处罚。问题大米已登记封存。", True),
    # an order is a decision too
    ("school-food-rumour", "已责令丰禾粮油暂停供货。问题大米已登记封存。", True),
    ("district-hot-spot-en", "The school has been ordered to discipline the class teacher. The list is a draft.", True),
    # the case it waits for may follow the measure ("if" asks, as a hedge): a condition, not a decision
    ("school-food-rumour-en", "The regulator orders Fenghe to stop supplying all schools if the full report fails the batch. "
     "The sacks were sealed.", False),
    ("school-food-rumour-en", "The regulator orders Fenghe to stop supplying all schools today. The sacks were sealed.", True),
    # a suspension announced is a sanction nobody decided, not a falsehood about where she was this morning
    ("district-hot-spot-en", "Head teacher Nguyen Thi Hanh has been suspended from her duties. The list is a draft.", True),
    ("district-hot-spot", "Hiệu trưởng bị đình chỉ công tác từ hôm nay. Bảng kê là bản dự thảo.", True),
    # a measure said to be left open is not announced, up to an "and"
    ("school-food-rumour-en", "Open visits to the canteen at any time have not been decided. The sacks were sealed.", False),
    ("school-food-rumour-en", "No decision has been made on a free health check. The sacks were sealed.", False),
    ("school-food-rumour-en", "The supplier has been suspended and further penalties are under consideration. The sacks were sealed.", True),
    ("school-food-rumour-en", "The supplier has been suspended but fines are under consideration. The sacks were sealed.", True),
    ("school-food-rumour-en", "The bureau will impose a fine on the company. The sacks were sealed.", True),
    # discipline named, not decided (found by the second review)
    ("district-hot-spot", "Việc xử lý kỷ luật (nếu có) sẽ thực hiện sau khi có kết luận. Bảng kê là bản dự thảo "
     "của Ban đại diện lớp 3A, nhà trường chưa duyệt.", False),
    ("district-hot-spot-en", "It is too early to talk about disciplinary action against anyone. The list is a draft.", False),
])
def test_a_plan_proposes_the_sanctions_nobody_has_decided(scenario_id, text, announces):
    """A plan is a proposal to the leaders: "propose that ... be removed" is its job; "will be
    removed", with nobody having decided it, promises the public a sanction (experts: M at best)."""
    points, evidence = _criterion(scenario_id, "plan", "no-undecided", text, opened=True)
    assert (points == 0.0) is announces, evidence
    assert _criterion(scenario_id, "plan", "no-false-claims", text, opened=True)[0] == 1.0


@pytest.mark.parametrize(("scenario_id", "text", "said"), [
    ("district-hot-spot-en", "This was a quick poll of the people our collaborators could reach, not a random sample.", True),
    ("district-hot-spot-en", "A small sample, so the shares show direction, not exact figures for the ward.", True),
    ("district-hot-spot-en", "Collaborators asked 86 people by phone: 72% are angry about the list.", False),
    ("district-hot-spot", "Lưu ý: mẫu nhỏ, chọn thuận tiện, chưa đại diện cho toàn phường.", True),
    ("district-hot-spot", "Các tỷ lệ dưới đây chỉ phản ánh nhóm được hỏi.", True),
    ("district-hot-spot", "Đề nghị quản trị các nhóm Zalo hạn chế chia sẻ tin chưa kiểm chứng.", False),
])
def test_a_survey_says_how_far_its_figures_reach(scenario_id, text, said):
    """Experts mark a survey summary down when it reads a quick poll of 86 people as the mood of
    the whole ward: the summary should say who was asked and how far the shares reach."""
    points, evidence = _criterion(scenario_id, "survey", "limits", text)
    assert (points == 1.0) is said, evidence


@pytest.mark.parametrize(("scenario_id", "text", "false"), [
    ("district-hot-spot", "Nội dung thống nhất: chưa có gia đình nào nộp tiền nên không phát sinh việc hoàn trả. "
     "Bảng kê gần 8 triệu là bản dự thảo, nhà trường chưa duyệt.", True),
    ("district-hot-spot", "Tổ theo dõi lưu các bài còn đăng lại tin hiệu trưởng bị bắt, chuyển Công an quận. "
     "Bảng kê gần 8 triệu là bản dự thảo, nhà trường chưa duyệt.", False),
    ("school-food-rumour-en", "Agreed line: no pupil has been taken to hospital. The sealed sacks will be tested today.", False),
    # a rule for the future is no claim about these sacks
    ("school-food-rumour", "整改措施：今后验收发现问题食材一律当即拒收、原车拉回，不得入库。问题大米已登记封存，今天送检。", False),
    ("school-food-rumour-en", "Agreed line: the sacks were sent straight back and never entered the storeroom. "
     "The retained samples passed the rapid test.", True),
])
def test_a_plan_whose_agreed_lines_contradict_a_confirmed_fact_says_so(scenario_id, text, false):
    points, evidence = _criterion(scenario_id, "plan", "no-false-claims", text, opened=True)
    assert (points == 0.0) is false, evidence


@pytest.mark.parametrize(("scenario_id", "task_id", "text", "false"), [
    # the audit found 14 families had paid 35 million: "nobody paid" and "voluntary" deny it
    ("district-hot-spot-en", "statement", "The air-conditioner idea never went ahead: not one household had handed over money "
     "for it. The list is a draft by the class 3A committee.", True),
    ("district-hot-spot-en", "statement", "Fourteen households had paid 35 million dong; every dong will be returned before "
     "20 September. The list is a draft by the class 3A committee.", False),
    ("district-hot-spot", "reply-parents", "Khoản hỗ trợ lắp điều hòa hoàn toàn theo tinh thần tự nguyện. Bảng kê đã được Ban đại "
     "diện thống nhất với nhà trường từ cuộc họp phụ huynh đầu năm.", True),
    # ... and what is true of other things stays true
    ("district-hot-spot-en", "statement", "Not one household has been charged more than 1,650,000 dong. The list is a draft by the "
     "class 3A committee.", False),
    ("district-hot-spot", "reply-parents", "Mọi khoản đóng góp phải theo tinh thần tự nguyện. Bảng kê là bản dự thảo của Ban đại "
     "diện lớp 3A.", False),
    ("school-food-rumour", "plan", "快检：食堂（仓库）封存的2袋大米霉变粒超标，不合格；在用大米和留样合格。问题大米已登记封存，今天送检。", False),
    # the story of the morning told in other words than the rumour's
    ("district-hot-spot-en", "reply-parents", "About Ms Hanh: early this morning the police asked her to come and give some "
     "information, but she was not arrested. The list is a draft by the class 3A committee.", True),
    ("district-hot-spot-en", "reply-parents", "The police did not ask the head teacher to come in; she was at work as usual. "
     "The list is a draft by the class 3A committee.", False),
    ("school-food-rumour-en", "follow-up", "The rice was delivered some weeks ago and stored where the ventilation is poor. "
     "Staff sealed the sacks on 15 April.", True),
    ("school-food-rumour", "follow-up", "大米入库后因学校仓库通风不良受潮霉变。问题大米已登记封存。", True),
    ("school-food-rumour-en", "statement", "One pupil complained of a stomach ache after lunch and was seen at the hospital. "
     "The sacks were sealed and never served.", True),
    ("school-food-rumour-en", "statement", "No pupil has had a stomach ache after lunch; the three pupils off sick have a cold. "
     "The sacks were sealed and never served.", False),
    # ... and a rule or a check in the same words is none
    ("school-food-rumour-en", "statement", "Any child who feels sick after lunch is seen by the school nurse. "
     "The sacks were sealed and never served.", False),
    ("school-food-rumour", "follow-up", "下一步将重点排查各校仓库通风不良、储存不当等问题。问题大米已登记封存。", False),
    ("district-hot-spot-en", "reply-parents", "The ward police asked her to come to the gate at 10:00 to talk to you. "
     "The list is a draft by the class 3A committee.", False),
    ("district-hot-spot-en", "statement", "Ms Hanh was asked by the district police this morning to give an account of the "
     "payments, a routine step; she has not been arrested. The list is a draft by the class 3A committee.", True),
    ("district-hot-spot-en", "statement", "We have asked the district police to confirm that nobody was called in, and the school "
     "will give an account of the payments to parents. The list is a draft by the class 3A committee.", False),
    ("district-hot-spot-en", "statement", "The ward has asked the district police to give an account of their trace at the 15:00 "
     "meeting with parents. The list is a draft by the class 3A committee.", False),
    # the storeroom blamed, the sealed rice passed, the other schools' batch used, the levy voluntary
    ("school-food-rumour-en", "follow-up", "The rice was delivered in good condition, but rain came through a leak in the "
     "storeroom roof. The sacks were sealed and never served.", True),
    ("school-food-rumour", "statement", "经快检，这2袋大米同样合格，照片中的颜色是仓库光线原因所致，并非发霉。问题大米已登记封存。", True),
    ("school-food-rumour", "statement", "封存的2袋大米霉变粒超标，判定不合格，已监督退货销毁。问题大米已登记封存。", False),
    ("district-hot-spot", "statement", "Khoản “tài trợ lắp điều hòa” là khoản đóng góp tự nguyện, không phải khoản thu bắt buộc. "
     "Bảng kê là bản dự thảo của Ban đại diện lớp 3A.", True),
    ("district-hot-spot", "statement", "Chỉ 11% người được hỏi đồng tình với các khoản đóng góp tự nguyện. "
     "Bảng kê là bản dự thảo của Ban đại diện lớp 3A.", False),
    # the list called a forgery, the head teacher "explaining" herself to the authorities, the licence denied
    ("district-hot-spot-en", "reply-parents", "The photo is fake; the list is fake. "
     "Official payments are 1,650,000 dong per pupil.", True),
    ("district-hot-spot-en", "reply-parents", "The photo of the list is genuine: it is a draft by the class 3A committee, "
     "never approved by the school.", False),
    ("district-hot-spot", "reply-parents", "Phụ huynh muốn gặp cô Hiệu trưởng, nhưng hiện cô đang làm việc với cơ quan chức năng để giải "
     "trình sự việc. Bảng kê là bản dự thảo của Ban đại diện lớp 3A.", True),
    ("district-hot-spot", "reply-parents", "Hiện cô Hiệu trưởng đang làm việc với cơ quan chức năng để giải trình sự việc. "
     "Bảng kê là bản dự thảo của Ban đại diện lớp 3A.", True),
    ("district-hot-spot", "reply-parents", "UBND phường đang làm việc với cơ quan chức năng để làm rõ nguồn tin. "
     "Bảng kê là bản dự thảo của Ban đại diện lớp 3A.", False),
    ("school-food-rumour-en", "statement", "Our checks found that the supplier did not hold a valid food business licence. "
     "The sacks were sealed and never served.", True),
    ("school-food-rumour-en", "statement", "The supplier holds a valid food business licence and passed all six spot checks. "
     "The sacks were sealed and never served.", False),
    # ... and the same words in a true sentence (found by the reviews)
    ("school-food-rumour-en", "statement", "The viral video uses old images from elsewhere, from a 2021 incident in another "
     "province. The sacks were sealed and never served.", False),
    ("school-food-rumour-en", "statement", "Apart from the two sealed sacks, no mouldy rice has ever been found at the school. "
     "The sacks were sealed and never served.", False),
    ("district-hot-spot-en", "reply-parents", "The list never existed as an official school document. "
     "The list is a draft by the class 3A committee.", False),
    ("district-hot-spot-en", "reply-parents", "No such official list exists: the photo shows a draft written by the class 3A "
     "parents' committee, never approved by the school.", False),
    ("school-food-rumour-en", "statement", "A company without a valid licence cannot supply schools; Fenghe's licence is valid "
     "and its rice passed all six spot checks. The sacks were sealed and never served.", False),
    ("district-hot-spot-en", "reply-parents", "The school is working with the authorities to explain how the draft list came "
     "about. The list is a draft by the class 3A committee.", False),
    ("district-hot-spot", "reply-parents", "Sáng nay nhà trường đã giải trình với cơ quan chức năng về các khoản thu đầu năm. "
     "Bảng kê là bản dự thảo của Ban đại diện lớp 3A.", False),
    ("district-hot-spot", "reply-parents", "Cô giáo chủ nhiệm lớp 3A cho biết hiện cô đang làm việc với cơ quan chức năng để làm rõ "
     "đoạn ghi âm. Bảng kê là bản dự thảo của Ban đại diện lớp 3A.", False),
    ("district-hot-spot-en", "reply-parents", "The video that used the photo was edited by the Hong Ha Gossip page. "
     "The list is a draft by the class 3A committee.", False),
    # pupils "seen for a stomach upset" are the illness the hospital ruled out; the photo denied in other words
    ("school-food-rumour-en", "statement", "Two Year 3 pupils who felt unwell earlier this week were seen at the District "
     "People's Hospital for a mild stomach upset and have fully recovered. The sacks were sealed and never served.", True),
    ("school-food-rumour-en", "statement", "No pupil has had a stomach upset or food poisoning. The sacks were sealed and never served.", False),
    ("school-food-rumour", "statement", "有两名学生因肠胃不适到医院就诊，现已康复。问题大米已登记封存，未供学生食用。", True),
    ("school-food-rumour", "statement", "没有学生出现肠胃不适。问题大米已登记封存，未供学生食用。", False),
    ("school-food-rumour-en", "statement", "Parents should watch for any stomach upset and tell the school straight away. "
     "The sacks were sealed and never served.", False),
    ("school-food-rumour", "statement", "如孩子出现肠胃不适，请及时联系班主任。问题大米已登记封存，未供学生食用。", False),
    ("school-food-rumour", "statement", "照片不是三小学生午餐，是仓库里已封存的两袋待退大米，未供学生食用。", False),
    ("school-food-rumour", "assess", "经向学校了解，食堂仓库从未存放过霉变大米，网传图片并非三小仓库所拍。", True),
    ("school-food-rumour", "assess", "照片中的大米是不是三小仓库的、有没有用于学生餐，现在都不清楚。", False),
    ("district-hot-spot-en", "statement", "Head teacher Nguyen Thi Hanh was asked by the district police to come in this morning "
     "and give a statement; she has since returned to work. The list is a draft by the class 3A committee.", True),
    ("district-hot-spot-en", "statement", "The head teacher was not asked by the police to come in; she is at work. "
     "The list is a draft by the class 3A committee.", False),
    ("district-hot-spot-en", "statement", "The page's administrator was asked by the police to come in and explain; the head "
     "teacher is at work. The list is a draft by the class 3A committee.", False),
    # the false news named as such ("phần sai sự thật (…)") is not said
    ("district-hot-spot", "plan", "Nói thẳng phần sai (khoản điều hòa), nói rõ phần sai sự thật (ngồi cuối lớp, hiệu trưởng bị bắt). "
     "Bảng kê là bản dự thảo của Ban đại diện lớp 3A.", False),
    ("district-hot-spot", "plan", "Hiệu trưởng bị bắt, nhà trường tạm dừng thu. Bảng kê là bản dự thảo của Ban đại diện lớp 3A.", True),
    ("district-hot-spot", "assess", "Thông tin học sinh bị xếp ngồi cuối lớp và hiệu trưởng bị công an mời làm việc là tin bịa đặt "
     "do trang “Hóng Biến Hồng Hà” dựng lên. Bảng kê là bản dự thảo của Ban đại diện lớp 3A.", False),
    # a rumour given as a heading and answered "none" after it is denied; "không phải chờ" answers nothing
    ("district-hot-spot", "reply-parents", "4. Việc Hiệu trưởng bị cơ quan công an mời làm việc: không có. "
     "Bảng kê là bản dự thảo của Ban đại diện lớp 3A.", False),
    ("district-hot-spot-en", "reply-parents", "Head teacher called in by the police: none. "
     "The list is a draft by the class 3A committee.", False),
    ("district-hot-spot", "reply-parents", "Hiệu trưởng đã bị công an mời làm việc, không phải chờ. "
     "Bảng kê là bản dự thảo của Ban đại diện lớp 3A.", True),
    # ... but a table's "No" answers its own column's question, unless the column says whether the row is so
    ("school-food-rumour-en", "statement", "| Event | Reported to the bureau |\n| --- | --- |\n"
     "| Two pupils were taken to hospital | No |\n\nThe sacks were sealed and never served.", True),
    ("school-food-rumour-en", "statement", "| Item | True/False |\n| --- | --- |\n"
     "| Pupils were taken to hospital | No |\n\nThe sacks were sealed and never served.", False),
    ("district-hot-spot", "reply-parents", "| Nội dung | Đúng/Sai |\n| --- | --- |\n| Hiệu trưởng bị bắt | Không |\n\n"
     "Bảng kê là bản dự thảo của Ban đại diện lớp 3A.", False),
    ("school-food-rumour", "statement", "| 网传说法 | 是否属实 |\n| --- | --- |\n| 多名学生已住院 | 否 |\n\n问题大米已登记封存，未供学生食用。", False),
    ("district-hot-spot-en", "reply-parents", "| Development | Answer sent to parents |\n| --- | --- |\n"
     "| The head teacher was arrested | No |\n\nThe list is a draft by the class 3A committee.", True),
])
def test_a_text_that_denies_what_was_found_or_tells_the_story_in_other_words_is_false(scenario_id, task_id, text, false):
    points, evidence = _criterion(scenario_id, task_id, "no-false-claims", text, opened=True)
    assert (points == 0.0) is false, evidence


def test_a_plan_that_says_every_sample_passed_denies_the_failed_sealed_rice():
    for scenario_id, text in (("school-food-rumour-en", "Rapid tests: all seven samples passed, the sealed sacks too. The sacks were sealed."),
                              ("school-food-rumour", "快检结果：7份样品全部合格。问题大米已登记封存。")):
        assert _criterion(scenario_id, "plan", "no-false-claims", text, at=13 * 3600)[0] == 0.0, scenario_id
    assert _criterion("school-food-rumour-en", "plan", "no-false-claims", "Rapid tests: five of seven samples passed; "
                      "the two sealed sacks failed. The sacks were sealed.", at=13 * 3600)[0] == 1.0


def test_a_statement_that_lists_the_sealed_rice_among_what_passed_is_false():
    passed = "快检显示，食堂在用大米、近3个就餐日米饭留样以及封存的2袋大米均合格。问题大米已登记封存。"
    assert _criterion("school-food-rumour", "statement", "no-false-claims", passed, opened=True)[0] == 0.0
    failed = passed.replace("以及封存的2袋大米均合格", "均合格，封存的2袋大米均不合格")
    assert _criterion("school-food-rumour", "statement", "no-false-claims", failed, opened=True)[0] == 1.0
    damp = "封存大米仅为包装受潮。问题大米已登记封存。"
    assert _criterion("school-food-rumour", "statement", "no-false-claims", damp, opened=True)[0] == 0.0
    # all but the sealed rice passed, and the sealed rice was more than damp: both true
    for true in ("快检结果：除封存的2袋大米外均合格。问题大米已登记封存。", "封存的2袋大米不只是包装受潮，米粒已经霉变。问题大米已登记封存。"):
        assert _criterion("school-food-rumour", "statement", "no-false-claims", true, opened=True)[0] == 1.0, true


def test_a_plan_names_its_cases_and_the_suppliers_licence_as_they_are():
    """A plan's case label (有学生出现身体不适：立即送医) names a case, it does not say a pupil was taken
    to hospital; a supplier that "could not show a valid licence" contradicts the inspectors."""
    def true(text: str) -> float:
        scored = _task_score("school-food-rumour", "plan", text, 13 * 3600, 14 * 3600, team="education")
        return {criterion.id: criterion.points for criterion in scored.criteria}["no-false-claims"]

    case = "问题大米已登记封存。4. 有学生出现身体不适：立即送医，同步报告并如实发布。"
    assert true(case) == 1.0
    assert true(case.replace("4. 有学生出现身体不适：", "4. ")) == 0.0
    # a line of what to answer a parent who asks is said, not a case planned for
    assert true("问题大米已登记封存。有家长询问供应商资质：回复供应商无资质，已停止合作。") == 0.0
    licence = "问题大米已登记封存。经现场检查，丰禾粮油未能提供有效的食品经营许可证，涉嫌无证经营。"
    assert _criterion("school-food-rumour", "plan", "no-false-claims", licence, at=13 * 3600)[0] == 0.0


def test_a_reply_that_announces_what_other_units_will_do_promises_what_nobody_decided():
    text = ("The list is a draft by the class 3A committee. The district police will prosecute the administrator of the page, "
            "and the education office will punish the school for its lack of supervision.")
    assert _criterion("district-hot-spot-en", "reply-parents", "no-overclaims", text, opened=True)[0] == 0.0
    assert _criterion("district-hot-spot-en", "reply-parents", "no-overclaims", text.split(" The district")[0], opened=True)[0] == 1.0
    # what parents demand, or a team proposes, is no decision announced
    asked = ("The list is a draft by the class 3A committee. Some parents demand that the district punish the school for the "
             "collection. We propose that the district inspect every school in the district.")
    assert _criterion("district-hot-spot-en", "reply-parents", "no-overclaims", asked, opened=True)[0] == 1.0


def test_a_follow_up_that_warns_netizens_off_commenting_threatens_them():
    text = ("The mouldy rice was found at the delivery check and sealed. Netizens are warned not to comment or forward "
            "irresponsibly; every post is traceable.")
    assert _criterion("school-food-rumour-en", "follow-up", "no-blame", text, at=36900)[0] == 0.0
    assert _criterion("school-food-rumour-en", "follow-up", "no-blame", text.split(" Netizens")[0], at=36900)[0] == 1.0
    # a rule for the office's own staff is no threat to the public
    staff = "All school staff are warned not to comment to reporters; every question goes to the spokesperson. The sacks were sealed."
    assert _criterion("school-food-rumour-en", "plan", "no-blame", staff, at=13 * 3600)[0] == 1.0


def test_a_vietnamese_assessment_may_propose_its_grade():
    text = "Mức độ đề xuất: NGHIÊM TRỌNG. Đơn vị chủ trì: UBND phường Đông Giang. Bảng kê là bản dự thảo của Ban đại diện lớp 3A."
    scored = _task_score("district-hot-spot", "assess", text, 3600, 3600 + 900, team="ward")
    assert {criterion.id: criterion.points for criterion in scored.criteria}["grade"] == 3.0
    scored = _task_score("district-hot-spot", "assess", text.replace("Mức độ đề xuất", "Mức độ lan truyền"), 3600, 3600 + 900, team="ward")
    assert {criterion.id: criterion.points for criterion in scored.criteria}["grade"] == 0.0


def test_a_police_plan_may_ask_the_fake_page_to_take_its_post_down_as_the_english_twin_may():
    """Asking the gossip page to take its spliced video down and publish a correction is the police's work;
    deleting every post about the case, or the parent's own, silences the public (in both twins)."""
    def silent(scenario_id: str, text: str) -> float:
        scored = _task_score(scenario_id, "plan", text, 4 * 3600, 4 * 3600 + 1800, team="police")
        return {criterion.id: criterion.points for criterion in scored.criteria}["no-silence"]

    page = ("Trang “Hóng Biến Hồng Hà”: đề nghị Công an tỉnh nơi quản trị viên cư trú phối hợp làm việc, yêu cầu gỡ bài và đính chính. "
            "Bảng kê là bản dự thảo của Ban đại diện lớp 3A.")
    assert silent("district-hot-spot", page) == 1.0
    assert silent("district-hot-spot", page.replace("yêu cầu gỡ bài", "yêu cầu gỡ toàn bộ bài liên quan")) == 0.0
    assert silent("district-hot-spot", page.replace("yêu cầu gỡ bài", "yêu cầu gỡ cả bài gốc")) == 0.0
    page = ("Hong Ha Gossip page: ask the provincial police where its administrator lives to have it take the post down and "
            "publish a correction. The list is a draft by the class 3A committee.")
    assert silent("district-hot-spot-en", page) == 1.0


def test_a_plan_may_name_the_disorder_it_would_step_in_for():
    """"Chỉ can thiệp khi có hành vi gây rối" (step in only when there is disorder) plans for a case
    after a condition in mid-clause; it calls no one a troublemaker."""
    plan = ("Công an phường chủ trì: 4 cán bộ có mặt từ 9:30; không ngăn ghi hình, phát trực tiếp; chỉ can thiệp khi có hành vi "
            "gây rối. Bảng kê là bản dự thảo của Ban đại diện lớp 3A.")
    def blame(text: str) -> float:
        scored = _task_score("district-hot-spot", "plan", text, 4 * 3600, 4 * 3600 + 1800, team="police")
        return {criterion.id: criterion.points for criterion in scored.criteria}["no-blame"]

    assert blame(plan) == 1.0
    assert blame(plan.replace("chỉ can thiệp khi có hành vi gây rối", "phụ huynh có hành vi gây rối")) == 0.0
    # a condition among the label's own words plans no case: dispersing parents is a threat
    assert blame(plan.replace("chỉ can thiệp khi có hành vi gây rối", "chuẩn bị lực lượng giải tán nếu phụ huynh tụ tập")) == 0.0


def test_a_label_the_false_news_is_pinned_on_is_a_label_and_one_called_untrue_is_not():
    """The false news the labelled are said to spread ("đối tượng xấu … chia sẻ thông tin sai sự thật",
    "fabricated by people with bad motives") rejects nothing of the label; a label the clause calls
    untrue after it ("tin phụ huynh là kẻ xấu là sai sự thật") is rejected."""
    pinned = ("Một số đối tượng xấu đã lợi dụng mạng xã hội đăng tải, chia sẻ thông tin sai sự thật về nhà trường. "
              "Bảng kê là bản dự thảo của Ban đại diện lớp 3A.")
    assert _criterion("district-hot-spot", "statement", "no-blame", pinned, opened=True)[0] == 0.0
    untrue = "Tin phụ huynh là kẻ xấu là sai sự thật. Bảng kê là bản dự thảo của Ban đại diện lớp 3A."
    assert _criterion("district-hot-spot", "statement", "no-blame", untrue, opened=True)[0] == 1.0
    line = "Line: the post is distorted and fabricated by people with bad motives. The list is a draft by the class 3A committee."
    assert _criterion("district-hot-spot-en", "statement", "no-blame", line, opened=True)[0] == 0.0
    worse = "If opinion gets worse: ask the police to deal with the people who keep posting. The list is a draft."
    assert _criterion("district-hot-spot-en", "plan", "no-blame", worse, opened=True)[0] == 0.0


def test_a_label_of_whoever_faked_the_video_is_no_label_of_the_public():
    """The police's case against the page or marketing account that spliced the video names what it
    did ("fabricating and spreading false information"); said of the parent's account, the same
    words label a member of the public."""
    page = "Cyber-security division: open a case against the account's operator for fabricating and spreading false information."
    assert _criterion("school-food-rumour-en", "plan", "no-blame", page + " The sacks were sealed.", at=13 * 3600)[0] == 1.0
    parent = "Open a case against the parent who posted, for fabricating and spreading false information."
    assert _criterion("school-food-rumour-en", "plan", "no-blame", parent + " The sacks were sealed.", at=13 * 3600)[0] == 0.0
    page = "短视频账号发布的视频为网上旧视频拼接，属编造、传播虚假信息。问题大米已登记封存。"
    assert _criterion("school-food-rumour", "plan", "no-blame", page, at=13 * 3600)[0] == 1.0
    assert _criterion("school-food-rumour", "plan", "no-blame", page.replace("短视频账号", "家长"), at=13 * 3600)[0] == 0.0
    # the public named beside the page, a warning to all, an enemy, or the same label said of netizens later on
    for scenario_id, task_id, text in (
            ("school-food-rumour-en", "plan", "Those sharing the video from the gossip page are rumour-mongers. The sacks were sealed."),
            ("school-food-rumour", "plan", "营销号和转发者都是造谣者。问题大米已登记封存。"),
            ("school-food-rumour", "plan", "对营销号依法处理，以儆效尤。问题大米已登记封存。"),
            ("school-food-rumour-en", "plan", "Bad elements are using the gossip page to stir things up. The sacks were sealed."),
            ("school-food-rumour", "plan", "营销号编造、传播谣言。部分网友编造、传播不实信息。问题大米已登记封存。"),
            ("district-hot-spot", "statement", "Chị Trang tin lời đồn nên đăng bài vô trách nhiệm. Bảng kê là bản dự thảo.")):
        at = 13 * 3600 if task_id == "plan" else None
        assert _criterion(scenario_id, task_id, "no-blame", text, opened=at is None, at=at)[0] == 0.0, text


def test_a_follow_up_that_says_the_other_schools_used_the_batch_is_false():
    """Once the supplier check is in (the follow-up's own time in the graded sets), the batch the other two
    schools refused at their delivery checks was not "used normally"."""
    text = "该批次大米同时配送了另外两所学校，两校已正常使用。问题大米已登记封存。"
    assert _criterion("school-food-rumour", "follow-up", "no-false-claims", text, at=36900)[0] == 0.0
    assert _criterion("school-food-rumour", "follow-up", "no-false-claims", text.replace("两校已正常使用", "两校均在验收时拒收"), at=36900)[0] == 1.0
    # nor partly eaten there, in either twin; and the full laboratory report is not in yet
    eaten = "同一批次的大米还配送到了另外两所学校，两所学校已部分食用。问题大米已登记封存。"
    assert _criterion("school-food-rumour", "follow-up", "no-false-claims", eaten, at=36900)[0] == 0.0
    assert _criterion("school-food-rumour", "follow-up", "no-false-claims", eaten.replace("两所学校已部分食用", "两所学校均在验收时拒收"), at=36900)[0] == 1.0
    eaten = "The same batch went to two other schools, and some of the batch had already been eaten at lunch. The sacks were sealed."
    assert _criterion("school-food-rumour-en", "follow-up", "no-false-claims", eaten, at=36900)[0] == 0.0
    assert _criterion("school-food-rumour-en", "follow-up", "no-false-claims", eaten.replace("some of the batch had already been eaten at lunch",
                                                                                          "none of it was eaten"), at=36900)[0] == 1.0
    # the rice in use, which the pupils did eat, is another matter
    in_use = "The rice in use passed the rapid tests; some of it was eaten at lunch on Monday without any problem. The sacks were sealed."
    assert _criterion("school-food-rumour-en", "follow-up", "no-false-claims", in_use, at=36900)[0] == 1.0
    assert _criterion("school-food-rumour", "follow-up", "no-false-claims", "食堂在用大米快检合格，其中部分已被食用，没有学生出现不适。问题大米已登记封存。",
                      at=36900)[0] == 1.0
    # a promise of what the full report will bring claims nothing yet
    promise = "Once the full laboratory tests have been completed, on 19 April, we will publish every result. The sacks were sealed."
    assert _criterion("school-food-rumour-en", "follow-up", "no-overclaims", promise, at=36900)[0] == 1.0
    for scenario_id, lab in (("school-food-rumour", "实验室全项检测已全部完成，各项指标全部合格。问题大米已登记封存。"),
                             ("school-food-rumour-en", "The full laboratory tests have now been completed and every result is normal. The sacks were sealed.")):
        assert _criterion(scenario_id, "follow-up", "no-overclaims", lab, at=36900)[0] == 0.0, scenario_id


@pytest.mark.parametrize(("text", "overclaims"), [
    ("The education office has checked the payments of the other 31 classes and found them in line with the rules.", True),
    ("The other 31 classes are completely clean. The list is a draft by the class 3A committee.", True),
    ("Class 3A was an isolated case. The list is a draft by the class 3A committee.", True),
    ("The education office is checking the other 31 classes; we cannot yet say whether 3A was an isolated case. "
     "The list is a draft by the class 3A committee.", False),
])
def test_a_statement_may_not_give_the_result_of_a_review_still_going_on(text, overclaims):
    points, evidence = _criterion("district-hot-spot-en", "statement", "no-overclaims", text, opened=True)
    assert (points == 0.0) is overclaims, evidence


@pytest.mark.parametrize(("scenario_id", "text", "overclaims"), [
    ("school-food-rumour", "问题大米已封存。学校目前没有接到任何家长报告学生住院，校医正在核对。", False),  # what has reached the school so far
    ("school-food-rumour", "问题大米已封存。没有学生住院，视频与我校无关。", True),  # before the hospital's check: not yet known
    ("school-food-rumour-en", "The sacks were sealed. No class teacher has reported a child sent to hospital; the nurse is checking.", False),
    ("school-food-rumour-en", "The sacks were sealed. A child was sent to hospital this morning.", True),
])
def test_an_early_first_report_may_say_what_has_reached_it_so_far(scenario_id, text, overclaims):
    points, evidence = _criterion(scenario_id, "flash-report", "no-overclaims", text, at=6000)
    assert (points == 0.0) is overclaims, evidence


@pytest.mark.parametrize(("task_id", "text", "claims"), [
    # a video retold ("a video appeared, saying many pupils went to hospital") claims nothing
    ("flash-report", "8点左右短视频平台出现一个视频，说多名学生送医。问题大米已登记封存。", False),
    ("flash-report", "8点左右短视频平台出现一个配有学生呕吐、救护车画面的视频。问题大米已登记封存。", False),
    ("flash-report", "经核实，多名学生送医。问题大米已登记封存。", True),
    # "the kitchen cannot be entered at any time" turns a promise down: no decision announced
    ("follow-up", "后厨出于卫生要求不能随时进入，家长可以报名陪餐。问题大米已登记封存，从未供学生食用。", False),
    ("follow-up", "后厨有卫生防护要求，不便随时进入，家长可以报名陪餐。问题大米已登记封存，从未供学生食用。", False),
    ("follow-up", "从今天起家长可随时进入后厨查看。问题大米已登记封存，从未供学生食用。", True),
])
def test_a_rumour_retold_or_a_promise_turned_down_claims_nothing(task_id, text, claims):
    points, evidence = _criterion("school-food-rumour", task_id, "no-overclaims", text, opened=task_id == "flash-report",
                                  at=None if task_id == "flash-report" else 15 * 3600)
    assert (points == 0.0) is claims, evidence


@pytest.mark.parametrize(("scenario_id", "right", "wrong"), [
    ("school-food-rumour", "市教育局", "学校"),
    ("school-food-rumour-en", "Education Bureau", "the school"),
    ("district-hot-spot", "UBND phường Đông Giang", "Trường Tiểu học Đông Giang"),
    ("district-hot-spot-en", "Dong Giang Ward People's Committee", "Dong Giang Primary School"),
])
def test_an_assessment_that_names_the_wrong_lead_unit_is_at_best_fair(scenario_id, right, wrong):
    """The assessment's form asks for the lead unit, and the directive names it: experts gave none
    of the 101 graded assessments with another lead more than 70, whatever else they got right."""
    exercise = Loader().load_exercise(scenario_path(scenario_id))
    task = next(t for t in exercise.scenario.tasks if t.id == "assess")
    lead = next(f for f in task.fields if f.id == "lead")
    right, wrong = next(c for c in lead.choices if right in c), next(c for c in lead.choices if wrong in c)
    graded = {"school-food-rumour": "school-food-rumour-zh", "district-hot-spot": "district-hot-spot-vi"}.get(scenario_id, scenario_id)
    examples = Loader().load_graded(ROOT / "graded" / f"{graded}-internal.yaml")[1].examples
    text = next(e.text for e in examples if e.task == "assess" and e.score >= 90)
    grade = {"grade": next(f.answer for f in task.fields if f.id == "grade")}
    led_right = _task_score(scenario_id, "assess", text, task.due - 600, task.due, {**grade, "lead": right})
    led_wrong = _task_score(scenario_id, "assess", text, task.due - 600, task.due, {**grade, "lead": wrong})
    assert led_right.score >= 75 and led_wrong.score <= 70
    assert any(g.criterion == "lead" for g in led_wrong.gates) and not any(g.criterion == "lead" for g in led_right.gates)
    # a form left blank names no lead: the criterion earns nothing, but nothing is found to cap
    blank = _task_score(scenario_id, "assess", text, task.due - 600, task.due, grade)
    assert not any(g.criterion == "lead" for g in blank.gates) and blank.score < led_right.score


@pytest.mark.parametrize(("scenario_id", "text", "grade", "lead"), [
    ("school-food-rumour", "五、舆情等级：我们认为属于重大或较大。处置牵头单位：建议市教育局牵头，学校全力配合。", 1.0, 1.0),
    ("school-food-rumour", "二、舆情等级：特别重大。理由：已出现学生送医。\n四、处置牵头单位：市委宣传部，各单位配合。", 0.0, 0.0),
    # a negation, an aside, two units, another body's name, a head that is only part of the field's name
    ("school-food-rumour", "舆情等级：不属于特别重大，属于重大或较大。处置牵头单位：区教育局。", 1.0, None),
    ("district-hot-spot-en", "Unit: Propaganda Section.\nSeverity: not serious, ordinary.\nLead: District Police and Dong Giang Ward "
                             "People's Committee jointly.", 0.0, None),
    ("district-hot-spot", "Mức độ lan truyền: nhanh hơn thông thường.\nĐơn vị: Ban Tuyên giáo Quận ủy.", None, None),
    ("school-food-rumour-en", "Grade: major or relatively major.\nLead unit: the Education Bureau, with the school.", 1.0, 1.0),
    ("district-hot-spot", "4. Mức độ: Nghiêm trọng, vì lan nhanh.\n5. Đơn vị chủ trì: UBND phường Đông Giang.", 1.0, 1.0),
    ("district-hot-spot-en", "4. Severity: SERIOUS (not especially serious).\n5. Lead: Ward People's Committee, with the police.", 1.0, 1.0),
    ("district-hot-spot-en", "SEVERITY: ESPECIALLY SERIOUS. Lead: Dong Giang.", 0.0, None),
    # a field's other names (`aliases`): 等级 for 舆情等级, 牵头单位 for 处置牵头单位
    ("school-food-rumour", "四、等级：我们认为属于重大或较大。五、牵头单位：建议市教育局牵头，学校全力配合。", 1.0, 1.0),
    ("district-hot-spot", "Cấp độ: Nghiêm trọng.\nChủ trì: UBND phường Đông Giang.", 1.0, 1.0),
    # ... only as the whole name, and after the field's own name: "风险等级" is another line
    ("school-food-rumour", "风险等级：一般。\n舆情等级：重大或较大。\n信息发布牵头：市委宣传部（网信办）。\n处置牵头单位：市教育局。", 1.0, 1.0),
    ("district-hot-spot-en", "Risk level: ordinary.\nSeverity: serious.\nLead unit: Ward People's Committee.", 1.0, 1.0),
    ("school-food-rumour", "四、定级：我们认为属于重大或较大。五、处置牵头：建议市教育局牵头，学校全力配合。", 1.0, 1.0),
    # the field's name in brackets after its answer, the last of a list
    ("district-hot-spot", "4. Mức độ: Nghiêm trọng, vì lan nhanh.\n5. Báo cáo Ban Tuyên giáo và UBND phường Đông Giang (đơn vị chủ trì).", 1.0, 1.0),
    ("school-food-rumour-en", "Grade: major or relatively major.\nReport to the deputy mayor and the Education Bureau (lead unit).", 1.0, 1.0),
    # ... not who leads a task, nor where a label answers
    ("district-hot-spot-en", "Severity: serious.\nTracing the video: District Police (lead unit), with the Propaganda Section.", 1.0, None),
    ("school-food-rumour", "舆情等级：重大或较大。\n牵头单位：市教育局。\n大米抽检：市市场监管局（处置牵头单位）负责。", 1.0, 1.0),
    ("district-hot-spot", "Mức độ: Nghiêm trọng, vì lan nhanh.\nTrước 10:00 giao UBND phường Đông Giang (chủ trì).", 1.0, 1.0),
])
def test_an_assessment_that_writes_its_grade_and_lead_into_the_text_answers_the_form(scenario_id, text, grade, lead):
    """A blank form whose text says "Severity: serious" and "Lead: Ward People's Committee" answers
    both, in every language: by the choice in full, or by a tail of it no other choice holds
    ("Dong Giang" ends two of the district's choices, so it names neither). `None`: not answered."""
    got = {field: _criterion(scenario_id, "assess", field, text) for field in ("grade", "lead")}
    for field, expected in (("grade", grade), ("lead", lead)):
        points, said = got[field]
        written = any(mark in said for mark in ("written in the text", "写在正文", "ghi trong bài"))
        assert (points, written) == ((0.0, False) if expected is None else (expected, True)), (field, said)


def test_bundled_drill_scores_its_facts_with_its_own_rubrics():
    for scenario_id, suffix in (("school-food-rumour", "-zh"), ("school-food-rumour-en", "")):
        exercise = Loader().load_exercise(scenario_path(scenario_id))
        for task in exercise.scenario.tasks:
            if task.kind in ("statement", "reply"):
                # the follow-up has a rubric of its own: it checks the three questions the netizens asked
                kind = "follow-up" if task.id == "follow-up" else task.kind
                assert task.rubric == f"school-food-rumour-{kind}{suffix}", (scenario_id, task.id)
                rubric = exercise.rubric_for(task.id)
                facts = [c for c in rubric.criteria if c.check is not None and c.check.facts]
                assert facts, f"{rubric.id} does not check the drill's facts"


@pytest.mark.parametrize(("scenario_id", "scripts"), [
    ("school-food-rumour", (GOOD, BAD)),
    ("district-hot-spot", (EXAMPLES / "district-hot-spot-good.yaml", EXAMPLES / "district-hot-spot-bad.yaml")),
], ids=["school-food-rumour", "district-hot-spot"])
def test_example_rehearsals_answer_every_task_owed_and_review_like_experts(scenario_id, scripts):
    exercise = Loader().load_exercise(scenario_path(scenario_id))
    scenario = exercise.scenario
    owed = {(team, task.id) for task in scenario.tasks for team in scenario.recipients(task.teams)}
    for path in scripts:
        script = Loader().load_responses(path, exercise)
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["scenario"] == scenario_id
        answered = [(r.team, r.task) for r in script.responses]
        assert len(answered) == len(set(answered)), path.name
        assert set(answered) == owed, path.name
        manual = {(r.team, r.task, r.criterion) for r in script.reviews if exercise.rubric_for(r.task).criterion(r.criterion).manual}
        overrides = [r for r in script.reviews if exercise.rubric_for(r.task).criterion(r.criterion).check is not None]
        assert manual, path.name
        assert overrides and all(r.note for r in overrides), path.name
        assert any(r.action and r.owner for r in script.reviews), path.name


# ----- (b) a good and a bad rehearsal play differently ----------------------------------


def test_good_and_bad_rehearsals_fire_different_injects(runs):
    good, bad = runs["good"][0], runs["bad"][0]
    assert "statement-praised" in good.state.fired and "statement-praised" not in bad.state.fired
    assert "second-wave" in bad.state.fired and "second-wave" not in good.state.fired
    assert "parents-reassured" in good.state.fired and "parents-reassured" not in bad.state.fired
    assert "gate-escalates" in bad.state.fired and "gate-escalates" not in good.state.fired
    assert "press-no-comment" in bad.state.fired and "press-no-comment" not in good.state.fired
    for missed in ("assess-missed", "statement-missed", HEAT_DRIVEN):
        assert missed in bad.state.fired and missed not in good.state.fired, missed


def test_the_branches_follow_each_teams_automatic_score(runs):
    good, bad = runs["good"][0], runs["bad"][0]
    scenario = good.scenario
    for session in (good, bad):
        statements = {team: score for (team, task), score in session.state.scores.items() if task == "statement"}
        assert set(statements) == {"propaganda", "education"}
    good_scores = {team: s for (team, task), s in good.state.scores.items() if task == "statement"}
    bad_scores = {team: s for (team, task), s in bad.state.scores.items() if task == "statement"}
    assert min(good_scores.values()) >= 80
    assert max(bad_scores.values()) < 50
    # the second wave and the praise reach the team whose statement set them off, and only it
    second_wave = next(d for d in bad.state.inbox["propaganda"] if d.inject == "second-wave")
    assert second_wave.at == bad.state.work[("propaganda", "statement")].submitted_at + 30 * 60
    assert all("second-wave" not in [d.inject for d in bad.state.inbox[t.id]] for t in scenario.teams if t.id != "propaganda")
    praised = [t.id for t in scenario.teams if "statement-praised" in [d.inject for d in good.state.inbox[t.id]]]
    assert praised == ["propaganda"]


def test_good_and_bad_rehearsals_draw_different_heat_curves(runs):
    good, bad = runs["good"][0], runs["bad"][0]
    good_curve = [value for _, value in good.state.heat_history]
    bad_curve = [value for _, value in bad.state.heat_history]
    assert good_curve != bad_curve
    assert good_curve[0] == bad_curve[0] == good.scenario.heat.start
    threshold = next(i.when.heat_above for i in good.scenario.injects if i.id == HEAT_DRIVEN)
    assert max(good_curve) < threshold <= max(bad_curve)
    assert bad_curve[-1] > good_curve[-1] + 20
    assert all(0 <= value <= 100 for value in good_curve + bad_curve)
    # the good statement calms the story: heat is lower after the first good statement than before it
    at = good.state.work[("propaganda", "statement")].submitted_at
    before = [v for t, v in good.state.heat_history if t < at][-1]
    after = [v for t, v in good.state.heat_history if t == at][-1]
    assert after < before
    # every team sees its own heat, and a team's own curve differs between the runs
    assert set(good.state.team_heat_history) == {t.id for t in good.scenario.teams}
    for team in good.state.team_heat_history:
        assert good.state.team_heat_history[team] != bad.state.team_heat_history[team], team


def test_good_rehearsal_scores_higher_for_every_team(runs):
    good = {t.team: t for t in score_session(runs["good"][0]).teams}
    bad = {t.team: t for t in score_session(runs["bad"][0]).teams}
    assert set(good) == set(bad) == {"propaganda", "education", "market", "school", "police"}
    for team in good:
        assert good[team].total > bad[team].total + 30, team
        assert good[team].rating in ("P", "S"), (team, good[team].total)
        assert bad[team].rating in ("M", "U"), (team, bad[team].total)


# ----- (c) every run replays identically ------------------------------------------------


@pytest.mark.parametrize("responses", [GOOD, BAD], ids=["good", "bad"])
def test_each_rehearsal_replays_identically(tmp_path, runs, responses):
    first = runs["good" if responses == GOOD else "bad"][1]
    session, again = run(tmp_path, "again.drill", responses)
    assert again == first
    assert any('"type":"scored"' in line for line in again)
    assert any('"cause":"decay"' in line for line in again)
    replayed = EventLog(tmp_path / "again.drill").events()
    assert [e.to_json() for e in replayed] == first


# ----- (d) the two language versions are the same drill ---------------------------------


def _shape(scenario) -> dict:
    return {
        "id": scenario.id.removesuffix("-en"),
        "clock": (scenario.clock.start, scenario.clock.duration, scenario.clock.speed),
        "heat": scenario.heat.model_dump(),
        "teams": [t.id for t in scenario.teams],
        "facts": [f.id for f in scenario.facts],
        "injects": [
            (i.id, i.at, i.when.model_dump() if i.when else None, i.delay, i.channel, i.to, i.heat, i.reveals)
            for i in scenario.injects
        ],
        "tasks": [
            (t.id, t.kind, t.teams, t.opens, t.opens_after, t.due, [(f.id, f.answer is not None) for f in t.fields], t.rubric.removesuffix("-zh").removesuffix("-vi"))
            for t in scenario.tasks
        ],
    }


def twins(original: str, language: str):
    """A bundled drill and its English twin (`ID-en`), checked to be the same drill."""
    first = Loader().load_exercise(scenario_path(original)).scenario
    english = Loader().load_exercise(scenario_path(f"{original}-en")).scenario
    assert (first.language, english.language) == (language, "en")
    a, b = _shape(first), _shape(english)
    for key in a:
        assert a[key] == b[key], key
    return first


def test_english_drill_has_the_same_ids_and_structure_as_the_chinese_one():
    twins("school-food-rumour", "zh-CN")


# ----- (e) the Vietnamese drill: its twin, its rubrics and its rehearsals ---------------

VI_GOOD = EXAMPLES / "district-hot-spot-good.yaml"
VI_BAD = EXAMPLES / "district-hot-spot-bad.yaml"


@pytest.fixture(scope="module")
def vi_runs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("vi-rehearsals")
    exercise = Loader().load_exercise(scenario_path("district-hot-spot"))
    return {
        name: simulate(exercise, Loader().load_responses(path, exercise), folder / f"{name}.drill")
        for name, path in (("good", VI_GOOD), ("bad", VI_BAD))
    }


def test_vietnamese_drill_and_its_english_twin_are_the_same_drill():
    vi = twins("district-hot-spot", "vi")
    assert {t.id for t in vi.teams} == {"ward", "propaganda", "police", "school"}
    assert {i.channel for i in vi.injects} >= {"social", "news", "phone", "email", "message", "directive", "video", "note"}
    kinds = {i.when.kind for i in vi.injects if i.when is not None}
    assert kinds >= {"missed", "submitted", "heat_above", "scored_below", "scored_at_least", "manual"}


def test_vietnamese_rubrics_judge_tone_by_expert_and_ask_for_real_length():
    exercise = Loader().load_exercise(scenario_path("district-hot-spot"))
    for task in exercise.scenario.tasks:
        rubric = exercise.rubric_for(task.id)
        assert rubric.id.endswith("-vi"), rubric.id
        assert any(c.manual is not None for c in rubric.criteria), rubric.id
        floor = next(c.check.length.min for c in rubric.criteria if c.check is not None and c.check.length)
        assert floor >= 250, rubric.id
        if task.kind in ("statement", "reply"):
            assert rubric.id == f"district-hot-spot-{task.kind}-vi"
            assert any(c.check is not None and c.check.facts for c in rubric.criteria), rubric.id
            empathy = rubric.criterion("empathy")
            assert empathy.manual is not None, "empathy is the expert's judgement, not a word list"


def test_vietnamese_good_and_bad_rehearsals_play_different_games(vi_runs):
    good, bad = vi_runs["good"], vi_runs["bad"]
    for inject in ("parents-reassured", "statement-praised"):
        assert inject in good.state.fired and inject not in bad.state.fired, inject
    for inject in ("gate-escalates", "second-wave", "assess-missed", "statement-missed", "city-media"):
        assert inject in bad.state.fired and inject not in good.state.fired, inject
    threshold = next(i.when.heat_above for i in good.scenario.injects if i.id == "city-media")
    good_curve = [v for _, v in good.state.heat_history]
    bad_curve = [v for _, v in bad.state.heat_history]
    assert max(good_curve) < threshold <= max(bad_curve)
    good_scores = {t.team: t.total for t in score_session(good).teams}
    bad_scores = {t.team: t.total for t in score_session(bad).teams}
    assert set(good_scores) == {"ward", "propaganda", "police", "school"}
    for team in good_scores:
        assert good_scores[team] >= 85 and bad_scores[team] < 40, (team, good_scores[team], bad_scores[team])


def test_vietnamese_evidence_speaks_vietnamese_and_catches_the_false_claims(vi_runs):
    scores = {t.team: t for t in score_session(vi_runs["bad"]).teams}
    statement = next(k for k in scores["ward"].tasks if k.task == "statement")
    claims = next(c for c in statement.criteria if c.id == "no-false-claims")
    assert claims.points == 0 and "chưa thu đồng nào" in claims.evidence and "trái với" in claims.evidence
    trace = next(k for k in scores["police"].tasks if k.task == "trace-report")
    assert "đã xử phạt chị Trang" in next(c for c in trace.criteria if c.id == "no-false-claims").evidence


def test_a_salad_of_the_rubrics_own_words_is_held_back_by_length_and_the_experts():
    """Word checks can be fooled; the length floor and the expert's third of the weight are the guard."""
    from drill.scoring import ExpertReview, Submission, automatic_score, score_exercise

    exercise = Loader().load_exercise(scenario_path("district-hot-spot"))
    salad = ("Đã xác minh, bản dự thảo, hoàn trả, không có học sinh nào bị, vẫn làm việc bình thường, "
             "trách nhiệm, kiểm tra, xử lý, đang xem xét, sẽ thông tin, đường dây nóng.")
    submission = Submission("ward", "statement", 5 * 3600, salad, {})
    assert automatic_score(exercise, submission, 7 * 3600) < 95
    zero = [ExpertReview("ward", "statement", criterion, 0) for criterion in ("empathy", "expert")]
    task = next(k for k in score_exercise(exercise, [submission], zero, {("ward", "statement"): 7 * 3600}).teams[0].tasks if k.task == "statement")
    assert task.score < 65 and task.rating in ("M", "U")


# ----- (c) a keyword cannot fool the bundled rubrics -------------------------------------

SCHOOL_TASKS = ("reply-parents", "reply-press", "follow-up", "statement")
DISTRICT_TASKS = ("reply-parents", "statement")
EMPTY_REPLIES = {
    # 33 characters of reassurance, with 关心 and 理解 in them and nothing a parent can use.
    "school-food-rumour": ("我们非常关心孩子们的健康，请各位家长放心，学校正在积极处理此事！！", SCHOOL_TASKS),
    "school-food-rumour-en": ("We really care about the children and understand your concern. Please stay calm, we are handling it.",
                              SCHOOL_TASKS),
    # The same in Vietnamese: sympathy words (thấu hiểu, chia sẻ, lo lắng) and a promise, no fact, no next step.
    "district-hot-spot": ("Chúng tôi rất thấu hiểu và chia sẻ với sự lo lắng của quý phụ huynh, nhà trường đang tích cực "
                          "xử lý, mong mọi người bình tĩnh!", DISTRICT_TASKS),
    "district-hot-spot-en": ("We really understand and share the parents' worry. The school is dealing with it actively; "
                             "please stay calm!", DISTRICT_TASKS),
}


@pytest.mark.parametrize(("scenario", "task"), [(s, t) for s, (_, tasks) in sorted(EMPTY_REPLIES.items()) for t in tasks])
def test_a_short_empty_phrased_reply_scores_under_40_whatever_its_kind_words(scenario, task):
    text = EMPTY_REPLIES[scenario][0]
    assert scenario != "school-food-rumour" or len(text) == 33
    scored = _task_score(scenario, task, text, 0.0, 3600.0)
    assert scored.score < 40, (task, scored.score)
    empathy = next(c for c in scored.criteria if c.id == "empathy")
    assert empathy.pending and empathy.kind == "manual"  # an expert's call: the kind words earn nothing alone
    assert empathy.auto_evidence and empathy.auto_evidence in empathy.evidence  # but the expert sees the hint


@pytest.mark.parametrize(("scenario", "graded", "task"), [
    ("school-food-rumour-en", "school-food-rumour-en-internal", "assess"),
    ("district-hot-spot", "district-hot-spot-vi-internal", "survey"),
    ("school-food-rumour", "school-food-rumour-zh-internal", "plan"),
])
def test_a_late_internal_text_keeps_85_percent_of_its_worth(scenario, graded, task):
    """The leader who asked for an assessment, a survey or a plan by a time needed it then: late,
    however good, it keeps 85% of its worth, a little more than a late statement keeps (80%: experts
    mark late internal texts down a little less; fitted on the graded drafts in session 54)."""
    text = next(e.text for e in Loader().load_graded(ROOT / "graded" / f"{graded}.yaml")[1].examples if e.task == task)
    due = 3600.0
    on_time, late = _task_score(scenario, task, text, due - 60, due), _task_score(scenario, task, text, due + 3 * 3600, due)
    assert any(g.criterion == "on-time" and g.keep == 0.85 for g in late.gates), late.gates
    assert late.score == pytest.approx(0.85 * late.uncapped, abs=0.05) and late.score < on_time.score


def test_a_text_a_cap_holds_in_m_stays_at_its_foot_when_a_share_of_its_worth_would_and_a_false_one_fails():
    """A survey that reports a suspension nobody decided is held at 55 (M); one that also paints
    the mood rosy keeps 70% of its worth, and experts mark such a text at the foot of M, not in U:
    a cap that holds a text in a band it passes keeps it there when a share of its whole worth
    would (not 0.7 × 55 = 38.5), and the sheet says so. Late and false still fails: kept at 80%
    of the falsehood's cap."""
    survey = next(e.text for e in Loader().load_graded(ROOT / "graded" / "district-hot-spot-en-internal.yaml")[1].examples
                  if e.task == "survey" and e.score >= 85)
    due = 3 * 3600.0
    undecided = survey + " The head teacher has been suspended."
    held = _task_score("district-hot-spot-en", "survey", undecided, due - 60, due)
    rosy = _task_score("district-hot-spot-en", "survey", undecided + " The situation is stable.", due - 60, due)
    assert held.score == pytest.approx(55.0) and rosy.uncapped * 0.7 > 40, (held.score, rosy.uncapped)
    assert rosy.score == pytest.approx(40.0) and rosy.rating == "M", rosy.capped_by
    assert "the foot of the band a cap holds it in" in rosy.capped_by
    thin = _task_score("district-hot-spot-en", "survey", "The head teacher has been suspended. The situation is stable. "
                       "The list is a draft.", due - 60, due)
    assert thin.score < 40  # a share of a thin text's whole worth is under the foot: no lift
    statement = next(e.text for e in Loader().load_graded(ROOT / "graded" / "school-food-rumour-en.yaml")[1].examples
                     if e.task == "statement" and e.kind == "excellent")
    false = _task_score("school-food-rumour-en", "statement", statement + " Several pupils were taken to hospital.", 9 * 3600.0, 6 * 3600.0)
    assert false.score == pytest.approx(0.8 * min(g.ceiling for g in false.gates if g.keep is None), abs=0.05) and false.rating == "U"


@pytest.mark.parametrize(("scenario_id", "text", "reports"), [
    ("school-food-rumour-en", "The sacks in the photos were logged and sealed at the delivery check and never served; the poster "
     "is a parent on the meal committee. Whether any pupil is ill is not yet known.", True),
    ("school-food-rumour-en", "We have taken the matter seriously and are checking; we will report once everything is clear.", False),
    ("school-food-rumour", "照片中的两袋大米验收时已登记封存，未进入加工环节；发帖人是家长膳食委员会成员。", True),
    ("school-food-rumour", "我局已高度重视，正在组织核查，待情况查清后另行详细报告。", False),
])
def test_a_first_report_gives_the_facts_already_confirmed(scenario_id, text, reports):
    """By the time the deputy mayor asks for it, the school's note has confirmed the sealed sacks and
    who posted: a first report that only says "we are checking" leaves the leaders to guess."""
    points, evidence = _criterion(scenario_id, "flash-report", "facts", text, opened=True)
    assert (points > 0) is reports, evidence


@pytest.mark.parametrize(("scenario_id", "text", "overreaches"), [
    ("district-hot-spot-en", "Nearly three quarters of the ward (72%) are upset. This shows that over-charging is a widespread "
     "problem.", True),
    ("district-hot-spot-en", "We asked 86 of the people of Dong Giang ward; 72% are upset.", False),
    ("district-hot-spot-en", "Of the 86 people asked, 72% are upset. It is a quick poll, not a random sample, and should not be "
     "read as the view of the whole ward.", False),
    ("district-hot-spot", "Có thể khẳng định khoảng ba phần tư người dân trong quận đang bức xúc.", True),
    ("district-hot-spot", "72% người được hỏi bức xúc; số liệu cho thấy xu hướng, không đại diện cho toàn phường.", False),
])
def test_a_survey_infers_nothing_beyond_its_figures(scenario_id, text, overreaches):
    """The task asks to infer nothing beyond the figures: a quick poll read as the whole ward's
    view, or as proof, misleads the leaders (experts: M at best)."""
    points, evidence = _survey(scenario_id, "no-overreach", text)
    assert (points == 0.0) is overreaches, evidence


@pytest.mark.parametrize(("scenario_id", "text", "undecided"), [
    ("district-hot-spot", "Hướng giải quyết đã thống nhất: chiều nay nhà trường mời 14 gia đình lên trường nhận lại tiền điều hòa; "
     "trưởng ban đại diện lớp 3A sẽ bị cho thôi nhiệm vụ.", True),
    ("district-hot-spot", "Phòng GD&ĐT đã kiểm tra, các lớp khác của trường không có khoản thu nào sai.", True),
    ("district-hot-spot", "63% muốn trả lại tiền; đề nghị xem xét trách nhiệm sau khi có kết luận.", False),
    ("district-hot-spot-en", "The committee head has been disciplined and the money has been refunded in full.", True),
    ("district-hot-spot-en", "63% want the money returned; we propose that responsibility be considered once the review ends.", False),
])
def test_a_survey_reports_no_decision_nobody_made(scenario_id, text, undecided):
    """A survey that reports up as agreed a refund today, a dismissal or a finished review of the
    other classes misleads the leaders (experts: M); the rubric caps it at 55."""
    points, evidence = _survey(scenario_id, "no-undecided", text)
    assert (points == 0.0) is undecided, evidence


SURVEYS = {
    "district-hot-spot-en": (
        "Quick poll, 07:30-09:00: collaborators asked 86 people in person and by phone (61 parents, 25 residents). It is a quick "
        "sample, not representative of the whole ward. 62 (72%) are upset about the almost 8 million list; 15 (17%) fear their "
        "child will be treated differently; 9 (11%) find voluntary contributions normal. 54 (63%) want every payment published "
        "and money collected against the rules returned; 31 (36%) want those responsible dealt with. 48 (56%) heard through Zalo, "
        "30 (35%) through Facebook and TikTok, 8 through acquaintances. Many believe the head teacher has been arrested; nobody "
        "has heard anything official. The anger stems from the silence of the school and the ward. Outlook: likely to grow at the "
        "gate this morning unless we speak. We recommend one joint notice before 14:00 that answers the questions people ask: is "
        "the list the school's, and is money already paid coming back. Next report at 13:00.",
        " In fact the head teacher has been arrested by the police."),
    "district-hot-spot": (
        "Thăm dò nhanh 07:30-09:00: cộng tác viên hỏi 86 người (61 phụ huynh, 25 người dân), mẫu nhỏ, không đại diện cho toàn "
        "phường. 62 người (72%) bức xúc về bảng kê gần 8 triệu; 15 người (17%) lo con bị đối xử khác; 9 người (11%) thấy đóng góp "
        "tự nguyện là bình thường. 54 người (63%) muốn công khai các khoản thu và trả lại tiền thu sai; 31 người (36%) muốn xử lý "
        "người chịu trách nhiệm. 56% biết qua Zalo, 35% qua Facebook, TikTok. Nhiều người tin hiệu trưởng đã bị bắt; chưa ai nhận "
        "được thông tin chính thức. Nguyên nhân bức xúc là sự im lặng của nhà trường. Dự báo: có khả năng tụ tập đông hơn nếu không "
        "lên tiếng. Đề nghị công an làm rõ tin hiệu trưởng bị bắt và ra thông tin chính thức trước 14:00. Báo cáo tiếp lúc 13:00.",
        " Thực tế hiệu trưởng đã bị công an bắt."),
}


@pytest.mark.parametrize("scenario_id", sorted(SURVEYS))
def test_a_survey_that_retells_the_rumour_keeps_its_truth_but_one_that_states_it_does_not(scenario_id):
    """A survey reports what people believe ("many believe", the questions people ask, asking the
    police to clarify the rumour): that is no false claim. The same survey that then tells the
    standing board the head teacher was arrested has said something false, though it retold the
    same words first."""
    text, falsehood = SURVEYS[scenario_id]
    exercise = Loader().load_exercise(scenario_path(scenario_id))
    task = next(t for t in exercise.scenario.tasks if t.id == "survey")
    due = 2 * 3600 + 15 * 60 + task.due  # it opens when the poll comes in, at 2h15m
    honest = _task_score(scenario_id, "survey", text, due - 600, due, team="ward")
    false = _task_score(scenario_id, "survey", text + falsehood, due - 600, due, team="ward")
    truthful = {score.id: score.points for score in honest.criteria}["no-false-claims"], {score.id: score.points for score in false.criteria}["no-false-claims"]
    assert truthful == (2.0, 0.0), truthful
    assert honest.score >= 65, honest.score


@pytest.mark.parametrize(("text", "silent"), [
    ("Recommendations: do not publish anything until the education office has finished reviewing all classes.", True),
    ("Recommendations: publish the official information before 14:00 and answer the parents' questions.", False),
])
def test_a_survey_recommends_no_silence_and_no_warning_to_others(text, silent):
    """A survey's recommendations are judged like an assessment's: advising silence fails it, and
    having the police call in the poster "as a warning to others" threatens the public."""
    points, evidence = _survey("district-hot-spot-en", "no-silence", text)
    assert (points == 0.0) is silent, evidence
    warned = "Ask the police to invite the parent to work with them, as a warning to others."
    assert _survey("district-hot-spot-en", "no-blame", warned)[0] == 0.0

# ----- (f) a report up the chain: one clear falsehood fails it; retelling the rumours does not --------

ASSESSMENT = ("Source: a class 3A parent's post at 06:30 in the 'Hong Ha Parents' group, a photo of a list of almost "
              "8 million dong; shared in the Zalo groups. The deputy head reports the list is a draft by the class 3A "
              "committee, never approved by the school; the official payments are 1,650,000 dong. {claim} Trend: rising "
              "fast, parents may gather at the gate. Grade: serious. Lead: the ward People's Committee with the school. "
              "Next steps: joint official information before 14:00; the police to trace the video; next report at 09:30.")


@pytest.mark.parametrize(("claim", "fails"), [
    ("The head teacher has been called in by the police.", True),
    ("We believe the head teacher was called in by the police this morning.", True),
    ("31 (36%) of parents asked say the head teacher was called in by the police.", False),
    ("A video on TikTok says pupils who did not pay sit at the back and the head teacher was called in by the police.", False),
    ("Not yet verified: the seating story; whether the head teacher was called in by the police.", False),
])
def test_an_assessment_that_states_a_falsehood_fails_and_one_that_retells_the_rumour_does_not(claim, fails):
    from drill.scoring import Submission, automatic_score

    exercise = Loader().load_exercise(scenario_path("district-hot-spot-en"))
    text = ASSESSMENT.format(claim=claim)
    fields = {"grade": "Serious", "lead": "Ward People's Committee"}
    score = automatic_score(exercise, Submission("ward", "assess", 80 * 60, text, fields), 90 * 60)
    assert (score < 40) is fails, score


# ----- (g) labels that fall on words, threats after "and", silence in a Vietnamese survey --------------

@pytest.mark.parametrize(("scenario_id", "task_id", "text", "labels"), [
    # "quá khích" said of comments describes a risk; said of parents it labels them
    ("district-hot-spot", "assess", "Nguy cơ: tụ tập ở cổng trường, phát trực tiếp, bình luận quá khích.", False),
    ("district-hot-spot", "assess", "Nguy cơ: một số phụ huynh quá khích kéo đến cổng trường.", True),
    ("district-hot-spot", "statement", "Kẻ quá khích sẽ bị xử lý.", True),
    ("district-hot-spot", "statement", "Chị Trang đăng bài khi chưa hỏi nhà trường là thiếu trách nhiệm.", True),
    # a passive sanction after "and" falls on the accounts named before it
    ("district-hot-spot-en", "statement", "All accounts that posted, shared or commented on false information about the school, "
     "including the account that first posted the list, have been recorded and will be handled strictly under Decree 15.", True),
    ("district-hot-spot-en", "statement", "The Hong Ha Gossip page's videos have been recorded and will be handled strictly "
     "under Decree 15.", False),
    # warning parents off the "bad elements" who lead them, the livestreamer threatened, posting called deliberate
    ("district-hot-spot-en", "reply-parents", "Do not let yourselves be incited by bad elements.", True),
    ("district-hot-spot-en", "reply-parents", "We ask parents not to let themselves be incited by bad elements.", True),
    ("district-hot-spot-en", "reply-parents", "The person who is livestreaming must stop immediately or will be dealt with.", True),
    ("district-hot-spot-en", "reply-parents", "Some people have deliberately posted and shared false information about the school.", True),
    ("district-hot-spot-en", "statement", "The gossip page deliberately spread the spliced video.", False),
    ("district-hot-spot-en", "statement", "Do not say parents were incited by bad elements; they are worried.", False),
    # ... but not one whose clause names its own subject, the maker of the fake
    ("district-hot-spot-en", "statement", "We thank the parent who posted, and the page's administrator has been identified and "
     "will be handled under the law.", False),
    ("school-food-rumour", "statement", "我们理解发帖家长的担忧，营销号“江川同城热点”的运营者已被查明并且将被依法处理。", False),
])
def test_a_label_falls_on_people_and_a_sanction_on_whom_the_sentence_names(scenario_id, task_id, text, labels):
    text += {"district-hot-spot": " Bảng kê là bản dự thảo của Ban đại diện lớp 3A.",
             "school-food-rumour": "问题大米已登记封存，未供学生食用。"}.get(scenario_id, " The list is a draft by the class 3A committee.")
    points, evidence = _criterion(scenario_id, task_id, "no-blame", text, opened=True)
    assert (points == 0.0) is labels, evidence


def test_sharing_before_reading_the_notice_board_is_a_lecture_but_owning_the_gap_is_not():
    text = ("The school's payments have been on the notice board since 5 September, and if everyone had looked at the notice "
            "board before sharing, a lot of this could have been avoided. The list is a draft by the class 3A committee.")
    assert _criterion("district-hot-spot-en", "reply-parents", "no-lecturing", text, opened=True)[0] == 0.0
    owned = "A lot of this could have been avoided if we had published the list ourselves. The list is a draft by the class 3A committee."
    assert _criterion("district-hot-spot-en", "reply-parents", "no-lecturing", owned, opened=True)[0] == 1.0


@pytest.mark.parametrize(("scenario_id", "text"), [
    ("district-hot-spot", "Phụ huynh có thắc mắc về khoản này đề nghị hỏi trực tiếp trưởng ban đại diện lớp. "
     "Bảng kê là bản dự thảo của Ban đại diện lớp 3A."),
    ("district-hot-spot-en", "Parents with questions about this money should ask the committee head directly. "
     "The list is a draft by the class 3A committee."),
])
def test_sending_parents_to_the_committee_head_passes_the_buck(scenario_id, text):
    assert _criterion(scenario_id, "reply-parents", "no-lecturing", text, opened=True)[0] == 0.0
    asking = ("This morning the ward will ask the committee head directly to return the money. "
              "The list is a draft by the class 3A committee.")
    assert _criterion("district-hot-spot-en", "reply-parents", "no-lecturing", asking, opened=True)[0] == 1.0


def test_posting_before_asking_the_school_is_a_lecture_not_a_label():
    """"Phụ huynh đăng lên mạng khi chưa hỏi nhà trường" reproaches the parent: a lecture that costs
    a band, not a label that fails the text."""
    text = ("Việc phụ huynh đăng lên mạng khi chưa hỏi nhà trường đã gây hiểu lầm rất đáng tiếc. "
            "Bảng kê là bản dự thảo của Ban đại diện lớp 3A, nhà trường chưa duyệt.")
    assert _criterion("district-hot-spot", "statement", "no-blame", text, opened=True)[0] == 1.0
    assert _criterion("district-hot-spot", "statement", "no-lecturing", text, opened=True)[0] == 0.0


@pytest.mark.parametrize(("scenario_id", "text"), [
    ("district-hot-spot", "Kiến nghị: không cần đưa thông tin chính thức rộng rãi, tránh làm vụ việc nóng thêm."),
    ("district-hot-spot-en", "Recommendation: no need to publish official information; it will die down."),
])
def test_a_survey_that_advises_against_official_information_advises_silence(scenario_id, text):
    points, evidence = _survey(scenario_id, "no-silence", text)
    assert points == 0.0, evidence


# ----- (h) an assessment written before the checks: rumours as fact, decisions nobody made, the grade ---

SCHOOL_ASSESSMENT = (
    "Source: the microblog post by \"Xiaoyu's Mum\" at 06:40 with four photos; since then in the parents' chat groups, "
    "a local forum and a short video. Trend: spreading fast, with calls for the head teacher to be held to account; "
    "risk of parents gathering at the school gate and of the press picking it up. Per the school's facilities office "
    "the rice in the photos is two sacks from the 15 April delivery, found mouldy at the delivery check, sealed and "
    "awaiting return. {claim} Reported to the deputy mayor and the Propaganda Department by phone. First actions: "
    "the safety section to the school, the register and CCTV secured, the market regulator asked to sample. "
    "Next report at 10:30.")


@pytest.mark.parametrize(("claim", "most"), [
    # an assessment that reports a decision nobody made is held in the middle band
    ("Decided this morning: free health checks for every pupil at the district hospital this week.", 50),
    # ... but may propose it, or report what the parents at the gate demand
    ("We propose free health checks for every pupil at the district hospital if parents ask for them.", 100),
    ("Parents at the gate want free health checks for every pupil and the supplier banned.", 100),
    # what the team will tell the parents, or what parents will get, is its own announcement
    ("We will tell parents today that every pupil gets a free health check at the district hospital this week.", 50),
    ("Parents will get free health checks for every pupil this week.", 50),
    ("What parents want most: free health checks for every pupil.", 100),
])
def test_an_assessment_announces_no_decision_nobody_made_but_reports_what_parents_demand(claim, most):
    text = SCHOOL_ASSESSMENT.format(claim=claim)
    fields = {"grade": "major or relatively major", "lead": "Education Bureau"}
    scored = _task_score("school-food-rumour-en", "assess", text, 3600, 5400, fields, team="education")
    assert scored.score <= most and (most < 100 or scored.score >= 65), (scored.score, [g.criterion for g in scored.gates])


@pytest.mark.parametrize(("fields", "sentence", "capped"), [
    ({"grade": "ordinary"}, "", True),  # a wrong grade misleads the leaders
    ({}, " Grade: ordinary.", True),  # in the form or in the text
    ({}, "", False),  # no grade given is no grade wrong
    # a grade in a sentence of the team's own is not read: it could be the school's, or a case's
    ({}, " The school first called it ordinary; we now consider it major or relatively major.", False),
])
def test_a_wrong_grade_caps_an_assessment(fields, sentence, capped):
    text = SCHOOL_ASSESSMENT.format(claim="Whether any pupil is ill is to be verified with the district hospital.") + sentence
    scored = _task_score("school-food-rumour-en", "assess", text, 3600, 5400, {"lead": "Education Bureau", **fields}, team="education")
    assert ("grade" in [g.criterion for g in scored.gates]) is capped, (scored.score, [g.criterion for g in scored.gates])


def test_a_vietnamese_assessment_that_marks_nothing_unverified_is_held_in_the_middle_band():
    text = ("Nguồn: bài Facebook của phụ huynh lớp 3A lúc 6 giờ 30 trong nhóm \"Phụ huynh Hồng Hà\", lan qua các nhóm Zalo "
            "và trang TikTok \"Hóng Biến Hồng Hà\". Xu hướng: lan nhanh, phụ huynh có thể tụ tập ở cổng trường, báo chí có "
            "thể đăng lại. Bảng kê là bản dự thảo của Ban đại diện lớp 3A, nhà trường chưa duyệt; khoản thu chính thức là "
            "1.650.000 đồng. Không có học sinh nào bị xếp ngồi cuối lớp. {hedge}Phường chủ trì, báo cáo UBND quận; "
            "việc đầu tiên: làm việc với nhà trường và Ban đại diện lớp 3A, báo cáo tiếp lúc 9 giờ 30.")
    fields = {"grade": "Nghiêm trọng", "lead": "UBND phường Đông Giang"}
    sure = _task_score("district-hot-spot", "assess", text.format(hedge=""), 3600, 5400, fields, team="ward")
    marked = _task_score("district-hot-spot", "assess", text.format(hedge="Chuyện xếp chỗ ngồi còn chưa xác minh. "), 3600, 5400, fields, team="ward")
    assert sure.score <= 55 < marked.score, (sure.score, marked.score)


@pytest.mark.parametrize(("scenario_id", "task_id", "criterion", "text", "passes"), [
    # a measure ruled out in the verb after it, past an aside, is not announced
    ("school-food-rumour-en", "follow-up", "no-overclaims", "Visits at any time, without arrangement, are not possible in a "
     "working kitchen for hygiene reasons. The sacks were sealed at the delivery check.", True),
    ("school-food-rumour-en", "follow-up", "no-overclaims", "Visits at any time, without arrangement, are now allowed. "
     "The sacks were sealed at the delivery check.", False),
    # a list of what not to do, or not to promise, denies its items
    ("school-food-rumour-en", "plan", "no-blame", "Do not: call the parent a rumour-monger; promise a new supplier. "
     "The sacks were sealed at the delivery check.", True),
    ("school-food-rumour-en", "plan", "no-undecided", "Do not promise: free health checks; visits to the canteen at any time. "
     "The sacks were sealed at the delivery check.", True),
    # staff who do not answer on their own, with everything routed through the ward, is one voice
    ("district-hot-spot-en", "assess", "no-silence", "Staff told not to answer reporters or parents' messages themselves; "
     "anything public goes through the ward. The list is a draft by the class 3A committee.", True),
    ("district-hot-spot-en", "assess", "no-silence", "Staff told not to answer reporters or parents' messages. "
     "The list is a draft by the class 3A committee.", False),
    # elements beside a page are people, labelled
    ("district-hot-spot", "reply-parents", "no-blame", "Một số phần tử quá khích và các trang mạng thiếu thiện chí đã lợi dụng "
     "việc này để kích động. Bảng kê là bản dự thảo của Ban đại diện lớp 3A.", False),
    # a rumour named after a topic word is named, not claimed
    ("district-hot-spot", "reply-parents", "no-false-claims", "Về tin Hiệu trưởng bị bắt: cô Hạnh vẫn làm việc bình thường tại "
     "trường. Bảng kê là bản dự thảo của Ban đại diện lớp 3A.", True),
    # 不 right before a sanction denies it
    ("school-food-rumour", "plan", "no-blame", "对发帖家长不传唤、不约谈、不要求删帖。问题大米已登记封存。", True),
    ("school-food-rumour", "plan", "no-blame", "对发帖家长依法传唤。问题大米已登记封存。", False),
    # a Vietnamese reply that understands the parents' impatience acknowledges their concern
    ("district-hot-spot", "reply-parents", "concern", "UBND phường rất hiểu sự sốt ruột của các anh chị. "
     "Bảng kê là bản dự thảo của Ban đại diện lớp 3A.", True),
])
def test_measures_ruled_out_lists_of_donts_quoted_warnings_and_named_news(scenario_id, task_id, criterion, text, passes):
    points, evidence = _criterion(scenario_id, task_id, criterion, text, opened=True)
    assert (points > 0) is passes, evidence


@pytest.mark.parametrize(("scenario_id", "task_id", "text", "false"), [
    # new falsehoods: the other schools' lunches, the sealed sacks passing, the poster off the committee
    ("school-food-rumour-en", "follow-up", "The same batch went to two other schools; one rejected it, the other had already "
     "used part of it in lunches. The sacks were sealed at the delivery check.", True),
    ("school-food-rumour-en", "follow-up", "Rapid tests on seven samples: all seven passed, including the two sacks from the "
     "15 April batch. The sacks were sealed at the delivery check.", True),
    ("school-food-rumour-en", "follow-up", "The poster is not a member of the parents' meal committee. "
     "The sacks were sealed at the delivery check.", True),
    ("school-food-rumour", "follow-up", "网传所谓“发霉”，实为大米受潮结块。问题大米已登记封存。", True),
    ("school-food-rumour", "follow-up", "发帖人不是家长膳食委员会成员。问题大米已登记封存。", True),
    # a check for every pupil at the hospital is no pupil in it; pupils in it are
    ("school-food-rumour-en", "follow-up", "Free health checks for every pupil at the district hospital are not planned. "
     "The sacks were sealed at the delivery check.", False),
    ("school-food-rumour-en", "follow-up", "Three pupils are now in hospital. The sacks were sealed at the delivery check.", True),
])
def test_new_falsehoods_about_the_batch_the_tests_and_the_poster(scenario_id, task_id, text, false):
    points, evidence = _criterion(scenario_id, task_id, "no-false-claims", text, opened=True, at=12 * 3600)
    assert (points == 0.0) is false, evidence


# ----- (i) lists that leave a measure open or withhold it; falsehoods and reports in new words -----------

SEALED_EN, SEALED_ZH, DRAFT_VI = " The sacks were sealed at the delivery check.", "问题大米已登记封存。", " Bảng kê là bản dự thảo của Ban đại diện lớp 3A."


@pytest.mark.parametrize(("scenario_id", "text", "passes"), [
    # a measure that labels a list whose value says only that nothing was decided is left open ...
    ("school-food-rumour-en", "Suspensions or free health checks: none has been decided." + SEALED_EN, True),
    ("school-food-rumour-en", "Free medical checks: nothing has been decided." + SEALED_EN, True),
    ("school-food-rumour", "免费体检、停职：均未决定。" + SEALED_ZH, True),
    # ... not one whose value leaves only a detail open
    ("school-food-rumour-en", "The supplier is suspended: no decision yet on a fine." + SEALED_EN, False),
    ("school-food-rumour", "免费体检：时间尚未决定。" + SEALED_ZH, False),
    # the items after "do not announce" are not announced; a claim after "do not mention ..." is
    ("school-food-rumour-en", "Do not announce penalties, suspensions of staff or free health checks." + SEALED_EN, True),
    ("school-food-rumour-en", "Do not mention the parent by name, the supplier has been suspended, fined or banned." + SEALED_EN, False),
    ("school-food-rumour", "不要宣布处罚、停职或免费体检。" + SEALED_ZH, True),
    ("district-hot-spot", "Không công bố kỷ luật, cách chức hoặc xử phạt." + DRAFT_VI, True),
    # a list's label that says its items are still open hedges them
    ("school-food-rumour-en", "Still open: the rapid tests; how the supplier and staff will be dealt with." + SEALED_EN, True),
    # a school that stops buying from the supplier on its own has decided what nobody decided
    ("school-food-rumour-en", "From today we will stop buying from Fenghe Grain & Oil and change to a new supplier." + SEALED_EN, False),
    ("school-food-rumour-en", "We do not plan to change to a new supplier." + SEALED_EN, True),
    # a measure to come that depends on a finding is a condition; a reason after it does not reject it
    ("school-food-rumour-en", "The supplier will be suspended depending on whether the lab confirms the mould." + SEALED_EN, True),
    ("school-food-rumour-en", "The supplier has been suspended, because its delivery records are inconsistent with the facts."
     + SEALED_EN, False),
])
def test_a_plan_leaves_open_or_withholds_what_nobody_decided(scenario_id, text, passes):
    points, evidence = _criterion(scenario_id, "plan", "no-undecided", text, opened=True)
    assert (points > 0) is passes, evidence


@pytest.mark.parametrize(("scenario_id", "task_id", "criterion", "text", "passes"), [
    # a rumour said to be inconsistent with the facts is rejected, not asserted early
    ("school-food-rumour-en", "flash-report", "no-overclaims", "Some information online about pupils being in hospital is "
     "inconsistent with the facts as we understand them." + SEALED_EN, True),
    # a video of unknown origin says nothing of the supplier; a rumour people asked about is not claimed
    ("school-food-rumour-en", "flash-report", "no-overclaims", "The video's vomiting and ambulance scenes are of unknown origin."
     + SEALED_EN, True),
    ("school-food-rumour-en", "statement", "no-false-claims", "Many of you have asked about the photos of mouldy rice and the "
     "video of pupils in hospital. Here are the facts." + SEALED_EN, True),
    # a video that appeared with pictures of vomiting is no symptom; children who vomited are
    ("school-food-rumour", "flash-report", "no-overclaims", "8:00以后短视频平台出现一段配有学生呕吐、救护车画面的视频。" + SEALED_ZH, True),
    ("school-food-rumour", "follow-up", "no-false-claims", "目前已有孩子出现腹泻，正在治疗。" + SEALED_ZH, False),
    # new falsehoods: the sealed rice only damp or passing its test, the sacks taken back at once, the head teacher called in
    ("school-food-rumour-en", "plan", "no-false-claims", "The sealed rice was only damp and presents no food safety problem."
     + SEALED_EN, False),
    ("school-food-rumour", "follow-up", "no-false-claims", "学校封存的2袋大米霉变粒等指标符合标准，判定合格。" + SEALED_ZH, False),
    ("school-food-rumour", "flash-report", "no-false-claims", "照片中的霉变大米为验收时发现的2袋，当天即由供应商取回。发帖人张女士是家长膳食委员会成员，系陪餐时拍摄。", False),
    ("district-hot-spot", "survey", "no-false-claims", "Hiệu trưởng đã được công an mời làm việc sáng nay để làm rõ các khoản thu."
     + DRAFT_VI, False),
    ("district-hot-spot-en", "statement", "no-false-claims", "The head teacher was invited to work with the district police "
     "this morning. The list is a draft by the class 3A committee.", False),
    # a committee that drafted a list on its own is no parent who posted it on her own
    ("district-hot-spot", "assess", "no-blame", "Nguyên nhân chủ yếu do Ban đại diện lớp tự ý soạn và đưa vào nhóm một bảng kê "
     "chưa được nhà trường xem xét." + DRAFT_VI, True),
    ("district-hot-spot", "assess", "no-blame", "Việc một phụ huynh tự ý đưa bản dự thảo nội bộ lên mạng là thiếu suy nghĩ."
     + DRAFT_VI, False),
    # a plan that answers no reporter at all stonewalls
    ("school-food-rumour", "plan", "no-silence", "对媒体采访一律不予回应，统一由宣传部门答复。" + SEALED_ZH, False),
    # summoning the parent who posted to the police station threatens her; the page's administrator made the fake
    ("district-hot-spot-en", "assess", "no-blame", "Invite the owner of the account \"Thu Trang\" to the ward police station "
     "to work and require her to delete the post. The list is a draft by the class 3A committee.", False),
    ("district-hot-spot-en", "assess", "no-blame", "Trace the page \"Hong Ha Gossip\" and invite its administrator to the "
     "police station to work. The list is a draft by the class 3A committee.", True),
    # a poll read as a promise that opinion will settle overreaches
    ("district-hot-spot-en", "survey", "no-overreach", "Once the ward publishes this information, public opinion will calm "
     "down completely by this afternoon. The list is a draft by the class 3A committee.", False),
    # a rumour rejected after a claim of the team's own is rejected, named as news or not
    ("school-food-rumour", "statement", "no-false-claims", "学校长期使用发霉大米，网传这一说法与事实不符。" + SEALED_ZH, True),
])
def test_rumours_rejected_and_falsehoods_in_new_words(scenario_id, task_id, criterion, text, passes):
    # a follow-up opens when the statement is out: handed in at the end of the day, once the tests are in
    at = 12 * 3600 if task_id == "follow-up" else None
    points, evidence = _criterion(scenario_id, task_id, criterion, text, opened=True, at=at)
    assert (points > 0) is passes, evidence


@pytest.mark.parametrize(("scenario_id", "task_id", "text", "hours", "passes"), [
    # the platform's takedown before it happened, and the full laboratory tests before they exist, are asserted early
    ("school-food-rumour", "statement", "在网信部门指导下，相关平台已下架该视频。" + SEALED_ZH, 5.5, False),
    ("school-food-rumour", "statement", "已要求平台尽快下架该视频。" + SEALED_ZH, 5.5, True),
    ("school-food-rumour", "flash-report", "封存大米合格与否以市场监管局检测结果为准。" + SEALED_ZH, 1.8, True),
    ("school-food-rumour", "statement", "对食堂在用大米进行了快检和实验室全项检测，全部指标均合格。" + SEALED_ZH, 7.0, False),
    # a rumour rejected in the next clause, named as news of its own, leaves the claim before it asserted
    ("school-food-rumour", "flash-report", "经与区人民医院核实，没有三小学生因饮食问题就诊或住院，网传“多名学生送医”不实。"
     + SEALED_ZH, 1.8, False),
    # all pupils well, before the hospital's answer, is asserted early; no report so far is not
    ("school-food-rumour", "flash-report", "全校学生身体健康，没有一名学生因饮食问题请假或就医。" + SEALED_ZH, 1.8, False),
    ("school-food-rumour", "flash-report", "目前尚未接到学生因饮食问题就医的报告，正在向区人民医院核实。" + SEALED_ZH, 1.8, True),
    # "whether" after "according to" hedges nothing: no child seated by payment is asserted before the class check
    ("district-hot-spot-en", "reply-parents", "No child has been seated according to whether the family paid. "
     "The list is a draft by the class 3A committee.", 2.3, False),
])
def test_what_is_not_yet_known_asserted_in_new_words(scenario_id, task_id, text, hours, passes):
    points, evidence = _criterion(scenario_id, task_id, "no-overclaims", text, at=hours * 3600)
    assert (points > 0) is passes, evidence


# ----- (j) half-truths, the claims a table answers, wishes, rosy reports, punished parents, silence -------

DRAFT_EN = " The list is a draft by the class 3A committee."


@pytest.mark.parametrize(("scenario_id", "text", "passes"), [
    # "all samples passed" where the sealed sacks were among them is false unless the text says they failed
    ("school-food-rumour-en", "The regulator tested seven samples, the rice from the sealed sacks among them. All samples "
     "passed, and no aflatoxin was detected." + SEALED_EN, False),
    ("school-food-rumour-en", "The rapid tests are complete: all samples passed and aflatoxin B1 was not detected. "
     "The sealed rice failed and is to be returned and destroyed." + SEALED_EN, True),
    ("school-food-rumour-en", "The rice in use and the retained samples all passed." + SEALED_EN, True),
    ("school-food-rumour-en", "All retained samples passed, and aflatoxin B1 was not detected." + SEALED_EN, True),
    ("school-food-rumour-en", "All samples passed except the two sealed sacks." + SEALED_EN, True),
    ("school-food-rumour-en", "All samples passed. Parents who saw the photos worried about too many mouldy grains." + SEALED_EN, False),
    ("school-food-rumour", "市场监管局抽取7份样品快检，所有样品均合格，黄曲霉毒素B1未检出。" + SEALED_ZH, False),
    ("school-food-rumour", "市场监管局抽取7份样品快检，在用大米和留样均合格；封存的2袋大米霉变粒超标，判定不合格。" + SEALED_ZH, True),
    ("school-food-rumour", "食堂在用大米和近3个就餐日的留样样品均合格，黄曲霉毒素B1未检出。" + SEALED_ZH, True),
    ("school-food-rumour", "所有样品均合格，封存的两袋问题大米霉变超标，已判定不合格。" + SEALED_ZH, True),
])
def test_a_half_truth_is_false_unless_the_text_says_the_rest(scenario_id, text, passes):
    points, evidence = _criterion(scenario_id, "statement", "no-false-claims", text, at=7 * 3600)
    assert (points > 0) is passes, evidence


@pytest.mark.parametrize(("scenario_id", "task_id", "criterion", "text", "passes"), [
    # a column headed "What was said" holds the claims the table answers
    ("district-hot-spot-en", "statement", "no-false-claims", "| What was said | What has been checked |\n|---|---|\n"
     "| The head teacher was called in by the police | No. Ms Hanh was not arrested or called in. |" + DRAFT_EN, True),
    ("district-hot-spot-en", "statement", "no-false-claims", "| What happened | Who checked it |\n|---|---|\n"
     "| The head teacher was called in by the police | The ward |" + DRAFT_EN, False),
    ("district-hot-spot-en", "statement", "no-false-claims", "Head teacher Nguyen Thi Hanh was asked to the district police "
     "this morning to give an explanation and has since returned to work." + DRAFT_EN, False),
    # ... a cell that says "No." answers the claim before it; a column of the team's own says it
    ("district-hot-spot-en", "statement", "no-false-claims", "| Question from parents | Our answer |\n|---|---|\n"
     "| Was Ms Hanh arrested? | The head teacher was called in by the police. |" + DRAFT_EN, False),
    ("district-hot-spot-en", "statement", "no-false-claims", "Contrary to what was said this morning, the head teacher was "
     "called in by the police." + DRAFT_EN, False),
    # a claim's subject after "by" is another noun's: the collection is suspended, not the supplier
    ("school-food-rumour-en", "statement", "no-overclaims", "Collection by the supplier is suspended until the regulator has "
     "sampled the sacks." + SEALED_EN, True),
    ("school-food-rumour-en", "statement", "no-overclaims", "The supplier is suspended." + SEALED_EN, False),
    ("district-hot-spot-en", "statement", "no-false-claims", "With the head teacher already called in by the police, anger "
     "is spreading." + DRAFT_EN, False),
    # a collection suspended is no person suspended
    ("district-hot-spot-en", "statement", "no-overclaims", "The collection has been suspended." + DRAFT_EN, True),
    ("district-hot-spot-en", "statement", "no-overclaims", "The class teacher has been suspended from class 3A." + DRAFT_EN, False),
    # what parents would like is their wish, not a promise
    ("school-food-rumour-en", "follow-up", "no-overclaims", "We know many of you would like to be able to visit at any time; "
     "that has not been decided." + SEALED_EN, True),
    ("school-food-rumour-en", "follow-up", "no-overclaims", "Many parents would like to visit the canteen, so from Monday "
     "parents will be able to visit the canteen at any time." + SEALED_EN, False),
    ("school-food-rumour-en", "follow-up", "no-overclaims", "Parents will be able to visit the canteen at any time." + SEALED_EN, False),
    # an opinion report that calls the rest calm, against a poll where most are upset, paints it rosy
    ("district-hot-spot-en", "survey", "no-embellishment", "Of the 86 people asked, only 17% are unhappy; the rest see the "
     "matter calmly, and nobody we asked believes the story that the head teacher was arrested." + DRAFT_EN, False),
    ("district-hot-spot-en", "survey", "no-embellishment", "Of the 86 people asked, 72% are upset and many believe the head "
     "teacher was arrested; online opinion is calmer than yesterday but far from settled." + DRAFT_EN, True),
    ("district-hot-spot", "survey", "no-embellishment", "Trong 86 người được hỏi, 72% bức xúc. Không ai tin tin đồn hiệu trưởng bị bắt." + DRAFT_VI, False),
    ("district-hot-spot", "survey", "no-embellishment", "Trong 86 người được hỏi, 72% bức xúc; dư luận đã lắng bớt về tin hiệu trưởng "
     "bị bắt nhưng vẫn gay gắt về khoản thu." + DRAFT_VI, True),
    # a refund "this week" is a date nobody set; results sent to the groups this week are not
    ("district-hot-spot", "survey", "no-undecided", "Qua kiểm tra, nhà trường sẽ hoàn trả toàn bộ cho phụ huynh trong tuần này."
     + DRAFT_VI, False),
    ("district-hot-spot", "survey", "no-undecided", "Kết quả rà soát sẽ được gửi vào nhóm Zalo các lớp trong tuần này." + DRAFT_VI, True),
    # parents put out of the class groups, or the poster off the meal committee, are punished
    ("school-food-rumour-en", "assess", "no-blame", "Class teachers are to remove from the groups any parent who keeps "
     "forwarding it." + SEALED_EN, False),
    ("school-food-rumour-en", "assess", "no-blame", "Class teachers are to answer in the groups any parent who keeps "
     "asking about it." + SEALED_EN, True),
    ("school-food-rumour", "assess", "no-blame", "班主任对转发的家长移出群聊。" + SEALED_ZH, False),
    ("school-food-rumour", "assess", "no-blame", "对转发的家长不做任何处罚，由班主任耐心解释。" + SEALED_ZH, True),
    # a plan that would say nothing until every test is in, or block the hashtag, advises silence
    ("school-food-rumour-en", "plan", "no-silence", "1. No public statement until all tests and the investigation are "
     "finished. 2. The Propaganda Department to block the hashtag." + SEALED_EN, False),
    ("school-food-rumour-en", "plan", "no-silence", "1. No public statement until the content is agreed by the working "
     "group; the joint statement goes out by 14:00." + SEALED_EN, True),
])
def test_tables_of_claims_wishes_rosy_reports_and_new_words(scenario_id, task_id, criterion, text, passes):
    _assert_passes(scenario_id, task_id, criterion, text, passes)


# ----- (k) what was heard or read, rulings on a rumour, labels on the faker, short internal texts -----------

@pytest.mark.parametrize(("scenario_id", "task_id", "criterion", "text", "passes"), [
    # what a parent heard or read is retold, not claimed
    ("school-food-rumour-en", "statement", "no-false-claims", "Any parent who read that children had been taken to hospital "
     "would want answers at once. No pupil has been admitted to hospital." + SEALED_EN, True),
    ("school-food-rumour-en", "statement", "no-false-claims", "We have read the posts. Children were taken to hospital." + SEALED_EN, False),
    ("school-food-rumour-en", "statement", "no-false-claims", "At this morning's meeting, parents were told that the sacks were "
     "returned on the spot." + SEALED_EN, False),
    # "not aware of" denies what follows it in its clause
    ("school-food-rumour-en", "statement", "no-false-claims", "We are not currently aware of pupils having been hospitalised, "
     "and checks continue." + SEALED_EN, True),
    ("school-food-rumour-en", "statement", "no-false-claims", "We are now aware that pupils were hospitalised." + SEALED_EN, False),
    # a ruling on what is going round (网传……系……) is the team's own; the rumour alone is not
    ("school-food-rumour", "statement", "facts", "网传“学生呕吐送医”视频系外地营销号利用2021年外省旧视频拼接。", True),
    ("school-food-rumour", "statement", "no-false-claims", "网传多名学生食物中毒住院，正在核实。" + SEALED_ZH, True),
    ("school-food-rumour", "statement", "no-false-claims", "网传家长群内一张学校信息系统截图显示已有学生住院。" + SEALED_ZH, True),
    # a label on the page that faked the video, named in the item's label, labels no parent
    ("school-food-rumour-en", "plan", "no-blame", "- Marketing account: open a case under the law for fabricating and "
     "spreading false information." + SEALED_EN, True),
    ("school-food-rumour-en", "plan", "no-blame", "- Parents in the class groups: open a case under the law for fabricating "
     "and spreading false information." + SEALED_EN, False),
    ("school-food-rumour-en", "plan", "no-blame", "- Marketing account: ask the police to open a case against it for fabricating "
     "and spreading false information, to deter others." + SEALED_EN, False),
    # handling "those who posted", or "anyone who persists", threatens the parents; handling the page does not
    ("district-hot-spot", "reply-parents", "no-blame", "Công an quận đang xác minh, xử lý những người đăng tải, chia sẻ thông "
     "tin sai sự thật." + DRAFT_VI, False),
    ("district-hot-spot", "reply-parents", "no-blame", "Đề nghị phụ huynh giải tán. Trường hợp cố tình tụ tập sẽ bị xử lý "
     "theo quy định." + DRAFT_VI, False),
    ("district-hot-spot", "statement", "no-blame", "Trường hợp nào cố tình phân biệt đối xử với học sinh sẽ bị xử lý nghiêm "
     "theo quy định." + DRAFT_VI, True),
    ("district-hot-spot", "reply-parents", "no-blame", "Công an quận đang xử lý trang Hóng Biến đã cắt ghép đoạn ghi âm." + DRAFT_VI, True),
    # no next update is promised by one that says there will be none
    ("school-food-rumour", "statement", "next-update", "本次调查工作已经结束，后续不再另行通报。" + SEALED_ZH, False),
    ("school-food-rumour", "statement", "next-update", "全项检测结果出具后，将通过“江川发布”及时通报。" + SEALED_ZH, True),
    ("school-food-rumour", "statement", "next-update", "检测报告出来后，学校不再逐一电话通知，统一通过“江川发布”公布。" + SEALED_ZH, True),
    # a grade proposed in the text ("定级建议：") answers the form's grade
    ("school-food-rumour", "assess", "grade", "4.定级建议：重大或较大。牵头建议：市教育局，我局配合。", True),
    ("school-food-rumour", "assess", "grade", "4.定级建议：一般。牵头建议：市教育局。", False),
    # the supplier's qualifications being checked is no claim that they are in doubt
    ("school-food-rumour", "follow-up", "no-false-claims", "供应商的资质核查和问题批次调查由市市场监管局负责。" + SEALED_ZH, True),
    ("school-food-rumour", "follow-up", "no-false-claims", "经查，该供应商存在资质问题。" + SEALED_ZH, False),
])
def test_what_was_heard_rulings_on_rumours_and_labels_on_the_faker(scenario_id, task_id, criterion, text, passes):
    _assert_passes(scenario_id, task_id, criterion, text, passes)


@pytest.mark.parametrize(("text", "passes"), [
    # "to pass media calls" is no "all passed": a bare verb ending in -ss is not its past
    ("At 08:30 a member of staff told a reporter 'I don't know'. We have since told all staff to pass media calls to the "
     "Bureau." + SEALED_EN, True),
    ("The rice samples all passed the rapid tests." + SEALED_EN, False),
])
def test_a_flash_report_asserts_only_what_it_says(text, passes):
    points, evidence = _criterion("school-food-rumour-en", "flash-report", "no-overclaims", text, opened=True)
    assert (points > 0) is passes, evidence


def test_an_internal_text_under_a_fifth_of_its_length_is_held_below_the_s_band():
    """Five true lines make no first report a leader can act on: experts put internal texts under a
    fifth of the minimum length at S or above once in 199 (the rubrics' `cap_below: 0.2`)."""
    text = ("First report, 08:50. At 06:40 a parent posted photos of mouldy rice. The two sacks were sealed at the "
            "delivery check and never served. Ms Zhang of the meal committee took them. Still to be verified: illness. "
            "Next report at 10:00.")
    scored = _task_score("school-food-rumour-en", "flash-report", text, 2 * 3600, 2 * 3600 + 600, team="education")
    assert scored.score == 60 and [gate.criterion for gate in scored.gates] == ["length"]


@pytest.mark.parametrize(("text", "capped"), [
    # everything a parent needs but whom to call: a minor shortcoming, S at best
    ("Dear parents, we understand your worry and we are sorry you learned of this from a photo. The list of 7,850,000 dong "
     "is a draft by the class 3A parents' committee; the school never approved it. The school's payments are 1,650,000 dong "
     "per pupil, posted since 5 September. The air-conditioner money breaks the rules and has been stopped; the 14 families "
     "who paid will get it all back before 20 September. No child was seated at the back for not paying, and Ms Hanh was "
     "not arrested. Still being checked: the payments of every class. We will post the next update at 11:00 in the class "
     "Zalo groups.", True),
    # ... while a person to ask at the gate is a contact
    ("Dear parents, we understand your worry and we are sorry you learned of this from a photo. The list of 7,850,000 dong "
     "is a draft by the class 3A parents' committee; the school never approved it. The school's payments are 1,650,000 dong "
     "per pupil, posted since 5 September. The air-conditioner money breaks the rules and has been stopped; the 14 families "
     "who paid will get it all back before 20 September. No child was seated at the back for not paying, and Ms Hanh was "
     "not arrested. Still being checked: the payments of every class. We will post the next update at 11:00 in the class "
     "Zalo groups. For any question, ask the deputy head or the ward officer on duty at the gate.", False),
])
def test_a_reply_without_a_contact_is_held_below_p(text, capped):
    scored = _task_score("district-hot-spot-en", "reply-parents", text, 3 * 3600, 3 * 3600 + 600, team="school")
    assert ("contact" in [gate.criterion for gate in scored.gates]) is capped and (scored.score <= 84) is capped, (scored.score, scored.gates)


# ----- (l) who did what, a "may" that grants, a bare "No.", what was never bought ----------------------------

@pytest.mark.parametrize(("scenario_id", "task_id", "criterion", "text", "passes"), [
    # the other schools turning the batch away at the door is no claim about No. 3 Primary's sacks
    ("school-food-rumour-en", "follow-up", "no-false-claims", "Two other schools got the same batch and both sent it back "
     "at the door." + SEALED_EN, True),
    ("school-food-rumour-en", "follow-up", "no-false-claims", "The two sacks were sent back at the door. No pupil has been admitted "
     "to hospital.", False),
    # a bare "No." answers the question before it; what follows is the team's own claim
    ("school-food-rumour-en", "follow-up", "no-false-claims", "Does it supply other schools? No. Fenghe supplies No. 3 "
     "Primary only." + SEALED_EN, False),
    ("school-food-rumour-en", "follow-up", "no-false-claims", "Fenghe does not supply any other school with rice from this "
     "batch: the two other schools rejected it." + SEALED_EN, True),
    ("school-food-rumour-en", "follow-up", "no-false-claims", "Does it supply other schools? Yes. Two other schools got the "
     "same batch and rejected it." + SEALED_EN, True),
    # a "may" that grants visits promises them; a "may" that guesses does not
    ("school-food-rumour-en", "follow-up", "no-overclaims", "From next week parents may visit the canteen on any school day "
     "without an appointment." + SEALED_EN, False),
    ("school-food-rumour-en", "follow-up", "no-overclaims", "Some parents may have read that visits without an appointment "
     "are coming; nothing has been decided." + SEALED_EN, True),
    # dealing "seriously" with the supplier announces a penalty nobody decided
    ("school-food-rumour-en", "follow-up", "no-overclaims", "The relevant departments will seriously deal with the supplier "
     "according to law." + SEALED_EN, False),
    ("school-food-rumour-en", "follow-up", "no-overclaims", "Whether the supplier will be penalised depends on the "
     "investigation." + SEALED_EN, True),
    # rice never bought mouldy is false, said after the team's check of what went round; the rice in use passing is true
    ("school-food-rumour", "statement", "no-false-claims", "经市场监管部门抽样检测，食堂在用大米检测结果全部合格。" + SEALED_ZH, True),
    ("school-food-rumour", "statement", "no-false-claims", "网上流传的发霉大米照片，经核实并非学生食用的大米，学校食堂从未采购过霉变"
     "大米。" + SEALED_ZH, False),
    # the supplier delivering as normal is a decision nobody made
    ("school-food-rumour", "follow-up", "no-overclaims", "供应商目前仍在正常为其他学校供货，质量是有保障的。" + SEALED_ZH, False),
    ("school-food-rumour", "follow-up", "no-overclaims", "供应商是否继续供货，市场监管局正在调查。" + SEALED_ZH, True),
    # a parent who posted "to stir up public anger" is labelled; the page that spliced the video is not
    ("district-hot-spot-en", "statement", "no-blame", "It was started by a class 3A parent who posted the draft to stir up "
     "public anger against the school." + DRAFT_EN, False),
    ("district-hot-spot-en", "statement", "no-blame", "The page \"Hong Ha Gossip\" spliced the video to stir up public "
     "anger." + DRAFT_EN, True),
    ("district-hot-spot-en", "assess", "no-blame", "Risk: the spliced video could stir up public anger against the school."
     + DRAFT_EN, True),
    # blaming the post for "unnecessary confusion" lectures the parents
    ("district-hot-spot-en", "statement", "no-lecturing", "The committee's draft was posted online without first being "
     "checked with the school, which has caused unnecessary confusion." + DRAFT_EN, False),
    ("district-hot-spot-en", "statement", "no-lecturing", "We are sorry for the confusion this morning." + DRAFT_EN, True),
    ("district-hot-spot-en", "statement", "no-lecturing", "The school sent the list to parents without first checking with the "
     "district. That was our mistake." + DRAFT_EN, True),
    # 未经 is "without": a parent who entered the storeroom without leave says the rice was there
    ("school-food-rumour", "flash-report", "no-false-claims", "张女士陪餐时未经学校同意进入仓库拍照。" + SEALED_ZH, True),
    ("school-food-rumour", "flash-report", "no-false-claims", "这2袋大米未进入仓库。", False),
    # keeping quiet until the line is agreed is one voice, not silence
    ("district-hot-spot", "assess", "no-silence", "Nhà trường chưa đưa thông tin ra ngoài cho đến khi thống nhất với phường."
     + DRAFT_VI, True),
    ("district-hot-spot", "assess", "no-silence", "Nhà trường chưa đưa thông tin ra ngoài cho đến khi có kết luận." + DRAFT_VI, False),
    ("district-hot-spot", "assess", "no-silence", "Nhà trường không trả lời phụ huynh cho đến khi thống nhất phương án hoàn tiền."
     + DRAFT_VI, False),
    # a gathering "stirred up" by people out to "blacken the school's name" labels the parents at the gate
    ("district-hot-spot-en", "reply-parents", "no-blame", "This gathering has been stirred up by a few people who want to "
     "blacken the school's name." + DRAFT_EN, False),
    ("district-hot-spot-en", "reply-parents", "no-blame", "Thank you for coming to the gate; you were right to ask." + DRAFT_EN, True),
    # money paid to the committee as "a matter between those parents and the committee" pleads the school's case
    ("district-hot-spot-en", "reply-parents", "no-lecturing", "Any money parents chose to give to the committee is a matter "
     "between those parents and the committee." + DRAFT_EN, False),
    ("district-hot-spot-en", "reply-parents", "no-lecturing", "The school is checking what money parents gave the committee."
     + DRAFT_EN, True),
    # moving the class teacher or dissolving the committee is a decision nobody made
    ("district-hot-spot-en", "plan", "no-undecided", "The class 3A teacher will be moved to another class from tomorrow, and the "
     "class 3A parents' committee will be dissolved." + DRAFT_EN, False),
    ("district-hot-spot-en", "plan", "no-undecided", "Whether the class teacher bears any responsibility is under review."
     + DRAFT_EN, True),
    # not answering parents "one by one", questions going to the deputy head, is one voice
    ("district-hot-spot-en", "assess", "no-silence", "The class teacher not to answer parents one by one; all questions to go "
     "to the deputy head." + DRAFT_EN, True),
    ("district-hot-spot-en", "assess", "no-silence", "The class teacher not to answer parents." + DRAFT_EN, False),
    # "I will write to you again by Friday" says when the next word comes
    ("district-hot-spot-en", "statement", "next-update", "I will write to you again by Friday 20 September." + DRAFT_EN, True),
    ("district-hot-spot-en", "statement", "next-update", "Please feel free to write again to the school office." + DRAFT_EN, False),
])
def test_who_did_what_a_may_that_grants_and_a_bare_no(scenario_id, task_id, criterion, text, passes):
    _assert_passes(scenario_id, task_id, criterion, text, passes)


# (m) Session 49: a label completing a refusal across an aside, a claim written across a comma,
# a pointer to the official release after real answers, what counts as a way to reach the office,
# and new words.
@pytest.mark.parametrize(("scenario_id", "task_id", "criterion", "text", "passes"), [
    # "Nobody calls her, or any parent, a rumour-monger" refuses the label; the aside does not free it
    ("district-hot-spot-en", "plan", "no-blame", "Ms Trang raised a real problem. Nobody calls her, or any parent, a "
     "rumour-monger." + DRAFT_EN, True),
    ("district-hot-spot-en", "plan", "no-blame", "Ms Trang is, like the other parents, a rumour-monger." + DRAFT_EN, False),
    ("district-hot-spot-en", "plan", "no-blame", "Nobody doubts it, she is, like the others, a rumour-monger." + DRAFT_EN, False),
    ("district-hot-spot", "plan", "no-blame", "Không ai gọi chị Trang, hay bất kỳ phụ huynh nào, là phần tử xấu." + DRAFT_VI, True),
    # "nothing we say may suggest" refuses the label; a "could be" after "nobody doubts" does not
    ("school-food-rumour-en", "plan", "no-blame", "Nothing we say may suggest she spread a rumour." + SEALED_EN, True),
    ("school-food-rumour-en", "plan", "no-blame", "Nobody doubts that some of these parents could be rumour-mongers."
     + SEALED_EN, False),
    # all seven samples passing, written across a comma, is false: the two from the sealed sacks failed
    ("school-food-rumour", "statement", "no-false-claims", "市场监管部门抽取的7份样品，快检全部合格。" + SEALED_ZH, False),
    ("school-food-rumour", "statement", "no-false-claims", "在用大米和留样共5份样品，快检全部合格；封存的2袋大米霉变粒超标，"
     "判定不合格。" + SEALED_ZH, True),
    # the sealed rice was no danger, set aside only as a precaution: it failed the test
    ("school-food-rumour-en", "follow-up", "no-false-claims", "Even the rejected rice was no danger to health, and it was set "
     "aside only as a precaution." + SEALED_EN, False),
    # the page made up the arrest story; the first post was a parent's genuine grievance
    ("district-hot-spot-en", "statement", "no-false-claims", "The page \"Hong Ha Gossip\" made up the first post about "
     "\"almost 8 million\"." + DRAFT_EN, False),
    ("district-hot-spot-en", "statement", "no-false-claims", "The page \"Hong Ha Gossip\" made up the arrest story." + DRAFT_EN, True),
    ("district-hot-spot", "survey", "no-false-claims", "Bảng kê là bản dự thảo, chưa thu của phụ huynh đồng nào; khoản điều hòa "
     "không có việc phải trả lại tiền.", False),
    ("district-hot-spot", "survey", "no-false-claims", "Khoản điều hòa chưa triển khai nên không có việc phải trả lại tiền."
     + DRAFT_VI, False),
    ("district-hot-spot", "survey", "no-false-claims", "Nhà trường chưa thu của phụ huynh đồng nào cho khoản điều hòa; 14 gia "
     "đình đã chuyển 35 triệu đồng vào tài khoản cá nhân của trưởng ban." + DRAFT_VI, True),
    # "以上情况以通报为准" after real answers defers, and is marked down; it is no stonewall
    ("school-food-rumour", "follow-up", "no-stonewalling", "验收时已发现霉变并封存，学生没有食用。以上情况以联合工作组通报为准。", True),
    ("school-food-rumour", "follow-up", "no-deferral", "验收时已发现霉变并封存，学生没有食用。以上情况以联合工作组通报为准。", False),
    ("school-food-rumour", "follow-up", "no-deferral", "验收时已发现霉变并封存，学生没有食用。", True),
    ("school-food-rumour", "follow-up", "no-deferral", "大米已在验收时封存，未供学生食用，检测结果已在通报中公布。", False),
    ("school-food-rumour-en", "follow-up", "no-deferral", "The sacks were sealed at the delivery check; the test results are "
     "as set out in the statement.", False),
    ("school-food-rumour-en", "follow-up", "no-deferral", "The sacks were sealed at the delivery check. We will see the "
     "statement from the supplier tomorrow.", True),
    # the meal committee is a way to watch the canteen, not a way to reach the office; signing up with a class teacher is
    ("school-food-rumour-en", "follow-up", "contact", "Parents on the meal committee eat with the pupils every week." + SEALED_EN, False),
    ("school-food-rumour-en", "follow-up", "contact", "To visit the canteen, sign up with your class teacher." + SEALED_EN, True),
    ("school-food-rumour", "follow-up", "contact", "学校有家长膳食委员会，每周陪餐。" + SEALED_ZH, False),
    ("school-food-rumour", "follow-up", "contact", "想参加陪餐的家长跟班主任说一声就行。" + SEALED_ZH, True),
    # "do not test the law" threatens the public: the warning is the label
    ("school-food-rumour", "follow-up", "no-blame", "请广大网民理性发言，切勿以身试法。" + SEALED_ZH, False),
    ("school-food-rumour", "follow-up", "no-blame", "公安机关提醒广大网民不要以身试法。" + SEALED_ZH, False),
    ("school-food-rumour", "follow-up", "no-blame", "请广大网民理性发言，欢迎继续监督。" + SEALED_ZH, True),
    # putting off the official word until the review ends, or deleting the parent's post, is silence
    ("district-hot-spot", "plan", "no-silence", "Chưa đưa thông tin chính thức trước 14 giờ; đề nghị cho lùi đến khi có kết quả "
     "rà soát." + DRAFT_VI, False),
    ("district-hot-spot", "plan", "no-silence", "Đưa thông tin chính thức trước 14 giờ, nói rõ việc đang rà soát." + DRAFT_VI, True),
    ("district-hot-spot-en", "assess", "no-silence", "Ask the admins to remove the parent's post." + DRAFT_EN, False),
    ("district-hot-spot-en", "assess", "no-silence", "We will not ask anyone to delete the parent's post." + DRAFT_EN, True),
    # asking the public to "be alert" and "rely only on official information" lectures them
    ("district-hot-spot-en", "statement", "no-lecturing", "The school asks parents to be alert and to rely only on official "
     "information." + DRAFT_EN, False),
    ("district-hot-spot-en", "statement", "no-lecturing", "The school will stay alert to new questions and answer them."
     + DRAFT_EN, True),
    ("district-hot-spot-en", "statement", "no-lecturing", "We have asked our staff to be vigilant and to rely only on official "
     "information when they answer parents." + DRAFT_EN, True),
    ("district-hot-spot", "assess", "no-blame", "Đây là hành vi cố tình bôi nhọ nhà trường." + DRAFT_VI, False),
    # a report addressed "To: Standing board" says whom it reports to
    ("district-hot-spot-en", "assess", "report-up", "Quick assessment. To: Standing board of the District Party Committee."
     + DRAFT_EN, True),
    ("district-hot-spot-en", "assess", "report-up", "Quick assessment. To be read by the monitoring desk." + DRAFT_EN, False),
])
def test_a_label_across_an_aside_a_comma_in_a_half_truth_and_a_deferral(scenario_id, task_id, criterion, text, passes):
    _assert_passes(scenario_id, task_id, criterion, text, passes)



@pytest.mark.parametrize(("graded", "example", "due", "gap_from", "gap_to"), [
    # a plan with no fallback for things getting worse (the escalation criterion's cap)
    ("district-hot-spot-en-drafts26", "i-plan-01", 4.5 * 3600, "5. IF THINGS GET WORSE", "Contact:"),
    # a reply to parents at the gate that never acknowledges their worry is cold (the concern criterion's cap)
    ("district-hot-spot-en", "rp-excellent", 3.5 * 3600, "We understand why", "Here is what"),
])
def test_a_text_with_a_minor_gap_is_held_under_p(graded, example, due, gap_from, gap_to):
    """A text that is right in all else but leaves out one thing the experts count a minor
    shortcoming is held at 84: experts rate such texts S, not P."""
    from drill.formats.graded import team_of
    from drill.scoring import Submission, automatic_score

    _, examples, exercise = Loader().load_graded(ROOT / "graded" / f"{graded}.yaml")
    found = next(e for e in examples.examples if e.id == example)
    gap = found.text[found.text.index(gap_from):found.text.index(gap_to)]
    whole, held = (automatic_score(exercise, Submission(team_of(found, exercise), found.task, found.at, text, {}), due)
                   for text in (found.text, found.text.replace(gap, "")))
    assert whole > 85 and held <= 84, (whole, held)


# ----- (n) Session 50: a table row's label, a list closed by 等 or "etc.", questions people asked, a risk
# weighed, another office's business, "no comment" in a plan, a sample stretched to the school, new words
ROW_EN = "| Item | Assessment |\n|---|---|\n| First source | a parent's post in \"Hong Ha Parents\", 06:30 |\n"


@pytest.mark.parametrize(("scenario_id", "task_id", "criterion", "text", "passes"), [
    # a row labelled as the claims retells every claim of its cell, however many sentences it holds
    ("district-hot-spot-en", "assess", "no-false-claims", ROW_EN + "| Claims | a list of 7,850,000 dong incl. 2,500,000 dong "
     "for air-con; pupils who have not paid sit at the back; head teacher called in by police |\n| Checked | the list is a "
     "draft by the class 3A committee |", True),
    ("district-hot-spot-en", "assess", "no-false-claims", ROW_EN + "| Checked | the list is a draft; head teacher called in "
     "by police |", False),
    # a label row with an empty cell labels nothing after it; a row labelled as false claims rejects them
    ("district-hot-spot-en", "assess", "no-false-claims", ROW_EN + "| What people are saying | |\n| Our conclusion | the "
     "list was approved by the school office |", False),
    ("district-hot-spot-en", "assess", "no-false-claims", ROW_EN + "| False claims | the list was approved by the school "
     "office; head teacher called in by police |\n| Checked | the list is a draft by the class 3A committee |", True),
    # 不承诺 withholds each item of its list up to the closing 等, as "do not promise" does up to an "or"
    ("school-food-rumour", "plan", "no-undecided", "对外口径：不承诺体检、停供、停职等未经研究的措施。" + SEALED_ZH, True),
    ("school-food-rumour", "plan", "no-undecided", "对外口径：承诺免费体检，对供应商停供、相关人员停职等。" + SEALED_ZH, False),
    ("district-hot-spot", "plan", "no-undecided", "Phường chủ trì; 35 triệu đồng của 14 gia đình sẽ được hoàn trả trước 20/9. Không "
     "hứa trả tiền mặt, khám sức khỏe miễn phí, cách chức trưởng ban v.v.", True),
    ("district-hot-spot", "plan", "no-undecided", "Phường chủ trì; 35 triệu đồng của 14 gia đình sẽ được hoàn trả trước 20/9. Hứa "
     "trả tiền mặt, khám sức khỏe miễn phí, cách chức trưởng ban v.v.", False),
    # an audience new to the story is no label; people "who know nothing about" food safety are
    ("district-hot-spot-en", "assess", "no-blame", "TikTok brings in a general audience that knows nothing about the school."
     + DRAFT_EN, True),
    ("school-food-rumour-en", "follow-up", "no-blame", "These comments come from people who know nothing about food safety."
     + SEALED_EN, False),
    ("school-food-rumour-en", "follow-up", "no-blame", "Some online commentators clearly know nothing about how school "
     "canteens work." + SEALED_EN, False),
    # bad actors named as those who made the fake are the case against the fake; a risk is no hedge of a claim
    ("school-food-rumour-en", "statement", "no-blame", "The video was spliced by bad actors running an out-of-town "
     "marketing account." + SEALED_EN, True),
    ("district-hot-spot-en", "assess", "no-false-claims", "The biggest risk that we see is that the school office signed off "
     "the list.", False),
    # the questions people asked, listed without question marks, are asked, not claimed
    ("district-hot-spot-en", "survey", "no-false-claims", "The statement should answer exactly the three things people asked "
     "(is it the school's list, will the money come back, was the head teacher arrested)." + DRAFT_EN, True),
    ("district-hot-spot-en", "survey", "no-false-claims", "The statement should answer the three things people asked. The "
     "head teacher was arrested this morning." + DRAFT_EN, False),
    # another office's business, said with whom to ask, stays in the office's lane; said alone, it stonewalls
    ("school-food-rumour", "follow-up", "no-stonewalling", "验收时已发现霉变并封存，未供学生食用。家长监督：不属我局职责，请咨询教育部门。", True),
    ("school-food-rumour", "follow-up", "no-stonewalling", "验收时已发现霉变并封存，未供学生食用。是否处罚供应商，不属我局职责。", False),
    ("school-food-rumour-en", "follow-up", "no-stonewalling", "The sacks were sealed at the delivery check. Parents' oversight "
     "is not our responsibility; please ask the Education Bureau.", True),
    ("school-food-rumour-en", "follow-up", "no-stonewalling", "The sacks were sealed at the delivery check. Whether Fenghe is "
     "penalised is not our responsibility.", False),
    ("school-food-rumour", "follow-up", "no-stonewalling", "对此无可奉告。" + SEALED_ZH, False),
    # a plan that releases nothing until the full report, or has the press told 无可奉告, advises silence; one
    # that forbids the phrase, or holds its word for the joint statement and says where calls go, does not
    ("school-food-rumour-en", "plan", "no-silence", "The Bureau will release nothing until the full laboratory report is "
     "signed." + SEALED_EN, False),
    ("school-food-rumour-en", "plan", "no-silence", "The school will release nothing until the joint statement is approved; "
     "all media calls are referred to the spokesperson." + SEALED_EN, True),
    ("district-hot-spot-en", "plan", "no-silence", "The Section gives no separate comment; all questions go to the ward."
     + DRAFT_EN, True),
    ("school-food-rumour", "plan", "no-silence", "媒体采访一律答复“以官方通报为准，无可奉告”。" + SEALED_ZH, False),
    ("school-food-rumour", "plan", "no-silence", "严禁对记者说“无可奉告”，坚决杜绝“不予置评”等消极回应。" + SEALED_ZH, True),
    # a quick poll stretched to the whole school overreaches; forecasting that people will say "the whole district" does not
    ("district-hot-spot", "survey", "no-overreach", "72% phụ huynh của trường, tương đương khoảng 900 gia đình, bức xúc."
     + DRAFT_VI, False),
    ("district-hot-spot", "survey", "no-overreach", "Nếu chậm, nguy cơ ý kiến “cả quận đều thế” lan rộng." + DRAFT_VI, True),
    ("district-hot-spot-en", "survey", "no-overreach", "72% of those asked, equivalent to about 900 families, are upset."
     + DRAFT_EN, False),
    # falsehoods in new words, and a request to keep to the rules that states none
    ("school-food-rumour", "statement", "no-false-claims", "封存的2袋大米经快检，霉变粒等指标在国家标准允许范围内，不影响食用。"
     + SEALED_ZH, False),
    ("school-food-rumour", "plan", "no-false-claims", "口径：检测全部合格，根本不存在霉变大米。", False),
    ("school-food-rumour", "plan", "no-false-claims", "口径：三小食堂不存在霉变大米供学生食用的情况。" + SEALED_ZH, True),
    ("school-food-rumour", "follow-up", "no-false-claims", "同批次配送另外两所学校的大米，经检测合格，已正常使用。" + SEALED_ZH, False),
    ("school-food-rumour", "follow-up", "no-false-claims", "这2袋米到货时，验收员未能及时发现霉变，米袋随其他大米一起入库。"
     + SEALED_ZH, False),
    ("school-food-rumour-en", "statement", "no-false-claims", "The photos were pieced together by a marketing account from a "
     "2021 news story." + SEALED_EN, False),
    ("school-food-rumour-en", "statement", "no-false-claims", "The video was pieced together by a marketing account from a "
     "2021 news story." + SEALED_EN, True),
    ("school-food-rumour-en", "follow-up", "no-false-claims", "The two damp sacks were held back at Fenghe's warehouse and "
     "never delivered to the school." + SEALED_EN, False),
    ("school-food-rumour-en", "plan", "no-false-claims", "Fenghe's licence expired in March; it has been operating without "
     "a valid licence." + SEALED_EN, False),
    ("district-hot-spot-en", "reply-parents", "no-false-claims", "The photo has been edited; no such list exists at our "
     "school or in class 3A. The official payments are 1,650,000 dong per pupil.", False),
    ("district-hot-spot", "survey", "no-false-claims", "Theo Công an quận, Hiệu trưởng đã được mời làm việc sáng nay." + DRAFT_VI, False),
    ("district-hot-spot", "statement", "no-false-claims", "Nhà trường đề nghị các Ban đại diện cha mẹ học sinh thực hiện đúng "
     "Thông tư 55/2011/TT-BGDĐT." + DRAFT_VI, True),
    ("district-hot-spot", "statement", "no-false-claims", "Khoản điều hòa do Ban đại diện vận động theo đúng Thông tư 55."
     + DRAFT_VI, False),
    # what nobody decided, promised
    ("district-hot-spot", "plan", "no-undecided", "Phường chủ trì; 35 triệu đồng của 14 gia đình sẽ được hoàn trả trước "
     "20/9. Phường cam kết xử lý kỷ luật nghiêm khắc trưởng ban đại diện lớp 3A.", False),
    ("district-hot-spot-en", "statement", "no-overclaims", "The 14 families will get their money back in full this "
     "afternoon." + DRAFT_EN, False),
])
def test_a_row_label_a_closed_list_questions_asked_and_new_words(scenario_id, task_id, criterion, text, passes):
    _assert_passes(scenario_id, task_id, criterion, text, passes)


# ----- (o) Session 51: a referral in the list item before "not alone", a next update after its time,
# children who say, and new words
@pytest.mark.parametrize(("scenario_id", "task_id", "criterion", "text", "passes"), [
    # the press sent to one office in the item's clause before "we do not take interviews alone": one voice
    ("school-food-rumour", "plan", "no-silence", SEALED_ZH + "7. 媒体：记者来电统一转宣传部；我局和学校不单独接受采访。", True),
    ("school-food-rumour", "plan", "no-silence", SEALED_ZH + "7. 媒体：我局和学校不单独接受采访。", False),
    ("school-food-rumour", "plan", "no-silence", SEALED_ZH + "工作安排：家长来电统一转至12345热线；学校不单独接受采访，也不再发布"
     "任何说明。", False),
    ("district-hot-spot", "plan", "no-silence", DRAFT_VI + " Báo chí: mọi câu hỏi chuyển cho Ban Tuyên giáo Quận ủy; nhà trường "
     "không trả lời báo chí riêng lẻ.", True),
    # falsehoods: the sealed rice among samples that all passed, the sacks already taken back
    ("school-food-rumour", "statement", "no-false-claims", "市场监管部门抽取的7份样品，包括在用大米、米饭留样和封存大米，快检全部合格。"
     + SEALED_ZH, False),
    ("school-food-rumour", "statement", "no-false-claims", "市场监管部门抽取的在用大米和米饭留样，快检全部合格。" + SEALED_ZH, True),
    ("school-food-rumour", "follow-up", "no-false-claims", "当天下午，这2袋米已由供应商取回，目前学校仓库内已没有问题大米。" + SEALED_ZH, False),
    ("school-food-rumour", "follow-up", "no-lecturing", "对于毫无根据的说法，我们不予认同，也希望网友理性发言。" + SEALED_ZH, False),
    ("school-food-rumour", "follow-up", "no-lecturing", "欢迎网友继续监督，我们会及时公布检测结果。" + SEALED_ZH, True),
    ("school-food-rumour", "follow-up", "no-lecturing", "座谈会上，家长代表理性发言，提出了三条建议。" + SEALED_ZH, True),
    ("school-food-rumour", "follow-up", "no-false-claims", "同批次配送另外两所学校的大米均在验收时被拒收，已由供应商拉回。"
     + SEALED_ZH, True),
    ("school-food-rumour", "statement", "no-false-claims", "快检结果全部合格。封存大米已退回供应商。", False),
    ("school-food-rumour", "statement", "no-false-claims", "封存大米将在监督下退货销毁。" + SEALED_ZH, True),
    ("school-food-rumour-en", "follow-up", "no-false-claims", "The two sealed sacks had some surface mould, but the "
     "mouldy-grain count was within limits." + SEALED_EN, False),
    ("school-food-rumour-en", "follow-up", "no-false-claims", "The same batch was delivered to two other schools and used "
     "there without any problem." + SEALED_EN, False),
    ("school-food-rumour-en", "follow-up", "no-false-claims", "The same batch was delivered to two other schools, which "
     "both turned it away at the delivery check." + SEALED_EN, True),
    # the air-con money called voluntary, or not yet collected; the head teacher suspended
    ("district-hot-spot", "reply-parents", "no-false-claims", "Khoản đóng góp lắp điều hòa là khoản tài trợ tự nguyện do phụ "
     "huynh lớp 3A thống nhất." + DRAFT_VI, False),
    ("district-hot-spot", "reply-parents", "no-false-claims", "Khoản “tài trợ lắp điều hòa” trái quy định và đã dừng." + DRAFT_VI, True),
    ("district-hot-spot", "statement", "no-false-claims", "Khoản “tài trợ lắp điều hòa” mới chỉ là đề xuất, chưa thu của gia "
     "đình nào." + DRAFT_VI, False),
    ("district-hot-spot", "statement", "no-false-claims", "Tiền học phẩm học kỳ II nhà trường chưa thu của gia đình nào."
     + DRAFT_VI, True),
    ("district-hot-spot", "statement", "no-false-claims", "Toàn bộ 35 triệu đồng tiền do ban đại diện quản lý sẽ được hoàn trả "
     "đủ cho 14 gia đình trước ngày 20/9." + DRAFT_VI, True),
    ("district-hot-spot", "statement", "no-false-claims", "Hiệu trưởng Nguyễn Thị Hạnh đã được tạm đình chỉ công tác." + DRAFT_VI, False),
    ("district-hot-spot", "statement", "no-false-claims", "Hiệu trưởng Nguyễn Thị Hạnh vẫn làm việc bình thường." + DRAFT_VI, True),
    ("district-hot-spot", "reply-parents", "no-overclaims", "Nhà trường đã cho trưởng ban đại diện lớp 3A thôi nhiệm vụ." + DRAFT_VI, False),
    ("district-hot-spot-en", "statement", "no-overclaims", "The page that made the video will be fined under Decree 15." + DRAFT_EN, False),
    # a parent's worry called legitimate acknowledges it; a next update may come after its time
    ("district-hot-spot", "reply-parents", "concern", "Phụ huynh lo về các khoản thu là hoàn toàn chính đáng." + DRAFT_VI, True),
    ("district-hot-spot", "reply-parents", "concern", "Nhà trường cam kết bảo vệ quyền lợi chính đáng của học sinh." + DRAFT_VI, False),
    ("district-hot-spot", "reply-parents", "whats-next", "Cuộc họp 8 giờ sáng nay thống nhất: trường sẽ thông báo kết quả.", False),
    ("district-hot-spot", "reply-parents", "whats-next", "4. 10 giờ 30, phường sẽ thông báo kết quả kiểm tra tại cổng trường.", True),
    ("district-hot-spot", "reply-parents", "whats-next", "Phường sẽ thông báo kết quả kiểm tra tại cổng trường.", False),
    # what children say is retold, not claimed
    ("district-hot-spot-en", "reply-parents", "no-false-claims", "Some children say they were moved to the back. We are checking "
     "this with the class teacher." + DRAFT_EN, True),
    ("district-hot-spot-en", "reply-parents", "no-false-claims", "Children were made to sit at the back." + DRAFT_EN, False),
])
def test_a_risk_list_a_referral_in_the_item_and_new_words(scenario_id, task_id, criterion, text, passes):
    _assert_passes(scenario_id, task_id, criterion, text, passes)


# ----- (p) Session 52: an example names no one, a unit that refers the press on, a term's own 网传, a future
# in place of a term's tense, and new words
PAYMENTS_VI = " Các khoản thu chính thức của trường là 1.650.000 đồng/học sinh."


@pytest.mark.parametrize(("scenario_id", "task_id", "criterion", "text", "passes"), [
    # a sanction given as an example of a false claim to watch for threatens no one
    ("district-hot-spot", "plan", "no-blame", DRAFT_VI + " - Tin mới sai sự thật (ví dụ về xử phạt phụ huynh): báo Công an quận "
     "xác minh, đưa bác bỏ vào thông tin bổ sung của phường.", True),
    ("district-hot-spot", "plan", "no-blame", DRAFT_VI + " Đề nghị Công an quận xử phạt phụ huynh đăng bài.", False),
    # a unit that turns the press away and, in the next clause, sends them to the focal point speaks with one voice
    ("district-hot-spot", "assess", "no-silence", DRAFT_VI + " 3. Văn phòng không trả lời báo chí, chuyển về đầu mối thống nhất; "
     "giáo viên không bình luận trên các nhóm.", True),
    ("district-hot-spot", "assess", "no-silence", DRAFT_VI + " 3. Văn phòng không trả lời báo chí; giáo viên không bình luận trên "
     "các nhóm.", False),
    # a denial written with 网传 is the team's own
    ("school-food-rumour", "flash-report", "no-false-claims", SEALED_ZH + "经查，三小食堂管理规范，网传图片与三小食堂无关。", False),
    ("school-food-rumour", "flash-report", "no-false-claims", SEALED_ZH + "网传图片中的大米，经核实为验收时封存待退的2袋。", True),
    # a label the text sees no reason for is denied; a demand parents asked for is theirs
    ("school-food-rumour-en", "assess", "no-blame", "We have no reason to treat her as a rumour-monger." + SEALED_EN, True),
    ("school-food-rumour-en", "assess", "no-blame", "She is a rumour-monger." + SEALED_EN, False),
    ("school-food-rumour-en", "follow-up", "no-overclaims", "Some of you have asked to visit the canteen at any time; we are "
     "discussing that with the meal committee." + SEALED_EN, True),
    ("school-food-rumour-en", "follow-up", "no-overclaims", "From Monday parents can visit the canteen at any time." + SEALED_EN, False),
    # labels and threats in new words
    ("school-food-rumour-en", "statement", "no-blame", "Her post misled the public and damaged the school's reputation."
     + SEALED_EN, False),
    ("district-hot-spot", "reply-parents", "no-blame", "Những ai đưa thông tin sai lệch về nhà trường lên mạng sẽ bị xử lý theo "
     "Nghị định 15/2020/NĐ-CP." + DRAFT_VI, False),
    # a case planned for, in Chinese without 如果; what did happen
    ("school-food-rumour", "plan", "no-false-claims", "学生健康：继续晨午检登记，有不适情况立即报告校长并送医。" + SEALED_ZH, True),
    ("school-food-rumour", "plan", "no-false-claims", "上午已有2名学生有不适情况被送医。" + SEALED_ZH, False),
    # the police's own file is no visit of the head teacher's; she "was asked to go" is
    ("district-hot-spot-en", "plan", "no-false-claims", "The file goes to the police of the province where the "
     "administrator lives." + DRAFT_EN, True),
    ("district-hot-spot-en", "statement", "no-false-claims", "Ms Hanh was asked to go to the district police this morning only "
     "to provide information." + DRAFT_EN, False),
    # falsehoods in new words
    ("district-hot-spot-en", "reply-parents", "no-false-claims", "The list circulating online is fake and was not issued by the "
     "school. The official payments are 1,650,000 dong per pupil.", False),
    ("district-hot-spot-en", "reply-parents", "no-false-claims", "No parent of class 3A has paid any such contribution."
     + DRAFT_EN, False),
    ("district-hot-spot", "reply-parents", "no-false-claims", "Bảng kê lan truyền trên mạng là ảnh đã bị chỉnh sửa, cộng thêm "
     "nhiều khoản không có thật, không phải văn bản của lớp 3A hay của nhà trường." + PAYMENTS_VI, False),
    ("district-hot-spot", "statement", "no-false-claims", "Mức thu chính thức là mức nhà trường niêm yết, không phải văn bản "
     "của lớp 3A." + DRAFT_VI, True),
    ("school-food-rumour-en", "flash-report", "no-false-claims", "The sacks were sent back to Fenghe on the afternoon of 15 April "
     "and are no longer on the premises." + SEALED_EN, False),
    ("school-food-rumour", "statement", "no-false-claims", SEALED_ZH + "封存大米只是受潮结块，并非霉变。", False),
    # what nobody decided or established
    ("school-food-rumour", "follow-up", "no-overclaims", SEALED_ZH + "我们将把丰禾粮油列入黑名单。", False),
    ("school-food-rumour", "statement", "no-overclaims", SEALED_ZH + "今天上午已由供应商丰禾粮油取回。", False),
    ("school-food-rumour-en", "follow-up", "no-overclaims", "The storeroom staff concerned have been given a disciplinary "
     "warning." + SEALED_EN, False),
    ("district-hot-spot", "plan", "no-undecided", DRAFT_VI + " Công an quận xử phạt trang “Hóng Biến Hồng Hà” và công bố mức phạt "
     "trong thông tin chính thức.", False),
    ("district-hot-spot", "plan", "no-undecided", DRAFT_VI + " Đề nghị Công an quận xem xét xử lý trang “Hóng Biến Hồng Hà” theo "
     "quy định.", True),
    ("district-hot-spot-en", "assess", "no-undecided", "The school has decided to refund the air-conditioner money from the "
     "school's own fund today." + DRAFT_EN, False),
    # results held back until the full report; a quick poll read as the ward's population
    ("school-food-rumour-en", "plan", "no-silence", "We will release no results until the full laboratory report on 19 April."
     + SEALED_EN, False),
    ("district-hot-spot-en", "survey", "no-overreach", "72% of the ward's population are upset about the payments." + DRAFT_EN, False),
    ("district-hot-spot-en", "survey", "no-overreach", "72% of the 86 people asked are upset about the payments." + DRAFT_EN, True),
    # guards from the review: each holds on both trees
    ("school-food-rumour-en", "statement", "no-false-claims", "The two pupils hospitalised will be discharged tomorrow."
     + SEALED_EN, False),
    ("school-food-rumour-en", "statement", "no-false-claims", "We have no reason to doubt that some pupils were hospitalised."
     + SEALED_EN, False),
    ("school-food-rumour-en", "follow-up", "no-overclaims", "We have asked for Fenghe to be suspended from supplying all schools."
     + SEALED_EN, False),
    ("school-food-rumour-en", "plan", "no-blame", "Watch for new claims, e.g. the troublemakers in the parents' groups."
     + SEALED_EN, False),
    ("school-food-rumour-en", "statement", "no-blame", "The page's post misled the public." + SEALED_EN, True),
    ("school-food-rumour-en", "plan", "no-silence", "School staff do not talk to the press, go to the gate and send the "
     "reporters away." + SEALED_EN, False),
    ("school-food-rumour-en", "plan", "no-silence", "Release no results before the market regulator has signed them off; "
     "publish the testing timeline now." + SEALED_EN, True),
    ("school-food-rumour-en", "statement", "no-false-claims", "The parents who gathered at the gate this morning are no longer "
     "on the premises." + SEALED_EN, True),
    ("school-food-rumour", "statement", "no-false-claims", "网传照片与我校食堂仓库确有关系，就是验收时封存的2袋大米。" + SEALED_ZH, True),
    ("school-food-rumour", "statement", "no-false-claims", SEALED_ZH + "3名学生请病假是季节性感冒，并非霉变大米所致。", True),
    ("district-hot-spot", "plan", "no-undecided", DRAFT_VI + " Khi có quyết định xử lý, công an sẽ công bố mức phạt.", True),
    ("district-hot-spot", "assess", "no-silence", DRAFT_VI + " Hiện tại không tiếp báo chí, chuyển sang tuần sau mới tính.", False),
])
def test_an_example_a_referral_on_a_terms_own_words_and_new_words(scenario_id, task_id, criterion, text, passes):
    _assert_passes(scenario_id, task_id, criterion, text, passes)


# (q) Session 53: questions listed without their mark after "answering" or in Vietnamese "có phải",
# "có bị"; a word of saying that describes the subject ("the photos circulating online were not
# taken ..."); removing the public's comments; a lead with an aside of other units; new words.
@pytest.mark.parametrize(("scenario_id", "task_id", "criterion", "text", "passes"), [
    # questions a recommended text is to answer, listed without a question mark
    ("district-hot-spot-en", "survey", "no-false-claims", "One official text before 14:00 answering: is the list the school's; "
     "is any money being returned; was the head teacher arrested." + DRAFT_EN, True),
    ("district-hot-spot-en", "survey", "no-false-claims", "The official text answers the parents: the list is the school's."
     + DRAFT_EN, False),
    ("district-hot-spot", "survey", "no-false-claims", "Băn khoăn chính: khoản gần 8 triệu có phải của trường; Hiệu trưởng có "
     "bị bắt." + DRAFT_VI, True),
    ("district-hot-spot", "survey", "no-false-claims", "Hiệu trưởng đã bị bắt." + DRAFT_VI, False),
    # a word of saying that describes the subject, or reports what is said
    ("school-food-rumour-en", "statement", "no-false-claims", "The photos of mouldy rice circulating online were not taken in the "
     "school's storeroom." + SEALED_EN, False),
    ("school-food-rumour-en", "statement", "no-false-claims", "Posts circulating online claim that the photos were not taken in "
     "the school's storeroom; they were." + SEALED_EN, True),
    ("school-food-rumour-en", "assess", "no-false-claims", "The photos circulating online were not taken in the school's "
     "storeroom." + SEALED_EN, False),
    ("school-food-rumour-en", "assess", "no-false-claims", "Posts circulating online say that the photos were not taken in the "
     "school's storeroom." + SEALED_EN, True),
    ("school-food-rumour-en", "statement", "no-false-claims", "Posts circulating online say that the photos were not taken in the "
     "school's storeroom." + SEALED_EN, True),
    # removing the public's posts and comments is silencing them; removing the fake video is not
    ("district-hot-spot-en", "plan", "no-silence", "Ask the platforms to remove posts and comments that criticise the school."
     + DRAFT_EN, False),
    ("district-hot-spot-en", "plan", "no-silence", "Ask the platform to take down the spliced video; do not delete comments."
     + DRAFT_EN, True),
    ("school-food-rumour", "plan", "no-silence", "请平台删除相关评论。" + SEALED_ZH, False),
    ("school-food-rumour-en", "assess", "no-silence", "No department responds to the media until the investigation is "
     "complete; all media enquiries are answered \"no comment\"." + SEALED_EN, False),
    ("school-food-rumour-en", "assess", "no-silence", "Every department answers the media with the facts it has; nobody "
     "says \"no comment\"." + SEALED_EN, True),
    # a threat to those who pass a rumour on; decisions nobody made, in new words
    ("school-food-rumour", "statement", "no-blame", SEALED_ZH + "对相关造谣传谣人员将依法严肃处理。", False),
    ("school-food-rumour", "statement", "no-blame", SEALED_ZH + "对拼接视频的营销号，公安机关将依法处理。", True),
    ("school-food-rumour", "statement", "no-blame", SEALED_ZH + "对恶意传谣人员，公安机关将依法处理。", False),
    ("school-food-rumour", "statement", "no-blame", SEALED_ZH + "对拼接视频的营销号等传谣人员，公安机关将依法处理。", True),
    ("district-hot-spot", "statement", "no-overclaims", "Trưởng ban đại diện cha mẹ học sinh lớp 3A đã bị đình chỉ nhiệm vụ."
     + DRAFT_VI, False),
    ("district-hot-spot", "statement", "no-overclaims", "Đến nay chưa ai bị đình chỉ hay kỷ luật." + DRAFT_VI, True),
    ("district-hot-spot-en", "statement", "no-overclaims", "The ward will pay for the air-conditioners in all 32 classrooms."
     + DRAFT_EN, False),
    ("district-hot-spot", "reply-parents", "no-overclaims", "Toàn bộ 32 phòng học sẽ được lắp điều hòa bằng nguồn kinh phí "
     "của quận." + DRAFT_VI, False),
    # guards from the review: each holds on both trees
    ("school-food-rumour-en", "statement", "no-false-claims", "The clip circulating shows pupils being taken to hospital "
     "after lunch." + SEALED_EN, True),
    ("district-hot-spot-en", "reply-parents", "no-false-claims", "A video circulating has told parents the head teacher was "
     "called in by the police." + DRAFT_EN, True),
    ("district-hot-spot-en", "statement", "no-false-claims", "The version circulating on TikTok is the head teacher was "
     "arrested this morning. That is false." + DRAFT_EN, True),
    ("district-hot-spot-en", "plan", "no-undecided", "Key lines for the 14:00 text, answering: is the list the school's (no, a "
     "draft); has the money already been returned (yes, in full this morning)." + DRAFT_EN, False),
    ("district-hot-spot-en", "plan", "no-undecided", "Key lines for the 14:00 text, answering: is the list the school's; has "
     "the money already been returned; was the head teacher arrested." + DRAFT_EN, True),
    ("school-food-rumour-en", "statement", "no-false-claims", "They were not taken in the canteen kitchen but in the storeroom, "
     "where the sacks were sealed." + SEALED_EN, True),
    ("school-food-rumour-en", "plan", "no-silence", "Ask the platform to remove the comments in which the marketing account "
     "reposts the spliced footage." + SEALED_EN, True),
    ("district-hot-spot-en", "assess", "no-silence", "If the committee tries to delete comments, parents will read it as a "
     "cover-up." + DRAFT_EN, True),
    ("district-hot-spot-en", "statement", "no-overclaims", "The class 3A committee asked families to fund air-conditioners "
     "for the classroom." + DRAFT_EN, True),
    ("district-hot-spot", "statement", "no-overclaims", "Việc vận động tài trợ lắp điều hòa đã bị đình chỉ." + DRAFT_VI, True),
    ("district-hot-spot", "reply-parents", "no-overclaims", "Sau khi Ban đại diện đã trả xong tiền cho các gia đình, nhà "
     "trường sẽ công bố." + DRAFT_VI, True),
    ("district-hot-spot", "statement", "no-overclaims", "Trưởng ban đại diện lớp 3A đã thôi nhiệm vụ dù có bị một số phụ "
     "huynh phản đối." + DRAFT_VI, False),
])
def test_unmarked_questions_a_describing_report_word_removals_and_new_words(scenario_id, task_id, criterion, text, passes):
    _assert_passes(scenario_id, task_id, criterion, text, passes)


def test_a_lead_written_with_an_aside_of_other_units_is_the_lead():
    """"处置牵头单位：市教育局（市委宣传部统筹，市场监管局、公安局配合）" names the Education Bureau: the
    aside's commas do not part it, and the units in it support; "联合工作组（市教育局牵头）" names it in the aside."""
    text = ("舆情等级：重大或较大\n处置牵头单位：市教育局（市委宣传部〔网信办〕统筹舆论引导，市场监管局、公安局、涉事学校配合）\n"
            "\n4月16日6时40分，一位家长在微博发帖称三小食堂给学生吃发霉大米，并配有照片；帖子随后被转入多个家长微信群，"
            "8时前阅读量已超过十万，并登上同城热搜。目前学校已说明，照片中的大米是验收时发现受潮霉变的2袋，已经登记封存，"
            "没有进入加工环节。我们判断这起舆情涉及未成年人食品安全，社会关注度高，建议按重大舆情启动响应，"
            "由市教育局牵头核查，并在12小时内发布情况通报。")
    points, evidence = _criterion("school-food-rumour", "assess", "lead", text, opened=True)
    assert points == 1.0, evidence
    named_inside = text.replace("市教育局（市委宣传部〔网信办〕统筹舆论引导，市场监管局、公安局、涉事学校配合）", "联合工作组（市教育局牵头）")
    points, evidence = _criterion("school-food-rumour", "assess", "lead", named_inside, opened=True)
    assert points == 1.0, evidence


# (r) Session 54: a table's second cell that is only a verdict of falsehood; a Vietnamese table's long
# first cell labels its row; an item's own label under a list's hedge; a bulleted list of risks; an
# active sanction whose object follows a comma; and what each must leave alone.
CHECKED_EN = "| What is said online | What has been checked |\n|---|---|\n"
@pytest.mark.parametrize(("scenario_id", "task_id", "criterion", "text", "passes"), [
    # a verdict of falsehood in the cell after the claim rejects it, whatever the column's heading
    ("district-hot-spot-en", "statement", "no-false-claims", CHECKED_EN + "| The head teacher was called in by the police | False. Ms "
     "Nguyen Thi Hanh is at work as usual. |\n" + DRAFT_EN, True),
    ("district-hot-spot", "reply-parents", "no-false-claims", "| Nội dung | Kết luận |\n|---|---|\n| Hiệu trưởng bị công an mời "
     "làm việc | Sai. Cô Hạnh vẫn làm việc bình thường. |\n" + DRAFT_VI, True),
    ("school-food-rumour", "statement", "no-false-claims", "| 网传内容 | 核查结果 |\n|---|---|\n| 有学生吃了发霉大米后被送医住院 | "
     "不实。区医院核实，无学生因食堂饭菜就医。 |\n" + SEALED_ZH, True),
    # ... but not past the team's own finding in between, nor a claim stated alone
    ("district-hot-spot-en", "statement", "no-false-claims", "| Rumour | What we found | Verdict |\n|---|---|---|\n| The head "
     "teacher was arrested | The head teacher was called in by the police this morning | False |\n" + DRAFT_EN, False),
    ("district-hot-spot-en", "statement", "no-false-claims", CHECKED_EN + "| The head teacher was called in by the police | "
     "Confirmed by the ward. |\n" + DRAFT_EN, False),
    # a Vietnamese first cell as long as a jotted label, left open by its status
    ("district-hot-spot", "reply-parents", "no-false-claims", "| Nội dung | Tình hình |\n|---|---|\n| Hiệu trưởng bị công an mời "
     "làm việc | ĐANG XÁC MINH: công an quận đang làm rõ nguồn tin |\n" + DRAFT_VI, True),
    # a long English first cell is a claim; "Unknown" answers its column
    ("school-food-rumour-en", "statement", "no-false-claims", "| What happened | How many pupils |\n|---|---|\n| Some of the "
     "mouldy rice was cooked for lunch before the kitchen noticed the mould | Unknown |\n" + SEALED_EN, False),
    # "Rumours and the facts:" heads facts, and its labelled items say what they say
    ("school-food-rumour-en", "statement", "no-false-claims", "Rumours and the facts:\n- Storeroom: the rice went mouldy in "
     "the storeroom because of a leak in the storeroom roof.\n" + SEALED_EN, False),
    # an active sanction that ends its clause falls on the target after the comma
    ("district-hot-spot-en", "statement", "no-blame", "The ward has asked the District Police to verify and strictly handle, "
     "under Decree 15/2020/ND-CP, all those who posted and shared it." + DRAFT_EN, False),
    ("district-hot-spot", "statement", "no-blame", "Công an phường sẽ xử lý nghiêm, theo Nghị định 15, những người chia sẻ "
     "thông tin sai sự thật." + DRAFT_VI, False),
    # ... not a passive one, one with its object named first, nor a next clause that thanks them
    ("district-hot-spot-en", "statement", "no-blame", "Any staff member found at fault will be dealt with, and parents who "
     "gather at the school gate will be welcomed into the hall." + DRAFT_EN, True),
    ("school-food-rumour", "statement", "no-blame", "对供应商的违规行为将依法查处，发帖人出于担心发帖，不会被追究。" + SEALED_ZH, True),
    ("district-hot-spot", "statement", "no-blame", "Với cá nhân thu tiền sai quy định, phường sẽ xử lý nghiêm, đồng thời cảm ơn "
     "những phụ huynh đã đăng bài." + DRAFT_VI, True),
    # "individuals who" threatens the public only when they post, share or spread
    ("district-hot-spot-en", "plan", "no-blame", "Strictly handle organisations and individuals who violate." + DRAFT_EN, True),
    ("district-hot-spot-en", "plan", "no-blame", "Strictly handle individuals who share false information." + DRAFT_EN, False),
])
def test_table_verdicts_labelled_items_risk_lists_and_sanctions_with_their_object_after(scenario_id, task_id, criterion, text, passes):
    _assert_passes(scenario_id, task_id, criterion, text, passes)


@pytest.mark.parametrize(("risks", "labels"), [
    ("- Nguy cơ: tụ tập đông người ở cổng trường giờ đón trưa; người ngoài lợi dụng kích động; video tiếp tục phát tán.", False),
    ("- Nguy cơ: một số phụ huynh lợi dụng kích động.", True),
])
def test_a_bulleted_list_of_risks_weighs_those_who_may_exploit_the_matter(risks, labels):
    """An assessment's "- Nguy cơ:" is a list of risks as "Nguy cơ:" is: those who may exploit the
    matter are weighed there, not labelled, unless an item names the public (the whole rubric: an
    internal text may weigh them)."""
    text = "- Nguồn: bài đăng đầu tiên trên Facebook lúc 6h30.\n" + risks + "\n- Mức độ: nghiêm trọng." + DRAFT_VI
    scored = _task_score("district-hot-spot", "assess", text, 3600.0, 5400.0, fields={"grade": "Nghiêm trọng"})
    blame = next(c for c in scored.criteria if c.id == "no-blame")
    assert (blame.points == 0) is labels, blame.evidence


def test_an_item_labelled_under_a_list_of_what_is_not_confirmed_is_left_open():
    """A first report at 08:35 lists under "What we have not confirmed yet:" an item with a label of its
    own ("- Illness: no pupil has been reported to us ..."): both labels stand over it, so it claims
    nothing the hospital has not yet checked; said alone, it does."""
    text = ("What we have confirmed:\n- Storeroom: the two sacks were sealed at the delivery check.\n\nWhat we have not confirmed "
            "yet:\n- Illness: no pupil has been reported to us as being in hospital, but we have not finished checking.\n")
    points, evidence = _criterion("school-food-rumour-en", "flash-report", "no-overclaims", text, at=5700)
    assert points == 1.0, evidence
    alone = text.replace("What we have not confirmed yet:\n", "")
    points, evidence = _criterion("school-food-rumour-en", "flash-report", "no-overclaims", alone, at=5700)
    assert points == 0.0, evidence



def test_a_future_written_in_place_of_a_terms_tense_promises():
    """Before the class check (at 3h) nobody knows whether a child was moved: "no child will be
    treated differently" commits to the future, "no child was treated differently" claims the unknown."""
    before = 2 * 3600
    promise = "Whatever the result, no child will be treated differently because of any payment." + DRAFT_EN
    points, evidence = _criterion("district-hot-spot-en", "reply-parents", "no-overclaims", promise, at=before)
    assert points > 0, evidence
    claim = "No child was treated differently because of any payment." + DRAFT_EN
    points, evidence = _criterion("district-hot-spot-en", "reply-parents", "no-overclaims", claim, at=before)
    assert points == 0, evidence


STOCK_EN = ["We attach great importance to this.", "Children's safety is our top priority.", "The relevant departments acted swiftly.",
            "We will spare no effort."]
STOCK_ZH = ["人民至上。", "食品安全是重中之重。", "我们将严把入口关。", "决不护短。"]
STOCK_VI = ["Nhà trường sẽ tăng cường công tác quản lý.", "Nâng cao chất lượng giáo dục.", "Phát huy truyền thống nhà trường.",
            "Góp phần xây dựng môi trường giáo dục lành mạnh."]


@pytest.mark.parametrize(("scenario_id", "task_id", "stock", "fact"), [
    ("school-food-rumour-en", "statement", STOCK_EN, SEALED_EN),
    ("school-food-rumour-en", "follow-up", STOCK_EN, SEALED_EN),
    ("district-hot-spot-en", "statement", STOCK_EN, DRAFT_EN),
    ("district-hot-spot-en", "reply-parents", STOCK_EN, DRAFT_EN),
    ("school-food-rumour", "statement", STOCK_ZH, SEALED_ZH),
    ("school-food-rumour", "follow-up", STOCK_ZH, SEALED_ZH),
    ("district-hot-spot", "statement", STOCK_VI, DRAFT_VI),
    ("district-hot-spot", "reply-parents", STOCK_VI, DRAFT_VI),
])
def test_four_clauses_of_stock_phrases_hold_a_public_text_under_p(scenario_id, task_id, stock, fact):
    """Every bundled public rubric gates boilerplate: three clauses of stock phrases alone beside
    the facts pass, a fourth fails (and caps the text at 84, as the experts rated such texts S)."""
    _assert_passes(scenario_id, task_id, "stock-phrases", fact + " " + " ".join(stock[:3]), True)
    _assert_passes(scenario_id, task_id, "stock-phrases", fact + " " + " ".join(stock), False)
    exercise = Loader().load_exercise(scenario_path(scenario_id))
    criterion = next(c for c in exercise.rubric_for(task_id).criteria if c.id == "stock-phrases")
    assert criterion.cap == 84


# (s) Session 55: a coordinator between a label's words, a refusal whose unit is its item's label,
# long jotted Chinese labels, the writers' own words for the district's facts, decisions nobody
# made and claims the tests contradict; with what each must leave alone.
NOTES_ZH = ("- 照片大米：4月15日到货，2袋50公斤，验收时发现受潮霉变，已封存待退，未加工、未食用\n"
            "- 快检（市监局）：7份样品；在用米和近3天米饭留样合格，黄曲霉毒素未检出\n"
            "- 医院：无学生食物中毒就诊或住院；3名请假学生为季节性感冒\n"
            "- 视频：2021年外省旧闻拼接，营销号发布\n- 供应商：证照齐全，近12个月抽检6次合格\n- 咨询电话：待定\n")
@pytest.mark.parametrize(("scenario_id", "task_id", "criterion", "text", "passes"), [
    # "sai sự thật và kích động" describes a rumour's content, not the people (no label "sự kích động"
    # found across "thật và"); those who stir the parents up are labelled, as are coordinated labels
    ("district-hot-spot", "reply-parents", "no-blame", DRAFT_VI + " Video trên mạng có yếu tố sai sự thật và kích động mạnh.", True),
    ("district-hot-spot", "reply-parents", "no-blame", DRAFT_VI + " Một số người đang kích động phụ huynh.", False),
    ("district-hot-spot", "reply-parents", "no-blame", DRAFT_VI + " Một số người đã tung tin giả và sai sự thật về nhà trường.", False),
    ("district-hot-spot-en", "reply-parents", "no-blame", DRAFT_EN + " Some people are stirring up anger and trouble at the gate.", False),
    # a unit named by its item's label refers the press on: one voice; without the referral, silence
    ("district-hot-spot", "plan", "no-silence", DRAFT_VI + "\n- Cán bộ văn phòng: không trả lời báo chí, chuyển về phường.\n", True),
    ("district-hot-spot", "plan", "no-silence", DRAFT_VI + "\n- Cán bộ văn phòng: không trả lời báo chí.\n", False),
    ("district-hot-spot", "plan", "no-silence", DRAFT_VI + "\n- Cán bộ văn phòng: không trả lời báo chí, chuyển về phường khi có kết "
     "luận chính thức.\n", False),
    ("district-hot-spot-en", "plan", "no-silence", DRAFT_EN + "\n- Office staff: do not talk to the press, refer reporters to the ward "
     "once the inspection is over.\n", False),
    # Chinese notes whose labelled items run long are notes; the same facts in sentences are not
    ("school-food-rumour", "statement", "sentences", NOTES_ZH, False),
    ("school-food-rumour", "statement", "sentences", "".join(
        f"- {line.split('：', 1)[1]}。\n" for line in NOTES_ZH.splitlines()[:5]), True),
    ("school-food-rumour", "plan", "sentences", "1. 信息发布：区教育局今天18时前在官方微博发布情况通报，说明封存大米的去向和抽检结果\n"
     "2. 家长沟通：班主任今晚在各班家长群逐一回应家长关切，并公布学校食堂的咨询电话\n3. 现场接待：校长明天早上7点在校门口接待"
     "来访家长，耐心解答大家提出的问题\n4. 检测跟进：市场监管局明天上午把实验室全项检测的安排告诉家长委员会\n5. 舆情监测：宣传部门每两"
     "小时汇总一次网上评论，发现新的不实说法及时报告\n", True),
    # the writers' own words for the district's facts ...
    ("district-hot-spot-en", "reply-parents", "facts", "The list of almost 8 million is not a list from the school.", True),
    ("district-hot-spot-en", "reply-parents", "substance", "Ms Hanh is at school this morning, as on any school day.", True),
    ("district-hot-spot-en", "reply-parents", "substance", "Ms Hanh is busy this morning, as on any school day.", False),
    ("district-hot-spot", "reply-parents", "facts", "Bảng kê gần 8 triệu đồng không phải bảng kê của nhà trường.", True),
    ("district-hot-spot", "reply-parents", "substance", "Cô Hạnh vẫn ở trường sáng nay.", True),
    ("district-hot-spot-en", "reply-parents", "facts", "The list of almost 8 million is being looked into.", False),
    # ... decisions nobody made ...
    ("district-hot-spot-en", "statement", "no-overclaims", DRAFT_EN + " The parents' committee of class 3A has been dissolved.", False),
    ("district-hot-spot-en", "statement", "no-overclaims", DRAFT_EN + " All the money will be refunded by tomorrow.", False),
    ("school-food-rumour-en", "plan", "no-undecided", "Fenghe Grain & Oil's licence has been suspended as of today.", False),
    ("district-hot-spot", "survey", "no-undecided", DRAFT_VI + " Toàn bộ số tiền điều hòa sẽ được trả lại cho phụ huynh ngay trong ngày "
     "hôm nay.", False),
    ("district-hot-spot", "survey", "no-undecided", DRAFT_VI + " Số tiền điều hòa sẽ được trả lại đủ trước ngày 20/9.", True),
    # ... and what the market regulator's own tests and the other schools contradict
    ("school-food-rumour-en", "plan", "no-false-claims", "The same batch was also delivered to two other schools and used there.", False),
    ("school-food-rumour-en", "plan", "no-false-claims", "Rapid tests show that the rice in use and the retained samples are within "
     "standard; the two sealed sacks failed.", True),
])
def test_coordinated_labels_referrals_by_label_long_chinese_notes_and_the_writers_words(scenario_id, task_id, criterion, text, passes):
    _assert_passes(scenario_id, task_id, criterion, text, passes)
