"""The debrief report of a session: HTML, Markdown and, with the `pdf` extra, PDF.

The facilitator prints it for the summary session (总结评估): what happened when,
how heat answered, each team's scores, and a review sheet per team with its own
words, the evidence behind every point and an improvement plan to fill in.

Team text is untrusted: the HTML template escapes everything (autoescape on,
nothing user-written marked safe), the Markdown template escapes through its
`finalize` hook and shows submissions in code fences, and charts draw text as
paths. The PDF is WeasyPrint's rendering of the very same HTML; for a big drill
it is rendered in parts on several cores and joined (see pdf.py).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any, Callable

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..i18n import Catalog
from . import pdf as pdf_writer
from .content import build

HTML, MARKDOWN, PDF = "report.html", "report.md", "report.pdf"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&])")

__all__ = ["pdf_unavailable", "write_report"]


# The stages of writing a report, in order; `progress` hears each one's name as it ends.
STAGES = ("content", "html", "markdown", "pdf-layout", "pdf-draw")
Progress = Callable[[str, int, int], None]


def write_report(session: Any, out: Path, language: str | None = None, pdf: bool = True,
                 progress: Progress | None = None) -> list[Path]:
    """Write report.html, report.md and (when `pdf` and WeasyPrint is usable) report.pdf into `out`.

    `language` is a BCP 47 tag for the headings and labels, by default the
    scenario's own. Returns the files written; when the PDF was wanted but is
    missing from them, `pdf_unavailable()` says why. Files of an earlier report
    in `out` are replaced, and an earlier report.pdf removed when none is written.

    `progress(stage, done, total)` is called as each of the STAGES ends (`done` of
    `total`; the PDF's two only when one is written), for a bar on the console and a
    line per stage from `drill report`: the PDF takes seconds, the rest a fraction."""
    with_pdf = pdf and pdf_unavailable() is None
    total = len(STAGES) if with_pdf else len(STAGES) - 2

    def done(stage: str) -> None:
        if progress is not None:
            progress(stage, STAGES.index(stage) + 1, total)

    context = build(session, Catalog(language or session.scenario.language))
    done("content")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    template = _environment("html").get_template(HTML)
    html = template.render({**context, "raster": False})
    written = [out / HTML, out / MARKDOWN]
    written[0].write_text(html, encoding="utf-8")
    done("html")
    written[1].write_text(_environment("md").get_template(MARKDOWN).render(context), encoding="utf-8")
    done("markdown")
    if with_pdf:
        context = {**context, "raster": True}  # the PDF's charts as PNG (see charts.Chart)
        _write_pdf(context, template.render(context), out / PDF, lambda: done("pdf-layout"))
        done("pdf-draw")
        written.append(out / PDF)
    else:
        (out / PDF).unlink(missing_ok=True)   # a PDF of an earlier run would contradict the new report
    return written


def _write_pdf(context: dict[str, Any], html: str, path: Path, laid_out: Callable[[], None]) -> None:
    """report.pdf from the report's HTML: in one piece, or for a big drill in parts of whole
    review sheets rendered side by side, one process per core (see pdf.py)."""
    sheets = context["sheets"]
    workers = pdf_writer.workers_for(len(sheets))
    if workers > 1:
        template = _environment("html").get_template(HTML)
        bounds = pdf_writer.split(*_weights(html, len(sheets)), workers)
        parts = [
            template.render({**context, "front": n == 0, "numbered": False, "sheets": sheets[start:end]})
            for n, (start, end) in enumerate(bounds)
        ]
        numbers = _environment("html").get_template("numbers.html")

        def numbering(first: int, count: int, total: int) -> str:
            return numbers.render(lang=context["lang"], first=first, count=count, total=total)

        if pdf_writer.write_parts(parts, numbering, path, laid_out):
            return
    pdf_writer.write_whole(html, path, laid_out)


_SHEET = '<section class="sheet">'
_DATA_URI = re.compile(r'src="data:[^"]*"')


def _weights(html: str, sheets: int) -> tuple[list[float], float]:
    """How long each review sheet, and everything before them, should take to render,
    guessed from the length of their HTML (a chart's data counts 0.15: drawing it costs
    less per byte than laying out text; measured on the 50-team benchmark)."""
    def weight(chunk: str) -> float:
        charts = sum(len(uri) for uri in _DATA_URI.findall(chunk))
        return len(chunk) - charts + 0.15 * charts

    chunks = html.split(_SHEET)
    if len(chunks) != sheets + 1:   # not the template's own markup: weigh every sheet alike
        return [1.0] * sheets, 1.0
    return [weight(chunk) for chunk in chunks[1:]], weight(chunks[0])


@cache
def pdf_unavailable() -> str | None:
    """None when WeasyPrint can write PDFs here, else what to do about it.

    WeasyPrint is an optional extra, and it also needs Pango from the system;
    either missing raises on import (ImportError or OSError), never later."""
    try:
        import weasyprint  # noqa: F401
    except ImportError:
        return "PDF skipped: WeasyPrint is not installed (pip install 'drill[pdf]')"
    except OSError as error:
        return f"PDF skipped: WeasyPrint cannot load its system libraries (Pango): {error}"
    return None


def _md_text(value: object) -> str:
    """Every value in the Markdown report is text, never markup: Markdown and HTML
    punctuation are backslash-escaped, and a value's lines are joined into one, so that
    a table cell or a list item holds it whole (no raw `<br>` tag, which a reader shows
    as such in plain text). Values the template built itself (fenced blocks, paragraphs)
    are Markup and pass as they are."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    text = str(value)
    if "\n" not in text and "\r" not in text:
        return _MD_SPECIAL.sub(r"\\\1", text)   # as it is, spaces and all (": " between a label and its value)
    return " ".join(_lines(text))


def _lines(text: str) -> list[str]:
    """The text's non-blank lines, stripped, with Markdown and HTML punctuation escaped."""
    return [_MD_SPECIAL.sub(r"\\\1", line.strip()) for line in text.splitlines() if line.strip()]


def _paragraphs(text: str) -> Markup:
    """A block of text (the scenario's summary) as Markdown paragraphs: escaped like any
    value, its blank lines kept as paragraph breaks and its other line breaks as hard ones."""
    paragraphs = re.split(r"\n\s*\n", str(text).strip())
    return Markup("\n\n".join("\\\n".join(block) for block in map(_lines, paragraphs) if block))


def _fence(text: str) -> Markup:
    """Text shown verbatim in Markdown: a code fence longer than any run of backticks in it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return Markup(f"{fence}text\n{text}\n{fence}")


@cache
def _environment(kind: str) -> Environment:
    """Jinja for one output: HTML autoescapes, Markdown escapes in `finalize`."""
    options: dict[str, Any] = {"autoescape": True, "finalize": lambda value: "" if value is None else value}
    if kind == "md":
        options = {"autoescape": False, "finalize": _md_text, "keep_trailing_newline": True}
    environment = Environment(
        loader=PackageLoader("drill.report", "templates"), undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, **options,
    )
    environment.filters["fence"] = _fence
    environment.filters["paragraphs"] = _paragraphs
    return environment
