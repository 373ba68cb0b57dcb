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
    for call in (lambda: auditbalance.reconcile(DEMO, no_such_option=1), lambda: auditbalance.run("nonsense", DEMO)):
        try:
            call()
        except auditbalance.UsageError as error:
            assert error.status == 64
        else:
            raise AssertionError("a usage error was accepted")


def test_version():
    assert auditbalance.version() == auditbalance.__version__


if __name__ == "__main__":
    tests = [(name, f) for name, f in sorted(globals().items()) if name.startswith("test_") and callable(f)]
    for name, test in tests:
        test()
        print(f"ok  {name}")
    print(f"{len(tests)} tests passed")
