"""Snapshots of the main screens, at 80x24 and at 160x45, in English and in Chinese.

The drill is played to a fixed moment on a clock that never moves by itself, and
no wall time appears on screen, so each picture is the same on every run. After a
deliberate change of the screens, look at the report and accept the new pictures
with `pytest tests/test_tui_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import pytest

pytest.importorskip("pytest_textual_snapshot")

from drill.engine import Clock  # noqa: E402
from drill.formats import Loader  # noqa: E402
from drill.formats.library import bundled  # noqa: E402
from drill.sessions import create  # noqa: E402
from drill.tui.app import DrillApp  # noqa: E402
from textual.widgets import TextArea  # noqa: E402

SCENARIOS = {"en": "school-food-rumour-en.yaml", "zh-CN": "school-food-rumour.yaml"}
ANSWERS = {
    "en": "Grade: major. First posted on a microblog at 06:40; spreading in parents' chat groups. "
          "The photographed rice is a sealed batch that was never served (to be confirmed).",
    "zh-CN": "经研判，本次舆情为重大或较大网络舆情。首发来源为微博，主要传播渠道为家长微信群和短视频平台。"
             "照片中的大米为已封存待退货的批次，未供学生食用（待核实）。",
}
DRAFTS = {
    "en": "Report to the city government and the propaganda department at once.\nNext: check the canteen.",
    "zh-CN": "立即向市政府分管领导和市委宣传部报告。\n下一步：核查食堂情况，安排家长接待。",
}


def submitted(tmp_path, language: str):
    """The bundled drill, 45 in-world minutes in on a clock that never moves by itself: injects
    received and the propaganda department's assessment submitted (the clock left running)."""
    exercise = Loader().load_exercise(bundled("scenarios") / SCENARIOS[language])
    real = [0.0]
    session = create(exercise, tmp_path / "snap.drill", Clock(exercise.scenario.clock.speed, real=lambda: real[0]))
    session.start()
    real[0] = 45 * 60 / session.clock.speed
    session.tick()
    grade = exercise.scenario.tasks[0].fields[0]
    session.submit("propaganda", "assess", ANSWERS[language], {grade.id: grade.choices[1]})
    return session


def played(tmp_path, language: str) -> DrillApp:
    """The same, with another team's assessment drafted."""
    session = submitted(tmp_path, language)
    session.save_draft("education", "assess", DRAFTS[language], {})
    session.pause()
    return DrillApp(session, language=language, live=False)


REPLIES = {
    "en": "Dear parents, we understand your worry. The two bags in the photo were found damp and mouldy on delivery "
          "on 15 April, sealed for return, never cooked and never served to pupils. So far no pupil has been treated for "
          "food poisoning; the district hospital is checking the three pupils off sick. The rice in use is being tested; the joint working group will "
          "publish the results around noon. Parents' representatives are welcome to see the storeroom. "
          "Enquiries: 0871-6123456.",
    "zh-CN": "各位家长：我们理解大家的心情。经核实：照片中的2袋大米是4月15日验收时发现受潮霉变的，已封存待退货，"
             "未进入加工环节，未供学生食用。截至目前，没有学生因食物中毒就诊，区人民医院正在核实请假学生的情况。"
             "市场监管局已对在用大米和留样抽样检测，结果将于今天中午前后由联合工作组统一公布。欢迎家长代表查看仓库。"
             "咨询电话：0871-6123456。",
}


def played_later(tmp_path, language: str) -> DrillApp:
    """The bundled drill at 09:40: the post, the local news and the provincial repost are out,
    and the education bureau answered the parents at the gate at 09:05."""
    exercise = Loader().load_exercise(bundled("scenarios") / SCENARIOS[language])
    real = [0.0]
    session = create(exercise, tmp_path / "feed.drill", Clock(exercise.scenario.clock.speed, real=lambda: real[0]))
    session.start()
    real[0] = 125 * 60 / session.clock.speed
    session.tick()
    session.submit("education", "reply-parents", REPLIES[language], {})
    real[0] = 160 * 60 / session.clock.speed
    session.tick()
    session.pause()
    return DrillApp(session, language=language, live=False)


