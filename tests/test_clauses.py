"""Clause-aware scoring: hedges, questions, negations and rejections; facts in the writer's
own words; substance before absence; over-claims, labels of the public, pending facts; gates;
"not due yet". Small hand-made cases in Chinese, English and Vietnamese."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from drill.formats import Check, Exercise, Rubric, Scenario
from drill.scoring import ExpertReview, Submission, check_text, score_exercise
from drill.scoring.clauses import HEDGED, NEGATED, ORDERED, REJECTED, STATED, TENSE, Reading, stem
from drill.scoring.lexicon import lexicon

DUE = 1800.0

FACTS = {
    "zh": [
        {"id": "sealed", "text": "问题大米已封存，未供学生食用。", "keywords": ["已封存", "未供学生食用"], "contradicted_by": ["已有学生住院"]},
        {"id": "tests", "text": "留样检测全部合格。", "keywords": ["全部合格"], "contradicted_by": []},
        {"id": "lab", "text": "实验室全项检测结果尚未出具。", "keywords": ["全项检测合格"], "contradicted_by": ["全项检测不合格"], "pending": True},
    ],
    "en": [
        {"id": "sealed", "text": "The rice was sealed and never served.", "keywords": ["rice was sealed", "never served"], "contradicted_by": ["several pupils were hospitali"]},
        {"id": "tests", "text": "The retained samples passed the test.", "keywords": ["samples passed"], "contradicted_by": []},
        {"id": "lab", "text": "The full laboratory report is due on Friday.", "keywords": ["full laboratory report shows"], "contradicted_by": [],
         "established_by": "lab-report"},
    ],
    "vi": [
        {"id": "draft", "text": "Bảng kê là bản dự thảo, chưa được nhà trường duyệt.", "keywords": ["bản dự thảo", "chưa được nhà trường duyệt"],
         "contradicted_by": ["bảng kê là của nhà trường"]},
        {"id": "refund", "text": "Khoản tiền điều hòa sẽ được hoàn trả.", "keywords": ["hoàn trả"], "contradicted_by": []},
    ],
}


def exercise(language: str, criteria: list[dict], scale: list[dict] | None = None) -> Exercise:
    scenario = Scenario.model_validate({
        "format": "drill/scenario@1", "id": "clauses", "title": "T", "summary": "S", "language": language,
        "clock": {"start": "2026-05-12T07:30:00+08:00", "duration": "4h"},
        "teams": [{"id": "press", "name": "Press"}],
        "facts": FACTS[language],
        "injects": [{"id": "lab-report", "at": "1h", "channel": "email", "title": "Lab", "body": "Report"}],
        "tasks": [{"id": "t", "kind": "statement", "title": "Statement", "prompt": "p", "due": "30m", "rubric": "t.yaml"}],
    })
    rubric = Rubric.model_validate({"format": "drill/rubric@1", "id": "t", "title": "t", "criteria": criteria, **({"scale": scale} if scale else {})})
    return Exercise(scenario, {"t.yaml": rubric}, "")


def judge(language: str, check: dict, text: str, at: float = 0.0, fired: dict[str, float] | None = None) -> tuple[float, str]:
    ex = exercise(language, [{"id": "c", "title": "C", "check": check}])
    return check_text(Check.model_validate(check), text, {}, ex.scenario, ex.scenario.tasks[0], at, DUE, fired=fired)


def stances(language: str, text: str, term: str) -> list[str]:
    return [hit.stance for hit in Reading(text, lexicon(language)).hits(term)]


# --- what a clause does with a term ---------------------------------------------------------

@pytest.mark.parametrize(("language", "text", "term", "expected"), [
    ("zh", "目前尚不能确认这批大米是否已封存。", "已封存", [HEDGED]),
    ("zh", "大米已封存吗？", "已封存", [HEDGED]),
    # a wish among the term's own parts says nothing of the fact
    ("en", "And no parent wants their child treated differently over money.", "no child was", [HEDGED]),
    ("en", "No other child was moved.", "no child was", [STATED]),
    ("en", "Pupils who wanted lunch ate the mouldy rice.", "pupils ate the mouldy rice", [STATED]),  # a relative clause describes
    ("zh", "这批大米并非已封存。", "已封存", [NEGATED]),
    # a word's own negation put inside a term found with a gap denies it; 非常 before a part does not
    ("zh", "封存的2袋大米均不合格。", "封存大米均合格", [NEGATED]),
    ("zh", "学生未食用。", "学生食用", [NEGATED]),
    ("zh", "验收时发现受潮霉变，未开封未供给学生食用。", "未供学生食用", [STATED]),  # the term's own 未 said again
    ("zh", "家长们非常担心。", "家长担心", [STATED]),
    # "no indication that ..." denies what follows, as "no sign that ..." does
    ("en", "We have no indication that she meant to spread a rumour.", "spread a rumour", [NEGATED]),
    ("zh", "网传已有学生住院，经核实不属实。", "已有学生住院", [REJECTED]),
    ("zh", "经核实，大米已封存，待退货。", "已封存", [STATED]),
    ("en", "We cannot yet confirm whether the batch was sealed.", "batch was sealed", [HEDGED]),
    ("en", "Was the rice sealed?", "rice sealed", [HEDGED]),
    ("en", "The rice was not sealed.", "rice sealed", [NEGATED]),
    ("en", "It is not true that several pupils were hospitalised.", "several pupils were hospitali", [REJECTED]),
    ("en", "We cannot confirm it yet, but the rice was sealed on Monday.", "rice sealed", [STATED]),
    ("vi", "Liệu khoản tiền đã được hoàn trả chưa?", "hoàn trả", [HEDGED]),
    ("vi", "Bảng kê không phải của nhà trường mà là bản dự thảo.", "bản dự thảo", [STATED]),
    ("vi", "Bảng kê không phải của nhà trường mà là bản dự thảo.", "bảng kê là của nhà trường", [NEGATED]),
    ("vi", "Tin hiệu trưởng bị bắt là tin sai sự thật.", "hiệu trưởng bị bắt", [REJECTED]),
    ("vi", "Đoạn ghi âm lan truyền đã bị cắt ghép.", "bị cắt ghép", [STATED]),  # "the recording going round": the team's finding
    # one negation denies each of its alternatives, and what something is put instead of
    ("en", "No pupil has had food poisoning or been admitted to hospital.", "admitted to hospital", [NEGATED]),
    ("en", "Three pupils were admitted to hospital or sent home.", "admitted to hospital", [STATED]),
    ("en", "There is no need to worry or panic as the rice has been sealed.", "rice has been sealed", [STATED]),
    ("en", "We didn't seal the rice or return it.", "return", [NEGATED]),
    ("zh", "没有学生出现食物中毒或住院观察。", "住院观察", [NEGATED]),
    ("zh", "以回应代替删帖。", "删帖", [NEGATED]),
    ("zh", "是否处理还在调查，也未决定暂停供货。", "暂停供货", [NEGATED]),
    ("en", "We will answer questions rather than delete posts.", "delete posts", [NEGATED]),
    # a negation inside a term's reason ("because ... not paid") leaves the term open to the one before it
    ("vi", "Không có em học sinh nào bị xếp ngồi cuối lớp vì chưa nộp tiền.", "xếp ngồi cuối lớp vì chưa nộp", [NEGATED]),
    ("vi", "Cô giáo đã xếp học sinh ngồi cuối lớp vì chưa nộp tiền.", "xếp ngồi cuối lớp vì chưa nộp", [STATED]),
    ("en", "No pupil was seated at the back because they had not paid.", "seated at the back because they had not paid", [NEGATED]),
    ("vi", "Nhà trường trả lời phụ huynh thay vì xóa bài.", "xóa bài", [NEGATED]),
    ("zh", "按照本应急预案立即封存问题大米。", "封存问题大米", [STATED]),  # 本应急预案 is no 本应
    # what should have been done was not done
    ("en", "They should have been kept apart and sent back at once.", "sent back at once", [HEDGED]),
    ("zh", "这两袋米本应当场退回。", "当场退回", [HEDGED]),
    ("vi", "Lẽ ra nhà trường phải trả lại ngay.", "trả lại ngay", [HEDGED]),
    ("zh", "目前该公司未被暂停供货。", "暂停供货", [NEGATED]),
    # a rule says what ought to be, not what was
    ("en", "No child should ever be treated differently over money.", "no child was", [HEDGED]),
    ("en", "The sacks were sealed and should be returned to the supplier.", "sacks were sealed", [STATED]),
])
def test_a_term_is_stated_only_when_its_clause_asserts_it(language, text, term, expected):
    assert stances(language, text, term) == expected


@pytest.mark.parametrize(("language", "text", "term"), [
    ("zh", "问题大米已经封存。", "已封存"),                   # 已经 = 已
    ("zh", "留样检测结果均合格。", "全部合格"),               # 均 = 全部
    ("zh", "问题大米已于4月15日登记封存。", "已封存"),         # words inserted between the term's parts
    ("en", "The rice has now been sealed.", "rice was sealed"),  # another tense, a word inserted
    ("en", "All the retained samples have passed.", "samples passed"),
    ("vi", "Bảng kê này nhà trường chưa duyệt.", "chưa được nhà trường duyệt"),  # words in another order
])
def test_a_fact_is_found_in_the_writers_own_words(language, text, term):
    assert stances(language, text, term) == [STATED]


def test_an_unrelated_text_does_not_match_by_accident():
    assert stances("zh", "学校已经开始调查，检测正在进行。", "已封存") == []
    # "concerning" before a matter is "about" (officialese), no word of concern for the public
    assert judge("en", {"any_of": ["concern", "worr"]}, "Notice concerning payments at the school: the list is a draft.")[0] == 0.0
    assert judge("en", {"any_of": ["concern", "worr"]}, "We share the concerns of parents about the payments.")[0] == 1.0
    assert stances("en", "The school sealed off the playground; rice deliveries continue.", "rice was sealed") == []
    assert stem("hospitalized") == stem("hospitalised") and stem("sealing") == stem("sealed") == "seal"


def test_a_claim_keeps_its_words_in_order_and_a_promise_claims_nothing_done():
    checking = Reading("The district hospital is checking the pupils off sick.", lexicon("en"))
    assert checking.hits("pupils are in hospital") and not checking.hits("pupils are in hospital", TENSE)
    assert Reading("Three pupils are now in hospital.", lexicon("en")).hits("pupils are in hospital", TENSE)
    rule = Reading("Schools will now set rejected rice apart and return it the same day.", lexicon("en"))
    hits = rule.hits("returned the same day", TENSE)
    assert hits and all(rule.promised(hit) for hit in hits)
    happened = Reading("The school will hold a meeting and several pupils were hospitalised yesterday.", lexicon("en"))
    hits = happened.hits("several pupils were hospitali", TENSE)
    assert hits and not any(happened.promised(hit) for hit in hits)
    # a rule for the future does not say what happened: "not a single dong will be collected"
    rule = Reading("From today not a single dong will be collected without the school's knowledge.", lexicon("en"))
    assert not rule.hits("not a single dong was collected", TENSE)
    assert Reading("Not a single dong was collected.", lexicon("en")).hits("not a single dong was collected", TENSE)
    stress = Reading("We will stress that not a single dong has been collected.", lexicon("en"))
    assert stress.hits("not a single dong was collected", TENSE)  # the "will" is the stressing's, not the claim's


def test_a_claim_in_another_tense_or_an_irregular_form_is_still_the_claim():
    police = Reading("Ms Hanh has gone to the district police this morning.", lexicon("en"))
    assert [hit.stance for hit in police.hits("went to the district police", TENSE)] == [STATED]
    moved = Reading("The class teacher did move a few pupils to the back rows.", lexicon("en"))
    assert [hit.stance for hit in moved.hits("the teacher moved pupils", TENSE)] == [STATED]
    forms = lexicon("en").forms
    assert stem("move", forms) == stem("moved", forms) == stem("moving", forms)
    assert stem("went", forms) == stem("gone", forms) == "go"
    # a stem is no prefix of an unrelated word: "police" does not find "policy", nor "note" "not"
    assert stances("en", "The school policy is to check every delivery.", "police") == []
    assert stances("en", "Please note the head teacher was questioned.", "not been questioned") == []


def test_the_bare_verb_is_no_claim_that_it_happened():
    asked = Reading("The bureau is asking schools to keep rejected food apart and send it back the same day.", lexicon("en"))
    assert not asked.hits("sent back the same day", TENSE)
    owed = Reading("No family has to pay anything for the air-conditioner.", lexicon("en"))
    assert not owed.hits("no family has paid", TENSE)
    assert Reading("The school sent it back the same day.", lexicon("en")).hits("sent back the same day", TENSE)


def test_a_denial_is_said_even_after_an_earlier_negation():
    text = "It was never put into practice and no family has paid any money for it."
    assert [hit.stance for hit in Reading(text, lexicon("en")).hits("no family has paid", TENSE)] == [STATED]
    assert stances("en", "We will never say no comment to parents.", "no comment") == [NEGATED]


def test_the_items_of_a_list_take_what_its_colon_introduced_them_with():
    text = ("Two new claims, both to be confirmed: (a) pupils were made to sit at the back; "
            "(b) the head teacher was called in by the police. The list is a draft.")
    reading = Reading(text, lexicon("en"))
    assert [h.stance for h in reading.hits("pupils were made to sit at the back", TENSE)] == [HEDGED]
    assert [h.stance for h in reading.hits("the head teacher was called in by the police", TENSE)] == [HEDGED]
    assert [h.stance for h in reading.hits("the list is a draft")] == [STATED]  # a full stop ends the list
    # an aside in brackets is the team's own: "(we are asking the hospital)" is a measure, not an unknown
    unknown = Reading("Not yet confirmed: whether any pupil is unwell (we are asking the district hospital).", lexicon("en"))
    assert [h.stance for h in unknown.hits("asking the district hospital")] == [STATED]
    assert [h.stance for h in unknown.hits("pupil is unwell")] != [STATED]
    retold = Reading("网传：已有学生住院。", lexicon("zh-CN"))
    assert all(retold.retold(h) for h in retold.hits("已有学生住院", TENSE))


def test_a_heading_above_a_paragraph_ends_its_sentence_but_a_list_stays_a_list():
    headed = Reading("3. The children's health\nThe district people's hospital confirms it has treated no pupil.", lexicon("en"))
    assert not headed.hits("children are in hospital", TENSE)
    assert Reading("The parent who posted it has been detained.", lexicon("en")).hits("the parent has been detained", TENSE)
    notes = Reading("Situation, 08:10\n- sealed\n- never served\n- flu\n- spliced video\n- refund\n- parents angry", lexicon("en"))
    assert notes.notes and not notes.listed  # an item a line: notes, read for what they say (and capped: `sentences`)
    heap = Reading("Situation 08:10: sealed, never served, flu, spliced video, refund, parents angry", lexicon("en"))
    assert heap.listed and not heap.notes


@pytest.mark.parametrize(("language", "text", "written"), [
    ("en", "- list = draft, not school's\n- ac money: stopped, refund\n- no seat change\n- HT not arrested\n- more info later", 0.0),
    ("en", "The rice was sealed and never served. The retained samples passed the test, and we will publish the full "
           "report on Friday.", 1.0),
    ("zh", "要点：\n一、大米 已封存\n二、学生 无异常\n三、视频 旧的\n四、下一步 待定", 0.0),
    ("zh", "问题大米已封存，未供学生食用。留样检测全部合格，我们将继续通报进展。", 1.0),
    ("zh", "要点：\r\n一、大米 已封存\r\n二、学生 无异常\r\n三、视频 旧的\r\n四、下一步 待定", 0.0),  # Windows line ends
    ("vi", "Bảng kê: dự thảo, chưa duyệt, Ban đại diện lớp 3A\nĐiều hòa: dừng thu, hoàn trả, 35 triệu, 14 gia đình\n"
           "Chỗ ngồi: không đổi, đã kiểm tra\nHiệu trưởng: không bị bắt, vẫn làm việc", 0.0),
    # short bullet lines, each ended as a sentence, are notes too
    ("vi", "Nội dung trả lời:\n- Bảng kê 7,85tr: dự thảo của BĐD lớp 3A, trường chưa duyệt.\n- Thu chính thức: 1,65tr/HS.\n"
           "- Điều hòa: sai QĐ, dừng, trả trước 20/9.\n- Ngồi cuối lớp: không có.\n- HT: không bị bắt.\n- Liên hệ: VP phường.", 0.0),
    ("zh", "通稿要点：\n- 霉变大米2袋，验收发现，已封存\n- 快检：在用米合格\n- 无学生中毒住院\n- 视频：旧闻拼接\n- 全项检测4/19", 0.0),
    # a numbered plan of short sentences, or a letter whose lines open with "Mr." or "No. 3", is no notes
    ("en", "Plan:\n1. The joint statement goes out by 14:00.\n2. The school meets parents at 9:00.\n3. The police trace the video.\n"
           "4. The regulator samples the rice today.\n5. The bureau reports to the mayor.\n6. Teachers call every family.", 1.0),
    ("en", "Dear parents,\nMr. Li and I write to you about the rice.\nMs. Zhang posted the photos out of concern.\n"
           "Dr. Wang checked the pupils who were absent.\nNo. 3 Primary sealed the rice at delivery.\nSt. Mary's school was not involved.", 1.0),
    # a report set out as a table under a two-line heading is read as its table says, not as notes
    ("zh", "市教育局 初步情况快报（9:40）\n报：市政府分管副市长、市委宣传部\n\n| 项目 | 情况 |\n| --- | --- |\n"
           "| 已核实 | 照片中大米为4月15日到货、验收时发现受潮霉变的2袋，已登记封存待退，未加工、未供学生食用 |\n"
           "| 待核实 | 学生就医、住院传言（已请区人民医院查询）；视频画面来源（公安网安溯源中） |\n"
           "| 现场 | 9:00约40名家长在校门口聚集，有人直播；我局副局长9:20到场接待，暂无冲突 |\n"
           "| 下一步 | 参加联合工作组会商；医院核查、抽检结果出来后续报 |", 1.0),
    # a plan's items written out in sentences are no notes
    ("en", "Plan:\n- The school receives parents at the gate from 9:00; the deputy head leads and two teachers stay until home time.\n"
           "- The market regulator samples the rice in use this morning and tells the working group the rapid results by noon.\n"
           "- The Propaganda Department drafts the joint statement, which the deputy mayor signs off before 18:40.\n"
           "- The police trace the video and report to the working group; they do not contact the parent who posted.\n"
           "- Class teachers phone every family that kept a child home today and note their questions for the statement.", 1.0),
])
def test_notes_are_written_in_no_sentences(language, text, written):
    """Notes, an item a line, say something but are no text a reader can act on: `sentences` fails
    them (a rubric caps them in the bottom band); a heap of keywords on one line counts as nothing."""
    points, evidence = judge(language, {"sentences": True}, text)
    assert points == written
    notes = {"en": "written as notes", "zh": "逐行罗列的要点", "vi": "chỉ là ghi chú"}[language]
    assert (notes in evidence) is (written == 0.0), evidence


def test_a_forms_fields_are_no_lines_of_notes():
    """A heap of keywords above three filled-in fields is still a heap, not notes."""
    heap = "Situation 08:10: sealed, never served, flu, spliced video, refund, parents angry"
    assert Reading(heap, lexicon("en"), fields=("major", "Education Bureau", "microblog")).listed


def test_what_people_believe_is_retold_not_claimed():
    """A survey reports beliefs: "many of those asked believe the list is the school's" is no claim
    that it is."""
    assert judge("vi", {"no_false_claims": True}, "Nhiều người được hỏi tin rằng bảng kê là của nhà trường. Bảng kê là bản dự thảo.")[0] == 1.0
    assert judge("vi", {"no_false_claims": True}, "Bảng kê là của nhà trường.")[0] == 0.0


def test_a_rumour_quoted_is_no_claim_but_a_fact_quoted_is_still_stated():
    sealed = " The rice was sealed on Monday."
    assert judge("en", {"no_false_claims": True}, 'Messages saying "several pupils were hospitalised" circulated overnight.' + sealed)[0] == 1.0
    assert judge("en", {"no_false_claims": True}, "A post said “several pupils were hospitalised.” This is false." + sealed)[0] == 1.0
    assert judge("en", {"no_false_claims": True}, 'A post said "several pupils were hospitalised." This is false.' + sealed)[0] == 1.0
    assert judge("en", {"no_false_claims": True}, "Several pupils were hospitalised." + sealed)[0] == 0.0
    assert judge("en", {"facts": ["sealed"]}, '"The rice was sealed on Monday," said the head teacher.')[0] == 1.0


def test_a_question_or_a_full_stop_inside_quotation_marks_ends_no_sentence_of_the_teams():
    sealed = " The rice was sealed on Monday."
    text = 'A video ran under "Is this what they eat? Shame!" and "several pupils were hospitalised".' + sealed
    assert judge("en", {"no_false_claims": True}, text)[0] == 1.0
    assert judge("en", {"facts": ["sealed"]}, 'The parent asked "is this what pupils eat?" in her post. The rice was sealed on Monday.')[0] == 1.0
    # a full stop inside the quote that ends it: the team's next sentence is its own
    assert judge("en", {"no_false_claims": True}, 'A post claimed "the rice is mouldy." Several pupils were hospitalised.' + sealed)[0] == 0.0
    # a stray quote (an inch mark) opens nothing, and a number or "No." inside a quote keeps its full stop
    stray = Reading('We acted on the 12" poster. Rice sealed. Samples taken. Parents phoned. Police told.', lexicon("en"))
    assert len({c.sentence for c in stray.clauses}) == 5 and not stray.listed
    assert judge("vi", {"facts": ["draft"]}, 'Bảng kê là "bản dự thảo của ban đại diện, chưa được nhà trường duyệt".')[0] == 1.0
    assert len({c.sentence for c in Reading('"No. 3 Primary" sealed the rice.', lexicon("en")).clauses}) == 1


def test_a_lone_spaced_dash_parts_a_case_from_what_to_do():
    """"A pupil falls ill - hospital": a spaced dash alone in its sentence parts clauses; a pair
    sets an aside apart, and a range of times or dates is one clause."""
    assert [c.read for c in Reading("A pupil falls ill - hospital + report within 30 min.", lexicon("en")).clauses] == [
        "a pupil falls ill", "hospital", "report within 30 min"]
    assert stances("en", "No pupils - whether or not their family paid - were made to sit at the back.", "made to sit at the back") != [STATED]
    assert len(Reading("Collaborators asked 86 people, 7:30 - 9:00.", lexicon("en")).clauses) == 2
    # an en dash, as Vietnamese is typed, parts a question from what follows it; a pair sets an aside apart
    assert stances("vi", "(4) hiệu trưởng có bị bắt không – CTV ghi nhận nhiều người tin là có.", "hiệu trưởng bị bắt") == [HEDGED]
    assert stances("en", "No pupils – whether or not their family paid – were made to sit at the back.", "made to sit at the back") != [STATED]
    assert len(Reading("Collaborators asked 86 people, 7:30 – 9:00.", lexicon("en")).clauses) == 2
    assert judge("en", {"no_blame": True}, "Do not create, believe or spread rumours. The rice was sealed on Monday.")[0] == 0.0
    # a negation reaches the verbs of the list it opens, not a new subject after the comma
    arrested = "arrested the head teacher"
    assert stances("en", "The police have not called in, questioned or arrested the head teacher.", arrested) == [NEGATED]
    assert stances("en", "The school hid nothing, the head or deputy has been suspended.", "has been suspended") == [STATED]


def test_a_threat_to_whoever_spreads_a_story_labels_the_public():
    sealed = " The rice was sealed on Monday."
    assert judge("en", {"no_blame": True}, "The internet is not a lawless place." + sealed)[0] == 0.0
    assert judge("zh", {"no_blame": True}, "网络不是法外之地。问题大米已封存。")[0] == 0.0
    assert judge("vi", {"no_blame": True}, "Mạng xã hội không phải là vùng đất vô pháp. Bảng kê là bản dự thảo.")[0] == 0.0
    # attributing motives to the poster, or calling the crowd incited
    assert judge("en", {"no_blame": True}, "Many parents have been incited by the post to gather at the gate." + sealed)[0] == 0.0
    assert judge("zh", {"no_blame": True}, "系个别家长借题发挥、夸大其词。问题大米已封存。")[0] == 0.0
    assert judge("vi", {"no_blame": True}, "Phụ huynh đưa bảng kê lên mạng nhằm bôi nhọ nhà trường. Bảng kê là bản dự thảo.")[0] == 0.0
    # lecturing the people asking, in the form it takes: a prohibition
    assert judge("zh", {"no_blame": True}, "网友不必过度解读，请拿出证据，不要凭空猜测。问题大米已封存。")[0] == 0.0
    assert judge("zh", {"no_blame": True}, "请勿凭空猜测。问题大米已封存。")[0] == 0.0
    assert judge("en", {"no_blame": True}, "Please don't read too much into the video." + sealed)[0] == 0.0
    # warning the public against the labelled names them; denying the label does not
    assert judge("en", {"no_blame": True}, "We ask parents not to be misled by bad actors." + sealed)[0] == 0.0
    assert judge("zh", {"no_blame": True}, "请家长不要被别有用心的人利用。问题大米已封存。")[0] == 0.0
    assert judge("vi", {"no_blame": True}, "Đề nghị phụ huynh không để bị kẻ xấu lợi dụng. Bảng kê là bản dự thảo.")[0] == 0.0
    assert judge("en", {"no_blame": True}, "The post was not written by bad actors." + sealed)[0] == 1.0
    assert judge("zh", {"no_blame": True}, "请家长通过官方渠道了解信息，以免被别有用心的人利用。问题大米已封存。")[0] == 0.0
    # forbidding staff to say it is no warning to the public
    assert judge("en", {"no_blame": True}, "Staff must not suggest that parents were stirred up by bad actors." + sealed)[0] == 1.0
    assert judge("zh", {"no_blame": True}, "不要把家长的担心说成是被别有用心的人利用。问题大米已封存。")[0] == 1.0
    # "will have to take responsibility" said to whoever posts is a sanction; owning up is none
    assert judge("en", {"no_blame": True}, "Those who post or share untrue content will have to take responsibility." + sealed)[0] == 0.0
    assert judge("en", {"no_blame": True}, "We take responsibility for the lapse and apologise." + sealed)[0] == 1.0


@pytest.mark.parametrize(("language", "text", "lectures"), [
    ("en", "The delivery check worked exactly as designed. The rice was sealed on Monday.", True),
    ("en", "Had the photos been checked with the school before being shared, the alarm could have been avoided. The rice was sealed on Monday.", True),
    ("zh", "事实证明学校验收是严格的，请大家不要误解。问题大米已封存。", True),
    ("vi", "Đề nghị phụ huynh tỉnh táo, không nên đưa lên mạng. Bảng kê là bản dự thảo.", True),
    ("zh", "请不要轻信、转发网络传言，以免造成不必要的恐慌。问题大米已封存。", True),
    ("zh", "这恰恰说明学校把关严格，希望网友不要过度解读。问题大米已封存。", True),  # a lecture, not a label
    ("en", "Please check with the school before posting things that damage the reputation of our teachers. The rice was sealed on Monday.", True),
    ("en", "This is not the school's doing. The rice was sealed on Monday.", True),
    ("zh", "学校食材验收制度是健全的、执行是严格的。网友关心的问题正在调查，请耐心等待。问题大米已封存。", True),
    # owning a failing, or telling staff what not to say, is no lecture
    ("en", "The delivery check caught the rice, but keeping it in the storeroom was wrong and we are changing that. The rice was sealed on Monday.", False),
    ("zh", "对外回应不说“事实证明”“不要误解”之类的话。问题大米已封存。", False),
    ("vi", "Nhà trường xin lỗi vì đã để phụ huynh lo lắng. Bảng kê là bản dự thảo.", False),
    # warm or self-critical texts that share words with a lecture
    ("en", "We are sorry. The delay in telling you could have been avoided. The rice was sealed on Monday.", False),
    ("en", "We will tell parents before sharing anything with the press. The rice was sealed on Monday.", False),
    ("zh", "家长有这样的担心无可厚非，我们完全理解。问题大米已封存。", False),
    ("zh", "事实证明，我们的仓储管理存在漏洞，对此深表歉意。问题大米已封存。", False),
    ("zh", "供应商和学校各环节有没有责任，正在调查，尚无结论。问题大米已封存。", False),  # asked, not pleaded
    ("zh", "学校可能没有责任，这次是供应商的问题。问题大米已封存。", True),  # hedged, still pleaded
    ("vi", "Các cháu vẫn tỉnh táo, sức khỏe bình thường. Bảng kê là bản dự thảo.", False),
])
def test_lecturing_the_public_or_pleading_the_office_is_found(language, text, lectures):
    """A correct answer that defends the office or scolds the askers: experts mark it down a band."""
    points, evidence = judge(language, {"no_lecturing": True}, text)
    assert (points == 0.0) is lectures, evidence


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Avoid any wording that could incite anger among parents. The rice was sealed on Monday."),
    ("en", "We will make certain that individual parents each receive a phone call. The rice was sealed on Monday."),
    ("en", "The head teacher will call in the parents' representatives this afternoon. The rice was sealed on Monday."),
    ("en", "We ask everyone to avoid spreading unverified information. The rice was sealed on Monday."),
    ("zh", "避免使用煽动性语言。问题大米已封存。"),
    ("zh", "请通过官方渠道获取信息，以免造成不必要的恐慌。问题大米已封存。"),  # a lecture (no_lecturing), no label
    ("zh", "家长群里有人在讨论此事背后的原因。问题大米已封存。"),
    ("zh", "网上有说法称校长已被公安传唤。问题大米已封存。"),
    ("vi", "Nhà trường triệu tập họp phụ huynh lớp 3A vào chiều nay. Bảng kê là bản dự thảo."),
    ("vi", "Nhà trường sẽ mời chị Lê Thu Trang đến trao đổi trực tiếp. Bảng kê là bản dự thảo."),
    ("vi", "Không xử lý chị Trang; phường gặp gỡ, ghi nhận phản ánh. Bảng kê là bản dự thảo."),
    ("en", "The school fears unfair damage to its reputation. The rice was sealed on Monday."),
    # the fake-news page described, and good acts towards the poster
    ("en", "The page was taking advantage of the situation to attract clicks; the video distorts the truth. The rice was sealed on Monday."),
    ("zh", "学校已对发帖人及时回复，并邀请其参观食堂。我们将拿出证据，公开全部检测报告。问题大米已封存。"),
    ("vi", "Trang Hóng Biến đã lợi dụng tình hình; video cắt ghép gây ảnh hưởng xấu đến hình ảnh nhà trường. Bảng kê là bản dự thảo."),
    # what a survey reads as the most sensitive point is no charge of incitement
    ("vi", "Nỗi lo cho con là điểm dễ bị kích động nhất. Bảng kê là bản dự thảo."),
])
def test_ordinary_sentences_near_the_label_words_label_nobody(language, text):
    assert judge(language, {"no_blame": True}, text)[0] == 1.0


@pytest.mark.parametrize(("language", "text", "open_term", "stated_term"), [
    ("zh", "江川市教育局情况报告\n三、尚未核实的情况\n1. 是否有学生住院：已请校医核查；\n2. 供应商资质和问题批次去向：已请市场监管局检查。\n\n"
           "四、已采取的措施\n1. 我局成立工作专班。", "供应商资质", "工作专班"),
    ("en", "Situation report, 09:05\n3. Still to be verified\n- whether any pupil went to hospital\n- the supplier's licence is valid\n"
           "4. What we have done\n- The sacks were sealed on Monday", "licence is valid", "sealed"),
    ("vi", "BÁO CÁO NHANH\nIII. NHỮNG ĐIỂM CHƯA XÁC MINH\nHiệu trưởng bị công an mời làm việc.\n\nIV. ĐÃ LÀM\nPhường đã họp với nhà trường.",
     "bị công an mời", "đã họp"),
    # a heading that names the rumours, or what may happen, heads facts and plans all the same
    ("en", "Report\n1. Rumours and the facts\nThe two sacks were sealed on Monday and never cooked for the children.\n\n"
           "2. Possible risks\nParents may gather at the gate after drop-off.", "", "sealed"),
    ("en", "Report\n2. Unverified claims circulating online\nThe two sacks were sealed on Monday and never cooked.", "", "sealed"),
    # a document's title, a status line and a blank line end nothing
    ("en", "Posts still to be verified\nThe two sacks were sealed on Monday and never cooked for the children.", "", "sealed"),
    ("en", "Report\n- Supplier licence: to be confirmed.\n- The two sacks were sealed on Monday and never cooked.", "", "sealed"),
    ("en", "Report\n3. Still to be verified\n- whether any pupil went to hospital\n\nThe two sacks were sealed on Monday.", "", "sealed"),
    # a heading with no number heads the list right below it, down to its last item
    ("en", "Dear colleagues,\nWhat is not yet confirmed.\n- Whether any pupil is ill. No pupil has been taken to hospital.\n"
           "What we have done. The two sacks were sealed on Monday.", "no pupil has been taken to hospital", "sealed"),
    ("zh", "情况报告\n尚未核实的情况\n- 供应商资质\n- 是否有学生不适\n问题大米已封存。", "供应商资质", "已封存"),
    ("zh", "市教育局：\n三、还没有核实\n1. 供应商资质：请市场监管部门核查。\n\n四、已采取的措施\n问题大米已封存。", "供应商资质", "已封存"),
    # ... and not the prose below it, nor the items after an item
    ("en", "Report\nThe lab results are not yet confirmed.\nThe two sacks were sealed on Monday.", "", "sealed"),
    ("en", "Report\n- Lab results are to be confirmed.\n- The two sacks were sealed on Monday.", "", "sealed"),
    # a heading that names what is settled too heads no open part
    ("en", "Report\n3. Confirmed facts and open questions\nThe two sacks were sealed on Monday and never cooked.", "", "sealed"),
    ("en", "Report on the canteen.\nFacts and open questions\n- The two sacks were sealed on Monday.\n- Whether anyone is ill is being checked.",
     "", "sealed"),
    ("zh", "情况报告\n二、待核实确认的情况\n1. 对供应商暂停供货。\n\n三、已采取的措施\n问题大米已封存。", "暂停供货", "已封存"),
])
def test_a_part_headed_as_not_yet_verified_reports_what_is_open(language, text, open_term, stated_term):
    """A report's part headed "Still to be verified" (三、尚未核实的情况) lists what is open, item by
    item, down to the next heading of its rank or a blank line: its lines state nothing, though
    no line hedges on its own. A title, a status line ("Supplier licence: to be confirmed") or a
    heading that names the rumours its part answers heads no such part."""
    if open_term:
        assert stances(language, text, open_term) == [HEDGED]
    assert stances(language, text, stated_term) == [STATED]


def test_a_denial_under_a_heading_of_open_points_is_still_a_denial():
    """"The parent who posted first will not be punished", listed among the open points, rules the
    sanction out: the heading does not turn it into a threat."""
    text = "Report\n3. Still to be verified\nWho made the video. The parent who posted first will not be punished: her post was a fair complaint."
    assert judge("en", {"no_blame": True}, text + " The rice was sealed on Monday.")[0] == 1.0
    zh = "情况报告\n三、尚未核实的情况\n视频来源。发帖的家长不会被依法处理。\n\n四、已采取的措施\n问题大米已封存。"
    assert judge("zh", {"no_blame": True}, zh)[0] == 1.0


def test_a_piece_of_news_named_in_a_list_of_what_goes_round_is_not_claimed():
    """"Nội dung chính: - tin bảng kê là của nhà trường": an assessment lists the news going round,
    item by item; the same words as the team's own sentence claim them."""
    draft = " Bảng kê chưa được nhà trường duyệt."
    listed = "Nội dung chính:\n- tin bảng kê là của nhà trường;\n- tin học sinh bị xếp ngồi cuối lớp." + draft
    assert judge("vi", {"no_false_claims": True}, listed)[0] == 1.0
    assert judge("vi", {"no_false_claims": True}, "Bảng kê là của nhà trường." + draft)[0] == 0.0
    sealed = " The rice was sealed on Monday."
    assert judge("en", {"no_false_claims": True}, "The claim that several pupils were hospitalised, shared 2,000 times." + sealed)[0] == 1.0
    # affirmed, or the team's own news, it is claimed
    assert judge("vi", {"no_false_claims": True}, "Tin bảng kê là của nhà trường là chính xác." + draft)[0] == 0.0
    assert judge("vi", {"no_false_claims": True}, "Thông tin từ phòng giáo dục cho biết bảng kê là của nhà trường." + draft)[0] == 0.0
    assert judge("en", {"no_false_claims": True}, "News that several pupils were hospitalised is true." + sealed)[0] == 0.0


