"""The `drill` command.

Subcommands import what they need when they run, so that `drill validate`
starts fast and never loads the terminal UI or the report templates.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

RUBRICS_OPTION = click.option(
    "--rubrics", "rubric_dirs", multiple=True, type=click.Path(file_okay=False, path_type=Path),
    help="A folder of rubric files to search before the bundled library (repeatable).",
)
LANG_OPTION = click.option(
    "--lang", "language", type=click.Choice(["en", "zh-CN", "vi"]), default=None,
    help="Interface language: en, zh-CN or vi (default: the scenario's language).",
)


class UserError(click.ClickException):
    """An error the user can fix; printed without a traceback."""

    exit_code = 1


def _fail_on_format(error: Exception) -> None:
    from .formats import FormatError

    if isinstance(error, FormatError):
        for problem in error.problems:
            click.echo(str(problem), err=True)
        raise SystemExit(1)
    if isinstance(error, OSError):
        click.echo(f"error: {getattr(error, 'filename', '') or ''}: {error.strerror or error}", err=True)
        raise SystemExit(2)
    raise error


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="drill")
def cli() -> None:
    """drill: run tabletop drills on online public-opinion incidents."""


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@RUBRICS_OPTION
def validate(files: tuple[Path, ...], rubric_dirs: tuple[Path, ...]) -> None:
    """Check scenario, rubric and response files, with every cross-reference.

    FILE may also be the id of a bundled scenario. Prints each problem as
    FILE:LINE:COL: error: MESSAGE, and advice as FILE:LINE:COL: warning: MESSAGE
    (a fact whose keywords do not find it in its own text). Exit 0 when all are
    valid (warnings or not), 1 when any is invalid, 2 when a file cannot be read.
    """
    from .formats import validate_paths
    from .formats.library import scenario_path
    from .scoring.phrasings import narrow_facts

    paths, missing = [], []
    for name in files:
        try:
            paths.append(scenario_path(str(name)))
        except FileNotFoundError as error:
            missing.append(f"{name}: error: cannot read the file: {error.strerror}")
    found, unreadable = validate_paths(paths, rubric_dirs, narrow_facts)
    unreadable = missing + unreadable
    for line in unreadable:
        click.echo(line, err=True)
    for problem in found:
        click.echo(str(problem))
    if unreadable:
        raise SystemExit(2)
    problems = [problem for problem in found if problem.severity == "error"]
    if problems:
        click.echo(f"{len(problems)} problem(s) found.", err=True)
        raise SystemExit(1)
    click.echo(f"{len(paths)} file(s) valid.", err=True)


@cli.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("docs/schema"), show_default=True)
def schema(out: Path) -> None:
    """Write JSON Schema files for the scenario, rubric and responses formats."""
    from .formats.schema import write_schemas

    for path in write_schemas(out):
        click.echo(str(path))


@cli.command()
@click.argument("scenario")
@RUBRICS_OPTION
@LANG_OPTION
def outline(scenario: str, rubric_dirs: tuple[Path, ...], language: str | None) -> None:
    """Print a scenario's outline: teams, the inject schedule and the tasks."""
    from .formats import Loader
    from .formats.library import scenario_path
    from .i18n import Catalog
    from .outline import outline_text

    try:
        exercise = Loader(rubric_dirs).load_exercise(scenario_path(scenario))
    except Exception as error:  # noqa: BLE001 - turned into a user message
        _fail_on_format(error)
    click.echo(outline_text(exercise.scenario, Catalog(language or exercise.scenario.language)))


