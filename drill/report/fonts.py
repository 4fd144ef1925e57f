"""Which installed fonts draw the report's text, and a clear refusal when none does.

On a machine without a CJK font (a fresh Linux, a minimal container), WeasyPrint and
matplotlib draw every Chinese character as an empty box, and say nothing. So before
drawing, the report looks up the characters it will draw (the letters, digits and
punctuation of its text; see `needed`) in the character maps of the installed fonts,
read with fontTools (installed with matplotlib):

- the PDF: the fonts fontconfig lists (`fc-list`), which are the ones WeasyPrint's Pango
  can fall back to, glyph by glyph; without fontconfig, the fonts matplotlib knows;
- a chart: the fonts matplotlib knows; the chart's font families are the ones that
  cover its labels, in the order of `PREFERRED` (matplotlib falls back along them).

A character no font has stops the report with `FontMissing`, whose text says in one line
what to install on Debian/Ubuntu, macOS and Windows, or to give a font file with
`--font PATH` (`extra_font`), which then comes first for both the PDF and the charts.
Symbols (emoji, arrows) no font has do not stop it: `Coverage.boxes` names them.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

# Families tried first, in this order: a Latin face whose letters look as they always have,
# then the common CJK families of Linux, Windows and macOS (Simplified Chinese first).
PREFERRED = (
    "DejaVu Sans", "Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Microsoft YaHei",
    "PingFang SC", "Hiragino Sans GB", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei", "Noto Sans CJK JP",
    "Arial", "Helvetica",
)
# Unicode name prefixes of the scripts written with CJK fonts.
_CJK_NAMES = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO", "IDEOGRAPHIC", "FULLWIDTH", "HALFWIDTH", "KANGXI")

_extra: ContextVar[Path | None] = ContextVar("drill_report_font", default=None)


@contextmanager
def extra_font(path: Path | None) -> Iterator[None]:
    """While the report is written, draw with this font file first (`drill report --font PATH`)."""
    token = _extra.set(Path(path).resolve() if path is not None else None)
    try:
        yield
    finally:
        _extra.reset(token)


def current_extra() -> Path | None:
    return _extra.get()


@dataclass(frozen=True)
class Font:
    path: Path
    family: str


@dataclass
class Coverage:
    """The fonts that draw a text (in the order tried), and what none of them has."""

    fonts: list[Font] = field(default_factory=list)
    missing: str = ""   # letters, digits, punctuation: the report refuses to draw these as boxes
    boxes: str = ""     # symbols no font has: drawn as boxes, said in a warning


class FontMissing(Exception):
    """No installed font draws some of the report's text."""

    def __init__(self, missing: str):
        super().__init__(missing)
        self.missing = missing

    def __str__(self) -> str:
        from ..i18n import Catalog

        return self.text(Catalog("en"))

    @property
    def cjk(self) -> bool:
        return any(_is_cjk(char) for char in self.missing)

    def text(self, catalog) -> str:
        """The one line that says what is missing and how to get it."""
        # CJK characters first if any are missing, then letters, then the rest
        shown = sorted(self.missing, key=lambda char: (not _is_cjk(char), not char.isalpha(), char))
        sample = catalog("report.separator").join(shown[:6]) + ("…" if len(shown) > 6 else "")
        key = "report.no-font.cjk" if self.cjk else "report.no-font.other"
        return catalog(key, chars=sample)


def needed(text: str) -> tuple[str, str]:
    """The characters a font must draw: (letters, marks, digits and punctuation; symbols).
    Spaces, control and format characters (joiners, bidi marks) draw nothing."""
    must, may = set(), set()
    for char in set(text):
        kind = unicodedata.category(char)[0]
        if kind in "LMNP":
            must.add(char)
        elif kind == "S" and ord(char) > 0x7F:
            may.add(char)
    return "".join(sorted(must)), "".join(sorted(may))