@pytest.mark.parametrize(("language", "question", "threat"), [
    ("vi", "Hỏi: Phụ huynh đăng bài đầu tiên có bị xử lý không?\nĐáp: Không. Đó là phản ánh chính đáng.",
     "Phụ huynh đăng bài sai sự thật sẽ bị xử lý."),
    ("en", "Q: Will the parent who posted first be punished?\nA: No. Her post was a fair complaint.",
     "The parent who posted first will be punished."),
    ("zh", "问：发帖的家长会被处理吗？答：不会，她的反映是正当的。", "发帖的家长将被依法处理。"),
])
def test_a_sanction_the_public_asks_about_threatens_nobody(language, question, threat):
    """A Q&A heads an answer with the public's own question ("will the parent who posted be dealt
    with?"): asked, a sanction threatens nobody; stated, it is a threat."""
    fact = {"vi": " Bảng kê là bản dự thảo.", "en": " The rice was sealed on Monday.", "zh": "问题大米已封存。"}[language]
    assert judge(language, {"no_blame": True}, question + fact)[0] == 1.0
    assert judge(language, {"no_blame": True}, threat + fact)[0] == 0.0


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Anyone who shares the fake video will be dealt with, is that clear?"),
    ("en", "Shouldn't the parent who posted this be punished?"),
    ("vi", "Người đăng bài sai sự thật sẽ bị xử lý dù đã gỡ bài hay chưa."),
    ("vi", "Người đăng bài sẽ bị xử lý nghiêm, phải không?"),
])
def test_a_threat_put_as_a_question_still_threatens(language, text):
    """A tag, a rhetorical question or "whether or not" does not ask what the public asks."""
    fact = {"vi": " Bảng kê là bản dự thảo.", "en": " The rice was sealed on Monday.", "zh": "问题大米已封存。"}[language]
    assert judge(language, {"no_blame": True}, text + fact)[0] == 0.0


