"""The scorer, on hand-made submissions whose right scores are known."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml

from drill.formats import Check, Exercise, Loader, Rubric, Scenario
from drill.scoring import ExpertReview, Scores, Submission, TaskScore, check_text, score_exercise

DATA = Path(__file__).parent / "data" / "scoring"
DUE = 1800.0  # every hand-made task is due 30m after the start

FACTS = [
    {"id": "sealed", "text": "The rice in the photo was sealed.", "keywords": ["sealed", "已封存"], "contradicted_by": ["was served to pupils", "已供应给学生"]},
    {"id": "unserved", "text": "The batch was never served.", "keywords": ["never served", "未供应"], "contradicted_by": []},
    {"id": "well", "text": "No pupil fell ill.", "keywords": ["no pupil fell ill", "无学生不适"], "contradicted_by": ["pupils fell ill"]},
]


def make_exercise(*tasks: tuple[str, list[dict]], scales: dict[str, list[dict]] | None = None, teams=("press", "school")) -> Exercise:
    """A scenario whose every task is owed by all teams, with one rubric per task."""
    scales = scales or {}
    scenario = Scenario.model_validate({
        "format": "drill/scenario@1", "id": "hand-made", "title": "T", "summary": "S",
        "clock": {"start": "2026-05-12T07:30:00+08:00", "duration": "4h"},
        "teams": [{"id": team, "name": team.title()} for team in teams],
        "facts": FACTS, "injects": [],
        "tasks": [
            {
                "id": task_id, "kind": "statement", "title": f"Task {task_id}", "prompt": "p", "due": "30m",
                "fields": [{"id": "grade", "label": "Grade", "choices": ["major", "ordinary"], "answer": "major"},
                           {"id": "count", "label": "Count", "answer": "12"}],
                "rubric": f"{task_id}.yaml",
            }
            for task_id, _ in tasks
        ],
    })
    rubrics = {
        f"{task_id}.yaml": Rubric.model_validate({
            "format": "drill/rubric@1", "id": task_id, "title": task_id, "criteria": criteria,
            **({"scale": scales[task_id]} if task_id in scales else {}),
        })
        for task_id, criteria in tasks
    }
    return Exercise(scenario, rubrics, "")


def crit(criterion_id: str, weight: float = 1, **kind) -> dict:
    return {"id": criterion_id, "title": criterion_id.title(), "weight": weight, **kind}


ONE = make_exercise(("t", [crit("c", check={"any_of": ["x"]})]))


def judge(check: dict, text: str = "", fields: dict[str, str] | None = None, at: float = 0.0, due: float = DUE) -> tuple[float, str]:
    return check_text(Check.model_validate(check), text, fields or {}, ONE.scenario, ONE.scenario.tasks[0], at, due)


def score_one(criteria: list[dict], text: str = "", fields: dict[str, str] | None = None, reviews=(), at: float = 0.0, scale=None) -> TaskScore:
    exercise = make_exercise(("t", criteria), scales={"t": scale} if scale else None, teams=("press",))
    scores = score_exercise(exercise, [Submission("press", "t", at, text, fields or {})], list(reviews), {("press", "t"): DUE})
    return scores.teams[0].tasks[0]


# --- each check kind -------------------------------------------------------------


def test_any_of_ignores_latin_case_and_names_the_term_found():
    assert judge({"any_of": ["Hotline", "phone"]}, "Call our HOTLINE now") == (1.0, "found 'Hotline'")
    assert judge({"any_of": ["Hotline", "phone"]}, "Write to us") == (0.0, "none of 'Hotline', 'phone'")


def test_all_of_scores_the_share_of_groups_and_names_what_is_missing():
    fraction, evidence = judge({"all_of": [["sorry", "apologise"], ["hotline"], ["investigat"]]}, "We apologise; an investigation is under way.")
    assert fraction == pytest.approx(2 / 3)
    assert evidence == "found 'apologise', 'investigat'; missing 'hotline'"
    assert judge({"all_of": [["a1"], ["b2", "c3"]]}, "a1")[1] == "found 'a1'; missing any of 'b2', 'c3'"


def test_none_of_is_zero_on_any_hit_and_names_the_hits():
    assert judge({"none_of": ["no comment", "rumour"]}, "No comment. It is a RUMOUR.") == (
        0.0, "says 'no comment', 'rumour': 'No comment', 'It is a RUMOUR'"
    )
    assert judge({"none_of": ["no comment", "rumour"]}, "The rice was sealed on Monday.") == (1.0, "avoids 'no comment', 'rumour'")


def test_a_none_of_term_the_text_denies_is_not_said():
    assert judge({"none_of": ["no comment"]}, "We will never say no comment to parents; the rice was sealed.")[0] == 1.0
    assert judge({"none_of": ["pure rumour"]}, "It may be a pure rumour, the rice was sealed.")[0] == 0.0


def test_regex_searches_the_text_and_quotes_the_match():
    assert judge({"regex": r"\d{1,2}:\d{2}"}, "Briefing at 9:30 today") == (1.0, r"matches /\d{1,2}:\d{2}/: '9:30'")
    assert judge({"regex": r"\d{1,2}:\d{2}"}, "Briefing soon") == (0.0, r"no match for /\d{1,2}:\d{2}/")


def test_a_long_pattern_is_not_printed_as_evidence_only_what_it_matched():
    pattern = r"(report|reported|reporting|send|sent|submit|submitted) (it )?to (the )?(mayor|city hall|propaganda department|district)"
    assert judge({"regex": pattern}, "We reported to the mayor at once.") == (1.0, "has the wording the rubric looks for: 'reported to the mayor'")
    assert judge({"regex": pattern}, "We are looking into it.") == (0.0, "lacks the wording the rubric looks for")


def test_regex_sees_full_width_digits_as_ascii_but_leaves_case_to_the_pattern():
    assert judge({"regex": r"\d{1,2}:\d{2}"}, "发布会定于９：３０举行")[0] == 1.0
    assert judge({"regex": "Hotline"}, "call the hotline")[0] == 0.0
    assert judge({"regex": "HOTLINE"}, "call the HOTLINE")[0] == 1.0
    assert judge({"regex": "(?i)Hotline"}, "call the hotline")[0] == 1.0


def test_length_within_bounds_is_full_marks_and_outside_shrinks_in_proportion():
    bounds = {"length": {"min": 10, "max": 20}}
    assert judge(bounds, "x" * 15) == (1.0, "15 characters, within 10–20")
    assert judge(bounds, "x" * 5) == (0.5, "5 characters, 5 short of the minimum 10")
    assert judge(bounds, "x" * 40) == (0.5, "40 characters, 20 over the maximum 20")


def test_length_counts_the_text_only_in_composed_characters():
    assert judge({"length": {"max": 20}}, "x" * 15, {"grade": "y" * 100})[0] == 1.0
    assert judge({"length": {"min": 10}}, "", {"grade": "y" * 100})[0] == 0.0
    decomposed = unicodedata.normalize("NFD", "Việt")
    assert len(decomposed) > 4
    assert judge({"length": {"max": 4}}, decomposed) == (1.0, "4 characters, within the maximum 4")


def test_facts_in_chinese_count_the_share_stated_and_name_the_missing_by_text():
    fraction, evidence = judge({"facts": ["sealed", "unserved", "well"]}, "涉事大米已封存，未供应给学生。")
    assert fraction == pytest.approx(2 / 3)
    # the evidence quotes the team's own clause, and names the fact it matched as the fact
    assert "wrote '涉事大米已封存' (the fact: 'The rice in the photo was sealed.')" in evidence
    assert "wrote '未供应给学生' (the fact: 'The batch was never served.')" in evidence
    assert "missing 'No pupil fell ill.'" in evidence


def test_no_false_claims_in_chinese_names_the_contradicted_fact_and_the_claim():
    assert judge({"no_false_claims": True}, "涉事大米已封存，未供应给学生。") == (1.0, "says nothing the facts contradict")
    fraction, evidence = judge({"no_false_claims": True}, "该批大米已供应给学生。")
    assert fraction == 0.0
    assert evidence == "contradicts 'The rice in the photo was sealed.' by saying '该批大米已供应给学生'"


def test_full_width_latin_letters_and_digits_match_ascii_terms():
    assert judge({"any_of": ["hotline"]}, "请拨打ＨＯＴＬＩＮＥ")[0] == 1.0
    assert judge({"any_of": ["12345"]}, "热线１２３４５")[0] == 1.0
    assert judge({"facts": ["sealed"]}, "The batch was ＳＥＡＬＥＤ.")[0] == 1.0


def test_a_term_matches_across_a_line_break():
    assert judge({"facts": ["unserved"]}, "it was never\n  served")[0] == 1.0


def test_a_regex_matches_across_a_line_break_where_the_pattern_has_a_space():
    assert judge({"regex": "(?i)next update at"}, "The next\n   update at 14:00")[0] == 1.0
    assert judge({"regex": r"(将于|将在).{0,15}(通报|公布)"}, "结果将于\n今天下午公布")[0] == 1.0
    # the evidence quotes the match as one line
    assert judge({"regex": r"we will\s+publish"}, "we will\npublish") == (1.0, r"matches /we will\s+publish/: 'we will publish'")


VI = make_exercise(("t", [crit("c", check={"any_of": ["x"]})]))
VI = Exercise(VI.scenario.model_copy(update={"language": "vi"}), VI.rubrics, "")


def judge_vi(check: dict, text: str) -> tuple[float, str]:
    return check_text(Check.model_validate(check), text, {}, VI.scenario, VI.scenario.tasks[0], 0.0, DUE)


def test_vietnamese_terms_match_whole_syllables_only():
    # "tin" (news) is not in "tính" or "tinh thần", nor "phí" (fee) in "phía" (side)
    assert judge_vi({"any_of": ["tin"]}, "Nhà trường tính toán lại")[0] == 0.0
    assert judge_vi({"any_of": ["tin"]}, "Tinh thần chung là bình tĩnh")[0] == 0.0
    assert judge_vi({"any_of": ["phí"]}, "Phía nhà trường đã giải thích")[0] == 0.0
    assert judge_vi({"any_of": ["tin"]}, "Đây là tin giả.") == (1.0, "có “tin”")
    assert judge_vi({"any_of": ["thông tin"]}, "THÔNG TIN chính thức")[0] == 1.0
    # a term of several syllables, at the start, the end, beside punctuation and across a line break
    assert judge_vi({"any_of": ["hoàn trả"]}, "Sẽ hoàn\ntrả 100%.")[0] == 1.0
    assert judge_vi({"any_of": ["khoản thu"]}, "(khoản thu)")[0] == 1.0
    assert judge_vi({"any_of": ["khoản thu"]}, "các khoản thuế")[0] == 0.0
    # a later occurrence that stands alone still counts
    assert judge_vi({"any_of": ["thu"]}, "thuê nhà, rồi thu tiền")[0] == 1.0


def test_vietnamese_precomposed_and_combining_accents_match_alike():
    term, text = "xác minh", "Đã xác minh: không có học sinh nào bị phân biệt."
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    assert judge_vi({"any_of": [term]}, decomposed)[0] == 1.0
    assert judge_vi({"any_of": [unicodedata.normalize("NFD", term)]}, text)[0] == 1.0
    assert judge_vi({"none_of": ["bị phân"]}, unicodedata.normalize("NFD", "Đã xác minh: có học sinh bị phân biệt."))[0] == 0.0
    assert judge_vi({"none_of": ["phân"]}, unicodedata.normalize("NFD", "Nhà trường đã hoàn trả tiền cho phần lớn phụ huynh. Phòng Giáo dục đang kiểm tra các lớp khác."))[0] == 1.0


def test_english_and_chinese_terms_still_match_as_substrings():
    assert judge({"any_of": ["hospitali"]}, "Two pupils were hospitalised")[0] == 1.0
    assert judge({"any_of": ["hospitali"]}, "Nobody was hospitalised")[0] == 0.0  # denied, so not said
    assert judge({"any_of": ["封存"]}, "大米已封存待退货")[0] == 1.0
    # in a Vietnamese drill an end in Chinese characters is matched as a substring
    assert judge_vi({"any_of": ["封存"]}, "大米已封存待退货")[0] == 1.0


def test_field_equals_the_expected_answer_after_stripping():
    assert judge({"field": "grade"}, fields={"grade": " major "}) == (1.0, "Grade: 'major'")
    assert judge({"field": "grade"}, fields={"grade": "ordinary"}) == (0.0, "Grade: 'ordinary', expected 'major'")
    assert judge({"field": "grade"}) == (0.0, "Grade: not answered (expected 'major')")
    assert judge({"field": "count"}, fields={"count": "１２"})[0] == 1.0


def test_a_field_left_blank_is_read_where_the_text_writes_it_after_the_fields_name():
    """Teams type the form into their text ("Grade: major") and leave the form blank; an expert
    reading the text takes the answer from there, and so does the scorer. The form, when filled
    in, is what counts; prose that names a choice without the field's name is no answer."""
    assert judge({"field": "grade"}, "1. Grade: major. Parents are sharing the post in three groups.") == (
        1.0, "Grade (written in the text): 'major'")
    assert judge({"field": "grade"}, "**Incident grade**: ordinary, since few share it.") == (
        0.0, "Grade (written in the text): 'ordinary', expected 'major'")
    assert judge({"field": "grade"}, "Grade: major.", {"grade": "ordinary"})[0] == 0.0
    for text in ("We think this is a major incident.", "Upgrade: major if the press calls.", "Grade: to be decided."):
        assert judge({"field": "grade"}, text) == (0.0, "Grade: not answered (expected 'major')"), text


