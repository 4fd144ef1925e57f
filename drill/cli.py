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
    FILE:LINE:COL: error: MESSAGE. Exit 0 when all are valid, 1 when any is
    invalid, 2 when a file cannot be read.
    """
    from .formats import validate_paths
    from .formats.library import scenario_path

    paths, missing = [], []
    for name in files:
        try:
            paths.append(scenario_path(str(name)))
        except FileNotFoundError as error:
            missing.append(f"{name}: error: cannot read the file: {error.strerror}")
    problems, unreadable = validate_paths(paths, rubric_dirs)
    unreadable = missing + unreadable
    for line in unreadable:
        click.echo(line, err=True)
    for problem in problems:
        click.echo(str(problem))
    if unreadable:
        raise SystemExit(2)
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
def outline(scenario: str, rubric_dirs: tuple[Path, ...]) -> None:
    """Print a scenario's outline: teams, the inject schedule and the tasks."""
    from .formats import Loader
    from .formats.library import scenario_path
    from .outline import outline_text

    try:
        exercise = Loader(rubric_dirs).load_exercise(scenario_path(scenario))
    except Exception as error:  # noqa: BLE001 - turned into a user message
        _fail_on_format(error)
    click.echo(outline_text(exercise.scenario))


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
    click.echo(f"{session_path}: {state.seq} events, {len(state.fired)} injects fired, {submitted} submissions, {len(state.reviews)} reviews", err=True)


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


ALLOW_HOST_OPTION = click.option(
    "--allow-host", "allow_hosts", multiple=True,
    help="A host name the web page may be opened under, beside this machine's addresses and localhost (repeatable).")
LANG_OPTION = click.option(
    "--lang", "language", type=click.Choice(["en", "zh-CN", "vi"]), default=None,
    help="Interface language: en, zh-CN or vi (default: the scenario's language).",
)


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
            when = t("scoring.not-submitted") if task.submitted_at is None else t("score.submitted-at", time=_clock_text(task.submitted_at))
            click.echo(f"  {task.task:<20} {shown:<9} {when}")


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

    try:
        code = run_drill(session, language, idle_alert, auto_pause)
    finally:
        click.echo(str(session.sink.path))
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
@click.option("--headless", is_flag=True, help="No console: serve and run the clock until stopped (for automation).")
@click.option("--start", "start_clock", is_flag=True, help="With --headless: start the clock at once.")
@RUBRICS_OPTION
@ALLOW_HOST_OPTION
@click.option("--max-connections", type=click.IntRange(1), default=None, help="Open connections at most, in all (default 500).")
@click.option("--max-per-address", type=click.IntRange(1), default=None, help="Open connections at most from one address (default 100).")
@alert_options
def serve(scenario: str, host: str, port: int, codes_file: Path | None, session_path: Path | None, web_port: int | None, experts: tuple[str, ...], expert_codes_file: Path | None,
          headless: bool, start_clock: bool, rubric_dirs: tuple[Path, ...], allow_hosts: tuple[str, ...] = (), max_connections: int | None = None,
          max_per_address: int | None = None, idle_alert: int = 600, auto_pause: bool = False) -> None:
    """Run the facilitator's console and serve the drill to teams (and invited experts) over the network."""
    _serve(scenario, host, port, codes_file, session_path, web_port, headless, start_clock, rubric_dirs, experts, expert_codes_file, idle_alert, auto_pause,
           allow_hosts, (max_connections, max_per_address))


def _can_write(path: Path | None) -> None:
    """A file the command will write once it is listening: said now if it cannot be (a folder
    that is not there, a name too long), not later as if listening had failed."""
    if path is None:
        return
    try:
        with open(path.with_suffix(path.suffix + ".tmp"), "a", encoding="utf-8"):
            pass
        path.with_suffix(path.suffix + ".tmp").unlink()
    except OSError as error:
        raise UserError(f"{path}: cannot write there: {error.strerror or error}") from None