def test_a_refusal_to_name_the_public_so_labels_nobody_and_denies_nothing_else():
    """"We will not describe her or other parents as spreading rumours" (我们不会把家长说成造谣者)
    refuses the label; it is no negation of anything else in its clause, and without a word of
    naming, 不把 does not refuse the label after it."""
    sealed, rice = " The rice was sealed on Monday.", "问题大米已封存。"
    assert judge("en", {"no_blame": True}, "We will not describe her or other parents as spreading rumours." + sealed)[0] == 1.0
    assert judge("zh", {"no_blame": True}, "我们不会把张女士和其他家长说成造谣者。" + rice)[0] == 1.0
    assert judge("zh", {"no_blame": True}, "我们不把造谣者的名字公开。" + rice)[0] == 0.0
    assert judge("en", {"no_false_claims": True}, "We will not call off the inspection after several pupils were hospitalised." + sealed)[0] == 0.0


def test_a_denial_is_denied_by_a_negation_before_it_but_not_across_an_and():
    assert stances("en", "Staff must never reply to journalists with no comment.", "no comment") == [NEGATED]
    assert stances("vi", "Nhà trường sẽ không bao giờ nói không có ý kiến.", "không có ý kiến") == [NEGATED]


@pytest.mark.parametrize(("language", "text", "term", "expected"), [
    # a negation that opens a clause, or denies a whole subject, governs the clause up to the term
    ("en", "The hospital confirms that no pupil from No. 3 Primary has been treated for food poisoning or admitted to hospital.",
     "admitted to hospital", [NEGATED]),
    ("en", "And no pupil of the school is hospitalised.", "was hospitali", [NEGATED]),
    ("en", "Do not describe Ms Trang or the angry parents as spreading rumours.", "spreading rumours", [NEGATED]),
    ("zh", "没有任何一名学生因食用食堂饭菜而被送往医院。", "送往医院", [NEGATED]),
    ("vi", "Không có học sinh nào của trường bị ngộ độc hay phải nhập viện.", "nhập viện", [NEGATED]),
    # ... but not across an "and", nor where a hedge stands before the term
    ("en", "No pupil was hospitalised and the three who are absent have a seasonal cold.", "seasonal cold", [STATED]),
    ("en", "It is not yet clear whether the money will be refunded.", "refunded", [HEDGED]),
    # "No." before a number is the school's name, not a negation; "No 3A pupils" still denies
    ("en", "No. 3 Primary sealed the rice on Monday.", "sealed", [STATED]),
    ("en", "Every pupil at No. 3 Primary will be offered a free health check.", "free health check", [STATED]),
    ("en", "No 3A pupils were moved to the back of the class.", "pupils were moved to the back", [NEGATED]),
    # ... and a bare "No." answers a question and ends there: what follows is said (in a table's
    # cell the row stays one sentence, "| Claim | No. Ms Hanh is at work |", read as its verdict)
    ("en", "Does it deliver to other schools? No. Fenghe supplies No. 3 Primary only.", "supplies no. 3 primary only", [STATED]),
    ("en", "Was the head teacher arrested? No. She is at work as usual.", "at work", [STATED]),
    ("en", "No. of pupils sent to hospital after eating school lunch so far is zero.", "sent to hospital", [NEGATED]),
    # a denial governed by an earlier negation is still said; "to avoid" forbids nothing
    ("en", "The rice never left the storeroom so it was never served to pupils.", "never served", [STATED]),
    ("en", "To avoid any confusion the school confirms the head teacher is at work as usual.", "at work", [STATED]),
    ("zh", "为避免交叉污染已将两袋大米封存待退货。", "封存", [STATED]),
    ("zh", "没有任何一名学生出现不适而是三名学生患季节性感冒。", "季节性感冒", [STATED]),
    ("en", "Please do not worry as the two sacks were sealed at delivery.", "sealed", [STATED]),
    # a cause before the predicate does not cut the denial
    ("en", "No pupil who has eaten at the canteen since Monday was taken to hospital.", "taken to hospital", [NEGATED]),
    ("zh", "没有任何学生因为食用食堂饭菜而被送往医院。", "送往医院", [NEGATED]),
    # what the text cannot promise yet is not promised
    ("zh", "我们会和家长委员会一起研究，现阶段还不能承诺随时进入后厨。", "随时进入", [NEGATED]),
])
def test_a_negation_that_opens_a_clause_or_denies_its_subject_governs_it(language, text, term, expected):
    assert stances(language, text, term) == expected


@pytest.mark.parametrize(("language", "text", "term", "expected"), [
    ("vi", "4. Bác bỏ tin sai sự thật (hiệu trưởng bị bắt, học sinh bị xếp ngồi cuối lớp) bằng thông tin đã xác minh.", "xếp ngồi cuối lớp",
     REJECTED),
    ("en", "We will answer the false claims (pupils were moved to the back, the head was arrested) with the facts.", "moved to the back",
     REJECTED),
    ("en", "False claims: pupils were moved to the back; the head teacher was arrested.", "head teacher was arrested", REJECTED),
    # a sentence that calls a rumour false, then the team's own correction, which states what it says (and may be false)
    ("en", "The mouldy-rice rumour is false (the two sacks were returned to the supplier the same day).", "returned to the supplier",
     STATED),
    ("en", "These claims are untrue: the two sacks were returned to the supplier the same day.", "returned to the supplier", STATED),
    ("zh", "网传内容不属实（问题大米当天下午就退回了供应商）。", "退回了供应商", STATED),
    ("vi", "Tin đồn là sai sự thật (hiệu trưởng vẫn làm việc bình thường).", "vẫn làm việc bình thường", STATED),
])
def test_false_news_named_rejects_its_items_but_a_rumour_called_false_is_followed_by_the_correction(language, text, term, expected):
    """"Tin sai sự thật (A, B)", "False claims: A; B": false news named (the lexicon's `falsehoods`),
    its items are what the team rejects. "X is false (correction)", 网传内容不属实（……）: the
    correction is the team's own. An aside takes nothing else from the clause before it, not its
    hedge (see the colon's list above)."""
    assert stances(language, text, term) == [expected]


def test_a_list_of_what_not_to_say_says_none_of_it():
    text = "Do not say: that anyone has been disciplined, suspended or fined; that the other classes are all in order."
    assert stances("en", text, "has been disciplined") == [NEGATED]
    assert stances("zh", "口径禁区：已对任何人作出处分；其他班级都没有问题。", "已对任何人作出处分") == [NEGATED]
    assert stances("en", "Do remember: the head teacher has been disciplined.", "has been disciplined") == [STATED]


def test_rejecting_what_contradicts_a_fact_states_the_fact():
    # the vi fact "draft" is contradicted by "bảng kê là của nhà trường"
    assert judge("vi", {"facts": ["draft"]}, "Thông tin cho rằng bảng kê là của nhà trường là sai sự thật.")[0] == 1.0
    assert judge("vi", {"facts": ["draft"]}, "Bảng kê là của nhà trường.")[0] == 0.0
    assert judge("en", {"facts": ["sealed"]}, "We have no news of the rice. Some ask whether it was sealed.")[0] == 0.0


def test_threatening_the_poster_labels_the_public_but_a_label_named_in_quotes_does_not():
    sealed = " The rice was sealed on Monday."
    assert judge("en", {"no_blame": True}, "Have the police call in the parent who posted and make her delete it." + sealed)[0] == 0.0
    assert judge("zh", {"no_blame": True}, "由公安机关对发帖家长进行约谈训诫。问题大米已封存。")[0] == 0.0
    assert judge("vi", {"no_blame": True}, "Đề nghị công an triệu tập chủ tài khoản Thu Trang. Bảng kê là bản dự thảo.")[0] == 0.0
    named = "Không dùng từ “tin đồn”, “kẻ xấu” khi nói về phụ huynh. Bảng kê là bản dự thảo."
    assert judge("vi", {"no_blame": True}, named)[0] == 1.0
    assert judge("en", {"no_blame": True}, 'Do not call parents "troublemakers" or "hysterical".' + sealed)[0] == 1.0
    assert judge("en", {"no_blame": True}, 'Parents are no "rumour-mongers".' + sealed)[0] == 1.0  # a plural named


def test_a_rumour_retold_after_it_is_reported_is_no_claim_unless_a_but_makes_it_the_teams():
    draft = " Bảng kê là bản dự thảo, chưa được nhà trường duyệt."
    retold = "Trên mạng lan truyền ảnh chụp bảng kê, kèm theo thông tin bảng kê là của nhà trường."
    assert judge("vi", {"no_false_claims": True}, retold + draft)[0] == 1.0
    assert judge("vi", {"no_false_claims": True}, "Bảng kê là của nhà trường." + draft)[0] == 0.0
    sealed = " The rice was sealed on Monday."
    assert judge("en", {"no_false_claims": True}, "Posts circulating this morning say the rice was bad, and several pupils were hospitalised." + sealed)[0] == 1.0
    assert judge("en", {"no_false_claims": True}, "Rumours spread fast, but several pupils were hospitalised." + sealed)[0] == 0.0
    # a report rejected first: what follows is the team's own answer
    assert judge("zh", {"no_false_claims": True}, "网传说法不属实，已有学生住院。问题大米已封存。")[0] == 0.0
    # "claims" as a noun or a verb of saying; "not been confirmed" after the claim asks about it
    assert judge("en", {"no_false_claims": True}, "A short video now claims pupils were taken to hospital." + sealed)[0] == 1.0
    assert stances("en", "Claims online that pupils were taken to hospital have not been confirmed.", "pupils were taken to hospital") == [HEDGED]
    # the account a colon opens after the report ("情况如下：") is the team's own
    assert judge("zh", {"no_false_claims": True}, "关于网传学生中毒一事，经核查，情况如下：已有学生住院。问题大米已封存。")[0] == 0.0


