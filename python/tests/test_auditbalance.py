"""Tests of the Python package `auditbalance` (issue 14): every command's dict equals the JSON of the `balance`
command line on every dataset, the tables, the errors and the in-memory cases.

Run by `make test-python` with AB_LIBRARY (the shippable library) and BALANCE (the CLI) set; with pytest, or
without it as `python3 python/tests/test_auditbalance.py`.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "python"))

import auditbalance  # noqa: E402

BALANCE = os.environ.get("BALANCE", "balance")
DATASETS = os.path.join(ROOT, "Datasets")
DEMO = os.path.join(DATASETS, "demo", "dyeing-plant-water")
COMMANDS = ["reconcile", "check", "water", "energy", "material"]


def cases():
    found = []
    for folder, _, files in os.walk(DATASETS):
        if "streams.csv" in files:
            found.append(os.path.relpath(folder, DATASETS))
    return sorted(found)


def cli(command, path, *arguments):
    run = subprocess.run([BALANCE, command, path, "--format", "json", *arguments], capture_output=True, text=True)
    return run.returncode, run.stdout, run.stderr


def test_every_command_equals_the_cli_on_every_dataset():
    compared = 0
    for case in cases():
        path = os.path.join(DATASETS, case)
        # simulate (20 trials) and advise on the cases of up to a few hundred streams, as FrontEndEquivalenceTests
        runs = [(c, [], {}) for c in COMMANDS]
        if not case.startswith("generated/"):
            runs += [("simulate", ["--trials", "20"], {"trials": 20}), ("advise", [], {})]
        for command, arguments, options in runs:
            status, out, err = cli(command, path, *arguments)
            if status == 0:
                result = auditbalance.run(command, path, **options)
                assert result.text == out, f"{command} {case}: the package's JSON differs from the CLI's"
                assert result.json == json.loads(out)
                compared += 1
            else:
                try:
                    auditbalance.run(command, path, **options)
                except auditbalance.AuditBalanceError as error:
                    assert error.status == status, f"{command} {case}: status {error.status} vs CLI {status}"
                    assert error.message in err, f"{command} {case}: {error.message!r} not in {err!r}"
                else:
                    raise AssertionError(f"{command} {case}: the CLI failed ({status}) but the package did not")
    assert compared >= 100, compared


def test_simulate_and_advise_equal_the_cli():
    for case in ("published/nj_heat_exchanger_bypass", "demo/dyeing-plant-water"):
        path = os.path.join(DATASETS, case)
        status, out, _ = cli("simulate", path, "--trials", "20")
        assert status == 0 and auditbalance.simulate(path, trials=20).text == out
        status, out, _ = cli("advise", path)
        assert status == 0 and auditbalance.advise(path).text == out


def test_savings_and_options():
    base = os.path.join(DATASETS, "savings", "two-products", "base")
    report = os.path.join(DATASETS, "savings", "two-products", "report")
    run = subprocess.run([BALANCE, "savings", base, report, "--format", "json"], capture_output=True, text=True)
    assert run.returncode == 0
    assert auditbalance.savings(base, report).text == run.stdout
    status, out, _ = cli("reconcile", DEMO, "--gross-errors", "glr", "--alpha", "0.01")
    assert status == 0
    assert auditbalance.reconcile(DEMO, gross_errors="glr", alpha=0.01).text == out
    assert auditbalance.reconcile(DEMO, grossErrors="glr", alpha=0.01).text == out


def test_compare_equals_the_cli():
    before = os.path.join(DATASETS, "water", "dyeing-plant-option", "before")
    after = os.path.join(DATASETS, "water", "dyeing-plant-option", "after")
    run = subprocess.run([BALANCE, "compare", before, after, "--balance", "water", "--format", "json"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    result = auditbalance.compare(before, after, balance="water")
    assert result.text == run.stdout
    w03 = next(e for e in result.json["streams"] if e["id"] == "W03")
    assert w03["significant"] is True and abs(w03["change"] - (w03["after"] - w03["before"])) < 1e-12


def test_report_equals_the_cli():
    """The audit report: its document and its HTML, byte for byte the CLI's (the language given: the CLI and the
    library could read different locales)."""
    demo = os.path.join(DATASETS, "demo", "dyeing-plant-water")
    for fmt in ("json", "html", "markdown"):
        run = subprocess.run([BALANCE, "report", demo, "--balance", "water", "--lang", "en", "--format", fmt],
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        result = auditbalance.report(demo, balance="water", lang="en", format=fmt)
        assert (result.text if fmt == "json" else result) == run.stdout, fmt
    document = auditbalance.report(demo, balance="water", lang="en").json
    html = auditbalance.report(demo, balance="water", lang="en", format="html")
    assert all(i["display"] in html for i in document["water"]["indicators"])
    try:
        auditbalance.report(demo, balance="water", format="pdf")
        raise AssertionError("pdf through the options object must be refused")
    except auditbalance.UsageError as error:
        assert "binary" in str(error)


def test_tables():
    result = auditbalance.water(DEMO)
    streams = result.streams
    assert len(streams) == len(result.json["streams"]) == 23
    assert list(streams["id"])[:2] == ["W01", "W02"]
    assert len(result.nodes) == len(result.json["units"])
    indicators = result.indicators
    assert "repeatUtilizationRate" in list(indicators["key"])
    assert "W01" in repr(streams)


def test_workbook_case():
    book = os.path.join(ROOT, "Tests", "BalanceIOTests", "Fixtures", "xlsx", "dyeing-plant-water.xlsx")
    status, out, _ = cli("reconcile", book)
    assert status == 0 and auditbalance.reconcile(book).text == out


def test_tables_in_memory_equal_the_folder():
    import csv
    with open(os.path.join(DEMO, "streams.csv"), encoding="utf-8-sig") as handle:
        streams = list(csv.DictReader(handle))
    with open(os.path.join(DEMO, "nodes.csv"), encoding="utf-8-sig") as handle:
        nodes = list(csv.DictReader(handle))
    from_memory = auditbalance.reconcile(streams=streams, nodes=nodes).json
    from_folder = auditbalance.reconcile(DEMO).json
    assert from_memory["streams"] == from_folder["streams"]
    assert from_memory["globalTest"] == from_folder["globalTest"]
    try:
        import pandas
    except ImportError:
        return
    frame = auditbalance.reconcile(streams=pandas.DataFrame(streams), nodes=pandas.DataFrame(nodes)).json
    assert frame["streams"] == from_folder["streams"]


def test_errors():
    bad = os.path.join(ROOT, "Tests", "BalanceIOTests", "Fixtures", "xlsx", "bad", "error-value.xlsx")
    try:
        auditbalance.reconcile(bad)
    except auditbalance.DataError as error:
        assert error.status == 65 and error.sheet == "流股" and error.cell == "E3" and error.line == 3
    else:
        raise AssertionError("a workbook with #DIV/0! was accepted")
    streams = [{"id": "S1", "from": "", "to": "A", "value": "10", "sigma": "-1"},
               {"id": "S2", "from": "A", "to": "", "value": "9", "sigma": "1"}]
    try:
        auditbalance.reconcile(streams=streams)
    except auditbalance.DataError as error:
        assert error.stream == "S1" and error.line == 2 and error.column == 5, (error.stream, error.line, error.column)
    else:
        raise AssertionError("a negative sigma was accepted")
    try:  # the options' language is the error's too (through the C interface, as the CLI prints it)
        auditbalance.reconcile(streams=streams, lang="zh")
    except auditbalance.DataError as error:
        assert "不确定度" in str(error) and error.stream == "S1", str(error)
    else:
        raise AssertionError("a negative sigma was accepted")
    for call in (lambda: auditbalance.reconcile(DEMO, no_such_option=1), lambda: auditbalance.run("nonsense", DEMO)):
        try:
            call()
        except auditbalance.UsageError as error:
            assert error.status == 64
        else:
            raise AssertionError("a usage error was accepted")


XLSX_RUNS = [("reconcile", "published/nj_heat_exchanger_bypass"), ("check", "demo/dyeing-plant-water"),
             ("water", "demo/dyeing-plant-water"), ("energy", "energy/dyeing-mill-2024"),
             ("material", "material/chrome-plating-line")]


def xlsx_and_json(command, dataset, lang, folder):
    """`balance COMMAND DATASET --format xlsx` opened with openpyxl, and the JSON of the same run."""
    import openpyxl
    path = os.path.join(DATASETS, dataset)
    book = os.path.join(folder, f"{command}-{lang}.xlsx")
    run = subprocess.run([BALANCE, command, path, "--format", "xlsx", "--lang", lang, "-o", book],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    code, out, err = cli(command, path, "--lang", lang)
    assert code == 0, err
    return openpyxl.load_workbook(book), json.loads(out)


def same_number(cell, figure):
    """A stored cell against the JSON figure: libxlsxwriter writes 16 significant digits (FORMATS §5.11)."""
    return isinstance(cell, (int, float)) and not isinstance(cell, bool) \
        and abs(cell - figure) <= 5e-16 * max(1.0, abs(figure)) * 4


def test_xlsx_opens_in_openpyxl_with_the_json_figures():
    """Issue 13, acceptance: `--format xlsx` opens in openpyxl and every numeric cell of a sheet made from a JSON
    array equals the JSON figure (same row, same key), every summary number its key path's figure."""
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        for command, dataset in XLSX_RUNS:
            book, document = xlsx_and_json(command, dataset, "en", folder)
            checked = 0
            for sheet in book.worksheets:
                rows = list(sheet.iter_rows(values_only=True))
                if sheet.title == "summary":
                    for key, value in rows[1:]:
                        figure = document
                        for part in key.split("."):
                            figure = figure.get(part) if isinstance(figure, dict) else None
                        if isinstance(figure, (int, float)) and not isinstance(figure, bool):
                            assert same_number(value, figure), (command, key, value, figure)
                            checked += 1
                    continue
                items = document
                for part in sheet.title.split("."):
                    items = items.get(part) if isinstance(items, dict) else None
                if not isinstance(items, list):
                    continue  # a table of the standard (water), checked below
                header = rows[0]
                assert len(rows) - 1 == len(items), (command, sheet.title)
                for item, row in zip(items, rows[1:]):
                    for key, value in zip(header, row):
                        parts = key.split(".")
                        figure = item.get(parts[0])
                        if len(parts) == 2 and isinstance(figure, dict):
                            figure = figure.get(parts[1])
                        if isinstance(figure, (int, float)) and not isinstance(figure, bool):
                            assert same_number(value, figure), (command, sheet.title, key, value, figure)
                            checked += 1
                        elif figure is None and key in item:
                            assert value == "—", (command, sheet.title, key, value)
            assert checked >= 10, (command, checked)