def _serve(scenario: str, host: str, port: int, codes_file: Path | None, session_path: Path | None, web_port: int | None, headless: bool, start_clock: bool, rubric_dirs: tuple[Path, ...],
           experts: tuple[str, ...] = (), expert_codes_file: Path | None = None, idle_alert: int = 600, auto_pause: bool = False,
           allow_hosts: tuple[str, ...] = (), caps: tuple[int | None, int | None] = (None, None)) -> None:
    import asyncio

    from .net.serve import ServedDrill, run_headless

    for path in (codes_file, expert_codes_file):
        _can_write(path)
    session = _open_or_create(scenario, session_path, rubric_dirs)

    def announce(served: ServedDrill) -> None:
        click.echo(f"Serving {served.session.scenario.title} at {served.url} (session {served.session.sink.path})")
        if served.pages is not None:
            click.echo(f"Teams in a browser: {served.pages.url}")
        for team in served.session.scenario.teams:
            click.echo(f"  {team.id:<16} {served.codes[team.id]}  {team.name}")
        for name, code in served.expert_codes.items():
            click.echo(f"  expert           {code}  {name}")
        click.echo("Teams join with: drill join URL --team ID --code CODE", err=True)
        if served.expert_codes:
            click.echo("Experts join with: drill join URL --expert NAME --code CODE", err=True)

    try:
        served = ServedDrill(session, host, port, codes_file, web_port, experts, expert_codes_file, allow_hosts, caps)  # writes the join codes into the session
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

    run_served_console(served, announce, idle_alert=idle_alert, auto_pause=auto_pause)


