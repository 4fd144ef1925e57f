"""Imports that cannot be bombs (issue 22, finding 8), and CSV cells that cannot be formulas
(finding 12): a small .xlsx claiming a huge sheet, a zip bomb, a shared-strings bomb and
XML with entities or broken tags are each a FILE error (exit 1), quickly and in little
memory; a Hypothesis fuzz of malformed archives and XML never gets an internal error."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drill.formats import FormatError, Loader
from drill.msel import export_msel
from drill.msel.read import build

DATA = Path(__file__).parent / "data"


def drill(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "drill", *args], capture_output=True, text=True, encoding="utf-8")


def honest_parts() -> dict[str, bytes]:
    """The parts of a small, valid MSEL workbook, to be spoiled."""
    book = openpyxl.Workbook()
    page = book.active
    page.title = "MSEL"
    page.append(["Offset", "Channel", "Title", "Body"])
    page.append(["+0:05", "email", "Hello", "A body"])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def workbook(path: Path, parts: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def refused(path: Path, said: str, seconds: float = 5.0) -> None:
    started = time.monotonic()
    result = drill("msel", "import", str(path), "--out", str(path.with_suffix(".yaml")))
    assert result.returncode == 1, result.stderr
    assert time.monotonic() - started < seconds
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert result.stderr.startswith(f"{path}:") and ": error: " in result.stderr and said in result.stderr, result.stderr
    assert not path.with_suffix(".yaml").exists()


SHEET = "xl/worksheets/sheet1.xml"


def test_a_small_file_claiming_a_huge_row_is_refused_quickly(tmp_path):
    parts = honest_parts()
    huge = parts[SHEET].replace(b'<row r="2"', b'<row r="1000000000"').replace(b'r="A2"', b'r="A1000000000"')
    huge = re.sub(rb'r="([B-D])2"', rb'r="\g<1>1000000000"', huge)
    path = workbook(tmp_path / "row.xlsx", parts | {SHEET: huge})
    assert path.stat().st_size < 10_000
    refused(path, "MSEL!A100001: error: the sheet is larger than 100,000 rows", seconds=20)   # the dimension tag lies: counted
    honest = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:D1000000000"', huge)
    refused(workbook(tmp_path / "claims.xlsx", parts | {SHEET: honest}), ":1:1: error: a sheet (xl/worksheets/sheet1.xml) claims 1,000,000,000 rows")
    quiet = re.sub(rb"<dimension[^>]*/>", b"", huge)       # no dimension tag at all: counted too
    refused(workbook(tmp_path / "quiet.xlsx", parts | {SHEET: quiet}), "larger than 100,000 rows", seconds=20)


def test_a_sheet_claiming_every_column_is_refused(tmp_path):
    parts = honest_parts()
    wide = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD2"', parts[SHEET])
    refused(workbook(tmp_path / "wide.xlsx", parts | {SHEET: wide}), "claims 16,384 columns")


def test_a_zip_bomb_is_refused_from_the_archive_directory(tmp_path):
    parts = honest_parts()
    bomb = parts[SHEET].replace(b"</worksheet>", b"<!--" + b" " * (20 * 2**20) + b"--></worksheet>")
    path = workbook(tmp_path / "bomb.xlsx", parts | {SHEET: bomb})
    assert path.stat().st_size < 200_000
    refused(path, "inflates")


def test_a_shared_strings_bomb_is_refused_by_counting(tmp_path):
    parts = honest_parts()
    strings = b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + b"<si><t>a</t></si>" * 1_100_000 + b"</sst>"
    refused(workbook(tmp_path / "strings.xlsx", parts | {"xl/sharedStrings.xml": strings}, zipfile.ZIP_STORED), "distinct texts")


@pytest.mark.parametrize("spoil, said", [
    (lambda xml: re.sub(rb"^(<\?xml[^>]*\?>)?", lambda m: (m.group(1) or b"") + b'<!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>', xml, count=1),
     "declares a DTD"),
    (lambda xml: xml.replace(b"<sheetData>", b"<sheetData>&undefined;", 1), "undefined entity"),
    (lambda xml: xml.replace(b"</sheetData>", b"</sheetDatum>", 1), "mismatched tag"),
    (lambda xml: xml[: len(xml) // 2], "cannot be read"),
])
def test_broken_or_hostile_xml_is_a_file_error(tmp_path, spoil, said):
    parts = honest_parts()
    refused(workbook(tmp_path / "xml.xlsx", parts | {SHEET: spoil(parts[SHEET])}), said)


def test_the_csv_export_writes_no_formula(tmp_path, data_dir):
    """Text that starts with = + - @, a tab or a carriage return is written after an apostrophe,
    so Excel and LibreOffice show it as text; the import takes the apostrophe off again."""
    text = (data_dir / "mini.yaml").read_text(encoding="utf-8")
    hostile = {"title": '=HYPERLINK("http://evil.example","click")', "from": "@SUM(1+1)*cmd|' /C calc'!A0", "body": "+cmd|' /C calc'!A0"}
    scenario_file = data_dir / "hostile.yaml"
    block = ("  - id: hostile\n    at: 1h\n    channel: note\n"
             f"    from: \"{hostile['from']}\"\n    title: '{hostile['title']}'\n    body: \"{hostile['body']}\\ttab\"\n")
    scenario_file.write_text(text.replace("injects:\n", "injects:\n" + block, 1), encoding="utf-8")
    scenario = Loader().load_exercise(scenario_file).scenario
    export_msel(scenario, tmp_path / "out.csv")
    with open(tmp_path / "out.csv", encoding="utf-8-sig", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(r"-\d+", cell)]   # heat -20 is a number
    assert "'" + hostile["title"] in cells and "'" + hostile["from"] in cells and "1:00" in cells
    into = data_dir / "into.yaml"
    into.write_text(scenario_file.read_text(encoding="utf-8"), encoding="utf-8")
    result = drill("msel", "import", str(tmp_path / "out.csv"), "--into", str(into))
    assert result.returncode == 0, result.stderr
    back = next(i for i in Loader().load_exercise(into).scenario.injects if i.id == "hostile")
    assert (back.title, back.from_, back.body, back.at) == (hostile["title"], hostile["from"], hostile["body"] + "\ttab", 3600)


# ---------------------------------------------------------------- fuzz: malformed archives and XML

PARTS = honest_parts()
XML_SPOILS = st.sampled_from([
    b"<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">]>", b"&a;", b"</row>", b"<row r=\"99999999999\">", b"<c r=\"ZZZZ1\" t=\"s\"><v>999999</v></c>",
    b"<c r=\"A1\" t=\"n\"><v>1e309</v></c>", b"<c t=\"d\"><v>not-a-date</v></c>", b"<dimension ref=\"A1:XFD1048576\"/>", b"\x00\xff\xfe",
    b"<si><t>" + b"x" * 1000 + b"</t></si>", b"]]>", b"<?xml version=\"9\"?>", b"<![CDATA[", b"<c r=\"A0\"/>",
])


@st.composite
def spoiled(draw) -> bytes:
    """A workbook with one part cut, spliced into or replaced, or the zip itself damaged."""
    parts = dict(PARTS)
    name = draw(st.sampled_from(sorted(parts)))
    data = parts[name]
    how = draw(st.sampled_from(["cut", "splice", "replace", "drop"]))
    where = draw(st.integers(0, max(len(data) - 1, 0)))
    if how == "cut":
        parts[name] = data[:where]
    elif how == "splice":
        parts[name] = data[:where] + draw(XML_SPOILS) + data[where:]
    elif how == "replace":
        parts[name] = draw(st.binary(max_size=200))
    else:
        del parts[name]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, content in parts.items():
            archive.writestr(part, content)
    raw = bytearray(buffer.getvalue())
    for _ in range(draw(st.integers(0, 3))):          # and sometimes a damaged archive
        raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
    return bytes(raw)


@settings(max_examples=80, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(spoiled())
def test_fuzzed_workbooks_give_a_file_error_never_an_internal_one_in_little_memory(tmp_path, raw):
    path = tmp_path / "fuzz.xlsx"
    path.write_bytes(raw)
    tracemalloc.start()
    try:
        build(path, tmp_path / "fuzz.yaml")
    except FormatError as error:
        assert error.problems and all(p.position.line >= 1 for p in error.problems)
    except OSError:
        pass        # a damaged archive the zip module cannot seek in: "cannot read", exit 2
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert peak < 200 * 2**20