def test_a_verb_of_saying_just_before_a_claim_reports_it_in_its_own_clause():
    sealed = " The rice was sealed on Monday."
    assert judge("en", {"no_false_claims": True}, "From 08:00 a short video claimed several pupils were hospitalised." + sealed)[0] == 1.0
    assert judge("en", {"no_false_claims": True}, "Parents' chat groups are saying several pupils were hospitalised." + sealed)[0] == 1.0
    assert judge("en", {"no_false_claims": True}, "We can say several pupils were hospitalised." + sealed)[0] == 0.0
    assert judge("zh", {"no_false_claims": True}, "不少家长认为已有学生住院。问题大米已封存。")[0] == 1.0
    assert judge("zh", {"no_false_claims": True}, "据核实，已有学生住院。问题大米已封存。")[0] == 0.0
    assert judge("vi", {"no_false_claims": True}, "Nhiều phụ huynh cho rằng bảng kê là của nhà trường. Bảng kê là bản dự thảo, chưa được nhà trường duyệt.")[0] == 1.0
    # what the public was alarmed by, a video of it, is its content retold, not the team's claim
    assert judge("en", {"no_false_claims": True}, "Parents were alarmed by a video of several pupils hospitalised." + sealed)[0] == 1.0
    assert judge("en", {"no_false_claims": True}, "After the video was posted, several pupils were hospitalised." + sealed)[0] == 0.0
    assert judge("en", {"no_false_claims": True}, "The video of the canteen shows that several pupils were hospitalised." + sealed)[0] == 0.0
    assert judge("en", {"no_blame": True}, "Anyone who shares videos of pupils vomiting will be dealt with." + sealed)[0] == 0.0
    assert judge("en", {"no_false_claims": True}, "From 07:20 a short video added footage of vomiting pupils and an ambulance and claims several pupils were hospitalised." + sealed)[0] == 1.0
    assert judge("en", {"no_blame": True}, "Those who spread such claims will be dealt with severely." + sealed)[0] == 0.0


def test_a_hedge_that_runs_into_a_term_still_asks():
    assert stances("zh", "到底有没有学生住院，还在了解。", "没有学生住院") == [HEDGED]
    assert stances("zh", "经核实，没有学生住院。", "没有学生住院") == [STATED]
    assert judge("zh", {"no_false_claims": True}, "短视频还说已有学生住院。问题大米已封存。")[0] == 1.0
    assert judge("zh", {"no_false_claims": True}, "短视频之后，已有学生住院。问题大米已封存。")[0] == 0.0


def test_a_case_planned_for_is_no_claim_that_it_happened():
    assert judge("zh", {"no_false_claims": True}, "- 若有学生出现不适：已有学生住院的说法要如实通报。问题大米已封存。")[0] == 1.0
    assert judge("zh", {"no_false_claims": True}, "学生出现不适：已有学生住院。问题大米已封存。")[0] == 0.0


def test_vietnamese_tone_marks_placed_the_old_way_or_the_new_match_alike():
    assert judge("vi", {"any_of": ["hòa giải"]}, "Phường đã hoà giải với phụ huynh.")[0] == 1.0
    assert judge("vi", {"any_of": ["Ủy ban"]}, "Uỷ ban phường đã họp.")[0] == 1.0


def test_a_term_that_helper_words_would_bring_down_to_one_word_keeps_them():
    en = lexicon("en")
    assert not Reading("Post a notice on the board.", en).hits("posted by")
    assert Reading("It was first posted by a parent.", en).hits("posted by")
    assert Reading("The money has already been returned to every family.", en).hits("be returned to")
    assert not Reading("We will work with parents.", en).hits("with the")


def test_an_action_asked_for_is_not_claimed_done_but_a_request_is_a_decision():
    vi, zh, en = lexicon("vi"), lexicon("zh-CN"), lexicon("en")
    asked = Reading("Phòng GD&ĐT đã yêu cầu trả lại đủ trước ngày 20/9.", vi)
    hit = asked.find(["đã trả lại"], (STATED,), match=TENSE)[0]
    assert asked.required(hit) and asked.required(hit, done_only=True)
    decided = Reading("市教育局已要求三小终止与该公司的合作。", zh)
    hit = decided.find(["终止与该公司的合作"], (STATED,), match=TENSE)[0]
    assert decided.required(hit) and not decided.required(hit, done_only=True)
    assert not Reading("Phòng GD&ĐT đã trả lại đủ.", vi).required(Reading("Phòng GD&ĐT đã trả lại đủ.", vi).find(["đã trả lại"], (STATED,), match=TENSE)[0])
    # a past claim is not made by a clause about something "being" done
    assert not Reading("About children being moved to the back, we are checking.", en).find(["children were moved to the back"], (STATED,), match=TENSE)
    assert Reading("Children were moved to the back.", en).find(["children were moved to the back"], (STATED,), match=TENSE)
    sealed = " The rice was sealed on Monday."
    assert judge("en", {"no_false_claims": True}, "The story that several pupils were hospitalised is everywhere." + sealed)[0] == 1.0


def test_what_a_review_found_in_the_new_rules_stays_fixed():
    en, vi, zh = lexicon("en"), lexicon("vi"), lexicon("zh-CN")
    sealed = " The rice was sealed on Monday."
    # the team's own belief is no report
    assert judge("en", {"no_false_claims": True}, "Please believe us: several pupils were hospitalised." + sealed)[0] == 0.0
    assert judge("zh", {"no_false_claims": True}, "请家长相信，已有学生住院。问题大米已封存。")[0] == 0.0
    # a request far from the claim excuses nothing
    far = Reading("We asked to meet the parents and the head teacher has been suspended.", en)
    assert not far.required(far.find(["head teacher has been suspended"], (STATED,), match=TENSE)[0])
    # a condition hedges the rest of its sentence
    assert stances("zh", "若有学生出现不适，学校将立即联系家长，送医治疗。", "送医治疗") == [HEDGED]
    assert stances("vi", "Khi có thông tin, nhà trường đã kiểm tra ngay.", "đã kiểm tra") == [STATED]
    # "were being taken" is still a past claim
    assert Reading("Pupils were being taken to hospital.", en).find(["pupils were taken to hospital"], (STATED,), match=TENSE)
    # a hedge cut off where the search window ended is no hedge
    assert stances("en", "The school cannot rule outright refusal of the sacks.", "rule outright refusal") == [STATED]
    # thanking whoever forwards the notice labels nobody; "chưa có căn cứ" rejects nothing said before it
    assert judge("en", {"no_blame": True}, "We thank anyone who forwards our official notice." + sealed)[0] == 1.0
    assert stances("vi", "Bảng kê là bản dự thảo, chưa có căn cứ để kỷ luật ai.", "bản dự thảo") == [STATED]


def test_all_and_any_are_not_helper_words_in_english():
    """'all passed' says every sample passed; 'passed to the police' passes nothing."""
    assert judge("en", {"facts": ["tests"]}, "Our findings were passed to the police on Monday.")[0] == 0.0
    assert judge("en", {"facts": ["tests"]}, "The retained samples have all passed on Monday.")[0] == 1.0


def test_a_phrase_that_costs_points_keeps_its_helper_words_and_a_brush_off_in_the_past_is_history():
    draft = " Bảng kê là bản dự thảo, chưa được nhà trường duyệt."
    assert judge("vi", {"none_of": ["có thể là"]}, "Phụ huynh có thể đối chiếu các khoản thu." + draft)[0] == 1.0
    assert judge("vi", {"none_of": ["có thể là"]}, "Đây có thể là do nhầm lẫn." + draft)[0] == 0.0
    assert judge("vi", {"no_blame": True}, "Nhà trường nhận trách nhiệm về thiếu sót này." + draft)[0] == 1.0
    assert judge("vi", {"no_blame": True}, "Một số phụ huynh thiếu trách nhiệm đã tung tin." + draft)[0] == 0.0
    assert judge("vi", {"none_of": ["không trả lời"]}, "Sáng nay nhà trường đã không trả lời kịp thời." + draft)[0] == 1.0
    assert judge("en", {"none_of": ["nothing to say"]}, "Doctors say it has nothing to do with the canteen. The rice was sealed on Monday.")[0] == 1.0


def test_what_is_seen_so_far_is_no_claim_of_a_finding_still_to_come():
    sealed = "The rice was sealed on Monday. "
    assert judge("en", {"no_overclaims": True}, sealed + "The full laboratory report shows no aflatoxin.")[0] == 0.0
    assert judge("en", {"no_overclaims": True}, sealed + "So far the full laboratory report shows no aflatoxin.")[0] == 1.0
    # a finding said "so far" is still a finding
    assert judge("en", {"no_overclaims": True}, sealed + "So far the full laboratory report shows the rice was mouldy.")[0] == 0.0
    # what the school saw on its own premises this week, denied, is what it knows so far
    assert judge("en", {"no_overclaims": True}, sealed + "The full laboratory report shows no aflatoxin in rice served at school this week.")[0] == 1.0


def test_a_failing_owned_is_no_stonewalling():
    owned = "Nhà trường xin lỗi vì đã không trả lời kịp thời. Bảng kê là bản dự thảo, chưa được nhà trường duyệt."
    assert judge("vi", {"none_of": ["không trả lời"]}, owned)[0] == 1.0
    refused = "Nhà trường không trả lời câu hỏi này. Bảng kê là bản dự thảo, chưa được nhà trường duyệt."
    assert judge("vi", {"none_of": ["không trả lời"]}, refused)[0] == 0.0
    cut = "We are sorry for the worry caused, but this is purely a rumour. The rice was sealed on Monday."
    assert judge("en", {"none_of": ["purely a rumour"]}, cut)[0] == 0.0


def test_facts_are_credited_in_their_own_clause_and_the_evidence_quotes_the_team():
    fraction, evidence = judge("zh", {"facts": ["sealed", "tests"]}, "经核实，问题大米已经登记封存。留样检测是否均合格尚不确定。")
    assert fraction == 0.5
    assert "写道“问题大米已经登记封存”" in evidence and "对应事实" in evidence
    assert "没有说明“留样检测全部合格”：“留样检测是否均合格尚不确定”是疑问、推测或否定" in evidence
    # a list of keywords is no sentence
    fraction, evidence = judge("en", {"facts": ["sealed", "tests"]}, "rice was sealed, never served, samples passed, flu, spliced, refund")
    assert fraction == 0.0 and "a keyword with no sentence around it" in evidence
    assert judge("zh", {"facts": ["sealed"]}, "通报：三小 大米 已封存 待退货 未供学生食用")[0] == 0.0


def test_a_rejected_or_questioned_contradiction_contradicts_nothing():
    text = "It is not true that several pupils were hospitalised. The rice was sealed on Monday and never served."
    assert judge("en", {"no_false_claims": True}, text) == (1.0, "says nothing the facts contradict")
    fraction, evidence = judge("en", {"no_false_claims": True}, "Several pupils were hospitalised. The rice was sealed on Monday.")
    assert fraction == 0.0 and "'Several pupils were hospitalised'" in evidence


# --- substance, stock phrases, over-claims, labels ------------------------------------------

def test_absence_checks_earn_nothing_for_stock_phrases_alone():
    slogans = "我们高度重视。请广大家长不信谣、不传谣，相信政府。"
    for check in ({"on_time": {"grace": "30m"}}, {"none_of": ["无可奉告"]}, {"no_false_claims": True}, {"no_overclaims": True}, {"no_blame": True}):
        assert judge("zh", check, slogans) == (0.0, "尚无可计分的内容：没有一句成句地说明事实、措施，或回应事件中的疑问")
        assert judge("zh", check, "经核实，问题大米已经登记封存，未供学生食用。")[0] == 1.0


def test_an_answer_that_hedges_rejects_or_sweeps_is_judged_not_passed_over_as_saying_nothing():
    on_time = {"on_time": {"grace": "30m"}}
    # the facts asked about or hedged: evasive, yet an answer; the hedging is what costs it, elsewhere
    assert judge("en", on_time, "We cannot yet confirm whether the rice was sealed or never served.")[0] == 1.0
    assert judge("zh", on_time, "目前尚不能确认问题大米是否已封存。")[0] == 1.0
    # a rumour rejected in a sentence of its own is a position
    assert judge("en", on_time, "It is not true that several pupils were hospitalised.")[0] == 1.0
    # a blanket denial is an answer, and the over-claims check names its absolutes
    denial = "Claims about the rice are completely untrue. There is no problem at all, and pupils are perfectly healthy."
    assert judge("en", on_time, denial)[0] == 1.0
    fraction, evidence = judge("en", {"no_overclaims": True}, denial)
    assert fraction == 0.0 and "completely untrue" in evidence and "no problem at all" in evidence
    assert judge("zh", {"no_overclaims": True}, "网传说法完全不实，三小食堂的大米没有任何问题。")[0] == 0.0
    assert judge("vi", {"no_overclaims": True}, "Thông tin trên mạng hoàn toàn sai sự thật, nhà trường không có bất kỳ sai phạm nào.")[0] == 0.0
    # a rumour passed on as hearsay, or a confirmed fact denied, answers nothing: nothing to credit for being on time
    assert judge("en", on_time, "Reportedly several pupils were hospitalised.")[0] == 0.0
    assert judge("zh", on_time, "据说已有学生住院。")[0] == 0.0


def test_a_list_of_keywords_states_nothing_however_many_rubric_words_it_holds():
    lists = {
        "en": "first source microblog channels chat groups short video trend rising risks gathering major report first step",
        "vi": "Nguồn tin đầu tiên Facebook kênh lan truyền Zalo TikTok xu hướng nguy cơ mức độ nghiêm trọng báo cáo",
        "zh": "首发来源 微博 传播渠道 微信群 短视频 趋势 上升 风险点 线下聚集 报告 第一步行动",
    }
    words = {"en": ["microblog", "trend"], "vi": ["Facebook", "xu hướng"], "zh": ["微博", "趋势"]}
    for language, text in lists.items():
        assert Reading(text, lexicon(language)).listed, language
        assert judge(language, {"any_of": words[language]}, text)[0] == 0.0
        assert judge(language, {"all_of": [[w] for w in words[language]]}, text)[0] == 0.0
    assert judge("en", {"any_of": ["trend"]}, lists["en"])[1] == "nothing counted: the text is a list of keywords, not sentences"
    # terse notes in sentences, and prose, are no lists
    for language, text in {
        "en": "Source: microblog, 06:40. Trend: rising. Risk: parents may gather at the school. Report to: the city government.",
        "vi": "Phường sẽ đưa thông tin chính thức trước 14 giờ trên trang Zalo của phường.",
        "zh": "来源：微博，6:40。渠道：微博、微信群、短视频。趋势：上升。",
    }.items():
        assert not Reading(text, lexicon(language)).listed, language


def test_a_claim_says_when_and_an_idiom_is_matched_as_written():
    from drill.scoring.clauses import EXACT, TENSE
    en, vi = lexicon("en"), lexicon("vi")
    checking = Reading("The district is checking the payments of all 32 classes.", en)
    assert not checking.find(["all 32 classes have been checked"], (STATED,), match=TENSE)
    assert checking.find(["all 32 classes have been checked"], (STATED,))  # loosely, as a fact would be found
    done = Reading("The district has checked the payments of all 32 classes; no other class has collected money.", en)
    assert done.find(["has checked all 32 classes"], (STATED,), match=TENSE)
    promised = Reading("The money will be refunded in full before 20 September.", en)
    assert not promised.find(["has been refunded in full"], (STATED,), match=TENSE)
    assert promised.find(["will be refunded"], (STATED,), match=TENSE)  # a promise matches a promise
    assert not Reading("Phòng Giáo dục đang rà soát các khoản thu của tất cả 32 lớp.", vi).find(
        ["đã rà soát các khoản thu của tất cả 32 lớp"], (STATED,), match=TENSE)
    assert Reading("Phòng Giáo dục đã rà soát các khoản thu của tất cả 32 lớp.", vi).find(
        ["đã rà soát các khoản thu của tất cả 32 lớp"], (STATED,), match=TENSE)
    found = Reading("Six spot checks in twelve months found nothing wrong.", en)
    assert found.find(["nothing was wrong"], (STATED,)) and not found.find(["nothing was wrong"], (STATED,), match=EXACT)


