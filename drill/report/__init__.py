"""The debrief report of a session: HTML, Markdown and, with the `pdf` and `docx` extras, PDF and Word.

The facilitator prints it for the summary session (总结评估): what happened when,
how heat answered, each team's scores, and a review sheet per team with its own
words, the evidence behind every point and an improvement plan to fill in.

Team text is untrusted: the HTML template escapes everything (autoescape on,
nothing user-written marked safe), the Markdown template escapes through its
`finalize` hook and shows submissions in code fences, and charts draw text as
paths. Bidirectional control characters are shown as code points in every
output, never obeyed (bidi.py). The PDF is WeasyPrint's rendering of the very
same HTML; for a big drill it is rendered in parts on several cores and joined
(see pdf.py). The Word file
is written from the same content by word.py.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any, Callable

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .. import install_hint
from ..formats.prose import reflow
from ..i18n import Catalog
from . import fonts
from . import pdf as pdf_writer
from .bidi import neutralise
from .content import build
from .fonts import FontMissing
from .word import docx_unavailable, write_docx

HTML, MARKDOWN, PDF, DOCX = "report.html", "report.md", "report.pdf", "report.docx"
FORMATS = {"html": HTML, "md": MARKDOWN, "docx": DOCX, "pdf": PDF}   # in the order written
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&])")

__all__ = ["FORMATS", "FontMissing", "docx_unavailable", "pdf_unavailable", "write_report"]


# The stages of writing a report, in order; `progress` hears each one's name as it ends.
STAGES = ("content", "html", "markdown", "docx", "pdf-layout", "pdf-draw")
Progress = Callable[[str, int, int], None]
_STAGES_OF = {"html": ("html",), "md": ("markdown",), "docx": ("docx",), "pdf": ("pdf-layout", "pdf-draw")}


def write_report(session: Any, out: Path, language: str | None = None, pdf: bool = True,
                 font: Path | None = None, formats: tuple[str, ...] | None = None,
                 whatifs: tuple = (), progress: Progress | None = None, against: Any = None) -> list[Path]:
    """Write the report into `out`: report.html, report.md, and where their extras are usable
    report.pdf (WeasyPrint) and report.docx (python-docx); `formats` (keys of FORMATS) picks
    some of them, and `pdf=False` leaves the PDF out.

    `language` is a BCP 47 tag for the headings and labels, by default the
    scenario's own. Returns the files written; when the PDF or Word file was wanted
    but is missing from them, `pdf_unavailable()` or `docx_unavailable()` says why.
    Files of an earlier report in `out` are replaced, and those not written this time
    removed, since they would contradict the new report.

    `font` is a font file to draw the charts and the PDF with first. When no installed
    font (nor `font`) draws some of the text, nothing is written and FontMissing says
    what to install (fonts.py): a report of empty boxes is worse than none.
    `whatifs` are (what-if session, Change) pairs, each shown in a "what if" section;
    `against` is an earlier run (drill.compare.Played) set beside this one.

    `progress(stage, done, total)` is called as each of the STAGES this report goes
    through ends (`done` of `total`), for a bar on the console and a line per stage from
    `drill report`: the PDF takes seconds, the rest a fraction of one."""
    wanted = set(formats or FORMATS) - ({"pdf"} if not pdf else set())
    if pdf_unavailable() is not None:
        wanted.discard("pdf")
    if docx_unavailable() is not None:
        wanted.discard("docx")
    stages = [stage for stage in STAGES if stage == "content" or any(stage in _STAGES_OF[kind] for kind in wanted)]

    def done(stage: str) -> None:
        if progress is not None:
            progress(stage, stages.index(stage) + 1, len(stages))

    template = _environment("html").get_template(HTML)
    with fonts.extra_font(font):
        context = {**build(session, Catalog(language or session.scenario.language), whatifs, against), "raster": False}
        html = neutralise(template.render(context))
        if "pdf" in wanted:
            fonts.check(_visible_text(html), "pdf")
        done("content")
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        if "html" in wanted:
            (out / HTML).write_text(html, encoding="utf-8")
            done("html")
        if "md" in wanted:
            (out / MARKDOWN).write_text(neutralise(_environment("md").get_template(MARKDOWN).render(context)), encoding="utf-8")
            done("markdown")
        if "docx" in wanted:
            write_docx(context, out / DOCX)
            done("docx")
        if "pdf" in wanted:
            # The PDF's charts as PNG (charts.Chart), and the font file first when one was given.
            for_pdf = {**context, "raster": True, **({"font_face": _font_face(Path(font))} if font is not None else {})}
            _write_pdf(for_pdf, neutralise(template.render(for_pdf)), out / PDF, lambda: done("pdf-layout"))
            done("pdf-draw")
    written = []
    for kind, name in FORMATS.items():
        if kind in wanted:
            written.append(out / name)
        else:
            (out / name).unlink(missing_ok=True)
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
            neutralise(template.render({**context, "front": n == 0, "numbered": False, "sheets": sheets[start:end]}))
            for n, (start, end) in enumerate(bounds)
        ]
        numbers = _environment("html").get_template("numbers.html")

        def numbering(first: int, count: int, total: int) -> str:
            return numbers.render(lang=context["lang"], first=first, count=count, total=total)

        if pdf_writer.write_parts(parts, numbering, path, laid_out):
            return
    pdf_writer.write_whole(html, path, laid_out)


_SHEET = '<section class="sheet">'
_NOT_TEXT = re.compile(r"<style.*?</style>|<[^>]*>", re.DOTALL)


def _visible_text(html: str) -> str:
    """The text a reader of the HTML sees: no markup, styles or chart data."""
    import html as markup

    return markup.unescape(_NOT_TEXT.sub(" ", html))


def _font_face(path: Path) -> Markup:
    """CSS for the PDF that draws with this font file first (Pango falls back from it glyph by glyph)."""
    uri = path.resolve().as_uri()   # percent-encoded: no quote or angle bracket survives into the CSS
    return Markup(f'@font-face {{ font-family: "drill report font"; src: url("{uri}"); }}\n'
                  'html { font-family: "drill report font", sans-serif; }')
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
def pdf_unavailable(language: str = "en") -> str | None:
    """None when WeasyPrint can write PDFs here, else why not and what to do about it, in
    `language`.

    WeasyPrint is an optional extra, and it also needs Pango from the system;
    either missing raises on import (ImportError or OSError), never later."""
    t = Catalog(language)
    try:
        import weasyprint  # noqa: F401
    except ImportError:
        return t("install.pdf-missing", hint=install_hint("pdf"))
    except OSError as error:
        return t("install.pdf-libraries", error=str(error))
    return None


def _md_text(value: object) -> str:
    """Every value in the Markdown report is text, never markup: Markdown and HTML
    punctuation are backslash-escaped, and a value's lines are joined into one, so that
    a table cell or a list item holds it whole (no raw `<br>` tag, which a reader shows
    as such in plain text). Values the template built itself (fenced blocks, the summary's
    paragraphs) are Markup and pass as they are."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    text = str(value)
    if "\n" not in text and "\r" not in text:
        return _MD_SPECIAL.sub(r"\\\1", text)   # as it is, spaces and all (": " between a label and its value)
    # Lines of a paragraph joined as prose joins them (no space between two CJK characters), then its paragraphs.
    return _MD_SPECIAL.sub(r"\\\1", " ".join(line for line in reflow(text).split("\n") if line))


def _fence(text: str) -> Markup:
    """Text shown verbatim in Markdown: a code fence longer than any run of backticks in it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return Markup(f"{fence}text\n{text}\n{fence}")


def _md_prose(text: str) -> Markup:
    """A prose field (the summary) in Markdown: its paragraphs apart by a blank line and its
    list items one a line, each escaped as any other value."""
    return Markup("\n".join(_md_text(line) for line in reflow(text).split("\n")))


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
    environment.filters["prose"] = _md_prose if kind == "md" else reflow
    return environment