def test_a_field_whose_label_only_says_how_firm_the_answer_is_is_still_the_field():
    """"Proposed grade" ends with the name; "Grade (provisional)" and Vietnamese "Mức độ đề xuất" put the
    qualifier after it, and still answer the grade; "Grade 3 parents" does not."""
    assert judge({"field": "grade"}, "Grade (provisional): major. Parents share the post.")[0] == 1.0
    assert judge({"field": "grade"}, "Grade 3 parents: major worry about lunch.")[0] == 0.0


def test_a_field_is_read_from_a_row_of_a_table_in_the_text():
    """A two-column table ("| Grade | major |") is a form typed out: each row a label and its value."""
    table = "| Item | Assessment |\n|---|---|\n| Source | A parent's post in the class group, 06:40 |\n| Grade | major |\n"
    assert judge({"field": "grade"}, table) == (1.0, "Grade (written in the text): 'major'")
    assert judge({"field": "grade"}, table.replace("| major |", "| ordinary |"))[0] == 0.0
    assert judge({"field": "grade"}, "| Grade | Source | Trend |\n|---|---|---|\n| major | post | rising |\n")[0] == 0.0  # no row is the grade's


def test_a_right_grade_above_a_list_of_keywords_has_no_reasons_and_earns_nothing():
    keywords = "grade major, source microblog, trend rising, risks parents media, report bureau, first step verify"
    assert judge({"field": "grade"}, keywords, fields={"grade": "major"}) == (
        0.0, "Grade: 'major' — nothing counted: the text is a list of keywords, not sentences")
    assert judge({"field": "grade"}, "The grade is major because parents are sharing the post.", fields={"grade": "major"})[0] == 1.0