NOTICES = {
    "en": "Deadline passed for Assess and grade the incident: Municipal Education Bureau did not submit.",
    "zh-CN": "“舆情研判与定级”已过截止时间：市教育局未提交。请输入等级，或 0 到 1 之间的比例。",
    "vi": "Đã quá hạn “Đánh giá, phân loại”: Phường Hòa Cường Bắc chưa nộp.",
}


KEPT = {   # what a team's computer kept when its terminal died, beyond what the drill holds
    "en": DRAFTS["en"] + " Meet the parents at the gate at 09:00; the head teacher answers questions.",
    "zh-CN": DRAFTS["zh-CN"] + "九点在校门口接待家长，由校长当面答复。",
    "vi": "Báo cáo ngay Chủ tịch UBND quận và Thường trực Quận ủy.\nViệc đầu tiên: làm việc với nhà trường, "
          "cử cán bộ ra cổng trường; 9 giờ gặp phụ huynh.",
}


def show(screen: str, language: str = "en", team: str = "education"):
    async def run_before(pilot) -> None:
        app = pilot.app
        if screen in ("team", "feed", "editor", "submit", "kept"):
            app.show_team(team)
        if screen == "feed":
            await pilot.pause()
            await pilot.press("f8")
        elif screen in ("editor", "submit", "kept"):
            await pilot.pause()
            await pilot.press("f6", "enter")
            await pilot.pause()
            for area in app.screen.query(TextArea):
                area.cursor_blink = False  # on a loaded machine the picture must not catch the cursor mid-blink
            if screen == "submit":   # a short draft: the dialog warns, and submitting stays possible
                await pilot.press("ctrl+g")
            elif screen == "kept":
                from drill.tui.rejoin import KeptOrStored
                editor = app.screen.query_one(f"#task-{app.screen.current_task}")
                app.push_screen(KeptOrStored(app.t, editor.task_view.title, KEPT[language], editor.current()[0]))
        elif screen == "review":
            app.action_review()
        elif screen == "fire":
            await pilot.press("f")
        await pilot.pause()
        if hasattr(app.screen, "refresh_live"):
            app.screen.refresh_live()
        app.clear_notifications()
        if screen == "editor":  # a notice in its band, under the framed draft, over nothing
            app.notify(NOTICES[language], title=app.t("notice.alert"), severity="error", timeout=600)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("language", ["en", "zh-CN"])
@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
@pytest.mark.parametrize("screen", ["console", "team", "review", "editor", "fire", "submit", "kept"])
def test_main_screens(snap_compare, tmp_path, screen, size, language):
    """The console, a team's workspace (its brief; its draft being written, with a notice, the
    prompt whole above it), the review screen (with its key to the ratings), the fire dialog
    (held injects first, with their recipients), the submit dialog warning of a short text,
    and the dialog offering back typing a team's computer kept."""
    assert snap_compare(played(tmp_path, language), terminal_size=size, run_before=show(screen, language))


@pytest.mark.parametrize("language", ["en", "zh-CN"])
@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_public_feed(snap_compare, tmp_path, size, language):
    """The education bureau's public feed (F8): its heat curve with its reply marked, then a
    provincial repost, a local news article and the first post, with their counts."""
    assert snap_compare(played_later(tmp_path, language), terminal_size=size, run_before=show("feed"))


VI_ANSWER = ("Mức độ: nghiêm trọng. Nguồn tin đầu tiên là bài đăng Facebook lúc 6:30 của một phụ huynh lớp 3A, "
             "đã lan sang các nhóm Zalo. Bảng kê có phải của nhà trường hay không: chưa xác minh.")
VI_DRAFT = "Báo cáo ngay Chủ tịch UBND quận và Thường trực Quận ủy.\nViệc đầu tiên: làm việc với nhà trường, cử cán bộ ra cổng trường."


def played_vi(tmp_path) -> DrillApp:
    """The Vietnamese drill, 45 in-world minutes in: the propaganda section has assessed, the ward drafts."""
    exercise = Loader().load_exercise(bundled("scenarios") / "district-hot-spot.yaml")
    real = [0.0]
    session = create(exercise, tmp_path / "vi.drill", Clock(exercise.scenario.clock.speed, real=lambda: real[0]))
    session.start()
    real[0] = 45 * 60 / session.clock.speed
    session.tick()
    session.submit("propaganda", "assess", VI_ANSWER, {"grade": "Nghiêm trọng"})
    session.save_draft("ward", "assess", VI_DRAFT, {})
    session.pause()
    return DrillApp(session, live=False)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
