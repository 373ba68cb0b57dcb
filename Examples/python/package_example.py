#!/usr/bin/env python3
"""The Python package `auditbalance` on the published heat exchanger with bypass of Narasimhan & Jordache (2000):
reconciled S1 = 100.22, S2 = 64.50, S3 = 35.72 (2 decimals as published, tolerance 0.005), chi-squared = 6.4075
(tolerance 1e-4), 4 degrees of freedom; then the demo plant's water balance and a case built in memory.
Exits non-zero on a mismatch. `make test` runs it (test-python) on the shipped library.

    pip install .      # or: AB_LIBRARY=dist/lib/libCAuditBalance.so PYTHONPATH=python python3 …
    python3 Examples/python/package_example.py
"""
import os
import sys

import auditbalance

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
nj = os.path.join(ROOT, "Datasets", "published", "nj_heat_exchanger_bypass")

result = auditbalance.reconcile(nj)
print(result.streams)
reconciled = {row["id"]: row["reconciled"] for row in result.json["streams"]}
test = result.json["globalTest"]
checks = [(abs(reconciled["S1"] - 100.22) <= 0.005, f"S1 {reconciled['S1']:.4f} vs 100.22"),
          (abs(reconciled["S2"] - 64.50) <= 0.005, f"S2 {reconciled['S2']:.4f} vs 64.50"),
          (abs(reconciled["S3"] - 35.72) <= 0.005, f"S3 {reconciled['S3']:.4f} vs 35.72"),
          (abs(test["statistic"] - 6.4075) <= 1e-4, f"chi-squared {test['statistic']:.6f} vs 6.4075"),
          (test["dof"] == 4, f"dof {test['dof']} vs 4")]

water = auditbalance.water(os.path.join(ROOT, "Datasets", "demo", "dyeing-plant-water"), lang="en")
print(water.indicators)

# A case built in memory (a notebook's DataFrames work the same way).
streams = [{"id": "F1", "from": "", "to": "mixer", "value": 10.2, "sigma": 0.2},
           {"id": "F2", "from": "", "to": "mixer", "value": 5.1, "sigma": 0.1},
           {"id": "F3", "from": "mixer", "to": "", "value": 14.8, "sigma": 0.3}]
mixed = auditbalance.reconcile(streams=streams)
balance = sum(r["reconciled"] for r in mixed.json["streams"][:2]) - mixed.json["streams"][2]["reconciled"]
checks.append((abs(balance) <= 1e-9, f"the reconciled mixer closes ({balance:.2e})"))
try:
    auditbalance.reconcile(streams=[{"id": "F1", "from": "", "to": "m", "value": 1, "sigma": -1}])
    checks.append((False, "a negative sigma was accepted"))
except auditbalance.DataError as error:
    checks.append((error.stream == "F1", f"DataError names stream {error.stream}: {error}"))

failed = [text for ok, text in checks if not ok]
for ok, text in checks:
    print(("ok    " if ok else "FAIL  ") + text)
sys.exit(1 if failed else 0)