def test_term_checks_read_the_field_values_after_the_text():
    assert judge({"any_of": ["major"]}, "Our assessment:", {"grade": "major"})[0] == 1.0
    assert judge({"none_of": ["ordinary"]}, "Our assessment:", {"grade": "ordinary"})[0] == 0.0


SAID = "The rice in the photo was sealed on Monday."  # a text of substance: a fact stated


def test_on_time_is_full_marks_by_the_due_time():
    assert judge({"on_time": {"grace": "30m"}}, SAID, at=DUE - 300) == (1.0, "submitted 5m before the due time")
    assert judge({"on_time": {"grace": "30m"}}, SAID, at=DUE) == (1.0, "submitted at the due time")


def test_a_long_list_of_wordings_is_shown_by_its_first_few_and_how_many_more():
    terms = [f"word{n}" for n in range(20)]
    fraction, evidence = judge({"any_of": terms}, "Nothing of the kind.")
    assert fraction == 0.0 and evidence == "none of " + ", ".join(f"'word{n}'" for n in range(8)) + ", 12 more"
    fraction, evidence = judge({"none_of": terms}, "The rice was sealed on Monday.")
    assert fraction == 1.0 and evidence == "avoids " + ", ".join(f"'word{n}'" for n in range(8)) + ", 12 more"


def test_absence_checks_earn_nothing_before_the_text_says_something():
    nothing = (0.0, "nothing to credit yet: no sentence states a fact or a measure, or answers what is asked about the incident")
    for check in ({"on_time": {"grace": "30m"}}, {"none_of": ["no comment"]}, {"no_false_claims": True}, {"no_overclaims": True}):
        assert judge(check, "We understand your concern and take this very seriously.") == nothing
        assert judge(check, "sealed, never served")[0] == 0.0  # bare keywords are no sentence
        assert judge(check, SAID)[0] == 1.0