@pytest.mark.parametrize(("text", "expected"), [
    # a "may" that grants promises what it grants ...
    ("From next week, parents may visit the canteen on any school day without an appointment.", [STATED]),
    ("Any parent may drop in to the canteen without an appointment during the school day.", [STATED]),
    # ... one that guesses, or stands in a question, promises nothing
    ("The rice may be visited by inspectors without an appointment.", [HEDGED]),
    ("Parents may have heard they can come without an appointment.", [HEDGED]),
    ("Some parents may think visits without an appointment are coming.", [HEDGED]),
    ("Whether parents may visit without an appointment is under discussion.", [HEDGED]),
    ("Parents may not visit without an appointment.", [NEGATED]),
])
def test_a_may_that_grants_something_to_the_public_promises_it(text, expected):
    assert stances("en", text, "without an appointment") == expected


@pytest.mark.parametrize(("language", "text", "term", "expected"), [
    # what the rumour shows, retold after a clause that says the team checked, is its ruling
    ("zh", "经核实，网传三小照片中的大米是4月15日到货时发现霉变的2袋。", "4月15日", [STATED]),
    ("zh", "网传三小照片中的大米是4月15日到货时发现霉变的2袋。", "4月15日", [HEDGED]),
    ("zh", "经核实，网传是否有学生住院尚不清楚。", "有学生住院", [HEDGED]),
])
def test_a_rumour_retold_after_the_team_checked_it_is_its_ruling(language, text, term, expected):
    assert stances(language, text, term) == expected


def test_a_full_stop_after_an_abbreviation_ends_no_sentence():
    reading = Reading("Posts have claimed that No. 3 Primary serves mouldy rice and that pupils were taken to hospital.", lexicon("en"))
    assert len({clause.sentence for clause in reading.clauses}) == 1
    assert stances("en", "Posts have claimed that No. 3 Primary serves mouldy rice and that pupils were taken to hospital.",
                   "pupils were taken to hospital") == [HEDGED]


def test_threats_to_the_public_are_labels_in_every_language():
    assert judge("en", {"no_blame": True}, "The rice was sealed on Monday. Anyone spreading false information will be dealt with.")[0] == 0.0
    assert judge("zh", {"no_blame": True}, "问题大米已经登记封存。对传谣者将依法处理。")[0] == 0.0
    assert judge("vi", {"no_blame": True}, "Bảng kê là bản dự thảo. Ai tung tin sai sự thật sẽ bị xử lý.")[0] == 0.0


def test_a_sanction_aimed_at_a_member_of_the_public_threatens_without_a_label():
    sealed = " The rice was sealed on Monday."
    blame = {"no_blame": True}
    assert judge("en", blame, "Anyone who posts or shares unverified content will be dealt with in the same way." + sealed)[0] == 0.0
    assert judge("en", blame, "We request the police to summon the person who posted and deal with her strictly." + sealed)[0] == 0.0
    assert judge("zh", blame, "个别家长借陪餐之机拍照发帖，断章取义，建议公安部门介入处理。问题大米已封存。")[0] == 0.0
    assert judge("vi", blame, "Bảng kê là bản dự thảo. Cơ quan công an sẽ mời người đăng bài lên làm việc.")[0] == 0.0
    assert judge("vi", blame, "Bảng kê là bản dự thảo. Những tài khoản tiếp tục chia sẻ sai sự thật sẽ bị xử lý nghiêm.")[0] == 0.0
    # the comma of "post, share or comment" parts the target from the sanction's clause
    assert judge("en", blame, "We warn that any organisation or individual who continues to post, share or comment on false "
                              "information about this matter will be dealt with in accordance with the law." + sealed)[0] == 0.0
    # a sanction on the page that faked the video, with the poster spared after it, threatens nobody
    assert judge("en", blame, "The police deal with the page that invented the arrest, and leave the parent who posted alone." + sealed)[0] == 1.0
    assert judge("en", blame, "Anyone who breaks the rules on fees will be dealt with." + sealed)[0] == 1.0
    # ruled out, or named as a false claim to correct, it is no threat
    assert judge("vi", blame, "Bảng kê là bản dự thảo. Người đăng bài sẽ không bị xử lý.")[0] == 1.0
    assert judge("zh", blame, "发帖家长不会受到任何处罚。问题大米已封存。")[0] == 1.0
    assert judge("en", blame, "New false claims (e.g. that the poster was fined): police confirm within 30 minutes." + sealed)[0] == 1.0
    # a sanction on someone else, after thanking the poster, threatens nobody
    assert judge("en", blame, "We thank the parent who posted, and the page that faked the video will be prosecuted." + sealed)[0] == 1.0
    assert judge("zh", blame, "感谢发帖家长的提醒，市场监管局将对涉事供应商依法查处。问题大米已封存。")[0] == 1.0
    assert judge("vi", blame, "Cảm ơn phụ huynh đã đăng bài phản ánh, nhà trường sẽ xử lý nghiêm sai phạm của ban đại diện. "
                              "Bảng kê là bản dự thảo.")[0] == 1.0
    assert judge("en", blame, "Accounts that faked the video will be dealt with." + sealed)[0] == 1.0
    # calling the story false first does not excuse the threat after it
    assert judge("en", blame, "This is misinformation, and anyone who shares it will be dealt with." + sealed)[0] == 0.0
    assert judge("vi", blame, "Thông tin trên là sai sự thật, người đăng bài sẽ bị xử lý nghiêm. Bảng kê là bản dự thảo.")[0] == 0.0
    # the doubters as accounts to be dealt with
    assert judge("en", blame, "The police have identified several of the accounts making such claims and will deal with them "
                              "severely according to law." + sealed)[0] == 0.0
    # ... but not the fake-video account (found by the second review)
    assert judge("zh", blame, "市网信办已约谈拼接视频的发布者（外地营销号）。问题大米已封存。")[0] == 1.0


@pytest.mark.parametrize(("language", "text", "answered"), [
    ("en", "On the supplier, we will say more later. The rice was sealed on Monday.", 0.0),
    ("en", "The supplier has been suspended from deliveries. The rice was sealed on Monday.", 1.0),
    ("zh", "关于供应商的处理，另行通报。问题大米已封存。", 0.0),
    ("zh", "供应商已被暂停供货。问题大米已封存。", 1.0),
    ("vi", "Về nhà cung cấp, chúng tôi sẽ thông tin sau. Bảng kê là bản dự thảo.", 0.0),
    # a fact stated before something else is put off is still stated
    ("en", "The rice was sealed and the supplier suspended, and the full lab results will follow in due course.", 1.0),
    ("zh", "问题大米已封存，供应商已被暂停供货，全项检测结果届时另行通报。", 1.0),
    ("vi", "Nhà trường xin cung cấp thông tin sau về nhà cung cấp: đã tạm dừng hợp đồng.", 1.0),
])
def test_a_topic_named_only_to_put_it_off_answers_nothing(language, text, answered):
    topic = {"en": [["supplier"]], "zh": [["供应商"]], "vi": [["nhà cung cấp"]]}[language]
    assert judge(language, {"all_of": topic}, text)[0] == answered


def test_a_page_of_stock_phrases_around_a_fact_or_two_is_padded():
    padded = ("We attach great importance to this. We will further strengthen supervision. "
              "We take this very seriously. The rice was sealed on Monday.")
    fraction, evidence = judge("en", {"padding": True}, padded)
    assert fraction == 0.0 and "clauses of stock phrases only" in evidence
    # one stock phrase beside the facts, or more facts than stock phrases, is no padding
    assert judge("en", {"padding": True}, "We take this very seriously. The rice was sealed on Monday.")[0] == 1.0
    facts = ("We take this very seriously. We attach great importance to this. The rice was sealed on Monday. "
             "Inspectors are testing the retained samples. We will publish the full report on Friday.")
    assert judge("en", {"padding": True}, facts)[0] == 1.0
    assert judge("zh", {"padding": True}, "坚持人民至上、生命至上。建立健全长效机制。问题大米已封存。")[0] == 0.0
    # one slogan (of two parts) beside the facts is no padding
    assert judge("zh", {"padding": True}, "坚持人民至上、生命至上。问题大米已于4月15日封存，市场监管局上午对在用大米抽样送检。")[0] == 1.0


def test_the_substance_check_weighs_facts_and_measures_against_padding():
    fraction, evidence = judge("en", {"substance": {"min": 2}}, "The rice was sealed on Monday. Inspectors are testing the retained samples.")
    assert fraction == 1.0 and evidence.startswith("2 clauses of substance")
    padded = "The rice was sealed on Monday. We take this very seriously. Rest assured. We attach great importance to safety."
    fraction, evidence = judge("en", {"substance": {"min": 2}}, padded)
    assert fraction == pytest.approx(0.5 * 1 / 4) and "3 clauses of stock phrases only" in evidence
    assert judge("en", {"substance": {"min": 2}}, "We take this very seriously.")[0] == 0.0


def test_absolutes_guarantees_and_facts_not_yet_established_are_over_claims():
    fraction, evidence = judge("en", {"no_overclaims": True}, "The rice was sealed on Monday. We guarantee it will never happen again.")
    assert fraction == 0.0 and "asserts more than the facts support" in evidence
    assert judge("en", {"no_overclaims": True}, "The rice was sealed on Monday. Nobody can guarantee anything yet.")[0] == 1.0
    early = "The rice was sealed on Monday. The full laboratory report shows the rice is safe."
    fraction, evidence = judge("en", {"no_overclaims": True}, early, at=600)  # before the lab-report inject (1h)
    assert fraction == 0.0 and "not established yet" in evidence
    assert judge("en", {"no_overclaims": True}, early, at=600, fired={"lab-report": 300})[0] == 1.0
    assert judge("en", {"no_overclaims": True}, early, at=4000)[0] == 1.0
    # a fact marked pending is unverified whichever way it is asserted
    assert judge("zh", {"no_overclaims": True}, "问题大米已经登记封存。全项检测不合格。")[0] == 0.0
    assert judge("zh", {"no_false_claims": True}, "问题大米已经登记封存。全项检测不合格。")[0] == 1.0
    # a hedge among a term's own parts asks, it does not assert ("在用大米是否合格" is no "在用大米合格")
    assert stances("zh", "食堂在用大米是否合格还要等检测。", "在用大米合格") == [HEDGED]


def test_words_that_also_state_an_established_fact_claim_nothing_unverified():
    facts = [
        {"id": "sealed", "text": "The sacks were found damp at the delivery check and sealed.", "keywords": ["found damp", "sealed"], "contradicted_by": []},
        {"id": "supplier", "text": "The batch got damp in transit; the supplier is licensed.", "keywords": ["found damp", "supplier is licensed"],
         "contradicted_by": [], "established_by": "lab-report"},
    ]
    saved = FACTS["en"]
    FACTS["en"] = facts
    try:
        assert judge("en", {"no_overclaims": True}, "The two sacks were found damp at the delivery check and sealed.", at=600)[0] == 1.0
        assert judge("en", {"no_overclaims": True}, "The sacks were sealed. The supplier is licensed.", at=600)[0] == 0.0
    finally:
        FACTS["en"] = saved


def test_labels_of_the_public_are_caught_unless_denied():
    assert judge("zh", {"no_blame": True}, "问题大米已经登记封存。个别网友别有用心。")[0] == 0.0
    assert judge("zh", {"no_blame": True}, "问题大米已经登记封存。发帖家长并非别有用心。")[0] == 1.0
    fraction, evidence = judge("vi", {"no_blame": True}, "Bảng kê là bản dự thảo. Kẻ xấu đang lợi dụng việc này.")
    assert fraction == 0.0 and "Kẻ xấu" in evidence


# --- gates -------------------------------------------------------------------------------------

GATED = [
    {"id": "facts", "title": "Facts", "weight": 4, "check": {"facts": ["sealed", "tests"]}},
    {"id": "claims", "title": "No false claims", "weight": 1, "cap": "U", "check": {"no_false_claims": True}},
    {"id": "blame", "title": "No labels", "weight": 1, "cap": 20, "check": {"no_blame": True}},
]


def score(text: str, criteria=GATED, reviews=(), language="en", now=None, at=0.0):
    return score_exercise(exercise(language, criteria), [Submission("press", "t", at, text, {})] if text else [], list(reviews),
                          {("press", "t"): DUE}, now=now).teams[0].tasks[0]


def test_a_failed_gate_holds_the_whole_score_in_its_band_and_says_why():
    good = score("The rice was sealed on Monday. The retained samples passed the test.")
    assert (good.score, good.rating, good.gates) == (100.0, "P", ())
    false = score("The rice was sealed on Monday. The retained samples passed. Several pupils were hospitalised.")
    assert false.uncapped == pytest.approx(500 / 6) and false.rating == "U"
    # held in U, below M's 40: the rest of the text counts in proportion, up to the ceiling
    assert false.score == pytest.approx(39.9 * 500 / 6 / 100)
    assert [g.criterion for g in false.gates] == ["claims"]
    assert false.capped_by.startswith("capped at 33.2 by “No false claims” (uncapped 83.3): contradicts")
    assert false.improvements[0].startswith("No false claims (caps the score): contradicts")
    both = score("The rice was sealed on Monday. Several pupils were hospitalised. Troublemakers spread it.")
    assert both.gate.criterion == "blame" and both.score == pytest.approx(20 * both.uncapped / 100)
    data = both.to_json()
    assert [g["criterion"] for g in data["gates"]] == ["claims", "blame"] and data["uncapped_score"] == round(both.uncapped, 1)


def test_a_case_planned_for_in_an_internal_text_labels_nobody_but_said_to_the_public_threatens():
    internal = [{"id": "roles", "title": "Roles", "weight": 2, "check": {"any_of": ["lead"]}},
                {"id": "deadline", "title": "Deadline", "weight": 2, "check": {"any_of": ["by noon"]}},
                {"id": "blame", "title": "No labels", "weight": 1, "cap": 20, "check": {"no_blame": True}}]
    plan = "The ward police lead at the gate and report by noon. If troublemakers gather there, record it by law."
    assert score(plan, internal).gates == ()
    said = "The rice was sealed on Monday. If troublemakers gather at the gate, we will record it by law."
    assert [g.criterion for g in score(said).gates] == ["blame"]
    assert [g.criterion for g in score("The ward police lead and report by noon. Troublemakers gather there.", internal).gates] == ["blame"]
    assert judge("vi", {"no_blame": True}, "Nếu có người quá khích, lập biên bản. Bảng kê là bản dự thảo.")[0] == 0.0
    # only the condition is excused: what the plan then tells staff to say or do is said
    ordered = "The ward police lead and report by noon. If parents keep asking, tell them those spreading it are troublemakers."
    assert [g.criterion for g in score(ordered, internal).gates] == ["blame"]