@pytest.mark.parametrize("screen", ["console", "team", "editor", "review", "submit", "kept"])
def test_vietnamese_screens(snap_compare, tmp_path, screen, size):
    """The console, the ward's workspace, its draft, the review screen and the team's dialogs in
    Vietnamese, chosen by the scenario's language."""
    async def run_before(pilot) -> None:
        app = pilot.app
        if screen == "team":
            app.show_team("ward")
            await pilot.pause()
        elif screen != "console":
            await show(screen, "vi", team="ward")(pilot)
        await pilot.pause()
        if hasattr(app.screen, "refresh_live"):
            app.screen.refresh_live()
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(played_vi(tmp_path), terminal_size=size, run_before=run_before)
def before_start(tmp_path, language: str) -> DrillApp:
    """The bundled drill before the facilitator has started the clock."""
    exercise = Loader().load_exercise(bundled("scenarios") / SCENARIOS[language])
    session = create(exercise, tmp_path / "new.drill", Clock(exercise.scenario.clock.speed, real=lambda: 0.0))
    session.tick()   # what is due at 07:00 is out, as `drill run` shows it before the start
    return DrillApp(session, language=language, live=False)


def at_team(then: tuple[str, ...] = ()):
    async def run_before(pilot) -> None:
        pilot.app.show_team("propaganda")
        await pilot.pause()
        await pilot.press(*then)
        await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_a_team_opens_on_its_brief_before_the_clock_starts(snap_compare, tmp_path, language):
    """Its brief, reflowed into paragraphs, with "Enter: open your task …" at the top and in the footer."""
    assert snap_compare(before_start(tmp_path, language), terminal_size=(80, 24), run_before=at_team())


@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_an_inject_body_reads_as_paragraphs(snap_compare, tmp_path, language):
    """The first post, opened from the list (F5, Enter): its body in paragraphs, no closing mark
    beginning a line."""
    assert snap_compare(before_start(tmp_path, language), terminal_size=(80, 24), run_before=at_team(("f5", "enter")))


ROOM_LANGUAGES = {"en": "school-food-rumour-en.yaml", "zh-CN": "school-food-rumour.yaml", "vi": "district-hot-spot.yaml"}


def room(tmp_path, language: str) -> DrillApp:
    """The console under `drill serve` before the clock starts, with fixed codes: one team at a
    terminal, one in a browser, one that joined and dropped, the rest not joined; one expert here."""
    from datetime import datetime

    from drill.net.presence import Presence

    exercise = Loader().load_exercise(bundled("scenarios") / ROOM_LANGUAGES[language])
    session = create(exercise, tmp_path / "room.drill", Clock(exercise.scenario.clock.speed, real=lambda: 0.0))
    teams = [team.id for team in exercise.scenario.teams]
    codes = dict(zip(teams, ("7KXM3Q", "CE9CFJ", "HR4WPD", "MN6TAE", "QX3RJK")))
    experts = {"李教授": "WY7HDT", "Dr. Trần": "PK4GNA"}
    presence = Presence(teams, list(experts), session.now, wall=lambda: datetime(2026, 12, 5, 14, 32))   # a fixed wall clock
    presence.joined("a", "team", teams[0], "terminal")
    presence.joined("b", "team", teams[1], "browser")
    presence.joined("c", "team", teams[2], "terminal")
    presence.left("c")
    presence.joined("d", "expert", "李教授", "terminal")
    app = DrillApp(session, language=language, live=False)

    async def run_before(pilot) -> None:
        pilot.app.screen.show_join("ws://192.168.1.20:8765", codes, "http://192.168.1.20:8000/", experts, presence)
        await pilot.pause()
        pilot.app.screen.refresh_live()
        pilot.app.clear_notifications()
        await pilot.pause()

    return app, run_before


@pytest.mark.parametrize("language", ["en", "zh-CN", "vi"])
@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_console_shows_who_is_here(snap_compare, tmp_path, size, language):
    """Under `drill serve`: each seat with its code, connected (terminal or browser), dropped
    since when, or not joined."""
    app, run_before = room(tmp_path, language)
    assert snap_compare(app, terminal_size=size, run_before=run_before)
