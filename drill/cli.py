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


@cli.command()
@click.argument("session_path", metavar="SESSION", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="The scores as one JSON document.")
def score(session_path: Path, as_json: bool) -> None:
    """Score every team's submissions against the rubrics the session recorded."""
    import json

    from .scoring import score_session
    from .store import open_session

    try:
        scores = score_session(open_session(session_path))
    except Exception as error:  # noqa: BLE001 - turned into a user message
        _fail_on_session(error)
    if as_json:
        click.echo(json.dumps(scores.to_json(), ensure_ascii=False, indent=2))
        return
    for team in scores.teams:
        total = "-" if team.total is None else f"{team.total:.1f}"
        click.echo(f"{team.name} ({team.team}): {total} {team.rating or ''}")
        for task in team.tasks:
            shown = "pending" if task.score is None else f"{task.score:5.1f} {task.rating}"
            when = "not submitted" if task.submitted_at is None else f"submitted {_clock_text(task.submitted_at)}"
            click.echo(f"  {task.task:<20} {shown:<9} {when}")


LANG_OPTION = click.option(
    "--lang", "language", type=click.Choice(["en", "zh-CN"]), default=None,
    help="Interface language (default: the scenario's language).",
)


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
@LANG_OPTION
def review(session_path: Path, team: str | None, task: str | None, criterion: str | None, value: float | None, note: str, action: str | None, owner: str | None, language: str | None) -> None:
    """Score submissions: with no --team/--task/--criterion/--score, open the review screen;
    with all four, record an expert's score for one criterion of a team's submission."""
    from .store import open_session

    given = {"--team": team, "--task": task, "--criterion": criterion, "--score": value}
    missing = [name for name, v in given.items() if v is None]
    if len(missing) not in (0, len(given)):
        raise click.UsageError(f"to record a score give --team, --task, --criterion and --score together (missing {', '.join(missing)}); give none of them to open the review screen")
    try:
        session = open_session(session_path)
        if missing:
            from .tui import review_session

            code = review_session(session, language)
            if code:
                raise SystemExit(code)
            return
        session.review(team, task, criterion, value, note, action, owner)
    except Exception as error:  # noqa: BLE001 - turned into a user message
        _fail_on_session(error)
    click.echo(f"recorded: {team} / {task} / {criterion} = {value:g}", err=True)


@cli.command()
@click.argument("scenario")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; 0.0.0.0 for every network.")
@click.option("--port", default=8765, show_default=True, type=int, help="Port to listen on (0: any free port).")
@click.option("--codes-file", type=click.Path(dir_okay=False, path_type=Path), help="Write the join codes here as JSON once listening.")
@click.option("--session", "session_path", type=click.Path(dir_okay=False, path_type=Path), help="Session file: resumed if it exists, else created.")
@click.option("--web-port", type=int, default=None, help="Also serve the team workspace as a web page on this port (teams join in a browser).")
@click.option("--headless", is_flag=True, help="No console: serve and run the clock until stopped (for automation).")
@click.option("--start", "start_clock", is_flag=True, help="With --headless: start the clock at once.")
@RUBRICS_OPTION
@alert_options
def serve(scenario: str, host: str, port: int, codes_file: Path | None, session_path: Path | None, web_port: int | None, headless: bool, start_clock: bool, rubric_dirs: tuple[Path, ...], idle_alert: int = 600, auto_pause: bool = False) -> None:
    """Run the facilitator's console and serve the drill to teams over the network."""
    _serve(scenario, host, port, codes_file, session_path, web_port, headless, start_clock, rubric_dirs, idle_alert, auto_pause)


