"""An .xlsx file checked before it is read, so that a small file cannot be a bomb.

An .xlsx is a zip of XML. A 9 KB file can claim a cell at row 1,000,000,000, a 2 MB
zip can inflate to gigabytes, a shared-strings part can hold millions of tiny
strings, and XML can declare entities that expand without end. Each of these is
measured from the archive's directory and the first bytes of its parts, before
openpyxl builds anything, and refused as a problem of the file (exit 1), never
run into memory. The limits are far above any MSEL a person plans (5,000 injects
is 6,000 rows and some 40 columns).

XML is parsed by openpyxl with defusedxml (or lxml without entity resolution);
parts that declare a DTD or entities are refused here first, so no parser meets them.
"""

from __future__ import annotations

import re
import zipfile

from ..formats.problems import FormatError, Position, Problem
from .mapping import letter_number

MAX_MEMBERS = 1_000
MAX_UNCOMPRESSED = 200 * 2**20      # all parts together, inflated
MAX_RATIO = 200                     # inflated / compressed, for a part over 1 MiB
MAX_ROWS = 100_000
MAX_COLUMNS = 500
MAX_SHARED_STRINGS = 1_000_000
_HEAD = 64 * 1024                   # how much of each part is looked at for a DTD or the dimension
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?\"")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)
_STRING = re.compile(rb"<(?:\w{1,8}:)?si[\s>/]")


def refused(name: str, message: str) -> FormatError:
    return FormatError([Problem(name, Position(1, 1), f"{message}; refusing to read it (save it again from the spreadsheet program as .xlsx)")])


def check_workbook(name: str) -> None:
    """Raise FormatError when the archive at `name` is larger inside than an MSEL can be,
    claims more rows or columns than the limits, or holds XML with a DTD or entities.
    zipfile.BadZipFile propagates (the caller reports a file that is not a workbook)."""
    with zipfile.ZipFile(name) as archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise refused(name, f"the workbook holds {len(members):,} parts (at most {MAX_MEMBERS:,})")
        total = sum(member.file_size for member in members)
        if total > MAX_UNCOMPRESSED:
            raise refused(name, f"the workbook inflates to {total / 2**20:,.0f} MiB (at most {MAX_UNCOMPRESSED // 2**20} MiB)")
        for member in members:
            if member.file_size > 2**20 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
                raise refused(name, f"{member.filename} inflates {member.file_size // max(member.compress_size, 1):,} times (a zip bomb?)")
        for member in members:
            if not member.filename.endswith((".xml", ".rels")):
                continue
            with archive.open(member) as part:
                head = part.read(_HEAD)
            if _DTD.search(head):
                raise refused(name, f"{member.filename} declares a DTD or XML entities, which a workbook does not need")
            if member.filename.startswith("xl/worksheets/"):
                _check_dimension(name, member.filename, head)
            elif member.filename == "xl/sharedStrings.xml":
                _check_strings(name, archive, member)


def _check_dimension(name: str, part: str, head: bytes) -> None:
    found = _DIMENSION.search(head)
    if not found:
        return      # no dimension written: rows are counted as they are read
    last_column, last_row = found.group(3) or found.group(1), found.group(4) or found.group(2)
    if last_row and int(last_row) > MAX_ROWS:
        raise refused(name, f"a sheet ({part}) claims {int(last_row):,} rows (at most {MAX_ROWS:,})")
    if last_column and letter_number(last_column.decode()) > MAX_COLUMNS:
        raise refused(name, f"a sheet ({part}) claims {letter_number(last_column.decode()):,} columns (at most {MAX_COLUMNS})")


def _check_strings(name: str, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Count the shared strings as they stream by (the count the file states may lie)."""
    count, before = 0, b""
    with archive.open(member) as part:
        while chunk := part.read(2**20):
            data = before + chunk      # a tag cut between two chunks is counted once
            count += len(_STRING.findall(data)) - len(_STRING.findall(before))
            before = data[-16:]
            if count > MAX_SHARED_STRINGS:
                raise refused(name, f"the workbook holds more than {MAX_SHARED_STRINGS:,} distinct texts")