def cover(text: str, kind: str = "pdf") -> Coverage:
    """Which fonts (for `kind` "pdf" or "chart") draw `text`, trying the extra font first,
    then `PREFERRED`, then the rest; it stops as soon as nothing is left."""
    must, may = needed(text)
    left = set(must) | set(may)
    coverage = Coverage()
    for font in _candidates(kind):
        if not left:
            break
        drawn = {char for char in left if ord(char) in _codepoints(font.path)}
        if drawn:
            coverage.fonts.append(font)
            left -= drawn
    coverage.missing = "".join(char for char in must if char in left)
    coverage.boxes = "".join(char for char in may if char in left)
    return coverage


def check(text: str, kind: str = "pdf") -> Coverage:
    """`cover`, raising FontMissing when a letter, digit or punctuation mark has no font."""
    coverage = cover(text, kind)
    if coverage.missing:
        raise FontMissing(coverage.missing)
    return coverage


def chart_families(text: str) -> list[str]:
    """The font families a chart draws `text` in: those that cover it, in the order tried."""
    families = list(dict.fromkeys(font.family for font in check(text, "chart").fonts))
    return families or ["DejaVu Sans"]


def _candidates(kind: str) -> list[Font]:
    extra = current_extra()
    fonts = list(installed(kind))
    if extra is not None:
        fonts.insert(0, Font(extra, _register(extra) if kind == "chart" else extra.stem))
    return fonts


def installed(kind: str) -> tuple[Font, ...]:
    """The installed fonts of that kind, one per file, in the order they are tried."""
    fonts = _fontconfig() if kind == "pdf" and shutil.which("fc-list") else _matplotlib()
    rank = {family: n for n, family in enumerate(PREFERRED)}
    return tuple(sorted(fonts, key=lambda font: (rank.get(font.family, len(rank)), font.family, str(font.path))))


@cache
def _fontconfig() -> tuple[Font, ...]:
    """The fonts fontconfig lists, which are the ones WeasyPrint (Pango) can draw with."""
    try:
        listed = subprocess.run(["fc-list", "--format=%{file}\t%{family[0]}\n"], capture_output=True, text=True,
                                timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    families: dict[Path, list[str]] = {}
    for line in listed.splitlines():
        path, _, family = line.partition("\t")
        if path and Path(path).suffix.lower() in (".ttf", ".otf", ".ttc", ".otc"):
            families.setdefault(Path(path), []).append(family)
    return _named(families)


@cache
def _matplotlib() -> tuple[Font, ...]:
    """The fonts matplotlib knows (its cached list; fonts installed since are found by a scan
    of the system's font folders, added to matplotlib's list for this process)."""
    from matplotlib import font_manager

    known = {Path(entry.fname) for entry in font_manager.fontManager.ttflist}
    for path in font_manager.findSystemFonts():
        if Path(path) not in known:
            try:
                font_manager.fontManager.addfont(path)
            except Exception:  # noqa: BLE001 - a font matplotlib cannot read is not a candidate
                continue
    families: dict[Path, list[str]] = {}
    for entry in font_manager.fontManager.ttflist:
        families.setdefault(Path(entry.fname), []).append(entry.name)
    return _named(families)


def _named(families: dict[Path, list[str]]) -> tuple[Font, ...]:
    """One Font per file, named by the most preferred of its faces' families (a .ttc of
    Noto Sans CJK holds the SC, TC, HK, JP and KR faces)."""
    rank = {family: n for n, family in enumerate(PREFERRED)}
    return tuple(Font(path, min(names, key=lambda name: (rank.get(name, len(rank)), name)))
                 for path, names in families.items())


@cache
def _register(path: Path) -> str:
    """Make a font file known to matplotlib; its family name."""
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


@cache
def _codepoints(path: Path) -> frozenset[int]:
    """The characters a font file (its first face) has glyphs for; none if it cannot be read."""
    from fontTools.ttLib import TTFont

    try:
        with TTFont(str(path), fontNumber=0, lazy=True) as font:
            return frozenset(font.getBestCmap() or ())
    except Exception:  # noqa: BLE001 - an unreadable or odd font file draws nothing for us
        return frozenset()


def readable(path: Path) -> bool:
    """Whether `path` is a font file with characters in it (for `--font`)."""
    return bool(_codepoints(Path(path).resolve()))


def _is_cjk(char: str) -> bool:
    return unicodedata.name(char, "").startswith(_CJK_NAMES)

