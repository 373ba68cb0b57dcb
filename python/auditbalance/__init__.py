"""AuditBalance for Python: balances and data reconciliation for cleaner-production audits (清洁生产审核).

Every function runs one command of the ``balance`` tool through the C library (``libCAuditBalance.so``, the
same application layer as the command line) and returns a :class:`Result`: the JSON document as a dict
(``result.json``, byte for byte the JSON of ``balance COMMAND CASE --format json``) and its main tables
(``result.streams``, ``result.nodes``, ``result.indicators``) as pandas DataFrames when pandas is installed,
else as :class:`Table` (a list of dicts that prints as a table).

    >>> import auditbalance
    >>> r = auditbalance.reconcile("Datasets/demo/dyeing-plant-water", gross_errors="glr")
    >>> r.json["globalTest"]["passed"]
    False
    >>> r.streams[["id", "measured", "reconciled", "reconciledSigma"]]

A case is a folder with streams.csv (and nodes.csv, …), the path of a streams.csv, the path of an .xlsx
workbook, or pandas DataFrames / lists of dicts given as ``streams=`` and ``nodes=``.
Options are the command line's long options, in snake_case or camelCase (``gross_errors="glr"``,
``alpha=0.01``); an unknown option raises :class:`UsageError`. Bad data raises :class:`DataError` with the file,
line, column and stream it names.
"""
from ._library import library_path, version
from ._run import (
    AuditBalanceError, ComputationError, DataError, Result, Table, UsageError, advise, check, compare, energy, material,
    reconcile, report, run, savings, simulate, water,
)

__all__ = [
    "AuditBalanceError", "ComputationError", "DataError", "Result", "Table", "UsageError", "advise", "check", "compare",
    "energy", "library_path", "material", "reconcile", "report", "run", "savings", "simulate", "version", "water",
]
__version__ = "0.1.0"