@cli.command()
@click.argument("session_path", metavar="SESSION", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path), help="Folder to write the report into.")
@click.option("--lang", "language", default=None, help="Language of headings and labels (en, zh-CN, vi); default: the scenario's.")
@click.option("--no-pdf", is_flag=True, help="Skip the PDF even when WeasyPrint is installed.")
@click.option("--font", "font", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A font file (.ttf, .otf, .ttc) to draw the PDF and the charts with first.")
@click.option("--whatif", "whatif_paths", multiple=True, type=click.Path(dir_okay=False, path_type=Path), help="A what-if of SESSION (from `drill whatif`) to add in a \"what if\" section (repeatable).")
@click.option("--format", "formats", multiple=True, type=click.Choice(["html", "md", "pdf", "docx"]), help="Write only these files (repeatable; default: all that can be written here).")
def report(session_path: Path, out: Path, language: str | None, no_pdf: bool, font: Path | None,
           formats: tuple[str, ...], whatif_paths: tuple[Path, ...]) -> None:
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
        words = Catalog(language or session.scenario.language)

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
        written = write_report(session, out, language, pdf=not no_pdf, font=font,
                               formats=formats or None, whatifs=tuple(whatifs), progress=progress)
    except FontMissing as error:
        raise UserError(str(error)) from None
    except Exception as error:  # noqa: BLE001 - turned into a user message
        _fail_on_session(error)
    for path in written:
        click.echo(str(path))
    if not no_pdf and pdf_unavailable() and (not formats or "pdf" in formats):
        click.echo(pdf_unavailable(), err=True)
    if docx_unavailable() and (not formats or "docx" in formats):
        click.echo(docx_unavailable(), err=True)


@cli.group()
def msel() -> None:
    """MSEL spreadsheets: a scenario's injects as the master scenario events list, and back."""


@msel.command("export")
@click.argument("scenario")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The file to write: .xlsx (every sheet) or .csv (the injects).")
@click.option("--lang", "language", default=None, help="Language of the headers (en, zh-CN); default: the scenario's.")
@RUBRICS_OPTION
def msel_export(scenario: str, out: Path, language: str | None, rubric_dirs: tuple[Path, ...]) -> None:
    """Write a scenario as an MSEL: one row per inject in time order, with sheets for the
    scenario, teams, tasks and facts in an .xlsx."""
    from .formats import Loader
    from .formats.library import scenario_path

    if out.suffix.lower() not in (".xlsx", ".csv"):
        raise click.UsageError(f"--out {out}: the file name must end in .xlsx or .csv")
    try:
        exercise = Loader(rubric_dirs).load_exercise(scenario_path(scenario))
        from .msel import export_msel

        export_msel(exercise.scenario, out, language)
    except Exception as error:  # noqa: BLE001 - turned into a user message
        _fail_on_format(error)
    click.echo(str(out))


@msel.command("import")
@click.argument("sheet", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write a new scenario file (it must not exist).")
@click.option("--into", type=click.Path(dir_okay=False, exists=True, path_type=Path), help="Replace only the injects of this scenario file, keeping the rest and its comments.")
@RUBRICS_OPTION
def msel_import(sheet: Path, out: Path | None, into: Path | None, rubric_dirs: tuple[Path, ...]) -> None:
    """Read an MSEL (.xlsx or .csv) into a scenario. Each problem is printed as
    FILE:SHEET!CELL: error: MESSAGE (a CSV: FILE:LINE:COL); with any, exit 1 and nothing is written."""
    if (out is None) == (into is None):
        raise click.UsageError("give exactly one of --out NEW.yaml or --into SCENARIO.yaml")
    if out is not None and out.exists():
        raise UserError(f"{out} exists: use --into {out} to replace its injects, or choose another --out")
    from .msel import import_msel

    try:
        written = import_msel(sheet, out or into, into=into is not None, rubric_dirs=rubric_dirs)
    except Exception as error:  # noqa: BLE001 - turned into a user message
        _fail_on_format(error)
    click.echo(str(written))


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
@ALLOW_HOST_OPTION
def web(target: str, host: str, web_port: int, server_port: int, session_path: Path | None, experts: tuple[str, ...], rubric_dirs: tuple[Path, ...],
        allow_hosts: tuple[str, ...]) -> None:
    """Teams in a browser: serve the team workspace as a web page.

    Given a scenario, run the drill with the facilitator's console here (like
    `drill serve --web-port`); given a running server's ws:// address, serve
    only the page for its teams. Teams open the page and enter their join code.
    Given a session file, serve the debrief presenter (like `drill debrief --web-port`).
    """
    if _is_session_file(Path(target)):
        _debrief_pages(Path(target), None, None, host, web_port, allow_hosts)
        return
    if not target.startswith(("ws://", "wss://")):
        _serve(target, host, server_port, None, session_path, web_port, False, False, rubric_dirs, experts, allow_hosts=allow_hosts)
        return
    from .net.pages import TeamPages

    pages = TeamPages(target, host, web_port, allow_hosts=allow_hosts)
    _serve_pages(pages, lambda: f"Teams in a browser: {pages.url} (joining {target}); Ctrl+C stops.")


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
@ALLOW_HOST_OPTION
@LANG_OPTION
def debrief(session_path: Path, whatif_path: Path | None, web_port: int | None, host: str, allow_hosts: tuple[str, ...], language: str | None) -> None:
    """Present the drill to the room: step through its timeline, heat, teams' work and scores."""
    from .whatif import read_run

    try:
        run, whatif = read_run(session_path), read_run(whatif_path) if whatif_path is not None else None
    except Exception as error:  # noqa: BLE001 - turned into a user message
        _fail_on_session(error)
    if whatif is not None and whatif.timeline.exercise.scenario.id != run.timeline.exercise.scenario.id:
        raise UserError(f"{whatif_path}: a what-if of another drill ({whatif.timeline.exercise.scenario.id}), not of {session_path}")
    if web_port is not None:
        _debrief_pages(session_path, whatif_path, language, host, web_port, allow_hosts)
        return
    from .tui import run_debrief

    code = run_debrief(run, whatif, language)
    if code:
        raise SystemExit(code)


def _debrief_pages(session_path: Path, whatif_path: Path | None, language: str | None, host: str, port: int,
                   allow_hosts: tuple[str, ...] = ()) -> None:
    from .net.pages import DebriefPages

    pages = DebriefPages(session_path, host, port, whatif_path, language, allow_hosts)
    _serve_pages(pages, lambda: f"The debrief in a browser: {pages.url} (its code: {pages.code}); Ctrl+C stops.")


def _is_session_file(path: Path) -> bool:
    """A session file is SQLite; a scenario is YAML text."""
    try:
        with path.open("rb") as file:
            return file.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


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