def test_xlsx_water_has_the_tables_of_gbt_12452():
    """The water workbook opens with the standard's tables, in Chinese: the unit table's flows and σ and the
    analysis table's values are the JSON's numbers, stored as numbers."""
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        book, document = xlsx_and_json("water", "demo/dyeing-plant-water", "zh", folder)
        names = book.sheetnames
        assert names[:3] == ["基本用水单元水平衡测试表", "企业水平衡测试统计表", "用水分析表"], names
        units = {u["id"]: u for u in document["units"]}
        sheet = list(book["基本用水单元水平衡测试表"].iter_rows(values_only=True))
        header = list(sheet[0])
        intake = header.index("新水量 V_f")
        assert header[intake + 1] == "σ", header
        matched = 0
        for row in sheet[1:]:
            if not isinstance(row[0], (int, float)):
                continue  # a subtotal, a total or a note: only the units are numbered (as numbers)
            label = row[1].strip()
            unit = next((u for key, u in units.items() if label.endswith(f"({key})") or label == u["name"]), None)
            assert unit is not None, label
            assert same_number(row[intake], unit["intake"]), (label, row[intake], unit["intake"])
            assert same_number(row[intake + 1], unit["sigmas"]["intake"]), label
            matched += 1
        assert matched == len(units), (matched, len(units))
        analysis = list(book["用水分析表"].iter_rows(values_only=True))
        numbers = [row[2] for row in analysis[1:] if isinstance(row[2], (int, float)) and not isinstance(row[2], bool)]
        assert len(numbers) >= 5, analysis[:3]
        for key, value in document["indicators"].items():
            if isinstance(value, float):
                assert any(same_number(n, value) for n in numbers), (key, value)


