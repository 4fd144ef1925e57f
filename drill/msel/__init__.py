"""MSEL spreadsheets: a scenario as the master scenario events list trainers plan in, and back.

`drill msel export` writes one row per inject in time order (HSEEP's MSEL columns,
in the scenario's language) plus, in a workbook, sheets for the scenario, teams,
tasks and facts, so that a sheet carries the whole drill; or a MISP CEXF exercise.
`drill msel import` reads such a sheet, one a person made, or one from another tool
(HSEEP, T3SF and OpenAEV sheets, plain CSVs, T3SF and CEXF JSON: headers in three
languages, a column map for the rest, times in their many forms, other columns kept
as notes), and writes a scenario, or a skeleton around an MSEL alone; every problem
is named by its cell. The scenario's meaning is checked by the same loader as
`drill validate`, so an imported file is as valid as a hand-written one.
"""

from .read import import_msel, read_msel
from .cexf import export_cexf
from .write import export_msel

__all__ = ["export_cexf", "export_msel", "import_msel", "read_msel"]