@pytest.mark.parametrize(("language", "risk", "label"), [
    ("en", "The ward lead and report by noon. The matter may be exploited by hostile forces to distort the facts.",
     "The ward lead and report by noon. Bad elements are behind the posts."),
    # "a risk that" weighs a risk as "may" does; "bad actors" are enemies of the same kind
    ("en", "The ward lead and report by noon. The situation is serious, with a risk that bad actors exploit it to "
     "distort the image of the school.", "The ward lead and report by noon. Bad actors are behind the posts."),
    ("vi", "Phường chủ trì. Vụ việc có thể bị thế lực thù địch lợi dụng để xuyên tạc.",
     "Phường chủ trì. Phần tử xấu đứng sau các bài đăng."),
])
def test_an_internal_text_may_weigh_hostile_forces_as_a_risk_but_not_call_the_public_so(language, risk, label):
    """Official texts name enemies ("hostile forces", *thế lực thù địch*): an assessment that says the
    matter may be exploited by them weighs a risk (experts put such texts in the middle band), but
    one that says they are behind the posts, or a notice that warns parents against being misled by
    "bad elements", labels the public."""
    internal = [{"id": "roles", "title": "Roles", "weight": 2, "check": {"any_of": ["lead", "chủ trì"]}},
                {"id": "blame", "title": "No labels", "weight": 1, "cap": 20, "check": {"no_blame": True}}]
    assert score(risk, internal, language=language).gates == ()
    assert [g.criterion for g in score(label, internal, language=language).gates] == ["blame"]
    # a parent called one, hedged, or forces a sanction is called down on in the next breath, are labels
    for said in {"en": ("The ward lead and report by noon. Ms Trang may be a bad element.",
                        "The ward lead and report by noon. The parent who posted may be one of the bad elements exploiting it.",
                        "The ward lead and report by noon. Bad elements may exploit it, and they must be dealt with."),
                 "vi": ("Phường chủ trì. Chị Trang có thể là phần tử xấu.",
                        "Phường chủ trì. Có thể có phần tử xấu lợi dụng, đề nghị công an xử lý nghiêm.")}[language]:
        assert [g.criterion for g in score(said, internal, language=language).gates] == ["blame"], said
    said = {"en": "The rice was sealed on Monday. Parents should not be misled by bad elements.",
            "vi": "Bảng kê là bản dự thảo. Đề nghị phụ huynh không để bị kẻ xấu lợi dụng."}[language]
    assert judge(language, {"no_blame": True}, said)[0] == 0.0


def test_a_risk_named_by_the_label_of_its_list_is_weighed():
    """An assessment's list of risks ("风险点：A；B；外地账号借机炒作") weighs each item as a risk, as
    "a risk that bad actors exploit it" does in one clause; the same item under a finding's label
    ("研判：") says it has happened, and labels."""
    internal = [{"id": "roles", "title": "Roles", "weight": 2, "check": {"any_of": ["牵头"]}},
                {"id": "blame", "title": "No labels", "weight": 1, "cap": 20, "check": {"no_blame": True}}]
    risk = "市教育局牵头。风险点：午餐前后家长到校聚集；部门答复不一引发质疑；外地账号借机炒作。"
    assert score(risk, internal, language="zh").gates == ()
    assert [g.criterion for g in score(risk.replace("风险点", "研判"), internal, language="zh").gates] == ["blame"]
    # a list of risks that names parents labels them; a label that rates the risks lists findings
    for said in ("市教育局牵头。风险点：部分家长借机起哄，扩大事态。", "市教育局牵头。风险等级：较高；外地账号借机炒作，转发量破万。"):
        assert [g.criterion for g in score(said, internal, language="zh").gates] == ["blame"], said


def test_a_case_named_before_then_is_a_condition_in_vietnamese():
    """Vietnamese marks a case with "thì" after it as often as with "nếu" before it; "thì" that
    only marks the topic ("những kẻ xấu thì ...") names no case."""
    internal = [{"id": "roles", "title": "Roles", "weight": 2, "check": {"any_of": ["chủ trì"]}},
                {"id": "blame", "title": "No labels", "weight": 1, "cap": 20, "check": {"no_blame": True}}]
    plan = "Phường chủ trì. Phụ huynh đông hơn thì mời đại diện vào; có người quá khích thì nhờ Công an phường hỗ trợ giữ trật tự."
    assert score(plan, internal, language="vi").gates == ()
    for said in ("Phường chủ trì. Những người quá khích sẽ bị xử lý.", "Phường chủ trì. Những kẻ xấu thì phải xử lý nghiêm.",
                 "Phường chủ trì. Bọn phần tử xấu thì lúc nào cũng lợi dụng.",
                 "Phường chủ trì. Có dấu hiệu một số đối tượng quá khích kích động phụ huynh tụ tập."):
        assert [g.criterion for g in score(said, internal, language="vi").gates] == ["blame"], said
    # the case as the label of what to do then ("signs of X: do Y") is a condition too
    worse = "Phường chủ trì.\n5. Khi tình hình xấu đi\n- Tụ tập đông, có dấu hiệu quá khích: tăng lực lượng, ưu tiên vận động."
    assert score(worse, internal, language="vi").gates == ()
    # ... and so is a case that goes on the condition before it, up to what to do then
    worse = "Phường chủ trì. Phương án xấu đi: nếu tụ tập đông, có người quá khích — ưu tiên đối thoại, báo ngay UBND phường."
    assert score(worse, internal, language="vi").gates == ()
    for told in ("Phường chủ trì. Nếu phụ huynh tiếp tục hỏi, nói với họ là có người quá khích kích động.",
                 "Phường chủ trì. Nếu phụ huynh tiếp tục hỏi, khi đó nói rõ với họ đây là những kẻ xấu kích động.",
                 "Phường chủ trì. Nếu tin đồn tiếp tục lan, ai cố tình chia sẻ sẽ bị xử lý nghiêm.",
                 "Phường chủ trì. Một số phụ huynh đến trường gây rối.",
                 "Phường chủ trì. Nếu phụ huynh hỏi, khi trả lời cần nói rõ đây là do bị kẻ xấu kích động, không để phụ huynh bức xúc."):
        assert [g.criterion for g in score(told, internal, language="vi").gates] == ["blame"], told


@pytest.mark.parametrize(("text", "found"), [
    ("The rice was sealed and the sacks were tested on Monday.", 1.0),
    ("The rice was sealed. We will publish the latest figures.", 0.0),  # "test" in "latest"
    ("The rice was sealed. Parents gathered in protest.", 0.0),
    ("The rice was sealed. The head saw a preview.", 0.0),  # "review" in "preview"
])
def test_an_english_term_may_end_inside_a_word_but_never_starts_inside_one(text, found):
    assert judge("en", {"any_of": ["test", "review"]}, text)[0] == found


def test_an_english_label_or_credit_is_not_found_inside_a_longer_word():
    sealed = " The rice was sealed on Monday."
    assert judge("en", {"any_of": ["responsib"]}, "Some parents were irresponsible." + sealed)[0] == 0.0
    assert judge("en", {"any_of": ["responsib"]}, "We take responsibility." + sealed)[0] == 1.0
    assert judge("en", {"no_blame": True}, "Some individuals with bad motives spread distorted information." + sealed)[0] == 0.0
    assert judge("en", {"no_blame": True}, "A few relatives of the poster are deliberately stirring up opinion." + sealed)[0] == 0.0
    # a sanction on whoever faked the page threatens no member of the public
    assert judge("en", {"no_blame": True}, "The individual who ran the fake page will be dealt with by the police." + sealed)[0] == 1.0
    # 不便 in an apology is no negation of the apology
    assert judge("zh", {"any_of": ["歉意"]}, "由此给家长带来的不便深表歉意。问题大米已封存。")[0] == 1.0


def test_a_refusal_to_speak_alone_keeps_one_voice_and_is_not_silence():
    """Only with a word for "alone" and a word for where the questions go instead."""
    check = {"none_of": ["không trả lời báo chí", "do not talk to the press", "will not answer questions", "不接受采访", "造谣者", "冷处理", "miễn bình luận"]}
    assert judge("vi", check, "Trường không trả lời báo chí riêng, chuyển phóng viên về phường. Bảng kê là bản dự thảo.")[0] == 1.0
    assert judge("en", check, "Staff do not talk to the press separately; reporters are referred to the working group. The rice was sealed.")[0] == 1.0
    assert judge("zh", check, "学校不单独接受采访，统一由工作组回应。问题大米已封存。")[0] == 1.0
    assert judge("zh", check, "任何人不得擅自接受媒体采访。问题大米已封存。")[0] == 1.0  # 擅自: there is an authorised channel
    assert judge("zh", check, "媒体采访由网信办统一安排，各单位不单独接受采访。问题大米已封存。")[0] == 1.0  # the channel named first
    assert judge("zh", check, "全校人员不得自行接受采访，媒体来电一律转校办。问题大米已封存。")[0] == 1.0
    assert judge("vi", check, "Ngoài người phát ngôn của phường, các đơn vị không tự trả lời báo chí. Bảng kê là bản dự thảo.")[0] == 1.0
    # ... in the same sentence: a referral of something else before it keeps no voice
    assert judge("zh", check, "问题大米已统一登记封存。学校不单独接受采访，也不再发布任何说明。")[0] == 0.0
    for silent in ("学校不接受采访。问题大米已封存。", "学校不单独接受采访，也不会再发布任何说明。问题大米已封存。",
                   "此系个别造谣者私自编造。问题大米已封存。", "各自的家长群一律冷处理。问题大米已封存。"):
        assert judge("zh", check, silent)[0] == 0.0, silent
    assert judge("en", check, "We will not answer questions individually or as a school. The rice was sealed.")[0] == 0.0
    for silent in ("Trường không trả lời báo chí. Bảng kê là bản dự thảo.", "Riêng việc kỷ luật thì miễn bình luận. Bảng kê là bản dự thảo."):
        assert judge("vi", check, silent)[0] == 0.0, silent


def test_what_is_going_on_now_is_claimed_and_only_what_is_to_come_is_promised():
    reading = Reading("Cô Hạnh đang làm việc với công an quận. Tuần sau cô sẽ làm việc với công an quận.", lexicon("vi"))
    now, later = reading.hits("làm việc với công an")
    assert not reading.promised(now) and reading.promised(later)
    # a term's own words are what it claims: "sắp xếp" is no "sắp" (about to)
    moved = Reading("Cô chủ nhiệm đã sắp xếp lại chỗ ngồi cho các em.", lexicon("vi"))
    assert not moved.promised(moved.hits("sắp xếp lại chỗ ngồi")[0])


def test_a_table_is_read_cell_by_cell_each_cell_under_its_columns_heading():
    """A Markdown table of what is circulating against what was found: the first column retells
    (its heading says the cells are what goes round), a cell is no place for a term to run on into
    the next, and a label whose value says it is unconfirmed claims nothing."""
    rumours = ("| Thông tin lan truyền | Kết quả xác minh |\n|---|---|\n"
               "| Hiệu trưởng bị công an bắt, mời làm việc | Sai. Hiệu trưởng vẫn làm việc bình thường. |\n")
    reading = Reading(rumours, lexicon("vi"))
    assert all(reading.retold(hit) for hit in reading.hits("hiệu trưởng bị bắt", TENSE))
    assert judge("vi", {"no_false_claims": True}, rumours.replace("hiệu trưởng bị bắt", "bảng kê là của nhà trường").replace(
        "Hiệu trưởng bị công an bắt, mời làm việc", "Bảng kê là của nhà trường") + "Bảng kê là bản dự thảo.")[0] == 1.0
    # without its heading, the same row is the team's claim
    assert judge("vi", {"no_false_claims": True}, "| Bảng kê là của nhà trường | Sai |\n")[0] == 0.0
    # a term found across two cells is no term: '"Pupils hospitalised" | Several of them were asked ...'
    cells = '| Claim | Finding |\n|---|---|\n| "Several pupils" | were hospitalised, the post says; no record of it |\n'
    assert stances("en", cells, "several pupils were hospitali") == []
    assert stances("en", cells.replace(" | were", " were"), "several pupils were hospitali") != []
    # a row's label hedged by its value, as after a colon
    assert stances("en", "| Item | Status |\n|---|---|\n| Several pupils hospitalised | NOT CONFIRMED, being checked |\n",
                   "several pupils hospitalised") == [HEDGED]
    assert stances("en", "Several pupils hospitalised: not confirmed, being checked.", "several pupils hospitalised") == [HEDGED]
    assert stances("en", "Several pupils hospitalised: the school called their parents.", "several pupils hospitalised") == [STATED]
    # a long clause before the colon is no label: what follows speaks of something else
    assert stances("en", "Several pupils hospitalised after lunch in the canteen on Monday: unclear yet why.",
                   "several pupils hospitalised") == [STATED]


def test_a_label_is_hedged_only_by_a_value_that_is_nothing_but_a_hedge():
    """"X: NOT CONFIRMED" leaves X open; "X: unclear why" states X and leaves the reason open."""
    assert stances("vi", "Hiệu trưởng bị bắt: chưa rõ lý do.", "hiệu trưởng bị bắt") == [STATED]
    assert stances("vi", "Hiệu trưởng bị bắt: chưa xác minh.", "hiệu trưởng bị bắt") == [HEDGED]
    assert stances("en", "Rice sealed: not yet returned to the supplier.", "rice sealed") == [STATED]
    assert stances("en", "| Item | Status |\n|---|---|\n| Rice sealed, not yet returned | 15 April |\n", "rice sealed") == [STATED]
    # a first column of its own ("Confirmed" over "Not yet confirmed") is no label of the second
    assert stances("en", "| Confirmed | Not yet confirmed |\n|---|---|\n| The rice was sealed and never served | Whether the video "
                   "was filmed here |\n", "rice was sealed") == [STATED]


def test_a_verdict_anywhere_in_a_tables_row_rejects_the_rumour_in_its_first_cell():
    assert stances("vi", "| Nội dung | Nguồn | Kết luận |\n|---|---|---|\n| Hiệu trưởng bị bắt | Trang Hóng Biến Hồng Hà | Sai sự thật |\n",
                   "hiệu trưởng bị bắt") == [REJECTED]
    assert stances("zh", "| 内容 | 来源 | 核查结果 |\n|---|---|---|\n| 已有学生住院 | 短视频 | 不实 |\n", "已有学生住院") == [REJECTED]


def test_vietnamese_jotted_labels_run_longer_in_syllables_but_sentences_stay_sentences():
    """Vietnamese writes every syllable apart: a label and its value jotted with no full stop ("ĐH 2,5 tr: sai
    TT55 / dừng / 14 hộ – 35 tr / hoàn trước 20/9", fourteen syllables) is still a note; a plan's labelled
    sentences with full stops, or whole sentences on bullets, are not."""
    notes = ("TRẢ LỜI PH – CỔNG TRƯỜNG\n- Bảng kê 7,85 tr: dự thảo BĐD 3A, chưa duyệt\n- Thu CT: 1,65 tr/HS, niêm yết 5/9\n"
             "- ĐH 2,5 tr: sai TT55 / dừng / 14 hộ – 35 tr / hoàn trước 20/9\n- Ngồi cuối lớp: KHÔNG (đã KT sơ đồ lớp)\n"
             "- HT: vẫn làm việc\n- LH: thầy Minh 0912 345 678")
    assert Reading(notes, lexicon("vi")).notes
    plan = "\n".join(f"{n}. {line}" for n, line in enumerate([
        "Xác minh: Công an phường truy nguồn gốc video cắt ghép trước 10 giờ sáng nay.",
        "Thông tin: UBND phường và nhà trường ra thông báo chung trước 14 giờ hôm nay.",
        "Hoàn trả: Ban đại diện lớp 3A trả đủ tiền cho 14 gia đình trước ngày 20/9.",
        "Đối thoại: Ban giám hiệu gặp đại diện phụ huynh lớp 3A lúc 16 giờ chiều nay.",
        "Theo dõi: cộng tác viên báo cáo diễn biến dư luận về phường hai giờ một lần.",
        "Báo cáo: Văn phòng tổng hợp, báo cáo Thường trực Quận ủy trước 17 giờ hôm nay."], 1))
    assert not Reading(plan, lexicon("vi")).notes


def test_a_row_of_pipes_with_no_table_around_it_is_read_as_any_line():
    heap = "| sealed | never served | seasonal cold | spliced 2021 video |\n| rice in use passed | not detected | meal committee | hotline |"
    assert Reading(heap, lexicon("en")).listed


def test_a_negation_of_all_stops_at_before_and_until():
    assert stances("en", "No class teacher was told before three pupils were sent to hospital.", "sent to hospital") == [STATED]
    assert stances("en", "No class teacher has reported a child sent to hospital.", "sent to hospital") == [NEGATED]
    assert stances("en", "No school was told until the sacks were sealed.", "sacks were sealed") == [STATED]
    # not at a relative clause's "after" or "when"
    assert stances("en", "No pupil who ate lunch after the rice arrived was taken to hospital.", "taken to hospital") == [NEGATED]