@cli.command()
@click.argument("scenario")
@click.option("--responses", "responses_file", required=True, type=click.Path(dir_okay=False, path_type=Path), help="Scripted responses and reviews (format: drill/responses@1).")
@click.option("--session", "session_path", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The session file to write (must not exist).")
@RUBRICS_OPTION
def simulate(scenario: str, responses_file: Path, session_path: Path, rubric_dirs: tuple[Path, ...]) -> None:
    """Run the drill headless, as fast as it goes, with scripted responses and reviews."""
    from .formats import Loader
    from .formats.library import scenario_path
    from .simulate import SimulationError, simulate as run

    loader = Loader(rubric_dirs)
    try:
        exercise = loader.load_exercise(scenario_path(scenario))
        responses = loader.load_responses(responses_file, exercise)
        session = run(exercise, responses, session_path)
    except SimulationError as error:
        raise UserError(f"{responses_file}: {error}") from None
    except Exception as error:  # noqa: BLE001 - turned into a user message
        _fail_on_session(error)
    state = session.state
    submitted = sum(1 for w in state.work.values() if w.submitted_at is not None)
    from .i18n import Catalog

    click.echo(Catalog(exercise.scenario.language)("cli.simulated", path=session_path, scenario=exercise.scenario.id, responses=responses_file,
                                                   events=state.seq, injects=len(state.fired), submissions=submitted, reviews=len(state.reviews)), err=True)


@cli.command()
@click.argument("session_path", metavar="SESSION", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line, in order.")
def log(session_path: Path, as_json: bool) -> None:
    """Print a session's events in order."""
    from .store import EventLog

    try:
        events = EventLog(session_path).events()
    except Exception as error:  # noqa: BLE001 - turned into a user message
        _fail_on_session(error)
    for event in events:
        if as_json:
            click.echo(event.to_json())
        else:
            details = " ".join(f"{k}={v}" for k, v in event.data.items() if k not in ("text", "body"))
            click.echo(f"{_clock_text(event.at):>9}  {event.type:<9} {details}")


AGAINST_OPTION = click.option(
    "--against", "against_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="An earlier run of the same scenario to set beside this one (\"the last group published the first statement at 10:40; you at 09:55\").",
)
ALLOW_HOST_OPTION = click.option(
    "--allow-host", "allow_hosts", multiple=True,
    help="A host name the web page may be opened under, beside this machine's addresses and localhost (repeatable).",
)


def _against(session_path: Path, against_path: Path | None, language: str | None):
    """This run and the earlier one, read for `--against`; an earlier run of another scenario is refused."""
    if against_path is None:
        return None
    from .compare import CompareError, read_runs

    try:
        earlier, this = read_runs([against_path, session_path], language)
    except CompareError as error:
        raise UserError(str(error)) from None
    return (this, earlier) if this.path == session_path else (earlier, this)


@cli.command()
@click.argument("session_path", metavar="SESSION", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="The scores as one JSON document.")
@click.option("--lang", "language", type=click.Choice(["en", "zh-CN", "vi"]), default=None,
              help="Language of the evidence and labels: en, zh-CN or vi (default: the scenario's).")
def score(session_path: Path, as_json: bool, language: str | None) -> None:
    """Score every team's submissions against the rubrics the session recorded."""
    import json

    from .i18n import Catalog
    from .scoring import score_session
    from .sessions import open_session

    try:
        session = open_session(session_path)
        scores = score_session(session, language)
    except Exception as error:  # noqa: BLE001 - turned into a user message
        _fail_on_session(error)
    if as_json:
        click.echo(json.dumps(scores.to_json(), ensure_ascii=False, indent=2))
        return
    t = Catalog(language or session.scenario.language)
    mark = t("format.decimal-mark")
    for team in scores.teams:
        total = "-" if team.total is None else f"{team.total:.1f}".replace(".", mark)
        click.echo(f"{team.name} ({team.team}): {total} {team.rating or ''}")
        for task in team.tasks:
            shown = t("score.pending") if task.score is None else f"{task.score:5.1f}".replace(".", mark) + f" {task.rating}"
            if task.submitted_at is not None:
                when = t("score.submitted-at", time=_clock_text(task.submitted_at))
            else:
                when = t("scoring.not-submitted") if task.due else t("scoring.not-due")
            click.echo(f"  {task.task:<20} {shown:<9} {when}")
            if task.capped_by:
                click.echo(f"    {task.capped_by}")


@cli.command()
@click.argument("files", metavar="FILE...", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="The figures and every pair as one JSON document.")
@click.option("--lang", "language", type=click.Choice(["en", "zh-CN", "vi"]), default=None,
              help="Language of the output and the evidence: en, zh-CN or vi (default: each scenario's).")
@click.option("--task", default=None, help="Only this task's examples.")
@RUBRICS_OPTION
def calibrate(files: tuple[str, ...], as_json: bool, language: str | None, task: str | None, rubric_dirs: tuple[Path, ...]) -> None:
    """Measure the automatic scorer against experts' scores: graded example files
    (format: drill/graded@1, or the name of a bundled set) or session files with expert
    reviews. Prints per task Spearman and Kendall correlation, mean difference, band
    agreement, the band confusion table and the worst disagreements with their evidence.
    Exit 1 when a file is invalid, 2 when one cannot be read."""
    import json

    from .calibrate import calibrate as measure, calibration_json, graded_path, render
    from .formats import FormatError, Loader
    from .i18n import Catalog
    from .store import SessionFileError

    loader, found, status = Loader(rubric_dirs), [], 0
    for name in files:
        try:
            result = measure(graded_path(name), loader, language, task)
        except FormatError as error:
            click.echo("\n".join(str(p) for p in error.problems), err=True)
            status = max(status, 1)
            continue
        except SessionFileError as error:  # it names the file
            click.echo(f"error: {error}", err=True)
            status = max(status, 1)
            continue
        except OSError as error:
            click.echo(f"{name}: error: cannot read the file: {error.strerror or error}", err=True)
            status = 2
            continue
        if task is not None and task not in result.titles:
            t = Catalog(language or "en")
            click.echo(t("calibrate.no-task", task=task, file=name, tasks=", ".join(result.titles)), err=True)
            status = max(status, 1)
            continue
        found.append(result)
    if as_json:
        click.echo(json.dumps({"files": [calibration_json(f) for f in found]}, ensure_ascii=False, indent=2))
    elif found:
        click.echo("\n\n".join(render(f, Catalog(language or f.language)) for f in found))
    if status:
        raise SystemExit(status)


def _real_duration(ctx, param, value: str) -> int:
    from .formats.duration import parse_duration

    try:
        return 0 if value.strip().lower() in ("off", "never") else parse_duration(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


ALERT_OPTIONS = (
    click.option("--idle-alert", "idle_alert", default="10m", show_default=True, callback=_real_duration, metavar="DURATION",
                 help="Real time with no key pressed at the console while the clock runs before a notice and a bell (0 or off: never)."),
    click.option("--auto-pause", is_flag=True, help="Also pause the clock at that notice, and whenever a deadline is missed."),
)


def alert_options(command):
    for option in reversed(ALERT_OPTIONS):
        command = option(command)
    return command


@cli.command()
@click.argument("scenario")
@click.option("--session", "session_path", type=click.Path(dir_okay=False, path_type=Path), help="Session file: resumed if it exists, else created (default: a new file in the user data folder).")
@LANG_OPTION
@RUBRICS_OPTION
@alert_options
def run(scenario: str, session_path: Path | None, language: str | None, rubric_dirs: tuple[Path, ...], idle_alert: int = 600, auto_pause: bool = False) -> None:
    """The whole drill in this terminal: facilitator console and every team's workspace."""
    session = _open_or_create(scenario, session_path, rubric_dirs)
    from .tui import run_drill

    from .i18n import Catalog

    try:
        code = run_drill(session, language, idle_alert, auto_pause)
    finally:
        path = session.sink.path
        click.echo(str(path))   # alone on stdout, for scripts; what it is for on stderr
        click.echo(Catalog(language or session.scenario.language)("cli.session-kept", scenario=scenario, path=path), err=True)
    if code:
        raise SystemExit(code)


@cli.command()
@click.argument("session_path", metavar="SESSION", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--team", help="Team id.")
@click.option("--task", help="Task id.")
@click.option("--criterion", help="Criterion id in the task's rubric.")
@click.option("--score", "value", type=float, help="A level (manual criterion) or an overriding fraction 0..1 (automatic).")
@click.option("--note", default="", help="The expert's note, shown on the review sheet.")
@click.option("--action", default=None, help="A corrective action for the improvement plan.")
@click.option("--owner", default=None, help="Who owns the corrective action.")
@click.option("--by", "by", default=None, help="The expert's name: each expert's word is kept, and the criterion scores their mean.")
@LANG_OPTION
def review(session_path: Path, team: str | None, task: str | None, criterion: str | None, value: float | None, note: str, action: str | None, owner: str | None, by: str | None, language: str | None) -> None:
    """Score submissions: with no --team/--task/--criterion/--score, open the review screen;
    with all four, record an expert's score for one criterion of a team's submission."""
    from .sessions import open_session

    given = {"--team": team, "--task": task, "--criterion": criterion, "--score": value}
    missing = [name for name, v in given.items() if v is None]
    if len(missing) not in (0, len(given)):
        raise click.UsageError(f"to record a score give --team, --task, --criterion and --score together (missing {', '.join(missing)}); give none of them to open the review screen")
    try:
        session = open_session(session_path, hold=True)
        if missing:
            from .tui import review_session

            code = review_session(session, language, by=by)
            if code:
                raise SystemExit(code)
            return
        session.review(team, task, criterion, value, note, action, owner, by)
    except Exception as error:  # noqa: BLE001 - turned into a user message
        _fail_on_session(error)
    click.echo(f"recorded: {team} / {task} / {criterion} = {value:g}" + (f" by {by}" if by else ""), err=True)


@cli.command()
@click.argument("session_path", metavar="SESSION", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--team", required=True, help="Team id.")
@click.option("--kind", required=True, type=click.Choice(["strength", "improvement"]), help="A strength, or an area for improvement.")
@click.option("--text", required=True, help="What happened.")
@click.option("--task", default=None, help="The task it is about (optional).")
@click.option("--inject", default=None, help="The inject it is about (optional).")
@click.option("--by", "by", default=None, help="Who observed it.")
def observe(session_path: Path, team: str, kind: str, text: str, task: str | None, inject: str | None, by: str | None) -> None:
    """Record an observation about a team, timestamped at the session's clock: it goes on
    the team's review sheet and the report's timeline."""
    from .sessions import open_session

    try:
        open_session(session_path).observe(team, kind, text, task=task, inject=inject, by=by)
    except Exception as error:  # noqa: BLE001 - turned into a user message
        _fail_on_session(error)
    click.echo(f"recorded: {kind} observation on {team}", err=True)


@cli.command()
@click.argument("session_path", metavar="SESSION", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--team", required=True, help="Team id.")
@click.option("--task", default=None, help="The task it comes from (optional; its title is the default capability).")
@click.option("--capability", default="", help="Capability or objective.")
@click.option("--issue", default="", help="Area for improvement.")
@click.option("--action", default="", help="Corrective action.")
@click.option("--element", default="", type=click.Choice(["", "planning", "organization", "equipment", "training", "exercise"]), help="HSEEP element.")
@click.option("--organization", default="", help="Responsible organization.")
@click.option("--contact", default="", help="Point of contact.")
@click.option("--start", default="", help="Start date, YYYY-MM-DD.")
@click.option("--end", default="", help="Completion date, YYYY-MM-DD.")
@click.option("--by", "by", default=None, help="Who wrote it.")
def plan(session_path: Path, team: str, task: str | None, by: str | None, **columns: str) -> None:
    """Add a row to a team's improvement plan, in HSEEP's columns."""
    from .sessions import open_session

    try:
        open_session(session_path).plan_item(team, task=task, by=by, **columns)
    except Exception as error:  # noqa: BLE001 - turned into a user message
        _fail_on_session(error)
    click.echo(f"recorded: improvement plan row for {team}", err=True)


@cli.command()
@click.argument("session_path", metavar="SESSION", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--team", required=True, help="The team whose submission changes.")
@click.option("--task", required=True, help="The task it was for.")
@click.option("--text", "text_file", type=click.Path(dir_okay=False, path_type=Path), help="A UTF-8 file with the words the team submits instead.")
@click.option("--fields", "field_values", multiple=True, metavar="K=V", help="A field's answer in the new submission (repeatable; the other fields keep the original's answers).")
@click.option("--at", "at", default=None, help="When it goes in, as a duration after the start (default: when the original did; adding one: its due time).")
@click.option("--drop", is_flag=True, help="Leave the team's submission out altogether.")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The new session file to write (must not exist).")
@LANG_OPTION
def whatif(session_path: Path, team: str, task: str, text_file: Path | None, field_values: tuple[str, ...], at: str | None,
           drop: bool, out: Path, language: str | None) -> None:
    """Replay SESSION with one submission replaced, added or dropped, into a new session
    file, and print what changed. SESSION itself is never modified."""
    from .engine.whatif import Change, compare
    from .formats.duration import parse_duration
    from .i18n import Catalog
    from .whatif import run_whatif, summary

    if drop == (text_file is not None):
        raise click.UsageError("give --text FILE (the new words) or --drop (no submission), not both")
    if drop and (field_values or at):
        raise click.UsageError("--fields and --at describe a submission; --drop leaves it out")
    fields = {}
    for item in field_values:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.UsageError(f"--fields {item!r}: expected K=V, a field id and its answer")
        fields[key] = value
    try:
        when = None if at is None else parse_duration(at)
    except ValueError as error:
        raise click.UsageError(f"--at {at!r}: {error}") from None
    try:
        text = "" if text_file is None else text_file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UserError(f"{text_file}: not UTF-8 text") from None
    except OSError as error:
        _fail_on_format(error)
    if session_path.resolve() == out.resolve():
        raise UserError(f"{out}: the what-if goes into a new file; the original session is never changed")
    change = Change(team, task, text, fields or None, when, drop)
    try:
        result = run_whatif(session_path, change, out)
        outcome = compare(result.original, result.session.state, team, task)
    except Exception as error:  # noqa: BLE001 - turned into a user message
        _fail_on_session(error)
    t = Catalog(language or result.session.scenario.language)
    click.echo(summary(outcome, result, t))
    click.echo(t("whatif.written", path=out), err=True)


@cli.command()
@click.argument("scenario")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; 0.0.0.0 for every network.")
@click.option("--port", default=8765, show_default=True, type=int, help="Port to listen on (0: any free port).")
@click.option("--codes-file", type=click.Path(dir_okay=False, path_type=Path), help="Write the join codes here as JSON once listening.")
@click.option("--session", "session_path", type=click.Path(dir_okay=False, path_type=Path), help="Session file: resumed if it exists, else created.")
@click.option("--web-port", type=int, default=None, help="Also serve the team workspace as a web page on this port (teams join in a browser).")
@click.option("--expert", "experts", multiple=True, help="Invite an expert by name (repeatable): a seat with its own join code, to review live.")
@click.option("--expert-codes-file", type=click.Path(dir_okay=False, path_type=Path), help="Write the experts' join codes here as JSON once listening.")
@click.option("--codes-sheet", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a printable sheet of join codes, one slip per seat, here once listening (HTML for a .html file, else text).")
@click.option("--headless", is_flag=True, help="No console: serve and run the clock until stopped (for automation).")
@click.option("--start", "start_clock", is_flag=True, help="With --headless: start the clock at once.")
@RUBRICS_OPTION
@ALLOW_HOST_OPTION
@click.option("--max-connections", type=click.IntRange(1), default=None, help="Open connections at most, in all (default 500).")
@click.option("--max-per-address", type=click.IntRange(1), default=None, help="Open connections at most from one address (default 100).")
@alert_options
@LANG_OPTION
def serve(scenario: str, host: str, port: int, codes_file: Path | None, session_path: Path | None, web_port: int | None, experts: tuple[str, ...], expert_codes_file: Path | None,
          codes_sheet: Path | None, headless: bool, start_clock: bool, rubric_dirs: tuple[Path, ...], allow_hosts: tuple[str, ...] = (),
          max_connections: int | None = None, max_per_address: int | None = None, idle_alert: int = 600, auto_pause: bool = False,
          language: str | None = None) -> None:
    """Run the facilitator's console and serve the drill to teams (and invited experts) over the network."""
    _serve(scenario, host, port, codes_file, session_path, web_port, headless, start_clock, rubric_dirs, experts, expert_codes_file, idle_alert, auto_pause,
           codes_sheet, language, allow_hosts, (max_connections, max_per_address))


def _can_write(option: str, path: Path | None) -> None:
    """A file the command will write once it is listening: said now if it cannot be (a folder
    that is not there, a name too long), not later as if listening had failed."""
    if path is None:
        return
    if not path.resolve().parent.is_dir():
        raise UserError(f"{option} {path}: no folder {path.resolve().parent} to write it in")
    probe = path.with_suffix(path.suffix + ".tmp")
    try:
        with open(probe, "a", encoding="utf-8"):
            pass
        probe.unlink()
    except OSError as error:
        raise UserError(f"{option} {path}: cannot write there: {error.strerror or error}") from None


def _serve(scenario: str, host: str, port: int, codes_file: Path | None, session_path: Path | None, web_port: int | None, headless: bool, start_clock: bool, rubric_dirs: tuple[Path, ...],
           experts: tuple[str, ...] = (), expert_codes_file: Path | None = None, idle_alert: int = 600, auto_pause: bool = False,
           codes_sheet: Path | None = None, language: str | None = None,
           allow_hosts: tuple[str, ...] = (), caps: tuple[int | None, int | None] = (None, None)) -> None:
    import asyncio

    from .net.serve import ServedDrill, run_headless

    from .i18n import Catalog

    for option, path in (("--codes-file", codes_file), ("--expert-codes-file", expert_codes_file), ("--codes-sheet", codes_sheet)):
        _can_write(option, path)
    session = _open_or_create(scenario, session_path, rubric_dirs)
    t = Catalog(language or session.scenario.language)   # the command line speaks as the console does

    def announce(served: ServedDrill) -> None:
        click.echo(t("cli.serving", title=served.session.scenario.title, url=served.url, path=served.session.sink.path))
        if served.pages is not None:
            click.echo(t("cli.pages", url=served.pages.url))
        for team in served.session.scenario.teams:
            click.echo(f"  {team.id:<16} {served.codes[team.id]}  {team.name}")
        for name, code in served.expert_codes.items():
            click.echo(f"  {t('cli.expert'):<16} {code}  {name}")
        click.echo(t("cli.teams-join"), err=True)
        if served.expert_codes:
            click.echo(t("cli.experts-join"), err=True)

    try:
        served = ServedDrill(session, host, port, codes_file, web_port, experts, expert_codes_file, codes_sheet, language,
                             allow_hosts, caps)  # writes the join codes into the session
    except Exception as error:  # noqa: BLE001 - turned into a user message
        _fail_on_session(error)
    if headless:
        from .store import SessionFileError

        try:
            asyncio.run(run_headless(served, start_clock, announce))
        except SessionFileError as error:  # the session file stopped taking writes before the clock could start
            raise UserError(str(error)) from None
        except OSError as error:
            raise UserError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
        except KeyboardInterrupt:
            pass
        return
    from .tui.serve import run_served_console

    run_served_console(served, announce, language, idle_alert=idle_alert, auto_pause=auto_pause)


@cli.command()
@click.argument("session_path", metavar="SESSION", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path), help="Folder to write the report into.")
@click.option("--lang", "language", default=None, help="Language of headings and labels (en, zh-CN, vi); default: the scenario's.")
@click.option("--no-pdf", is_flag=True, help="Skip the PDF even when WeasyPrint is installed.")
@click.option("--font", "font", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A font file (.ttf, .otf, .ttc) to draw the PDF and the charts with first.")
@click.option("--whatif", "whatif_paths", multiple=True, type=click.Path(dir_okay=False, path_type=Path), help="A what-if of SESSION (from `drill whatif`) to add in a \"what if\" section (repeatable).")
@click.option("--format", "formats", multiple=True, type=click.Choice(["html", "md", "pdf", "docx"]), help="Write only these files (repeatable; default: all that can be written here).")
@AGAINST_OPTION
@click.option("--bundle", is_flag=True, help="Also write DIR/bundle.zip: the reports, the session file and a manifest of SHA-256 digests (check it with `drill verify`). "
                   "Without it, a bundle.zip an earlier --bundle wrote in DIR is removed, as it no longer matches.")
def report(session_path: Path, out: Path, language: str | None, no_pdf: bool, font: Path | None,
           formats: tuple[str, ...], whatif_paths: tuple[Path, ...], bundle: bool, against_path: Path | None) -> None:
    """Write the debrief: report.html, report.md and, with the pdf and docx extras, report.pdf and report.docx.

    Refused, with what to install, when no font here draws the report's text."""
    import time

    from .i18n import Catalog
    from .report import FontMissing, docx_unavailable, pdf_unavailable, write_report
    from .report.fonts import readable
    from .sessions import open_session
    from .whatif import recorded_change

    if font is not None and not readable(font):
        raise UserError(f"--font {font}: not a font file (expected .ttf, .otf or .ttc)")
    started = time.perf_counter()

    try:
        session = open_session(session_path)
        words = Catalog(language or session.scenario.language)   # the command's words, as its report's
        for kind, unavailable in (("pdf", pdf_unavailable), ("docx", docx_unavailable)):
            if kind in formats and unavailable(words.language):   # asked for by name: not written is a failure
                raise UserError(words("install.cannot", file=f"report.{kind}", why=unavailable(words.language)))

        def progress(stage: str, done: int, total: int) -> None:
            """A line per stage as it ends: the PDF takes seconds, and the wait should show."""
            click.echo(f"[{done}/{total}] {words(f'console.report-stage.{stage}')} ({time.perf_counter() - started:.1f} s)", err=True)

        whatifs = []
        for path in whatif_paths:
            other = open_session(path)
            change = recorded_change(other.sink)
            if change is None or other.scenario.id != session.scenario.id:
                raise UserError(f"{path}: not a what-if of {session_path} (make one with `drill whatif`)")
            whatifs.append((other, change))
        against = _against(session_path, against_path, language)
        written = write_report(session, out, language, pdf=not no_pdf, font=font, formats=formats or None,
                               whatifs=tuple(whatifs), progress=progress, against=against and against[1])
    except FontMissing as error:
        raise UserError(error.text(words)) from None
    except Exception as error:  # noqa: BLE001 - turned into a user message
        _fail_on_session(error)
    for path in written:
        click.echo(str(path))
    from .record import BUNDLE, write_bundle, written_bundle

    if bundle:
        click.echo(str(write_bundle(session_path, written, out / BUNDLE)))
    else:   # an earlier --bundle's archive would no longer match these reports: drill's own goes
        earlier = written_bundle(out / BUNDLE)
        if earlier:
            (out / BUNDLE).unlink()
            click.echo(words("report.bundle-removed", path=out / BUNDLE), err=True)
        elif earlier is False:
            click.echo(words("report.bundle-kept", path=out / BUNDLE), err=True)
    for kind, unavailable in (("pdf", pdf_unavailable), ("docx", docx_unavailable)):
        if unavailable(words.language) and not formats and not (kind == "pdf" and no_pdf):
            click.echo(words("install.skipped", file=f"report.{kind}", why=unavailable(words.language)), err=True)


@cli.command()
@click.argument("session_paths", metavar="SESSION...", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path), help="Folder to write the comparison into.")
@click.option("--lang", "language", type=click.Choice(["en", "zh-CN", "vi"]), default=None, help="Language of headings and labels; default: the scenario's.")
@click.option("--format", "formats", multiple=True, type=click.Choice(["html", "md", "pdf", "docx"]), help="Write only these files (repeatable; default: all that can be written here).")
@click.option("--font", "font", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None, help="A font file to draw the PDF and the charts with first.")
def compare(session_paths: tuple[Path, ...], out: Path, language: str | None, formats: tuple[str, ...], font: Path | None) -> None:
    """Runs of one scenario side by side: compare.html, compare.md and, with the extras, compare.pdf
    and compare.docx; a session of another scenario is refused, and so is one run given twice
    (the same file, or a copy of it)."""
    from .compare import CompareError, read_runs
    from .report import FontMissing
    from .report.comparison import write_comparison

    try:
        runs = read_runs(list(session_paths), language)
        written = write_comparison(runs, out, language, formats or None, font)
    except (CompareError, FontMissing) as error:
        raise UserError(str(error)) from None
    except Exception as error:  # noqa: BLE001 - turned into a user message
        _fail_on_session(error)
    for path in written:
        click.echo(str(path))


@cli.command()
@click.argument("path", metavar="SESSION_OR_BUNDLE", type=click.Path(dir_okay=False, path_type=Path))
def verify(path: Path) -> None:
    """Check a session file's hash chain, or a bundle (from `drill report --bundle`) against its
    manifest; exit 1 when something was changed, naming where."""
    from .record import BundleError, verify_bundle, verify_session
    from .sessions import is_session_file

    if not path.is_file():
        click.echo(f"{path}: error: no such file", err=True)
        raise SystemExit(2)
    try:
        check = verify_session(path) if is_session_file(path) else verify_bundle(path)
    except BundleError as error:
        click.echo(str(error), err=True)
        raise SystemExit(2) from None
    except Exception as error:  # noqa: BLE001 - turned into a user message
        _fail_on_session(error)
    for line in check.lines:
        click.echo(line)
    if not check.ok:
        raise SystemExit(1)


@cli.group()
def msel() -> None:
    """MSEL spreadsheets: a scenario's injects as the master scenario events list, and back."""


@msel.command("export")
@click.argument("scenario")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The file to write: .xlsx (every sheet) or .csv (the injects); with --format cexf, .json.")
@click.option("--lang", "language", default=None, help="Language of the headers (en, zh-CN); default: the scenario's.")
@click.option("--format", "kind", type=click.Choice(["msel", "cexf"]), default="msel", show_default=True,
              help="msel: drill's MSEL workbook or CSV; cexf: MISP's Common Exercise Format (JSON), for SkillAegis and other CEXF tools.")
@RUBRICS_OPTION
def msel_export(scenario: str, out: Path, language: str | None, kind: str, rubric_dirs: tuple[Path, ...]) -> None:
    """Write a scenario as an MSEL: one row per inject in time order, with sheets for the
    scenario, teams, tasks and facts in an .xlsx; or as a CEXF exercise (.json)."""
    from .formats import Loader
    from .formats.library import scenario_path

    suffixes = (".json",) if kind == "cexf" else (".xlsx", ".csv")
    if out.suffix.lower() not in suffixes:
        raise click.UsageError(f"--out {out}: the file name must end in {' or '.join(suffixes)}")
    try:
        exercise = Loader(rubric_dirs).load_exercise(scenario_path(scenario))
        from .msel import export_cexf, export_msel

        if kind == "cexf":
            export_cexf(exercise.scenario, out)
        else:
            export_msel(exercise.scenario, out, language)
    except Exception as error:  # noqa: BLE001 - turned into a user message
        _fail_on_format(error)
    click.echo(str(out))


def _map_options(command):
    """The options that say what another tool's sheet means (shared by import and inspect)."""
    for option in reversed((
        click.option("--map", "maps", multiple=True, metavar="HEADER=TARGET",
                     help="Read the column with this header (or letter, for a sheet without a header row) as TARGET: "
                          "offset, clock, channel, from, to, title, body, expected, evaluator, notes, ignore, ... (repeatable)."),
        click.option("--map-file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
                     help="A column map saved as YAML (format: drill/msel-map@1), reused for every sheet of a tool."),
        click.option("--unit", default=None, help="The unit of bare numbers in time columns whose header names none: seconds, minutes, hours, days."),
        click.option("--channel", default=None, help="The channel for injects whose delivery method names none drill knows (default: message for an empty cell)."),
        click.option("--start", default=None, help="For a sheet without a Scenario sheet: the drill's start, ISO 8601 with offset."),
        click.option("--shift", default=None, help="Move every timed inject by this much: 10m, -1h, 1h30m."),
    )):
        command = option(command)
    return command


def _import_options(maps, map_file, unit, channel, start, shift, tasks_from_expected=False):
    from .msel.mapping import options

    try:
        return options(maps, map_file, unit=unit, channel=channel, start=start, shift=shift, tasks_from_expected=tasks_from_expected)
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    except Exception as error:  # noqa: BLE001 - a bad map file: turned into a user message
        _fail_on_format(error)


@msel.command("import")
@click.argument("sheet", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write a new scenario file (it must not exist).")
@click.option("--into", type=click.Path(dir_okay=False, exists=True, path_type=Path), help="Replace only the injects of this scenario file, keeping the rest and its comments.")
@_map_options
@click.option("--tasks-from-expected", is_flag=True, help="With --out: a task (a plan, due 15 min after) for each inject with an expected player action.")
@RUBRICS_OPTION
def msel_import(sheet: Path, out: Path | None, into: Path | None, maps: tuple[str, ...], map_file: Path | None, unit: str | None,
                channel: str | None, start: str | None, shift: str | None, tasks_from_expected: bool, rubric_dirs: tuple[Path, ...]) -> None:
    """Read an MSEL (.xlsx, .csv, or a T3SF or CEXF .json) into a scenario. Each problem is printed as
    FILE:SHEET!CELL: error: MESSAGE (a CSV or JSON: FILE:LINE:COL); with any, exit 1 and nothing is written.
    Ends with a summary of what went where (on standard error)."""
    if (out is None) == (into is None):
        raise click.UsageError("give exactly one of --out NEW.yaml or --into SCENARIO.yaml")
    if out is not None and out.exists():
        raise UserError(f"{out} exists: use --into {out} to replace its injects, or choose another --out")
    chosen = _import_options(maps, map_file, unit, channel, start, shift, tasks_from_expected)
    from .msel import import_msel

    summary: list[str] = []
    try:
        written = import_msel(sheet, out or into, into=into is not None, rubric_dirs=rubric_dirs, options=chosen, summary=summary)
    except Exception as error:  # noqa: BLE001 - turned into a user message
        _fail_on_format(error)
    click.echo(str(written))
    for line in summary:
        click.echo(line, err=True)


@msel.command("inspect")
@click.argument("sheet", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
@_map_options
def msel_inspect(sheet: Path, maps: tuple[str, ...], map_file: Path | None, unit: str | None, channel: str | None,
                 start: str | None, shift: str | None) -> None:
    """Show, before importing, which column goes where, which are kept as notes, and the first rows as read."""
    chosen = _import_options(maps, map_file, unit, channel, start, shift)
    from .msel.inspect import inspect

    try:
        lines = inspect(sheet, chosen)
    except Exception as error:  # noqa: BLE001 - turned into a user message
        _fail_on_format(error)
    for line in lines:
        click.echo(line)


@cli.command()
def doctor() -> None:
    """Say what this machine has for drill: PDF, charts, web page, fonts by script, exports."""
    from .doctor import report_lines

    for line in report_lines():
        click.echo(line)


@cli.command()
@click.argument("target", metavar="SCENARIO_OR_SERVER")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address for the web page; 0.0.0.0 for every network.")
@click.option("--port", "web_port", default=8000, show_default=True, type=int, help="Port for the web page.")
@click.option("--server-port", default=8765, show_default=True, type=int, help="With a scenario: port of the drill server it starts.")
@click.option("--session", "session_path", type=click.Path(dir_okay=False, path_type=Path), help="With a scenario: session file, resumed if it exists.")
@click.option("--expert", "experts", multiple=True, help="With a scenario: invite an expert by name (repeatable).")
@RUBRICS_OPTION
@click.option("--lang", "language", type=click.Choice(["en", "zh-CN", "vi"]), default=None,
              help="Language of the page and this command (en, zh-CN, vi); default: the scenario's, or for a ws:// address English until a team has joined.")
@ALLOW_HOST_OPTION
def web(target: str, host: str, web_port: int, server_port: int, session_path: Path | None, experts: tuple[str, ...], rubric_dirs: tuple[Path, ...],
        language: str | None, allow_hosts: tuple[str, ...]) -> None:
    """Teams in a browser: serve the team workspace as a web page.

    Given a scenario, run the drill with the facilitator's console here (like
    `drill serve --web-port`); given a running server's ws:// address, serve
    only the page for its teams. Teams open the page and enter their join code.
    Given a session file, serve the debrief presenter (like `drill debrief --web-port`).
    """
    from .i18n import Catalog
    from .sessions import is_session_file

    if is_session_file(Path(target)):
        _debrief_pages(Path(target), None, language, host, web_port, allow_hosts=allow_hosts)
        return
    if not target.startswith(("ws://", "wss://")):
        _serve(target, host, server_port, None, session_path, web_port, False, False, rubric_dirs, experts, language=language, allow_hosts=allow_hosts)
        return
    from .net.pages import TeamPages

    pages = TeamPages(target, host, web_port, language=language, allow_hosts=allow_hosts)
    _serve_pages(pages, lambda: Catalog(language)("cli.web-pages", url=pages.url, server=target))


def _serve_pages(pages, message) -> None:
    """Serve browser pages until Ctrl+C; `message()` says where, once listening."""
    import asyncio

    async def serving() -> None:
        await pages.start()
        click.echo(message())
        try:
            await asyncio.Event().wait()
        finally:
            await pages.stop()

    try:
        asyncio.run(serving())
    except KeyboardInterrupt:
        pass
    except OSError as error:
        raise UserError(f"cannot listen on {pages.host}:{pages.port}: {error.strerror or error}") from None


@cli.command()
@click.argument("session_path", metavar="SESSION", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--whatif", "whatif_path", type=click.Path(dir_okay=False, path_type=Path), help="A what-if of SESSION (from `drill whatif`) to show beside it.")
@click.option("--web-port", type=int, default=None, help="Serve the presenter as a web page on this port instead (for a projector's browser).")
@click.option("--host", default="127.0.0.1", show_default=True, help="With --web-port: address for the web page.")
@AGAINST_OPTION
@ALLOW_HOST_OPTION
@LANG_OPTION
def debrief(session_path: Path, whatif_path: Path | None, web_port: int | None, host: str, language: str | None,
            against_path: Path | None, allow_hosts: tuple[str, ...]) -> None:
    """Present the drill to the room: step through its timeline, heat, teams' work and scores."""
    from .whatif import read_run

    try:
        run, whatif = read_run(session_path), read_run(whatif_path) if whatif_path is not None else None
        against = _against(session_path, against_path, language)
    except Exception as error:  # noqa: BLE001 - turned into a user message
        _fail_on_session(error)
    if whatif is not None and whatif.timeline.exercise.scenario.id != run.timeline.exercise.scenario.id:
        raise UserError(f"{whatif_path}: a what-if of another drill ({whatif.timeline.exercise.scenario.id}), not of {session_path}")
    if web_port is not None:
        _debrief_pages(session_path, whatif_path, language, host, web_port, against_path, allow_hosts)
        return
    from .tui import run_debrief

    code = run_debrief(run, whatif, language, against)
    if code:
        raise SystemExit(code)


def _debrief_pages(session_path: Path, whatif_path: Path | None, language: str | None, host: str, port: int,
                   against_path: Path | None = None, allow_hosts: tuple[str, ...] = ()) -> None:
    from .net.pages import DebriefPages

    from .i18n import Catalog
    from .whatif import read_run

    try:
        t = Catalog(language or read_run(session_path).timeline.exercise.scenario.language)
    except Exception as error:  # noqa: BLE001 - turned into a user message
        _fail_on_session(error)
    pages = DebriefPages(session_path, host, port, whatif_path, language, against_path, allow_hosts)
    _serve_pages(pages, lambda: t("cli.debrief-pages", url=pages.url, code=pages.code))


@cli.command()
@click.argument("url")
@click.option("--team", default=None, help="Your team's id (asked for on screen if not given).")
@click.option("--code", default=None, help="Your team's join code, from the facilitator.")
@click.option("--expert", default=None, help="Join as this invited expert (the name the facilitator gave --expert): the live review screen.")
@click.option("--lang", "language", default=None, help="Interface language (en, zh-CN, vi); default: the scenario's.")
def join(url: str, team: str | None, code: str | None, expert: str | None, language: str | None) -> None:
    """Join a served drill as one team (the team workspace) or as an invited expert
    (the live review screen) at this terminal."""
    from .tui.join import run_join

    if not url.startswith(("ws://", "wss://")):
        raise UserError(f"{url!r} is not a drill server address: expected ws://HOST:PORT, as `drill serve` shows it")
    if team and expert:
        raise click.UsageError("give --team or --expert, not both")
    code_, error = run_join(url, team, code, language, expert)
    if error:
        raise UserError(f"not admitted: {error}")
    raise SystemExit(code_)


def _open_or_create(scenario: str, session_path: Path | None, rubric_dirs: tuple[Path, ...]):
    """Resume the session at `session_path` if it exists; otherwise start a new one there
    (or in the user data folder)."""
    from .formats import Loader
    from .formats.library import scenario_path
    from .sessions import create, open_session
    from .store import default_path

    try:
        if session_path is not None and session_path.exists():
            return open_session(session_path, hold=True)
        exercise = Loader(rubric_dirs).load_exercise(scenario_path(scenario))
        return create(exercise, session_path or default_path(exercise.scenario.id))
    except Exception as error:  # noqa: BLE001 - turned into a user message
        _fail_on_session(error)


def _clock_text(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _fail_on_session(error: Exception) -> None:
    from .store import SessionFileError
    from .engine import Refused

    if isinstance(error, (SessionFileError, Refused)):
        raise UserError(str(error)) from None
    _fail_on_format(error)


def main() -> None:
    """Entry point: no traceback reaches a user."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as error:  # noqa: BLE001 - last resort, keeps tracebacks from users
        click.echo(f"drill: internal error: {type(error).__name__}: {error}", err=True)
        click.echo("Please report this, with the command you ran.", err=True)
        sys.exit(70)
