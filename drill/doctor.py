"""`drill doctor`: what this machine has for drill's optional parts.

The report's PDF needs WeasyPrint and the system's Pango; the charts need matplotlib;
`drill web` needs textual-serve and a browser for the teams; Chinese or Vietnamese
text needs fonts that have its characters (see drill/report/fonts.py); spreadsheet and
Word exports need openpyxl and python-docx. A facilitator setting up a room runs this
once and reads, line by line, what works and what to install.
"""

from __future__ import annotations

import platform
import shutil
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from . import DISTRIBUTION

# A few characters of each script the bundled drills and catalogs write in.
SCRIPTS = (
    ("Latin", "Report AaZz 0-9"),
    ("Vietnamese", "Tiếng Việt ơư ạả ếộ đĐ"),
    ("Chinese", "演练总结评估报告，热度。"),
)
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "firefox", "microsoft-edge", "msedge")
MAC_BROWSERS = ("Google Chrome", "Firefox", "Microsoft Edge", "Safari", "Chromium")


def _installed(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def _pdf() -> str:
    from .report import pdf_unavailable

    reason = pdf_unavailable()
    if reason is not None:
        return reason
    from weasyprint.text.ffi import pango

    number = pango.pango_version()
    parts = f"WeasyPrint {_installed('weasyprint')}, Pango {number // 10000}.{number // 100 % 100}.{number % 100}"
    pypdf = _installed("pypdf")
    return parts + (f"; pypdf {pypdf} (big reports on several cores)" if pypdf else "; no pypdf (one core)")


def _charts() -> str:
    found = _installed("matplotlib")
    return f"matplotlib {found}" if found else "matplotlib is not installed (pip install matplotlib)"


def _browsers() -> list[str]:
    found = [f"{name} ({path})" for name in BROWSERS if (path := shutil.which(name))]
    if sys.platform == "darwin":
        found += [name for name in MAC_BROWSERS if Path(f"/Applications/{name}.app").exists()]
    return found


def _web() -> str:
    serve = _installed("textual-serve")
    head = f"textual-serve {serve}" if serve else "textual-serve is not installed (pip install textual-serve)"
    browsers = _browsers()
    return head + "; browsers here: " + (", ".join(browsers) if browsers else "none found (teams may use their own)")


def _fonts() -> list[str]:
    from .i18n import Catalog
    from .report import fonts

    lines = []
    for script, sample in SCRIPTS:
        found = {}
        for kind in ("pdf", "chart"):
            coverage = fonts.cover(sample, kind)
            found[kind] = None if coverage.missing else ", ".join(dict.fromkeys(f.family for f in coverage.fonts))
        if found["pdf"] is None and found["chart"] is None:
            said = fonts.FontMissing(sample).text(Catalog("en"))
            lines.append(f"{script}: none. {said.split('. ', 1)[1]}")
        elif found["pdf"] == found["chart"]:
            lines.append(f"{script}: {found['pdf']}")
        else:
            lines.append(f"{script}: PDF {found['pdf'] or 'none (fontconfig lists no font for it)'}; "
                         f"charts {found['chart'] or 'none'}")
    return lines


def _exports() -> str:
    parts = []
    for package, use in (("openpyxl", "spreadsheets"), ("python-docx", "Word")):
        found = _installed(package)
        parts.append(f"{package} {found} ({use})" if found else f"{package}: not installed ({use})")
    return ", ".join(parts)


def report_lines() -> list[str]:
    """What `drill doctor` prints, one part of drill per line (fonts one line per script)."""
    lines = [f"drill {_installed(DISTRIBUTION) or '?'}, Python {platform.python_version()}, {platform.system()} {platform.release()}",
             f"terminal: Textual {_installed('textual')}",
             f"PDF:      {_pdf()}",
             f"charts:   {_charts()}",
             f"web:      {_web()}"]
    for n, line in enumerate(_fonts()):
        lines.append(("fonts:    " if n == 0 else "          ") + line)
    lines.append(f"exports:  {_exports()}")
    return lines