def test_a_clause_a_condition_opens_is_a_case_not_a_claim():
    assert stances("en", "Once the full laboratory tests have been completed, we will publish every result.",
                   "full laboratory tests have been completed") == [HEDGED]
    assert stances("en", "The mouldy rice was cooked for lunch once the kitchen ran short.", "rice was cooked") == [STATED]


def test_a_table_of_short_cells_is_no_heap_of_keywords():
    """A table's cells are terse by their form; an expert reads what they say (a cold table of
    checked answers is rated by its content), so its rows do not make the text notes or a list."""
    table = ("Market Regulation Bureau: technical answers\n\n| Question | Answer |\n|---|---|\n"
             "| Origin of the mouldy rice | Batch delivered 15 Apr; packaging damaged, wetted by rain in transit |\n"
             "| Detection | Canteen delivery check, 15 Apr: 2 sacks (50 kg) non-conforming; logged, sealed, held for return; not used |\n"
             "| Rapid tests (7 samples) | Rice in use 2/2 pass; retained samples 3/3 pass; aflatoxin B1 not detected |\n"
             "| Supplier licence | Valid food business licence; 6/6 spot checks passed (12 months) |\n"
             "| Penalty | Under investigation; no decision |\n")
    reading = Reading(table, lexicon("en"))
    assert not reading.notes and not reading.listed


def test_what_part_of_the_public_believes_is_recounted_and_what_the_team_believes_is_its_own():
    reading = Reading("Một bộ phận tin rằng hiệu trưởng bị bắt; 11% người được hỏi cho rằng đóng góp là tự nguyện.", lexicon("vi"))
    assert all(reading.recounted(hit) for term in ("hiệu trưởng bị bắt", "đóng góp là tự nguyện") for hit in reading.hits(term, TENSE))
    reading = Reading("Dư luận tin rằng hiệu trưởng bị bắt.", lexicon("vi"))
    assert all(reading.recounted(hit) for hit in reading.hits("hiệu trưởng bị bắt", TENSE))
    for own in ("Chúng tôi nghĩ hiệu trưởng bị bắt.", "Đơn vị tin rằng hiệu trưởng bị bắt.", "Tôi tin rằng hiệu trưởng bị bắt.",
                "Chúng tôi cho rằng hiệu trưởng bị bắt."):
        reading = Reading(own, lexicon("vi"))
        assert not any(reading.recounted(hit) for hit in reading.hits("hiệu trưởng bị bắt", TENSE)), own


def test_what_people_thought_or_worry_about_is_retold():
    for text in ("Many thought the head teacher had been arrested.", "Many parents worry that the head teacher had been arrested."):
        reading = Reading(text, lexicon("en"))
        assert reading.retold(reading.hits("head teacher had been arrested")[0]), text
    reading = Reading("Nhiều phụ huynh lo ngại hiệu trưởng bị bắt.", lexicon("vi"))
    assert reading.retold(reading.hits("hiệu trưởng bị bắt")[0])
    # a survey's "those asked believe", a video's "the line that", what people ask after a colon
    for text in ("Many of those asked believe the head teacher has been arrested.",
                 "A video, plus the line that the head teacher has been arrested, went round.",
                 "Publish before 14:00, answering what people actually ask: has the head teacher been arrested, will the money come back."):
        reading = Reading(text, lexicon("en"))
        assert reading.retold(reading.hits("head teacher has been arrested")[0]), text
    # "là sai quy định" admits a wrong; it rejects nothing
    assert stances("vi", "Nhà trường đã duyệt bảng kê, việc này là sai quy định.", "nhà trường đã duyệt bảng kê") == [STATED]
    # the belief that, what people still think, what groups say, according to many; asking the
    # police to clarify the rumour, what people heard
    for text in ("The belief that pupils are in hospital is widespread.", "31 (36%) still think pupils are in hospital.",
                 "Zalo groups say pupils are in hospital.", "According to many parents, pupils are in hospital."):
        reading = Reading(text, lexicon("en"))
        assert reading.retold(reading.hits("pupils are in hospital", TENSE)[0]), text
    for text in ("Đề nghị công an quận làm rõ tin hiệu trưởng bị bắt.", "Nhiều phụ huynh vẫn nghĩ hiệu trưởng bị bắt.",
                 "Theo nhiều phụ huynh, hiệu trưởng bị bắt.", "Một số người cho biết nghe tin hiệu trưởng bị bắt."):
        reading = Reading(text, lexicon("vi"))
        assert reading.retold(reading.hits("hiệu trưởng bị bắt")[0]), text
    # refuting the rumour rejects it
    assert stances("vi", "Nhà trường bác bỏ tin hiệu trưởng bị bắt.", "hiệu trưởng bị bắt") == [REJECTED]
    # a noun of reporting that is the public's own act retells nothing: "anyone sharing claims of
    # discrimination will be dealt with" threatens
    assert judge("en", {"no_blame": True}, "The rice was sealed. Anyone sharing claims of discrimination will be dealt with.")[0] == 0.0


@pytest.mark.parametrize(("language", "text", "recounted"), [
    # a text that weighs the rumours retells them at length: a word of saying anywhere before the claim ...
    ("vi", "8 giờ có video trên TikTok nói học sinh chưa đóng tiền bị ngồi cuối lớp và hiệu trưởng bị bắt.", True),
    ("en", "A video added two claims: that pupils sit at the back, and that the head teacher was arrested.", True),
    ("en", "The video adds two new claims (pupils seated at the back; head teacher arrested) that push the anger up.", True),
    ("en", "31 (36%) say the head teacher was arrested.", True),
    ("en", "A small number of people, influenced by the video, believe the head teacher was arrested.", True),
    # ... news named right before it, an item listed after what is not settled, one side of a question
    ("vi", "Phụ huynh còn băn khoăn về khoản tiền đã nộp và thông tin hiệu trưởng bị bắt.", True),
    ("vi", "Phần có thật bị trộn với phần chưa rõ hoặc sai (ngồi cuối lớp, hiệu trưởng bị bắt).", True),
    ("vi", "Chưa rõ: hiệu trưởng bị bắt hay chỉ được mời làm việc.", True),
    # the team's own account claims it: after an accusation with "tin" in it, "we believe", "nói chung",
    # or a long clause after what is still to be checked
    ("vi", "Công an đã làm việc với chị Trang, xác định phụ huynh đã tung tin giả gây hoang mang dư luận, "
           "hiệu trưởng bị bắt.", False),
    ("vi", "Nói chung, hiệu trưởng bị bắt.", False),
    ("en", "We believe the head teacher was arrested this morning.", False),
    ("en", "The seating story is still to be verified, and the head teacher was arrested by the district police.", False),
    ("en", "We checked this morning, and the head teacher was arrested.", False),
    ("en", "Posts claim she is at work, but actually the head teacher was arrested by the police.", False),
    ("en", "As we said at 07:45, the head teacher was arrested.", False),
    ("vi", "Chúng tôi xác nhận thông tin hiệu trưởng bị bắt.", False),
    ("vi", "Chuyện ngồi cuối lớp chưa xác minh, còn hiệu trưởng bị bắt.", False),
    ("en", "Parents told us the head teacher was arrested.", True),
    ("en", "The report that the head teacher was arrested: to be checked.", True),
    ("en", "At 08:00 a TikTok video that said the head teacher was arrested reached 180,000 views.", True),
    ("vi", "Nhiều người vẫn lầm tưởng hiệu trưởng bị bắt.", True),
])
def test_a_text_that_weighs_the_rumours_recounts_them(language, text, recounted):
    reading = Reading(text, lexicon(language))
    term = "hiệu trưởng bị bắt" if language == "vi" else "the head teacher was arrested"
    [hit] = reading.hits(term, TENSE)[:1]
    assert reading.recounted(hit) is recounted


def test_hay_after_a_claim_asks_only_in_a_text_that_weighs_the_rumours():
    reading = Reading("Bảng kê là của nhà trường hay của Ban đại diện lớp tự lập.", lexicon("vi"))
    [hit] = reading.hits("bảng kê là của nhà trường", TENSE)
    assert reading.recounted(hit) and not reading.retold(hit)
    # in a statement "hay" is "or": her denial is said
    assert stances("vi", "Hiệu trưởng không bị bắt hay bị công an mời làm việc.", "hiệu trưởng không bị bắt") == [STATED]


@pytest.mark.parametrize(("text", "expected"), [
    ("The plan must answer the questions people ask: is the list the school's, and is money already paid coming back.", [HEDGED]),
    ("Parents want to know: was any child moved, or is the list the school's.", [HEDGED]),
    ("Is the list the school's.", [HEDGED]),
    ("We checked, and the list is the school's.", [STATED]),
    ("Ms Trang, who posted first, is the list the school's.", [STATED]),
    ("Answer directly: whose list, was any child moved, is the list the school's.", [HEDGED]),
    ("1. Establish the facts quickly: is the list the school's, was any child moved.", [HEDGED]),
    ("Findings: the copy, shared on Zalo, is the list the school's.", [STATED]),
])
def test_a_question_without_its_question_mark_asks(text, expected):
    """A list of what people ask, written without "?" ("is the list the school's, and is money
    coming back") asks; a clause that opens with "is the" after a subject cut off by commas says,
    and so does one after a relative clause. An order ("Have the school publish the list") asks
    nothing."""
    assert stances("en", text, "the list is the school's") == expected
    assert stances("en", "The list, shared on Zalo, is the parents' draft.", "the parents' draft") == [STATED]
    assert stances("en", "Have the school publish the official list today.", "publish the official list") == [STATED]
    # a label that names no question is a note with its subject left out: "Police: did the trace ..."
    assert stances("en", "Police: did the trace this afternoon and the video is old footage.", "old footage") == [STATED]


def test_a_rumour_retold_does_not_excuse_the_same_claim_made_later():
    """Each claim checks every place a term stands, not only its first: "many believe the head
    teacher has been arrested" retells; "in fact she has been arrested" later claims it."""
    retold = "The rice was sealed on Monday. Many believe several pupils were hospitalised."
    assert judge("en", {"no_false_claims": True}, retold)[0] == 1.0
    assert judge("en", {"no_false_claims": True}, retold + " In fact several pupils were hospitalised on Monday.")[0] == 0.0
    # a stonewall owned as this morning's failing, then made again
    owned = "The rice was sealed. We apologise that we said we had no further comment this morning."
    stonewall = {"none_of": ["no further comment"]}
    assert judge("en", stonewall, owned)[0] == 1.0
    assert judge("en", stonewall, owned + " On the other questions there is no further comment.")[0] == 0.0


@pytest.mark.parametrize("number", ["024 3868 1515", "0912 345 678", "(+84) 24 3868 1515", "0871—6200000", "(0812)6601234", "0832-6123 4567",
                                    "138-0000-2261", "1900 1234", "400-800-1234", "12345", "０８３１－２２６０１１７", "6218 3300", "6257-1102"])
def test_a_phone_number_written_out_says_where_to_ask(number):
    points, evidence = judge("en", {"contact": ["hotline"]}, f"The rice was sealed. Questions: ward office, {number}.")
    assert points == 1.0, evidence


@pytest.mark.parametrize("text", ["14 gia đình đã nộp 35.000.000 đồng, 10 000 000 đồng cả lớp, mỗi cháu 1.650.000 đồng.",
                                  "Tài khoản 1903 4567 8901 của trưởng ban; CCCD 001203012345; lô 15042024.",
                                  "Không chuyển tiền vào tài khoản 0601 2345 6789; mã giao dịch 012345678901.",
                                  "Ngày 16/9/2024, lúc 10.30 - 11.45; 12000 lượt xem; năm học 2024-2025.",
                                  "Từ năm 2019 2020 đến nay; niên khóa 2023 – 2024.",
                                  "Video có 5000-6000 lượt chia sẻ; biên lai 2401-2432."])
def test_amounts_dates_and_account_numbers_are_no_phone_number(text):
    assert judge("vi", {"contact": ["đường dây nóng"]}, "Bảng kê là bản dự thảo. " + text)[0] == 0.0


def test_what_nobody_has_heard_of_is_what_is_known_so_far():
    """"We know of no pupil taken to hospital" before the hospital has answered observes; it does
    not claim the finding still to come. A hedge of that kind after a claim leaves the claim said."""
    reading = Reading("We know of no pupil taken to hospital.", lexicon("en"))
    assert reading.bounded(reading.hits("no pupil")[0])
    assert stances("en", "No pupil is in hospital and the school is not aware of any other case.", "no pupil") == [STATED]
    # "as far as our records show" bounds it too, in each language's words
    for language, text, term in (("en", "No pupil has been sent to hospital, as far as our office records show.", "no pupil"),
                                 ("zh", "据我们所知，没有学生住院。", "没有学生住院"),
                                 ("vi", "Theo những gì chúng tôi biết, không có học sinh nào bị chuyển chỗ.", "không có học sinh")):
        reading = Reading(text, lexicon(language))
        assert reading.bounded(reading.hits(term)[0]), text
    for text in ("No pupil has been sent to hospital.", "As far as the canteen is concerned, no pupil has been made ill."):
        reading = Reading(text, lexicon("en"))
        assert not reading.bounded(reading.hits("no pupil")[0]), text


def test_the_second_thing_a_post_says_is_retold_too():
    """"posts saying that ... and that pupils were hospitalised": the same report goes on."""
    reading = Reading("We note concern about posts saying that the canteen served mouldy rice and that pupils were hospitalised.", lexicon("en"))
    assert reading.retold(reading.hits("were hospitali")[0])
    reading = Reading("The canteen served mouldy rice and that pupils were hospitalised.", lexicon("en"))
    assert not reading.retold(reading.hits("were hospitali")[0])
    # the team's own "confirm that ... and that ..." is no report, whatever posts it has seen
    reading = Reading("We have seen the posts saying the rice was mouldy and we can confirm that the rice was sealed "
                      "and that two pupils were hospitalised.", lexicon("en"))
    assert not reading.retold(reading.hits("were hospitali")[0])


def test_a_video_that_now_says_something_is_retold():
    reading = Reading("A short video now says pupils were taken to hospital.", lexicon("en"))
    assert reading.retold(reading.hits("pupils were taken to hospital")[0])
    reading = Reading("We can now say that pupils were taken to hospital.", lexicon("en"))
    assert not reading.retold(reading.hits("pupils were taken to hospital")[0])


def test_an_internal_text_that_asserts_what_the_facts_contradict_has_said_something_wrong():
    internal = [{"id": "on-time", "title": "On time", "weight": 1, "check": {"on_time": {"grace": 1800}}},
                {"id": "claims", "title": "No false claims", "weight": 1, "check": {"no_false_claims": True}}]
    wrong = score("Several pupils were hospitalised; this is especially serious.", internal)
    assert [c.points for c in wrong.criteria] == [1.0, 0.0]  # on time, and wrong: an assessment, not nothing
    public = [{"id": "facts", "title": "Facts", "weight": 1, "check": {"facts": ["sealed"]}}, *internal]
    said = score("Several pupils were hospitalised; this is especially serious.", public)
    assert [c.points for c in said.criteria] == [0.0, 0.0, 0.0]  # to the public, a falsehood answers nothing


def test_an_expert_who_overrides_a_gate_lifts_it_and_an_empty_text_trips_none():
    text = "The rice was sealed on Monday. The retained samples passed. Several pupils were hospitalised."
    lifted = score(text, reviews=[ExpertReview("press", "t", "claims", 1.0, "a quote, not a claim")])
    assert lifted.gates == () and lifted.score == 100.0
    empty = score("We take this very seriously.")
    assert empty.gates == () and empty.score == 0.0