def test_a_task_that_does_not_ask_for_the_facts_says_something_in_its_rubrics_terms():
    """An assessment written before any fact is known says something when it names what its
    rubric asks for (the source, the trend); the same words earn nothing where the facts are asked."""
    analysis = "The first post came from a parents' group and the trend is rising fast."
    assessment = [crit("on-time", check={"on_time": {"grace": "30m"}}), crit("source", check={"any_of": ["first post", "source"]}),
                  crit("trend", check={"any_of": ["trend", "rising", "today"]})]
    assert [c.points for c in score_one(assessment, analysis).criteria] == [1.0, 1.0, 1.0]
    assert score_one(assessment, "We attach great importance to this.").criteria[0].points == 0.0
    assert score_one(assessment, "We have nothing new today.").criteria[0].points == 0.0  # one criterion's word
    statement = [*assessment, crit("facts", check={"facts": ["sealed"]})]
    assert score_one(statement, analysis).criteria[0].points == 0.0


def test_a_rubrics_terms_inside_slogans_say_nothing_yet():
    """Slogans that happen to hold a rubric's words (coordination, guidance) are no analysis:
    neither a clause of stock phrases, nor a few such words among more clauses of slogans."""
    plan = [crit("on-time", check={"on_time": {"grace": "30m"}}), crit("roles", check={"any_of": ["coordinat", "responsib"]}),
            crit("guide", check={"any_of": ["guidance", "orient"]})]
    slogans = ("We will follow the principles of coordination, responsibility at each level and correct guidance, "
               "attach great importance, work together and maintain social stability.")
    assert score_one(plan, slogans).criteria[0].points == 0.0
    mixed = ("Coordinate with the police. Orient parents to the hotline. We attach great importance, spare no effort, "
             "further strengthen management and maintain social stability.")
    assert score_one(plan, mixed).criteria[0].points == 0.0
    plain = "The ward coordinates with the police and the school. We orient parents to the hotline and the notice board."
    assert score_one(plan, plain).criteria[0].points == 1.0


def test_a_stall_phrase_alone_is_no_analysis_but_a_label_and_its_value_is():
    report = [crit("on-time", check={"on_time": {"grace": "30m"}}), crit("where", check={"any_of": ["canteen", "school"]}),
              crit("unknowns", check={"any_of": ["checking", "not yet"]}), crit("trend", check={"any_of": ["trend", "rising"]})]
    assert score_one(report, "We know of the canteen matter, checking, more later.").criteria[0].points == 0.0
    assert score_one(report, "School: No. 3 Primary canteen.\nTrend: rising.").criteria[0].points == 1.0


def test_on_time_late_inside_the_grace_falls_linearly():
    fraction, evidence = judge({"on_time": {"grace": "30m"}}, SAID, at=DUE + 12 * 60)
    assert fraction == pytest.approx(0.6)
    assert evidence == "submitted 12m after the due time (grace 30m)"


def test_on_time_past_the_grace_or_without_grace_is_zero():
    assert judge({"on_time": {"grace": "30m"}}, SAID, at=DUE + 45 * 60) == (0.0, "submitted 45m after the due time, past the 30m grace")
    assert judge({"on_time": {"grace": "0m"}}, SAID, at=DUE + 1) == (0.0, "submitted 1s after the due time (no grace)")


# --- aggregation ------------------------------------------------------------------

PASS, FAIL = {"any_of": ["yes"]}, {"any_of": ["absent"]}
TONE = {"levels": {4: "Warm", 2: "Adequate", 0: "Cold"}}


def test_a_missing_submission_scores_zero_in_the_lowest_band_with_every_criterion_not_submitted():
    exercise = make_exercise(("t", [crit("a", check=PASS), crit("tone", manual=TONE)]))
    review = ExpertReview("school", "t", "tone", 4, "lovely")
    scores = score_exercise(exercise, [Submission("press", "t", 60, "yes", {})], [review], {("press", "t"): DUE, ("school", "t"): DUE})
    task = scores.teams[1].tasks[0]
    assert (task.score, task.rating, task.submitted_at, task.late_by) == (0.0, "U", None, None)
    assert [(c.points, c.source, c.evidence) for c in task.criteria] == [(0.0, "auto", "not submitted")] * 2
    assert task.improvements == ["Task t: not submitted"]
    assert scores.teams[1].total == 0.0


def test_a_missing_submission_takes_the_lowest_band_of_the_rubrics_own_scale():
    scale = [{"id": "A", "label": "Good", "min": 70}, {"id": "Z", "label": "Poor", "min": 0}]
    exercise = make_exercise(("t", [crit("a", check=PASS)]), scales={"t": scale}, teams=("press",))
    assert score_exercise(exercise, [], [], {("press", "t"): DUE}).teams[0].tasks[0].rating == "Z"


def test_a_pending_manual_criterion_is_left_out_of_the_score():
    task = score_one([crit("a", check=PASS), crit("b", check=FAIL), crit("tone", 2, manual=TONE)], "yes")
    tone = task.criteria[2]
    assert tone.pending and tone.points is None and tone.evidence == "awaiting an expert's level (0, 2, 4)"
    assert task.score == 50.0
    assert task.rating == "M"


def test_an_expert_level_on_a_manual_criterion_scores_weight_times_level_over_top():
    reviews = [ExpertReview("press", "t", "tone", 0, "first look"), ExpertReview("press", "t", "tone", 2, "clear enough", "Rehearse", "Press lead")]
    task = score_one([crit("a", check=PASS), crit("tone", 2, manual=TONE)], "yes", reviews=reviews)
    tone = task.criteria[1]
    assert (tone.points, tone.max, tone.source, tone.evidence, tone.note) == (1.0, 2, "expert", "level 2 of 4: Adequate", "clear enough")
    assert (tone.action, tone.owner) == ("Rehearse", "Press lead")
    assert task.score == pytest.approx(100 * 2 / 3)


