"""The commands, their results and their errors."""
from __future__ import annotations

import ctypes
import csv
import io
import json
import os
import re
import unicodedata
from typing import Any, Dict, Iterable, List, Mapping, Optional, Union

from . import _library

#: A case: a folder, a streams.csv or an .xlsx path.
CasePath = Union[str, "os.PathLike[str]"]
#: A table given in memory: a pandas DataFrame or rows as dicts.
Rows = Union[Any, Iterable[Mapping[str, Any]]]

# Exit statuses of `balance` (FORMATS.md §5.9), which ab_run returns.
EX_DATAERR, EX_USAGE = 65, 64


class AuditBalanceError(Exception):
    """A command that did not give a result; ``status`` is the exit status `balance` would give."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class DataError(AuditBalanceError):
    """Bad input data (exit 65). ``file``, ``line``, ``column``, ``sheet``, ``cell`` and ``stream`` are what the
    message names, or None."""

    # The location ends with ": " (English) or "：" / "（列…" (the Chinese of the options' "lang": zh).
    _LOCATION = re.compile(r"^(?P<file>.+?\.xlsx): (?P<sheet>[^!:：]+?)(?:!(?P<cell>[A-Z]+(?P<row>\d+)))?(?:: |：)"
                           r"|^(?P<path>[^:：（]+?)(?::(?P<line>\d+))?(?::(?P<column>\d+))?(?:: |：|（)")
    _STREAM = re.compile(r"stream '([^']*)'|流股“([^”]*)”")

    def __init__(self, message: str, status: int = EX_DATAERR) -> None:
        super().__init__(message, status)
        self.file = self.line = self.column = self.sheet = self.cell = self.stream = None
        match = self._LOCATION.match(message)
        if match:
            if match.group("file"):
                self.file, self.sheet, self.cell = match.group("file"), match.group("sheet"), match.group("cell")
                if match.group("row"):
                    self.line = int(match.group("row"))
            else:
                self.file = match.group("path")
                self.line = int(match.group("line")) if match.group("line") else None
                self.column = int(match.group("column")) if match.group("column") else None
        stream = self._STREAM.search(message)
        if stream:
            self.stream = stream.group(1) if stream.group(1) is not None else stream.group(2)


class UsageError(AuditBalanceError):
    """An unknown command or option, or an option out of range (exit 64)."""


class ComputationError(AuditBalanceError):
    """A computation or a write that failed (exit 1)."""


class Table(list):
    """Rows (dicts) of a result table, for when pandas is not installed; prints as an aligned table."""

    def __init__(self, rows: Iterable[Dict[str, Any]]) -> None:
        super().__init__(rows)
        columns = []
        for row in rows:
            for key in row:
                if key not in columns:
                    columns.append(key)
        self.columns = columns

    def __getitem__(self, key):
        """``table["id"]``: the column's values; ``table[0]``: a row, as for a list."""
        if isinstance(key, str):
            if key not in self.columns:
                raise KeyError(key)
            return [row.get(key) for row in self]
        return super().__getitem__(key)

    def __repr__(self):
        def text(value):
            if value is None:
                return "—"
            if isinstance(value, float):
                return f"{value:.6g}"
            if isinstance(value, (dict, list)):
                return json.dumps(value, ensure_ascii=False)
            return str(value)
        def width(value):  # CJK characters take two columns on a terminal
            return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in value)

        def pad(value, size):
            return value + " " * (size - width(value))

        cells = [[text(row.get(c)) for c in self.columns] for row in self]
        widths = [max([width(c)] + [width(r[k]) for r in cells]) for k, c in enumerate(self.columns)]
        lines = ["  ".join(pad(c, w) for c, w in zip(self.columns, widths)).rstrip()]
        lines += ["  ".join(pad(v, w) for v, w in zip(r, widths)).rstrip() for r in cells]
        return "\n".join(lines)


def _frame(rows):
    """The rows as a pandas DataFrame when pandas is installed, else a Table; None for no rows."""
    if rows is None:
        return None
    try:
        import pandas
    except ImportError:
        return Table(rows)
    return pandas.DataFrame(rows)


class Result:
    """What a command computed: ``json`` (the dict of the JSON document) and its main tables."""

    def __init__(self, command: str, text: str) -> None:
        self.command = command
        self.text = text
        self.json = json.loads(text)

    @property
    def streams(self) -> Any:
        """One row per stream (every command)."""
        return _frame(self.json.get("streams"))

    @property
    def nodes(self) -> Any:
        """One row per node: the node balances (reconcile, material), the water-using units (water)."""
        if "nodes" in self.json:
            return _frame(self.json["nodes"])
        if "units" in self.json:
            return _frame(self.json["units"])
        return None

    @property
    def indicators(self) -> Any:
        """The standard's indicators with their σ: GB/T 12452 (water), GB/T 3484 (energy), the material totals."""
        doc = self.json
        if "indicatorDetails" in doc:
            return _frame(doc["indicatorDetails"])
        if self.command == "energy":
            sigma = doc.get("uncertainty") or {}
            rows = [{"key": k, "value": v, "sigma": sigma.get(k)} for k, v in doc.items()
                    if isinstance(v, (int, float)) and not isinstance(v, bool) or (v is None and k.endswith(("Tce", "Rate", "Kgce")))]
            return _frame(rows)
        if self.command == "material" and "totals" in doc:
            return _frame([{"key": k, "value": v} for k, v in doc["totals"].items()])
        return None

    def __repr__(self):
        return f"<auditbalance.Result {self.command}: {', '.join(self.json.keys())}>"