def test_cap_below_holds_the_gate_for_a_criterion_that_earns_too_little_not_only_nothing():
    short = [*GATED[:1], {"id": "length", "title": "Length", "weight": 1, "cap": 35, "cap_below": 0.5, "check": {"length": {"min": 200}}}]
    text = "The rice was sealed on Monday. The retained samples passed the test."  # 68 characters: a third of the minimum
    held = score(text, criteria=short)
    assert [g.criterion for g in held.gates] == ["length"] and held.uncapped > 80
    assert held.score == pytest.approx(35 * held.uncapped / 100)
    assert score(text * 2, criteria=short).gates == ()  # 137 characters: over half the minimum, no gate
    plain = [*GATED[:1], {**short[1], "cap_below": None}]
    assert score(text, criteria=plain).gates == ()  # without cap_below a cap holds only when the criterion earns nothing
    with pytest.raises(ValueError, match="cap_below needs a cap"):
        exercise("en", [{"id": "c", "title": "C", "cap_below": 0.5, "check": {"no_blame": True}}])


def test_gated_texts_keep_their_order_within_the_bottom_band_and_a_higher_cap_simply_holds():
    worse = score("Several pupils were hospitalised.")
    better = score("The rice was sealed on Monday. The retained samples passed. Several pupils were hospitalised.")
    assert worse.rating == better.rating == "U" and worse.gate.criterion == better.gate.criterion == "claims"
    assert worse.score < better.score < 39.9
    mild = [*GATED[:1], {"id": "claims", "title": "No false claims", "weight": 1, "cap": 60, "check": {"no_false_claims": True}}]
    held = score("The rice was sealed on Monday. The retained samples passed. Several pupils were hospitalised.", criteria=mild)
    assert held.score == 60.0 and held.gate.ceiling == 60.0  # a ceiling above the bottom band is the ceiling


LATE = {"id": "on-time", "title": "On time", "weight": 1, "keep": 0.7, "cap_below": 0.9, "check": {"on_time": {"grace": "1h"}}}


def test_a_keep_gate_keeps_a_share_of_what_a_late_text_earned():
    late = [*GATED[:1], LATE]
    text = "The rice was sealed on Monday. The retained samples passed the test."
    assert score(text, criteria=late).score == 100.0
    assert score(text, criteria=late, at=DUE + 300).gates == ()  # five minutes late: within a tenth of the grace
    held = score(text, criteria=late, at=DUE + 1800)  # half an hour late
    assert [g.criterion for g in held.gates] == ["on-time"] and held.uncapped == pytest.approx(90)
    assert held.score == pytest.approx(0.7 * 90) and held.rating == "M"
    assert held.gate.to_json()["keep"] == 0.7 and held.capped_by.startswith("held at 63 by “On time” (70% of 90): submitted 30m after")
    assert held.improvements[0].startswith("On time (scales the score down): submitted 30m after")
    thin = score("The rice was sealed on Monday.", criteria=late, at=DUE + 1800)
    assert thin.score < held.score  # late texts keep their order
    with pytest.raises(ValueError, match="either caps or scales"):
        exercise("en", [{"id": "c", "title": "C", "cap": 20, "keep": 0.5, "check": {"no_blame": True}}])


def test_a_late_and_false_text_is_capped_then_kept_in_share():
    both = [*GATED, LATE]
    text = "The rice was sealed on Monday. The retained samples passed. Several pupils were hospitalised."
    on_time, late = score(text, criteria=both), score(text, criteria=both, at=DUE + 1800)
    assert [g.criterion for g in late.holding] == ["claims", "on-time"]
    capped = next(g for g in late.gates if g.criterion == "claims").ceiling
    assert late.score == pytest.approx(capped * 0.7) and late.score < on_time.score
    assert late.capped_by.startswith("capped at") and "; held at" in late.capped_by
    assert [line.split(" (")[0] for line in late.improvements[:2]] == ["No false claims", "On time"]


def test_a_cap_names_a_band_of_the_rubrics_scale():
    with pytest.raises(ValueError, match="caps at band 'X'"):
        exercise("en", [{"id": "c", "title": "C", "cap": "X", "check": {"no_blame": True}}])
    with pytest.raises(ValueError, match="a cap is a band id or a score"):
        exercise("en", [{"id": "c", "title": "C", "cap": 120, "check": {"no_blame": True}}])


def test_a_task_not_yet_due_is_not_scored_zero():
    waiting = score("", now=DUE - 60)
    assert (waiting.score, waiting.rating, waiting.due) == (None, None, False)
    assert {c.evidence for c in waiting.criteria} == {"not due yet"} and waiting.improvements == []
    missed = score("", now=DUE + 60)
    assert (missed.score, missed.rating, missed.due) == (0.0, "U", True)


# --- validation advice ---------------------------------------------------------------------------

def test_validate_warns_about_a_fact_its_keywords_cannot_find_in_its_own_text(tmp_path):
    scenario = Path(__file__).parent / "data" / "mini.yaml"
    text = scenario.read_text(encoding="utf-8").replace("keywords: [sealed, never served]", "keywords: [quarantined]")
    (tmp_path / "mini.yaml").write_text(text, encoding="utf-8")
    for rubric in ("rubric.yaml", "statement-rubric.yaml"):
        (tmp_path / rubric).write_text((scenario.parent / rubric).read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "drill", "validate", str(tmp_path / "mini.yaml")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ": warning: fact 'sealed': none of its keywords or phrasings is found in its own text" in result.stdout
    fixed = text.replace("keywords: [quarantined]", "keywords: [quarantined]\n    phrasings: [sealed batch]")
    (tmp_path / "mini.yaml").write_text(fixed, encoding="utf-8")
    again = subprocess.run([sys.executable, "-m", "drill", "validate", str(tmp_path / "mini.yaml")], capture_output=True, text=True)
    assert again.returncode == 0 and "warning" not in again.stdout


def test_drill_score_says_which_gate_capped_a_task(tmp_path):
    data = Path(__file__).parent / "data"
    responses = (data / "mini-responses.yaml").read_text(encoding="utf-8").replace(
        "The rice in the photo was a sealed batch, never served.", "The rice in the photo was a sealed batch, never served. It was served to pupils.")
    for name in ("mini.yaml", "rubric.yaml", "statement-rubric.yaml"):
        text = (data / name).read_text(encoding="utf-8")
        if name.endswith("rubric.yaml"):
            text = text.replace("    title: No false claims\n", "    title: No false claims\n    cap: U\n")
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "r.yaml").write_text(responses, encoding="utf-8")
    run = lambda *args: subprocess.run([sys.executable, "-m", "drill", *args], capture_output=True, text=True)  # noqa: E731
    made = run("simulate", str(tmp_path / "mini.yaml"), "--responses", str(tmp_path / "r.yaml"), "--session", str(tmp_path / "s.drill"))
    assert made.returncode == 0, made.stderr
    plain = run("score", str(tmp_path / "s.drill")).stdout
    assert "capped at 31.9 by “No false claims”" in plain
    tasks = [t for team in json.loads(run("score", str(tmp_path / "s.drill"), "--json").stdout)["teams"] for t in team["tasks"]]
    assert [t["gates"][0]["criterion"] for t in tasks if t["gates"]] == ["truthful"] and tasks[1]["rating"] == "U"
    # the review sheet says it under the task's title, before the text and the criteria
    assert run("report", str(tmp_path / "s.drill"), "--out", str(tmp_path / "r"), "--no-pdf").returncode == 0
    md = (tmp_path / "r" / "report.md").read_text(encoding="utf-8")
    sheet = md[md.index("### Public statement"):]
    assert sheet.index("**capped at 31.9 by “No false claims”") < sheet.index("It was served to pupils.")


async def test_the_review_screen_says_at_once_which_gate_capped_a_task(tmp_path):
    pytest.importorskip("textual")
    from drill.engine import Clock
    from drill.formats import Loader
    from drill.sessions import create
    from drill.tui.app import DrillApp
    from drill.tui.review import ReviewScreen

    data = Path(__file__).parent / "data"
    for name in ("mini.yaml", "rubric.yaml", "statement-rubric.yaml"):
        text = (data / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text.replace("    title: No false claims\n", "    title: No false claims\n    cap: U\n"), encoding="utf-8")
    exercise = Loader().load_exercise(tmp_path / "mini.yaml")
    session = create(exercise, tmp_path / "d.drill", Clock(exercise.scenario.clock.speed, real=lambda: 1000.0))
    app = DrillApp(session)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("s")
        session.submit("press", "assess", "The rice in the photo was a sealed batch. It was served to pupils.", {"grade": "major"})
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        head = app.screen.query_one("#review-head").content.plain
        assert "capped at 31.9 by “No false claims”" in head and "It was served to pupils" in head


def test_a_hedge_in_a_clause_of_its_own_hedges_only_that_clause():
    """"until the supplier could collect them" hedges the collection, not the sealing before it; a
    hedge after an "and" still hedges the subject the two share."""
    reading = Reading('The clerk sealed them with a "to be returned" label and kept them in the storeroom until the supplier '
                      'could collect them.', lexicon("en"))
    assert [hit.stance for hit in reading.hits("sealed")] == [STATED]
    reading = Reading("Hostile forces and opportunist elements may take advantage of the matter.", lexicon("en"))
    assert [hit.stance for hit in reading.hits("hostile forces", ORDERED)] == [HEDGED]


def test_a_claim_with_an_abbreviation_is_read_in_its_clause():
    """"No. 3" ends no sentence, so "video was filmed at no. 3" is looked for clause by clause, where
    "whether" before it asks."""
    reading = Reading("Still open: whether the video was filmed at No. 3 Primary; where the footage comes from.", lexicon("en"))
    assert [hit.stance for hit in reading.hits("video was filmed at no. 3", TENSE)] == [HEDGED]


@pytest.mark.parametrize(("text", "lang", "term", "stance"), [
    # a list under "Do not:" denies its items; one under "Do not worry:" goes on to say them
    ("Do not: call the parent a rumour-monger; promise a new supplier.", "en", "rumour-monger", NEGATED),
    ("Do not worry: the mouldy rice was cooked for lunch on one day only.", "en", "rice was cooked", STATED),
    ("不要回避：确有学生食用了发霉大米。", "zh-CN", "学生食用了发霉大米", STATED),
    # a hedge after a claim in a clause of its own hedges a short label only
    ("丰禾粮油已被暂停供货，正在核查。", "zh-CN", "暂停供货", STATED),
])
def test_a_prohibition_alone_heads_a_list_of_what_not_to_say(text, lang, term, stance):
    reading = Reading(text, lexicon(lang))
    assert [hit.stance for hit in reading.hits(term, TENSE)] == [stance]


@pytest.mark.parametrize(("text", "term", "case"), [
    ("如省级以上媒体介入或核实确有学生中毒，立即升级响应。", "确有学生中毒", True),
    ("如核实确有学生中毒住院，立即启动应急预案。", "确有学生中毒", True),
    ("如实公布快检数据，说明在用大米1份不合格已停用。", "不合格已停用", False),
])
def test_a_chinese_case_opens_with_its_condition(text, term, case):
    reading = Reading(text, lexicon("zh-CN"))
    assert [reading.conditional(hit) for hit in reading.hits(term, TENSE)] == [case]


@pytest.mark.parametrize(("text", "term", "lang"), [
    ("Bình luận đòi cách chức hiệu trưởng ngay.", "cách chức", "vi"),
    ("部分评论要求对校长停职检查、更换供应商。", "停职检查", "zh-CN"),
])
def test_what_the_public_demands_is_retold(text, term, lang):
    reading = Reading(text, lexicon(lang))
    hits = reading.hits(term, TENSE)
    assert hits and all(reading.retold(hit) for hit in hits)


@pytest.mark.parametrize(("text", "lang", "term", "stance"), [
    # the items after "do not announce" are withheld too, up to the "or" ...
    ("Do not announce penalties, suspensions of staff or free health checks.", "en", "free health check", NEGATED),
    ("不要宣布处罚、停职或免费体检。", "zh-CN", "免费体检", NEGATED),
    ("Không công bố kỷ luật, cách chức hoặc xử phạt.", "vi", "cách chức", NEGATED),
    # ... not a clause with a verb of its own, nor what follows "avoid" or "do not worry"
    ("Do not mention names, the two sacks were sealed, not cooked or served.", "en", "sealed", STATED),
    ("Avoid delays, publish the statement today, hold a briefing or Q&A.", "en", "hold a briefing", STATED),
    ("不用担心，霉米已封存，未下锅或食用。", "zh-CN", "已封存", STATED),
    # a list's label that says its items are still open hedges them; "remains open" of a place does not
    ("Still open: the full lab tests; how staff will be dealt with.", "en", "staff will be dealt with", HEDGED),
    ("Canteen remains open: the two sacks were sealed and never served.", "en", "sealed", STATED),
    ("家长接待定于东门：问题大米已封存、未供学生食用。", "zh-CN", "已封存", STATED),
    # "is inconsistent with the facts" rejects; a modifier of other words rejects nothing
    ("The video of pupils being taken to hospital is inconsistent with the facts.", "en", "taken to hospital", REJECTED),
    ("Free health checks will be offered to all pupils, and any reports that do not match the facts will be corrected.",
     "en", "free health check", STATED),
    # a "not" in a relative clause among the term's words is that clause's: the move is claimed
    ("We must admit that a couple of children who had not paid were moved to the back rows.", "en",
     "children were moved to the back", STATED),
    ("No child who had not paid was moved to the back.", "en", "a child was moved to the back", NEGATED),
    ("Pupils who were unwell have never been admitted to hospital.", "en", "admitted to hospital", NEGATED),
    # a next clause that points back at the clause is its verdict; news of its own after a denial is not
    ("Pupils were taken to hospital after lunch, and this is completely untrue.", "en", "taken to hospital", REJECTED),
    ("学生吃了发霉大米后无法上课，网传这一说法与事实不符。", "zh-CN", "学生吃了发霉", REJECTED),
    ("Học sinh bị xếp ngồi cuối lớp vì chưa đóng tiền, tin đồn này không đúng sự thật.", "vi", "xếp ngồi cuối lớp", REJECTED),
    ("No pupil has been hospitalised, claims that several were admitted are untrue.", "en", "no pupil has been", STATED),
    ("经与区人民医院核实，没有三小学生因饮食问题就诊或住院，网传“多名学生送医”不实。", "zh-CN", "没有学生住院", STATED),
    # "whether" after "according to" asks nothing of what was done; of what is to be done it is a condition
    ("No child has been seated according to whether the family paid.", "en", "no child has been", STATED),
    ("The supplier is suspended depending on whether the lab confirms the mould.", "en", "supplier is suspended", HEDGED),
    # "regardless of whether" (不论) leaves the clause before it said
    ("学校已决定更换供应商而不论检测合格与否。", "zh-CN", "更换供应商", STATED),
])
def test_lists_withheld_or_left_open_and_rejections_in_new_words(text, lang, term, stance):
    reading = Reading(text, lexicon(lang))
    hits = reading.hits(term, TENSE)
    assert [hit.stance for hit in hits] == [stance]


@pytest.mark.parametrize(("text", "lang", "term", "left_open"), [
    ("Suspensions or free health checks: none has been decided.", "en", "free health check", True),
    ("免费体检、停职：均未决定。", "zh-CN", "免费体检", True),
    ("Đình chỉ công tác, kỷ luật: đều chưa quyết định.", "vi", "đình chỉ công tác", True),
    ("Free health check: date not yet decided.", "en", "free health check", False),
    ("Supplier is suspended: no decision yet on a fine.", "en", "supplier is suspended", False),
])
def test_a_measure_labelling_a_list_that_says_nothing_was_decided_is_left_open(text, lang, term, left_open):
    reading = Reading(text, lexicon(lang))
    assert [reading.left_open(hit) for hit in reading.hits(term, TENSE)] == [left_open]


@pytest.mark.parametrize(("lang", "text", "term", "found"), [
    # a term with a full-width comma is looked for across the comma, as the text has it
    ("zh-CN", "市场监管部门抽取的7份样品，快检全部合格。", "样品，快检全部合格", True),
    ("zh-CN", "市场监管部门抽取的7份样品快检全部合格。", "样品，快检全部合格", False),
    # a comma inside a number is no break: 1,650,000 is one clause's word
    ("vi", "Các khoản thu chính thức là 1,650,000 đồng.", "1,650,000 đồng", True),
])
def test_a_term_holding_a_comma_is_looked_for_across_clauses(lang, text, term, found):
    assert bool(Reading(text, lexicon(lang)).hits(term)) is found