def test_an_expert_override_keeps_the_automatic_suggestion_beside_it():
    review = ExpertReview("press", "t", "b", 0.5, "said it in other words")
    task = score_one([crit("a", check=PASS), crit("b", 2, check=FAIL)], "yes", reviews=[review])
    b = task.criteria[1]
    assert (b.source, b.points, b.note, b.evidence) == ("expert", 1.0, "said it in other words", "said it in other words")
    assert (b.auto_points, b.auto_evidence) == (0.0, "none of 'absent'")
    assert task.score == pytest.approx(100 * 2 / 3)
    shown = task.to_json()["criteria"][1]
    assert (shown["points"], shown["auto_points"], shown["auto_evidence"], shown["note"]) == (1.0, 0.0, "none of 'absent'", "said it in other words")


def test_a_task_whose_every_criterion_is_pending_has_no_score_and_is_left_out_of_the_total():
    exercise = make_exercise(("a", [crit("x", check={"any_of": ["x"]}), crit("y", check={"any_of": ["y"]})]), ("b", [crit("tone", manual=TONE)]))
    scores = score_exercise(exercise, [Submission("press", "a", 0, "x", {}), Submission("press", "b", 0, "hi", {})], [], {("press", "a"): DUE, ("press", "b"): DUE})
    a, b = scores.teams[0].tasks
    assert (b.score, b.rating) == (None, None)
    assert scores.teams[0].total == 50.0


def test_the_team_total_is_the_mean_over_the_tasks_it_owes():
    exercise = make_exercise(("a", [crit("x", check=PASS)]), ("b", [crit("x", check=PASS), crit("y", check=FAIL)]), ("c", [crit("x", check=PASS)]))
    submissions = [Submission("press", "a", 0, "yes", {}), Submission("press", "b", 0, "yes", {}), Submission("press", "c", 0, "yes", {})]
    scores = score_exercise(exercise, submissions, [], {("press", "a"): DUE, ("press", "b"): DUE, ("school", "a"): DUE})
    press, school = scores.teams
    assert [t.task for t in press.tasks] == ["a", "b"]  # c never opened, so its submission is not scored
    assert press.total == 75.0
    assert (school.total, school.rating) == (0.0, "U")


def test_a_team_that_owes_nothing_has_no_total():
    scores = score_exercise(ONE, [], [], {("press", "t"): DUE})
    assert (scores.teams[1].total, scores.teams[1].rating, scores.teams[1].tasks) == (None, None, ())


def test_the_last_review_wins_and_a_repeated_submission_is_ignored():
    exercise = make_exercise(("t", [crit("c", check=PASS)]), teams=("press",))
    submissions = [Submission("press", "t", 0, "no", {}), Submission("press", "t", 60, "yes", {})]
    reviews = [ExpertReview("press", "t", "c", 1.0), ExpertReview("press", "t", "c", 0.25)]
    task = score_exercise(exercise, submissions, reviews, {("press", "t"): DUE}).teams[0].tasks[0]
    assert (task.submitted_at, task.criteria[0].auto_points, task.score) == (0, 0.0, 25.0)


@pytest.mark.parametrize(("passed", "failed", "score", "rating"), [(85, 15, 85.0, "P"), (849, 151, 84.9, "S"), (65, 35, 65.0, "S"), (40, 60, 40.0, "M"), (399, 601, 39.9, "U")])
def test_rating_bands_at_their_boundaries(passed, failed, score, rating):
    exercise = make_exercise(("t", [crit("a", passed, check=PASS), crit("b", failed, check=FAIL)]), teams=("press",))
    team = score_exercise(exercise, [Submission("press", "t", 0, "yes", {})], [], {("press", "t"): DUE}).teams[0]
    assert team.tasks[0].score == pytest.approx(score)
    assert (team.tasks[0].rating, team.rating) == (rating, rating)


def test_the_rating_follows_the_score_as_printed():
    task = score_one([crit("a", 8496, check=PASS), crit("b", 1504, check=FAIL)], "yes")
    assert task.score == pytest.approx(84.96)
    assert (task.to_json()["score"], task.rating) == (85.0, "P")


def test_a_rubric_with_its_own_scale_rates_its_tasks_and_a_team_sharing_it():
    scale = [{"id": "A", "label": "Good", "min": 90}, {"id": "B", "label": "Fair", "min": 50}, {"id": "C", "label": "Poor", "min": 0}]
    criteria = [crit("a", 6, check=PASS), crit("b", 4, check=FAIL)]
    shared = make_exercise(("x", criteria), ("y", criteria), scales={"x": scale, "y": scale}, teams=("press",))
    due = {("press", "x"): DUE, ("press", "y"): DUE}
    answers = [Submission("press", "x", 0, "yes", {}), Submission("press", "y", 0, "yes", {})]
    team = score_exercise(shared, answers, [], due).teams[0]
    assert [t.rating for t in team.tasks] == ["B", "B"]
    assert (team.total, team.rating) == (60.0, "B")
    mixed = make_exercise(("x", criteria), ("y", criteria), scales={"x": scale}, teams=("press",))
    team = score_exercise(mixed, answers, [], due).teams[0]
    assert [t.rating for t in team.tasks] == ["B", "M"]
    assert team.rating == "M"  # the scales differ, so HSEEP's rates the total


