#!/usr/bin/env python3
"""Exact (rational) reference for reconciliation with extreme ratios of uncertainties (issue 9).

Why: with one sigma 1e12 times the others the variance ratio is 1e24, beyond what any float64
formula built on S = A V A^T can resolve; a reference must not share that weakness. This script
computes the weighted least-squares answer of an all-measured flow network in exact rational
arithmetic (fractions.Fraction: every input decimal is taken exactly), and only the final square
roots in 50-digit decimal arithmetic:
    S = A V A^T, lambda = S^-1 (A y), x = y - V A^T lambda, chi2 = (A y)^T lambda,
    Cov(x)_ii = V_ii - (V A^T S^-1 A V)_ii, W_ii = (V A^T S^-1 A V)_ii, z_i = (y_i - x_i)/sqrt(W_ii).
Dependent node rows are dropped by exact elimination. It writes
Datasets/variants/sigma-ratios/reference.json with values, sigmas, z and chi2 to 30 digits for:
  NJ (Narasimhan & Jordache heat exchanger bypass) with sigma(S5) in 1, 1e3, ..., 1e12 and with
  sigma(S1) in 1e-3, 1e-6, 1e-9, 1e-12; P14 (Rosenberg et al. 1987, 24 streams) with sigma(S9)
  times 1e6 and 1e12 and sigma(S22) times 1e-6.

Usage: python3 Datasets/scripts/rational_reference.py
"""
import csv, json, os
from decimal import Decimal, getcontext
from fractions import Fraction

getcontext().prec = 50
HERE = os.path.dirname(os.path.abspath(__file__))
DATASETS = os.path.dirname(HERE)


def load(folder):
    rows = list(csv.DictReader(open(os.path.join(DATASETS, folder, "streams.csv"), encoding="utf-8-sig")))
    return [(r["id"], (r["from"] or "").strip(), (r["to"] or "").strip(), r["value"], r["sigma"]) for r in rows]


def solve(matrix, rhs):
    """Exact Gauss-Jordan solve of a non-singular rational system."""
    n = len(matrix)
    a = [row[:] + [b] for row, b in zip(matrix, rhs)]
    for c in range(n):
        p = next(r for r in range(c, n) if a[r][c] != 0)
        a[c], a[p] = a[p], a[c]
        for r in range(n):
            if r != c and a[r][c] != 0:
                f = a[r][c] / a[c][c]
                a[r] = [x - f * y for x, y in zip(a[r], a[c])]
    return [a[i][n] / a[i][i] for i in range(n)]


def independent_rows(rows):
    kept, basis = [], []
    for i, row in enumerate(rows):
        v = row[:]
        for b, pivot in basis:
            if v[pivot] != 0:
                f = v[pivot] / b[pivot]
                v = [x - f * y for x, y in zip(v, b)]
        nz = next((k for k, x in enumerate(v) if x != 0), None)
        if nz is not None:
            basis.append((v, nz))
            kept.append(i)
    return kept


def reconcile(streams, sigma_override):
    ids = [s[0] for s in streams]
    nodes = []
    for _, f, t, _, _ in streams:
        for n in (f, t):
            if n and n not in nodes:
                nodes.append(n)
    a = [[Fraction(0)] * len(ids) for _ in nodes]
    for j, (_, f, t, _, _) in enumerate(streams):
        if t: a[nodes.index(t)][j] += 1
        if f: a[nodes.index(f)][j] -= 1
    a = [a[i] for i in independent_rows(a)]
    y = [Fraction(s[3]) for s in streams]
    sig = [Fraction(sigma_override.get(s[0], s[4])) for s in streams]
    v = [s * s for s in sig]
    m, n = len(a), len(ids)
    s_mat = [[sum(a[i][k] * v[k] * a[j][k] for k in range(n)) for j in range(m)] for i in range(m)]
    r = [sum(a[i][k] * y[k] for k in range(n)) for i in range(m)]
    lam = solve(s_mat, r)
    x = [y[k] - v[k] * sum(a[i][k] * lam[i] for i in range(m)) for k in range(n)]
    chi2 = sum(ri * li for ri, li in zip(r, lam))
    out = []
    for k in range(n):
        w = solve(s_mat, [a[i][k] * v[k] for i in range(m)])
        wkk = v[k] * sum(a[i][k] * w[i] for i in range(m))
        cov = v[k] - wkk
        dec = lambda q: Decimal(q.numerator) / Decimal(q.denominator)
        sigma = dec(cov).sqrt() if cov > 0 else Decimal(0)
        z = dec(y[k] - x[k]) / dec(wkk).sqrt() if wkk > 0 else None
        out.append({"id": ids[k], "reconciled": format(dec(x[k]), ".30g"), "reconciledSigma": format(sigma, ".30g"),
                    "z": None if z is None else format(z, ".30g")})
    dec = Decimal(chi2.numerator) / Decimal(chi2.denominator)
    return {"streams": out, "chiSquared": format(dec, ".30g"), "dof": m}


def main():
    variants = []
    nj = load("published/nj_heat_exchanger_bypass")
    for e in ["1", "1e3", "1e6", "1e9", "1e12"]:
        variants.append(("published/nj_heat_exchanger_bypass", {"S5": e}))
    for e in ["1e-3", "1e-6", "1e-9", "1e-12"]:
        variants.append(("published/nj_heat_exchanger_bypass", {"S1": e}))
    p14 = load("published/benchmark_p14_24_streams_gross_errors")
    s9 = Fraction(next(s[4] for s in p14 if s[0] == "S9"))
    s22 = Fraction(next(s[4] for s in p14 if s[0] == "S22"))
    for f in [Fraction(10) ** 6, Fraction(10) ** 12]:
        variants.append(("published/benchmark_p14_24_streams_gross_errors", {"S9": str(Decimal(s9.numerator) / Decimal(s9.denominator) * Decimal(f.numerator))}))
    variants.append(("published/benchmark_p14_24_streams_gross_errors", {"S22": str(Decimal(s22.numerator) / Decimal(s22.denominator) / Decimal(10 ** 6))}))
    cases = []
    for folder, override in variants:
        result = reconcile(load(folder), override)
        cases.append({"case": folder, "sigma": override, **result})
    path = os.path.join(DATASETS, "variants", "sigma-ratios", "reference.json")
    with open(path, "w") as f:
        json.dump({"source": "Datasets/scripts/rational_reference.py (exact rational arithmetic)", "cases": cases}, f, indent=1)
    print(f"wrote {len(cases)} cases to {path}")


if __name__ == "__main__":
    main()
