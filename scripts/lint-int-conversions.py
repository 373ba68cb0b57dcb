#!/usr/bin/env python3
"""Finds integer conversions of floating-point values outside the one checked helper (issue 10).

Swift's Int(_: Double) traps on NaN, infinity and out-of-range values; the project converts through
CheckedInteger (Sources/BalanceCore/Numerics/CheckedInteger.swift) only. This lint looks at every call
of Int, Int8…Int64, UInt, UInt8…UInt64 in Sources/ whose argument looks floating: it contains .rounded,
floor(, ceil(, log, sqrt/squareRoot, Double, Float, a decimal or scientific literal, or a division.
Calls with exactly:, truncatingIfNeeded:, bitPattern: or clamping: labels are allowed, and so are
lines ending in a `// lint: integer` comment that explains why the argument is an integer.
Exit status 1 and one line per finding (file:line: text) when something is found.
"""
import os, re, sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources")
HELPER = os.path.join("BalanceCore", "Numerics", "CheckedInteger.swift")
CALL = re.compile(r"(?<![\w.])(U?Int(?:8|16|32|64)?)\(")
FLOATING = re.compile(r"\.rounded|\bfloor\(|\bceil\(|\blog|sqrt|squareRoot|\bDouble\b|\bFloat\b|\d\.\d|\de[+-]?\d|/")
ALLOWED_LABELS = ("exactly:", "truncatingIfNeeded:", "bitPattern:", "clamping:")


def argument(line, start):
    depth, i = 1, start
    while i < len(line) and depth:
        depth += {"(": 1, ")": -1}.get(line[i], 0)
        i += 1
    return line[start:i - 1]


findings = []
for folder, _, files in os.walk(ROOT):
    for name in sorted(files):
        if not name.endswith(".swift"):
            continue
        path = os.path.join(folder, name)
        if path.endswith(HELPER):
            continue
        for number, line in enumerate(open(path, encoding="utf-8"), 1):
            code = line.split("//")[0] if "lint: integer" not in line else ""
            if code.strip().startswith("///"):
                continue
            for match in CALL.finditer(code):
                arg = argument(code, match.end())
                if arg.strip().startswith(ALLOWED_LABELS) or not FLOATING.search(arg):
                    continue
                findings.append(f"{os.path.relpath(path, os.path.dirname(ROOT))}:{number}: {line.strip()}")
for finding in findings:
    print(finding)
if findings:
    print(f"lint-int-conversions: {len(findings)} conversion(s) of a floating value to an integer outside "
          "CheckedInteger (they trap on NaN, infinity and overflow)", file=sys.stderr)
    sys.exit(1)
print("lint-int-conversions: no unchecked conversion of a floating value to an integer")