def test_strengths_and_improvements_come_from_the_criteria():
    criteria = [crit("good", check=PASS), crit("half", check={"all_of": [["yes"], ["absent"]]}), crit("poor", check=FAIL),
                crit("claims", check={"no_false_claims": True}), crit("tone", manual=TONE)]
    reviews = [ExpertReview("press", "t", "claims", 1.0, "a quote, not a claim"), ExpertReview("press", "t", "tone", 4, "warm and clear")]
    task = score_one(criteria, "yes, pupils fell ill", reviews=reviews)
    assert task.strengths == ["Good: found 'yes'", "Tone: warm and clear"]
    assert task.improvements == [
        "Poor: none of 'absent'",
        "Claims: contradicts 'No pupil fell ill.' by saying 'pupils fell ill' (expert: a quote, not a claim)",
    ]


def test_teams_tasks_and_criteria_keep_scenario_and_rubric_order():
    exercise = make_exercise(("a", [crit("z", check=PASS), crit("m", check=PASS)]), ("b", [crit("c", check=PASS)]))
    due = {("school", "b"): DUE, ("press", "b"): DUE, ("school", "a"): DUE, ("press", "a"): DUE}
    submissions = [Submission("school", "b", 0, "", {}), Submission("press", "a", 0, "", {})]
    shown = score_exercise(exercise, submissions, [], due).to_json()
    assert [t["team"] for t in shown["teams"]] == ["press", "school"]
    assert [[task["task"] for task in team["tasks"]] for team in shown["teams"]] == [["a", "b"], ["a", "b"]]
    assert [c["id"] for c in shown["teams"][0]["tasks"][0]["criteria"]] == ["z", "m"]


def test_the_json_has_the_contract_shape():
    exercise = make_exercise(("t", [crit("a", 2, check=PASS), crit("b", check=FAIL), crit("tone", manual=TONE)]), teams=("press",))
    scores = score_exercise(exercise, [Submission("press", "t", DUE + 60, "yes", {})], [], {("press", "t"): DUE})
    assert isinstance(scores, Scores)
    shown = json.loads(json.dumps(scores.to_json()))
    assert shown["scenario"] == "hand-made"
    team = shown["teams"][0]
    assert {"team", "total", "rating", "tasks", "name"} <= team.keys()
    task = team["tasks"][0]
    assert {"task", "submitted_at", "score", "rating", "criteria", "title", "due_at", "late_by"} <= task.keys()
    assert (task["submitted_at"], task["score"], task["rating"], task["due_at"], task["late_by"]) == (DUE + 60, 66.7, "S", DUE, 60.0)
    assert (team["team"], team["name"], team["total"], team["rating"]) == ("press", "Press", 66.7, "S")
    contract = {"id", "points", "max", "source", "evidence"}
    extra = {"title", "kind", "auto_points", "auto_evidence", "note", "action", "owner", "reviews"}
    assert all(c.keys() == contract | extra for c in task["criteria"])
    assert [(c["id"], c["points"], c["max"], c["source"], c["kind"]) for c in task["criteria"]] == [
        ("a", 2.0, 2.0, "auto", "any_of"), ("b", 0.0, 1.0, "auto", "any_of"), ("tone", None, 1.0, "expert", "manual"),
    ]


def test_a_chinese_scenario_loaded_from_files_is_scored_on_its_own_scale():
    exercise = Loader().load_exercise(DATA / "rice.yaml")
    text = "经核查，照片中的大米已封存，未供应给学生，请家长放心。"
    submissions = [Submission("xuanchuan", "statement", 3600 + 6 * 60, text, {"grade": "重大"}),
                   Submission("jiaoyu", "statement", 1200, "大米仍在使用，学生已食用。", {"grade": "一般"})]
    reviews = [ExpertReview("xuanchuan", "statement", "voice", 4, "口径统一")]
    due = {("xuanchuan", "statement"): 3600, ("jiaoyu", "statement"): 3600}
    xuanchuan, jiaoyu = (team.tasks[0] for team in score_exercise(exercise, submissions, reviews, due).teams)
    assert [c.points for c in xuanchuan.criteria] == [pytest.approx(0.8), 2.0, 1.0, 1.0, 1.0]
    assert xuanchuan.score == pytest.approx(100 * 5.8 / 6)
    assert xuanchuan.rating == "A"
    # a text of nothing but false claims earns nothing for being on time either
    assert [c.points for c in jiaoyu.criteria] == [0.0, 0.0, 0.0, 0.0, None]
    assert jiaoyu.criteria[0].evidence == "尚无可计分的内容：没有一句成句地说明事实、措施，或回应事件中的疑问"
    assert jiaoyu.criteria[2].evidence == "说了“大米仍在使用”，与“照片中的大米已被封存”不符；说了“学生已食用”，与“该批大米从未供应给学生”不符"
    assert (jiaoyu.score, jiaoyu.rating) == (0.0, "C")


def test_a_chinese_scenario_gets_its_evidence_and_comments_in_chinese():
    exercise = Loader().load_exercise(DATA / "rice.yaml")
    text = "经核查，照片中的大米已封存，请家长放心。"
    submissions = [Submission("xuanchuan", "statement", 3600 + 12 * 60, text, {"grade": "一般"})]
    reviews = [ExpertReview("xuanchuan", "statement", "voice", 4, "")]
    due = {("xuanchuan", "statement"): 3600, ("jiaoyu", "statement"): 3600}
    xuanchuan, jiaoyu = (team.tasks[0] for team in score_exercise(exercise, submissions, reviews, due).teams)
    assert [c.evidence for c in xuanchuan.criteria] == [
        "超过截止时间12分钟提交（宽限30分钟）",
        "写道“照片中的大米已封存”（对应事实：“照片中的大米已被封存”）；没有说明“该批大米从未供应给学生”",
        "没有与事实不符的说法",
        "舆情等级：“一般”，应为“重大”",
        "等级4（满分4）：口径统一、表述严谨",
    ]
    assert xuanchuan.strengths == ["不作虚假表述：没有与事实不符的说法", "统一口径：等级4（满分4）：口径统一、表述严谨"]
    assert xuanchuan.improvements == ["等级判断：舆情等级：“一般”，应为“重大”"]
    assert jiaoyu.improvements == ["情况通报：未提交"] and jiaoyu.criteria[0].evidence == "未提交"
    pending = score_exercise(exercise, submissions, [], due).teams[0].tasks[0].criteria[4]
    assert pending.evidence == "待专家评定等级（0、2、4）"
    # The JSON of `drill score --json` carries the words as they were written.
    assert score_exercise(exercise, submissions, reviews, due).to_json()["teams"][0]["tasks"][0]["criteria"][0]["evidence"] == "超过截止时间12分钟提交（宽限30分钟）"


