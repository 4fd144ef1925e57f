"""report.docx: the debrief as a Word document that leaders edit before it is filed.

It is written from the very content the HTML template gets (content.build), so the
two never disagree: the cover and summary, the timeline, the scores grid and the
charts, then one review sheet per team on its own page, each ending with its
improvement plan as a real Word table with blank rows to fill in by hand.
Headings use Word's own heading styles, so the navigation pane and an inserted
table of contents work; the page is A4; Chinese text gets an East Asian font
(w:eastAsia), without which Word and WPS fall back to a Latin face for it.
Needs python-docx (the `docx` extra).
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from .. import install_hint
from ..i18n import Catalog
from .bidi import neutralise

LATIN_FONT = "Calibri"
TEXT_WIDTH = 170   # mm: A4's 210 less margins of 20
EAST_ASIAN_FONT = "Microsoft YaHei"   # what Word and WPS offer on Chinese Windows; other programs substitute their own CJK face
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MUTED = (0x66, 0x66, 0x66)


@cache
def docx_unavailable(language: str = "en") -> str | None:
    """None when python-docx is installed, else what to do about it, in `language`."""
    try:
        import docx  # noqa: F401
    except ImportError:
        return Catalog(language)("install.docx-missing", hint=install_hint("docx"))
    return None


def clean(value: object) -> str:
    """Text as Word can hold it: characters XML forbids become U+FFFD rather than failing the
    file, and bidi controls are shown, not obeyed, as in every report output (bidi.py)."""
    return neutralise(_NOT_XML.sub("\ufffd", "" if value is None else str(value)))


class _Writer:
    def __init__(self, context: dict[str, Any]):
        from docx import Document

        self.context, self.t = context, context["t"]
        self.colon = context["colon"]
        self.document = Document()
        self._page()
        self._fonts(context["lang"])
        # Style ids looked up once and set on the XML: python-docx searches every style
        # twice for each paragraph given a style, which for a big drill is most of the time.
        self.style_ids = {name: self.document.styles[name].style_id for name in ("Title", "List Bullet", "Table Grid", "Heading 1", "Heading 2", "Heading 3")}

    def _add(self, text: str = "", style: str | None = None):
        paragraph = self.document.add_paragraph(text)
        if style:
            paragraph._p.get_or_add_pPr().style = self.style_ids[style]
        return paragraph

    # ---------------------------------------------------------------- page and styles

    def _page(self) -> None:
        from docx.shared import Mm

        for section in self.document.sections:
            section.page_width, section.page_height = Mm(210), Mm(297)
            section.left_margin = section.right_margin = Mm(20)
            section.top_margin = section.bottom_margin = Mm(18)

    def _fonts(self, language: str) -> None:
        """Latin and East Asian faces, and the languages, on every style the report uses, so
        Chinese text (in any report: team names and drafts may be Chinese in an English
        drill) is set in a CJK face and broken into lines by Chinese rules."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Pt

        styles = self.document.styles
        for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "Table Grid"):
            properties = styles[name].element.get_or_add_rPr()
            fonts = properties.find(qn("w:rFonts"))
            if fonts is None:
                fonts = OxmlElement("w:rFonts")
                properties.insert(0, fonts)
            for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(qn(theme), None)   # a theme font would win over the faces named here
            fonts.set(qn("w:ascii"), LATIN_FONT)
            fonts.set(qn("w:hAnsi"), LATIN_FONT)
            fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
            lang = properties.find(qn("w:lang"))
            if lang is None:
                lang = OxmlElement("w:lang")
                properties.append(lang)
            lang.set(qn("w:val"), "zh-CN" if language == "zh-CN" else "en-GB")
            lang.set(qn("w:eastAsia"), "zh-CN")
        styles["Normal"].font.size = Pt(10.5)

    # ---------------------------------------------------------------- pieces

    def paragraph(self, text: str = "", *, bold: str | None = None, muted: bool = False, style: str | None = None):
        """A paragraph, optionally led by a bold label; line breaks in `text` are kept."""
        from docx.shared import RGBColor

        paragraph = self._add(style=style)
        if bold:
            paragraph.add_run(clean(bold)).bold = True
        run = paragraph.add_run(clean(text))
        if muted:
            run.font.color.rgb = RGBColor(*_MUTED)
        return paragraph

    def heading(self, text: str, level: int, *, new_page: bool = False):
        heading = self._add(clean(text), f"Heading {level}" if level else "Title")
        heading.paragraph_format.page_break_before = new_page
        return heading

    def bullets(self, lines: list[str]) -> None:
        for line in lines:
            self.paragraph(line, style="List Bullet")

    def table(self, header: list[str], rows: list[list[str]], *, blank: int = 0, widths: list[float] | None = None, size: float | None = None):
        """A Word table with a bold header row that repeats on every page, and `blank` empty rows to write in;
        `size` in points for a table of many narrow columns."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Mm, Pt

        table = self.document.add_table(rows=1 + len(rows) + blank, cols=len(header))
        table._tbl.tblPr.style = self.style_ids["Table Grid"]
        table_rows = table.rows
        marker = OxmlElement("w:tblHeader")
        marker.set(qn("w:val"), "true")
        table_rows[0]._tr.get_or_add_trPr().append(marker)
        for cell, text in zip(table_rows[0].cells, header):
            run = cell.paragraphs[0].add_run(clean(text))
            run.bold = True
            if size:
                run.font.size = Pt(size)
        for row, values in zip(table_rows[1:], rows):
            for cell, text in zip(row.cells, values):
                run = cell.paragraphs[0].add_run(clean(text))
                if size:
                    run.font.size = Pt(size)
        for row in table_rows[1 + len(rows):]:
            row.height = Mm(12)
        widths = widths or [TEXT_WIDTH / len(header)] * len(header)
        table.autofit = False
        for column, width in zip(table.columns, widths):
            column.width = Mm(width)   # the grid, which LibreOffice and WPS follow
        for row in table_rows:
            for cell, width in zip(row.cells, widths):
                cell.width = Mm(width)   # the cells, which Word follows
        return table

    def chart(self, chart: Any, caption: str = "") -> None:
        """A chart as a PNG at the text's width; a chart that cannot draw itself as PNG is named instead."""
        from docx.shared import Mm

        if hasattr(chart, "png"):
            self.document.add_picture(io.BytesIO(chart.png), width=Mm(TEXT_WIDTH))
        else:
            self.paragraph(self.t("report.charts-elsewhere"), muted=True)
        if caption:
            self.paragraph(caption, muted=True)

    # ---------------------------------------------------------------- the report

    def write(self, path: Path) -> None:
        context, t = self.context, self.t
        scenario = context["scenario"]
        properties = self.document.core_properties
        properties.title, properties.subject, properties.language = clean(scenario.title), t("report.title"), context["lang"]
        self.cover(scenario)
        self.timeline()
        self.results()
        self.whatifs()
        if context.get("against"):
            self.heading(context["against"]["title"], 1, new_page=True)
            self.bullets(context["against"]["lines"])
        for sheet in context["sheets"]:
            self.sheet(sheet)
        when = datetime.strptime(context["ran_on"], "%Y-%m-%d %H:%M") if context["ran_on"] else datetime(2000, 1, 1)
        properties.created = properties.modified = when
        properties.last_printed = when
        buffer = io.BytesIO()
        self.document.save(buffer)
        path.write_bytes(_steady(buffer.getvalue()))

    def cover(self, scenario: Any) -> None:
        context, t = self.context, self.t
        self.paragraph(t("report.title"), muted=True)
        self.heading(scenario.title, 0)
        facts = [(t("report.ran-on"), context["ran_on"])] if context["ran_on"] else []
        facts += [(t("report.start"), context["start"]), (t("report.duration"), context["duration"]),
                  (t("report.team-count"), str(len(context["teams"])))]
        facts += [(t("record.label"), context["record"])] if context.get("record") else []
        for label, value in facts:
            self.paragraph(value, bold=label + self.colon)
        self.heading(t("report.summary"), 1)
        for part in scenario.summary.split("\n"):
            if part.strip():
                self.paragraph(part)
        self.heading(t("report.teams"), 1)
        self.bullets(context["teams"])
        self.heading(t("report.notes"), 1)
        if context["notes"]:
            self.table([t("report.time"), t("report.note-text")],
                       [[f"{note['at']} {note['offset']}", note["text"]] for note in context["notes"]], widths=[30, 140])
        else:
            self.paragraph(t("report.no-notes"), muted=True)

    def timeline(self) -> None:
        context, t = self.context, self.t
        self.heading(t("report.timeline"), 1, new_page=True)
        self.heading(t("report.heat-chart"), 2)
        self.chart(context["heat_chart"], context["heat_key"])
        if context["branches"]:
            self.paragraph(bold=t("report.branches") + self.colon)
            self.bullets([f"{b['at']} {b['title']}" + (f" — {b['set_off']}" if b["set_off"] else "") for b in context["branches"]])
        rows = []
        for row in context["timeline"]:
            details = row["what"] + (f" — {row['from']}" if row["from"] else "") + (f"\n{row['set_off']}" if row["set_off"] else "")
            rows.append([f"{row['at']} {row['offset']}", row["kind"], details, row["who"], row["heat"]])
        self.table([t("report.time"), t("report.event"), t("report.details"), t("report.who"), t("report.heat")], rows,
                   widths=[24, 22, 70, 32, 22])

    def results(self) -> None:
        context, t = self.context, self.t
        self.heading(t("report.results"), 1, new_page=True)
        header = [t("report.team"), *(task.title for task in context["tasks"]), t("report.total")]
        rows = [
            [row["name"], *(f"{c['score']}\u00a0{c['rating']}" if c else "·" for c in row["cells"]), f"{row['total']}\u00a0{row['rating'] or ''}"]
            for row in context["results"]
        ]
        tasks = len(context["tasks"])
        self.table(header, rows, widths=[32, *[(TEXT_WIDTH - 50) / max(tasks, 1)] * tasks, 18], size=8.5 if tasks > 5 else None)
        self.paragraph(f"{t('report.ratings')}{self.colon}{context['bands']}\n{t('report.not-owed')}", muted=True)
        self.heading(t("report.comparison-chart"), 2)
        for chart in context["comparison_charts"]:
            self.chart(chart)

    def whatifs(self) -> None:
        """The what-ifs the facilitator kept, as in the HTML: what changed, its numbers and both
        heat curves together, then the injects it changed and the new words."""
        context, t = self.context, self.t
        if not context["whatifs"]:
            return
        self.heading(t("report.whatifs"), 1, new_page=True)
        self.paragraph(t("report.whatifs-key"), muted=True)
        for whatif in context["whatifs"]:
            self.heading(t("report.whatif", change=whatif["title"]), 2)
            self.table(["", t("whatif.before"), t("whatif.after")],
                       [[row["label"], row["before"], row["after"]] for row in whatif["rows"]], widths=[90, 40, 40])
            self.chart(whatif["chart"])
            if whatif["injects"]:
                self.paragraph(bold=t("whatif.injects"))
                self.bullets(whatif["injects"])
            else:
                self.paragraph(t("whatif.no-injects"), muted=True)
            if whatif["text"] is not None:
                self.heading(t("report.text"), 3)
                self.paragraph(whatif["text"])

    def sheet(self, sheet: dict[str, Any]) -> None:
        t, colon = self.t, self.colon
        self.heading(t("report.sheet", team=sheet["name"]), 1, new_page=True)
        self.paragraph(f"{sheet['total']} {sheet['rating'] or ''}", bold=t("report.total") + colon)
        for task in sheet["tasks"]:
            self.heading(f"{task['title']} · {task['score']} {task['rating'] or ''}", 2)
            self.paragraph(f"{t('report.rubric')}{colon}{task['rubric']} · {task['status']}", muted=True)
            if task["capped_by"]:
                self.paragraph(task["capped_by"])
            if task["text"] is None:
                continue
            self.heading(t("report.text"), 3)
            self.paragraph(task["text"])
            for label, value in task["fields"]:
                self.paragraph(value, bold=label + colon)
            self.table(
                [t("report.criterion"), t("report.points"), t("report.evidence"), t("report.note")],
                [[c["title"], f"{c['points']} · {c['source']}", (f"{c['suggestion']}{colon}" if c["suggestion"] else "") + (c["evidence"] or ""),
                  c["note"] or "\n".join(f"{r['by']} {r['level']}" + (f" · {r['note']}" if r["note"] else "") for r in c["reviews"])]
                 for c in task["criteria"]],
                widths=[40, 28, 64, 38],
            )
            for key, lines in (("report.strengths", task["strengths"]), ("report.improvements", task["improvements"])):
                self.heading(t(key), 3)
                if lines:
                    self.bullets(lines)
                else:
                    self.paragraph(t("report.none"), muted=True)
        self.heading(t("report.observations"), 2)
        if sheet["observations"]:
            self.table(
                [t("report.time"), t("report.observer"), t("report.observation-kind"), t("report.observation-text")],
                [[f"{o['at']} {o['offset']}", o["by"], o["kind"], (o["about"] + colon if o["about"] else "") + o["text"]]
                 for o in sheet["observations"]],
                widths=[28, 28, 24, 90],
            )
        else:
            self.paragraph(t("report.no-observations"), muted=True)
        self.heading(t("report.plan"), 2)
        if sheet["keep"]:
            self.paragraph(bold=t("report.plan-keep"))
            self.bullets(sheet["keep"])
        self.table(self.context["plan_columns"], sheet["plan"], blank=len(sheet["blank_rows"]),
                   widths=[22, 28, 30, 16, 22, 16, 18, 18], size=8)


def _steady(docx: bytes) -> bytes:
    """The same .docx bytes for the same report: each part's time in the zip is fixed,
    as the HTML and Markdown are byte for byte the same from the same session."""
    source, out = zipfile.ZipFile(io.BytesIO(docx)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(zipfile.ZipInfo(entry.filename, date_time=(2000, 1, 1, 0, 0, 0)), source.read(entry), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def write_docx(context: dict[str, Any], path: Path) -> None:
    """Write report.docx from the report's content (see content.build)."""
    _Writer(context).write(path)
