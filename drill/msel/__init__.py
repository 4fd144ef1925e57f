"""MSEL spreadsheets: a scenario as the master scenario events list trainers plan in, and back.

`drill msel export` writes one row per inject in time order (HSEEP's MSEL columns,
in the scenario's language) plus, in a workbook, sheets for the scenario, teams,
tasks and facts, so that a sheet carries the whole drill. `drill msel import` reads
such a sheet, or one a person made (headers in English or Chinese, columns in any
order, times as offsets or clock times), and writes a scenario; every problem is
named by its cell. The scenario's meaning is checked by the same loader as
`drill validate`, so an imported file is as valid as a hand-written one.
"""

from .read import import_msel, read_msel
from .cexf import export_cexf
from .write import export_msel

__all__ = ["export_cexf", "export_msel", "import_msel", "read_msel"]