def test_a_caller_may_ask_for_another_language():
    exercise = Loader().load_exercise(DATA / "rice.yaml")
    submissions = [Submission("xuanchuan", "statement", 3600 + 90 * 60, "大米已封存。学生已食用。学校正在调查，已抽样检测。", {})]
    due = {("xuanchuan", "statement"): 3600, ("jiaoyu", "statement"): 3600}
    english = score_exercise(exercise, submissions, [], due, language="en").teams[0].tasks[0]
    assert english.criteria[0].evidence == "submitted 1h30m after the due time, past the 30m grace"
    assert english.criteria[2].evidence == "contradicts '该批大米从未供应给学生' by saying '学生已食用'"
    assert english.criteria[3].evidence == "舆情等级: not answered (expected '重大')"
    assert english.improvements[0] == "及时发布: submitted 1h30m after the due time, past the 30m grace"
    assert score_exercise(exercise, [], [], due, language="en").teams[1].tasks[0].improvements == ["情况通报: not submitted"]
    chinese = score_exercise(exercise, submissions, [], due, language="zh-Hans-CN").teams[0].tasks[0]
    assert chinese.criteria[0].evidence == "超过截止时间1小时30分提交，已超出30分钟宽限"
    # check_text, which a workspace uses for live hints, follows the same rule.
    rubric = exercise.rubric_for("statement")
    check, task = rubric.criteria[0].check, exercise.scenario.tasks[0]
    assert check_text(check, "大米已封存。", {}, exercise.scenario, task, 3600 - 45, 3600) == (1.0, "比截止时间提前45秒提交")
    assert check_text(check, "大米已封存。", {}, exercise.scenario, task, 3600 - 45, 3600, language="en") == (1.0, "submitted 45s before the due time")
    assert judge({"on_time": {"grace": "30m"}}, SAID, at=DUE - 300) == (1.0, "submitted 5m before the due time")
    chinese_one = check_text(Check.model_validate({"none_of": ["无可奉告"]}), "无可奉告。", {}, ONE.scenario, ONE.scenario.tasks[0], 0, DUE, language="zh-CN")
    assert chinese_one == (0.0, "出现了“无可奉告”：“无可奉告”")


@pytest.mark.parametrize(("check", "text", "fields", "evidence"), [
    ({"any_of": ["热线", "电话"]}, "请拨打热线", {}, "提到“热线”"),
    ({"any_of": ["热线", "电话"]}, "请留言", {}, "没有提到“热线”或“电话”"),
    ({"any_of": ["热线"]}, "请留言", {}, "没有提到“热线”"),
    ({"any_of": ["热线", "电话", "邮箱"]}, "请留言", {}, "没有提到“热线”、“电话”或“邮箱”"),
    ({"all_of": [["抱歉", "致歉"], ["热线"], ["调查"]]}, "我们深表歉意，正在调查。", {}, "提到“调查”；缺少“抱歉”或“致歉”；缺少“热线”"),
    ({"none_of": ["纯属谣言", "无可奉告"]}, "纯属谣言，无可奉告", {}, "出现了“纯属谣言”、“无可奉告”：“纯属谣言”、“无可奉告”"),
    ({"none_of": ["纯属谣言"]}, "我们理解家长的担心，大米已封存", {}, "没有出现“纯属谣言”"),
    ({"none_of": ["纯属谣言"]}, "我们理解家长的担心", {}, "尚无可计分的内容：没有一句成句地说明事实、措施，或回应事件中的疑问"),
    ({"regex": r"\d{1,2}:\d{2}"}, "发布会定于９：３０举行", {}, r"符合 /\d{1,2}:\d{2}/：“9:30”"),
    ({"regex": r"\d{1,2}:\d{2}"}, "稍后发布", {}, r"没有符合 /\d{1,2}:\d{2}/ 的内容"),
    ({"length": {"min": 10, "max": 20}}, "字" * 5, {}, "5字，比下限10字少5字"),
    ({"length": {"min": 10, "max": 20}}, "字" * 40, {}, "40字，比上限20字多20字"),
    ({"length": {"min": 10, "max": 20}}, "字" * 15, {}, "15字，在10–20字之间"),
    ({"length": {"max": 20}}, "字" * 15, {}, "15字，未超过上限20字"),
    ({"length": {"min": 10}}, "字" * 15, {}, "15字，达到下限10字"),
    ({"facts": ["sealed", "well"]}, "涉事大米已封存。", {}, "写道“涉事大米已封存”（对应事实：“The rice in the photo was sealed.”）；没有说明“No pupil fell ill.”"),
    ({"field": "grade"}, "", {"grade": "major"}, "Grade：“major”"),
    ({"field": "grade"}, "", {}, "Grade：未填写（应为“major”）"),
])
def test_every_check_kind_speaks_chinese(check, text, fields, evidence):
    got = check_text(Check.model_validate(check), text, fields, ONE.scenario, ONE.scenario.tasks[0], 0, DUE, language="zh-CN")
    assert got[1] == evidence