def _serve(scenario: str, host: str, port: int, codes_file: Path | None, session_path: Path | None, web_port: int | None, headless: bool, start_clock: bool, rubric_dirs: tuple[Path, ...], idle_alert: int = 600, auto_pause: bool = False) -> None:
    import asyncio

    from .net.serve import ServedDrill, run_headless

    session = _open_or_create(scenario, session_path, rubric_dirs)

    def announce(served: ServedDrill) -> None:
        click.echo(f"Serving {served.session.scenario.title} at {served.url} (session {served.session.sink.path})")
        if served.pages is not None:
            click.echo(f"Teams in a browser: {served.pages.url}")
        for team in served.session.scenario.teams:
            click.echo(f"  {team.id:<16} {served.codes[team.id]}  {team.name}")
        click.echo("Teams join with: drill join URL --team ID --code CODE", err=True)

    served = ServedDrill(session, host, port, codes_file, web_port)
    if headless:
        try:
            asyncio.run(run_headless(served, start_clock, announce))
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
@click.option("--lang", "language", default=None, help="Language of headings and labels (en, zh-CN); default: the scenario's.")
@click.option("--no-pdf", is_flag=True, help="Skip the PDF even when WeasyPrint is installed.")
def report(session_path: Path, out: Path, language: str | None, no_pdf: bool) -> None:
    """Write the debrief: report.html, report.md and, with the pdf extra, report.pdf."""
    from .report import pdf_unavailable, write_report
    from .store import open_session

    import time

    from .i18n import Catalog

    started, words = time.perf_counter(), Catalog("en")

    def progress(stage: str, done: int, total: int) -> None:
        """A line per stage as it ends: the PDF takes seconds, and the wait should show."""
        click.echo(f"[{done}/{total}] {words(f'console.report-stage.{stage}')} ({time.perf_counter() - started:.1f} s)", err=True)

    try:
        written = write_report(open_session(session_path), out, language, pdf=not no_pdf, progress=progress)
    except Exception as error:  # noqa: BLE001 - turned into a user message
        _fail_on_session(error)
    for path in written:
        click.echo(str(path))
    if not no_pdf and pdf_unavailable():
        click.echo(pdf_unavailable(), err=True)


@cli.command()
@click.argument("target", metavar="SCENARIO_OR_SERVER")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address for the web page; 0.0.0.0 for every network.")
@click.option("--port", "web_port", default=8000, show_default=True, type=int, help="Port for the web page.")
@click.option("--server-port", default=8765, show_default=True, type=int, help="With a scenario: port of the drill server it starts.")
@click.option("--session", "session_path", type=click.Path(dir_okay=False, path_type=Path), help="With a scenario: session file, resumed if it exists.")
@RUBRICS_OPTION
def web(target: str, host: str, web_port: int, server_port: int, session_path: Path | None, rubric_dirs: tuple[Path, ...]) -> None:
    """Teams in a browser: serve the team workspace as a web page.

    Given a scenario, run the drill with the facilitator's console here (like
    `drill serve --web-port`); given a running server's ws:// address, serve
    only the page for its teams. Teams open the page and enter their join code.
    """
    if not target.startswith(("ws://", "wss://")):
        _serve(target, host, server_port, None, session_path, web_port, False, False, rubric_dirs)
        return
    import asyncio

    from .net.pages import TeamPages

    async def pages_only() -> None:
        pages = TeamPages(target, host, web_port)
        await pages.start()
        click.echo(f"Teams in a browser: {pages.url} (joining {target}); Ctrl+C stops.")
        try:
            await asyncio.Event().wait()
        finally:
            await pages.stop()

    try:
        asyncio.run(pages_only())
    except KeyboardInterrupt:
        pass
    except OSError as error:
        raise UserError(f"cannot listen on {host}:{web_port}: {error.strerror or error}") from None


@cli.command()
@click.argument("url")
@click.option("--team", default=None, help="Your team's id (asked for on screen if not given).")
@click.option("--code", default=None, help="Your team's join code, from the facilitator.")
@click.option("--lang", "language", default=None, help="Interface language (en, zh-CN); default: the scenario's.")
def join(url: str, team: str | None, code: str | None, language: str | None) -> None:
    """Join a served drill as one team: the team workspace at this terminal."""
    from .tui.join import run_join

    if not url.startswith(("ws://", "wss://")):
        raise UserError(f"{url!r} is not a drill server address: expected ws://HOST:PORT, as `drill serve` shows it")
    code_, error = run_join(url, team, code, language)
    if error:
        raise UserError(f"not admitted: {error}")
    raise SystemExit(code_)


def _open_or_create(scenario: str, session_path: Path | None, rubric_dirs: tuple[Path, ...]):
    """Resume the session at `session_path` if it exists; otherwise start a new one there
    (or in the user data folder)."""
    from .formats import Loader
    from .formats.library import scenario_path
    from .store import create, default_path, open_session

    try:
        if session_path is not None and session_path.exists():
            return open_session(session_path)
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