def test_xlsx_energy_has_the_table_of_gbt_28751():
    """The energy workbook opens with the GB/T 28751 table as the text report lays it out: every stage's tce (and
    efficiency) is the JSON's `table.rows` figure, stored as a number."""
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        book, document = xlsx_and_json("energy", "energy/dyeing-mill-2024", "zh", folder)
        assert book.sheetnames[0] == "能源平衡表", book.sheetnames
        sheet = list(book["能源平衡表"].iter_rows(values_only=True))
        stages = list(document["table"]["rows"][0]["values"].keys())
        assert len(sheet[0]) == 5 + len(stages), sheet[0]
        assert len(sheet) - 1 == len(document["table"]["rows"])
        compared = 0
        for row, cells in zip(document["table"]["rows"], sheet[1:]):
            for k, stage in enumerate(stages):
                figure, cell = row["values"][stage], cells[5 + k]
                if figure is None or (figure == 0 and row["row"] in ("export", "recovered", "unaccounted")):
                    assert cell is None, (row["row"], stage, cell)
                else:
                    assert same_number(cell, figure), (row["row"], stage, cell, figure)
                    compared += 1
        assert compared >= 20, compared


def test_version():
    assert auditbalance.version() == auditbalance.__version__


if __name__ == "__main__":
    tests = [(name, f) for name, f in sorted(globals().items()) if name.startswith("test_") and callable(f)]
    for name, test in tests:
        test()
        print(f"ok  {name}")
    print(f"{len(tests)} tests passed")