@pytest.mark.parametrize(("seconds", "en", "zh"), [
    (0, "0m", "0分钟"), (45, "45s", "45秒"), (12 * 60, "12m", "12分钟"), (90 * 60, "1h30m", "1小时30分"),
    (2 * 3600, "2h", "2小时"), (86400 + 60, "1d1m", "1天1分"), (61, "1m1s", "1分1秒"),
])
def test_durations_are_spelled_per_language(seconds, en, zh):
    from drill.formats.duration import format_duration
    from drill.scoring.wording import words

    assert words("en").duration(seconds) == en == format_duration(seconds)
    assert words("zh-CN").duration(seconds) == zh


def test_the_scoring_catalogs_hold_the_same_keys_and_every_key_the_scorer_uses():
    folder = Path(__file__).parents[1] / "drill" / "i18n"
    keys = {
        lang: {key for name in ("scoring.yaml", "scoring-gates.yaml") for key in yaml.safe_load((folder / lang / name).read_text(encoding="utf-8"))}
        for lang in ("en", "zh-CN")
    }
    assert keys["en"] == keys["zh-CN"]
    used = set()
    for path in (Path(__file__).parents[1] / "drill" / "scoring").glob("*.py"):
        used |= set(re.findall(r"""["'](scoring\.[a-z.-]+)["']""", path.read_text(encoding="utf-8")))
    units = {f"scoring.duration.{unit}" for unit in "dhms"} | {"scoring.duration.m-compound", "scoring.duration.s-compound"}
    assert len(used) > 30 and used | units <= keys["en"], (used | units) - keys["en"]
    chinese = "".join(yaml.safe_load((folder / "zh-CN" / "scoring.yaml").read_text(encoding="utf-8")).values())
    assert not re.search(r"[,;:()](?!\d)", chinese.replace("{", "").replace("}", "")), "Chinese messages take full-width punctuation"


def test_importing_the_scorer_loads_no_ui_network_or_templating_code():
    forbidden = ["textual", "jinja2", "websockets", "matplotlib", "drill.tui", "drill.net", "drill.report"]
    probe = f"import sys, drill.scoring; print([m for m in {forbidden!r} if m in sys.modules])"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_expert_scores_out_of_range_are_held_to_the_scale():
    reviews = [ExpertReview("press", "t", "tone", 3), ExpertReview("press", "t", "b", 1.5, "generous")]
    task = score_one([crit("tone", manual=TONE), crit("b", check=FAIL)], "no", reviews=reviews)
    assert (task.criteria[0].points, task.criteria[0].evidence) == (0.75, "level 3 of 4")
    assert task.criteria[1].points == 1.0


def test_a_rubric_that_does_not_fit_its_task_scores_zero_instead_of_failing():
    """Sessions rebuilt from recorded texts skip cross-reference validation."""
    exercise = make_exercise(("t", [crit("f", check={"field": "missing"}), crit("g", check={"facts": ["ghost", "sealed"]})]), teams=("press",))
    task = score_exercise(exercise, [Submission("press", "t", 0, "The rice is sealed", {})], [], {("press", "t"): DUE}).teams[0].tasks[0]
    assert (task.criteria[0].points, task.criteria[0].evidence) == (0.0, "task 't' has no field 'missing' with an expected answer")
    assert (task.criteria[1].points, task.criteria[1].evidence) == (0.5, "wrote 'The rice is sealed' (the fact: 'The rice in the photo was sealed.'); unknown fact 'ghost'")


def test_several_experts_on_one_criterion_are_each_kept_and_the_mean_is_scored():
    exercise = make_exercise(("t", [crit("a", check=PASS), crit("tone", 2, manual=TONE)]), teams=("press",))
    submitted = [Submission("press", "t", 0, "yes", {})]
    reviews = [
        ExpertReview("press", "t", "tone", 4, "语气诚恳", at=1, by="李教授"),
        ExpertReview("press", "t", "tone", 0, "cold", at=2, by="Dr. Tran"),
        ExpertReview("press", "t", "tone", 2, "on reflection, adequate", at=3, by="Dr. Tran"),  # replaces only her own
        ExpertReview("press", "t", "a", 0.5, "half", at=4, by="李教授"),
    ]
    task = score_exercise(exercise, submitted, reviews, {("press", "t"): DUE}).teams[0].tasks[0]
    tone = task.criteria[1]
    assert tone.points == 2 * 3 / 4  # the mean of levels 4 and 2, of a top level 4
    assert [(r.by, r.level, r.note) for r in tone.reviews] == [("李教授", 4, "语气诚恳"), ("Dr. Tran", 2, "on reflection, adequate")]
    assert tone.note == "李教授: 语气诚恳; Dr. Tran: on reflection, adequate"
    assert task.criteria[0].points == 0.5 and task.criteria[0].source == "expert"
    shown = task.to_json()["criteria"][1]["reviews"]
    assert shown == [{"by": "李教授", "level": 4.0, "note": "语气诚恳"}, {"by": "Dr. Tran", "level": 2.0, "note": "on reflection, adequate"}]


def test_reviews_without_a_name_replace_each_other_as_before():
    exercise = make_exercise(("t", [crit("tone", manual=TONE)]), teams=("press",))
    reviews = [ExpertReview("press", "t", "tone", 4, at=1), ExpertReview("press", "t", "tone", 0, "cold", at=2)]
    tone = score_exercise(exercise, [Submission("press", "t", 0, "", {})], reviews, {("press", "t"): DUE}).teams[0].tasks[0].criteria[0]
    assert tone.points == 0 and tone.note == "cold" and [(r.by, r.level) for r in tone.reviews] == [(None, 0)]