def _camel(name):
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _csv_bytes(rows):
    """A DataFrame or a list of dicts as the UTF-8 bytes of a CSV file (what the library reads)."""
    if hasattr(rows, "to_csv"):
        return rows.to_csv(index=False).encode("utf-8")
    rows = list(rows)
    columns = []
    for row in rows:
        for key in row:
            if key not in columns:
                columns.append(key)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue().encode("utf-8")


def _finish(command, status, result, message, text_format=False):
    lib = _library.load()
    try:
        if status == 0:
            text = ctypes.string_at(result.value).decode("utf-8")
            return text if text_format else Result(command, text)
        text = ctypes.string_at(message.value).decode("utf-8") if message.value else f"status {status}"
    finally:
        lib.ab_string_free(result)
        lib.ab_string_free(message)
    if status == EX_DATAERR:
        raise DataError(text)
    if status == EX_USAGE:
        raise UsageError(text, status)
    raise ComputationError(text, status)


def run(command: str, case: Optional[CasePath] = None, *, streams: Optional[Rows] = None, nodes: Optional[Rows] = None,
        relations: Optional[Rows] = None, components: Optional[Rows] = None, **options: Any) -> Any:
    """Runs `command` ("reconcile", "check", "water", "energy", "material", "simulate", "advise", "savings", "compare",
    "report") on a
    case and returns its :class:`Result`. ``case`` is a path (folder, streams.csv, .xlsx); or give the tables
    ``streams=`` (required then), ``nodes=``, ``relations=``, ``components=`` as pandas DataFrames or lists of dicts
    with the columns of FORMATS.md (passed in memory: messages name them streams.csv, nodes.csv, …). Keyword
    options are the command's long options, snake_case or camelCase. With ``format=`` other than "json" ("csv",
    "markdown", "table", "html" for report) the result is that text, a str, instead of a :class:`Result`.
    """
    text_format = options.get("format", "json") != "json"
    payload = json.dumps({_camel(k): v for k, v in options.items()}, ensure_ascii=False).encode("utf-8")
    lib = _library.load()
    result, message = ctypes.c_void_p(), ctypes.c_void_p()
    if case is None:
        if streams is None:
            raise UsageError("give a case path, or streams= (a DataFrame or a list of dicts)", EX_USAGE)
        files = [(name + ".csv", _csv_bytes(rows)) for name, rows in
                 (("streams", streams), ("nodes", nodes), ("relations", relations), ("components", components))
                 if rows is not None]
        count = len(files)
        names = (ctypes.c_char_p * count)(*[name.encode("utf-8") for name, _ in files])
        contents = (ctypes.c_char_p * count)(*[data for _, data in files])
        sizes = (ctypes.c_size_t * count)(*[len(data) for _, data in files])
        status = lib.ab_run_files(command.encode("utf-8"), count, names, contents, sizes, payload,
                                  ctypes.byref(result), ctypes.byref(message))
        return _finish(command, status, result, message, text_format)
    if any(t is not None for t in (streams, nodes, relations, components)):
        raise UsageError("give either a case path or tables (streams=, nodes=, …), not both", EX_USAGE)
    status = lib.ab_run(command.encode("utf-8"), os.fspath(case).encode("utf-8"), payload,
                        ctypes.byref(result), ctypes.byref(message))
    return _finish(command, status, result, message, text_format)


def reconcile(case: Optional[CasePath] = None, **options: Any) -> Result:
    """`balance reconcile`: weighted least-squares reconciliation, σ of every value, tests and gross errors."""
    return run("reconcile", case, **options)


def check(case: Optional[CasePath] = None, **options: Any) -> Result:
    """`balance check`: the balances of the measured values as they are, without adjusting them."""
    return run("check", case, **options)


def water(case: Optional[CasePath] = None, **options: Any) -> Result:
    """`balance water`: the GB/T 12452 water balance and its indicators with σ."""
    return run("water", case, **options)


def energy(case: Optional[CasePath] = None, **options: Any) -> Result:
    """`balance energy`: the GB/T 3484 energy balance, the GB/T 28751 table, tce by GB/T 2589."""
    return run("energy", case, **options)


def material(case: Optional[CasePath] = None, **options: Any) -> Result:
    """`balance material`: material and pollutant balances (±5 % closure)."""
    return run("material", case, **options)


def simulate(case: Optional[CasePath] = None, **options: Any) -> Result:
    """`balance simulate`: Monte Carlo power of the gross-error tests (``trials=``)."""
    return run("simulate", case, **options)


def advise(case: Optional[CasePath] = None, **options: Any) -> Result:
    """`balance advise`: which meters to add or improve."""
    return run("advise", case, **options)


def compare(before: CasePath, after: CasePath, **options: Any) -> Result:
    """`balance compare BEFORE AFTER`: the change of every stream (and with ``balance="water"`` every GB/T 12452
    indicator) between two cases of one plant, with its σ, z, p and significance."""
    return run("compare", before, after=os.fspath(after), **options)


def report(case: Optional[CasePath] = None, **options: Any) -> Any:
    """`balance report`: the balance chapter of an audit report (FORMATS.md §5.13). A :class:`Result` holding the
    report's document, or with ``format="html"`` (or ``"markdown"``) the report itself as a str; ``balance="water"``
    (``"energy"``, ``"material"``) adds the standard's chapter, ``after=`` the option's verified change, ``template=``
    a Mustache template file of your own."""
    if options.get("after") is not None:
        options["after"] = os.fspath(options["after"])
    return run("report", case, **options)


def savings(base: CasePath, report: CasePath, **options: Any) -> Result:
    """`balance savings BASE REPORT`: GB/T 13234 energy savings between a base and a reporting period."""
    return run("savings", base, report=os.fspath(report), **options)
