#!/usr/bin/env python3
"""Independent full-precision reference for the published linear cases.

Why: the shared datasets print their numpy reference to 6 decimals, too coarse to check values such
as 0.00356 to 1e-6 relative. This script recomputes the same quantities in float64 with an
algorithm different from the library's (null-space projection by SVD instead of pivoted QR,
explicit normal equations via scipy's cho_solve, pseudo-inverse for the unmeasured streams) and
writes reference.json beside each case.

Usage: python3 Datasets/scripts/independent_reference.py Datasets/published
"""
import csv, json, math, os, sys
import numpy as np
import scipy.linalg as sla
from scipy import stats


def load(path):
    rows = list(csv.DictReader(open(path, encoding="utf-8-sig")))
    ids = [r["id"] for r in rows]
    nodes = []
    for r in rows:
        for k in ("from", "to"):
            n = (r.get(k) or "").strip()
            if n and n not in nodes:
                nodes.append(n)
    A = np.zeros((len(nodes), len(ids)))
    for j, r in enumerate(rows):
        if (r.get("to") or "").strip():
            A[nodes.index(r["to"].strip()), j] += 1
        if (r.get("from") or "").strip():
            A[nodes.index(r["from"].strip()), j] -= 1
    y = np.array([float(r["value"]) if (r.get("value") or "").strip() else np.nan for r in rows])
    s = np.array([float(r["sigma"]) if (r.get("sigma") or "").strip() else np.nan for r in rows])
    return ids, A, y, s


def reference(A, y, s, alpha=0.05):
    meas = ~np.isnan(y)
    Am, Au = A[:, meas], A[:, ~meas]
    ym, V = y[meas], s[meas] ** 2
    # Left null space of A_u by SVD.
    P = sla.null_space(Au.T).T if Au.shape[1] else np.eye(A.shape[0])
    B = P @ Am
    # Independent rows of B by SVD rank.
    U, sv, Vt = np.linalg.svd(B) if B.size else (None, np.array([]), None)
    tol = max(B.shape) * np.finfo(float).eps * (sv[0] if sv.size else 0)
    p = int(np.sum(sv > tol))
    Bred = Vt[:p, :] if p else np.zeros((0, B.shape[1]))  # orthonormal basis of row space of B
    xhat = ym.copy()
    W = np.zeros((len(ym), len(ym)))
    chi2 = 0.0
    if p:
        M = (Bred * V) @ Bred.T
        res = Bred @ ym
        lam = sla.cho_solve(sla.cho_factor(M), res)
        xhat = ym - V * (Bred.T @ lam)
        chi2 = float(res @ lam)
        W = (Bred * V).T @ sla.cho_solve(sla.cho_factor(M), Bred * V)
    cov = np.diag(V) - W
    redundant = np.linalg.norm(B, axis=0) > 1e-9 * np.maximum(np.linalg.norm(Am, axis=0), 1e-300)
    z = np.where(redundant, (ym - xhat) / np.sqrt(np.where(redundant, np.diag(W), 1)), np.nan)
    out = {"dof": p, "chi2": chi2,
           "critical": float(stats.chi2.ppf(1 - alpha, p)) if p else None,
           "pValue": float(stats.chi2.sf(chi2, p)) if p else None}
    values = np.full(A.shape[1], np.nan)
    sig = np.full(A.shape[1], np.nan)
    cls = [None] * A.shape[1]
    mi = np.where(meas)[0]
    ui = np.where(~meas)[0]
    values[mi] = xhat
    sig[mi] = np.sqrt(np.clip(np.diag(cov), 0, None))
    for k, j in enumerate(mi):
        cls[j] = "redundant" if redundant[k] else "nonredundant"
    if len(ui):
        pinv = np.linalg.pinv(Au)
        u = -pinv @ (Am @ xhat)
        N = sla.null_space(Au)
        obs = np.all(np.abs(N) < 1e-9, axis=1) if N.size else np.ones(len(ui), bool)
        J = -pinv @ Am
        cu = J @ cov @ J.T
        for k, j in enumerate(ui):
            if obs[k]:
                values[j] = u[k]; sig[j] = math.sqrt(max(cu[k, k], 0)); cls[j] = "observable"
            else:
                cls[j] = "unobservable"
    nred = int(np.sum(redundant))
    beta = 1 - (1 - alpha) ** (1 / max(nred, 1))
    out["zCritical"] = float(stats.norm.ppf(1 - beta / 2))
    return out, values, sig, cls, z, mi


def main(root):
    for case in sorted(os.listdir(root)):
        path = os.path.join(root, case, "streams.csv")
        if not os.path.exists(path):
            continue
        ids, A, y, s = load(path)
        out, values, sig, cls, z, mi = reference(A, y, s)
        zs = {ids[j]: float(z[k]) for k, j in enumerate(mi) if not math.isnan(z[k])}
        out["streams"] = [{"id": ids[j],
                           "reconciled": None if math.isnan(values[j]) else float(values[j]),
                           "reconciledSigma": None if math.isnan(sig[j]) else float(sig[j]),
                           "classification": cls[j], "z": zs.get(ids[j])} for j in range(len(ids))]
        out["method"] = ("independent float64 computation by Datasets/scripts/independent_reference.py: "
                         "SVD null-space projection, orthonormal row basis, Cholesky normal equations, pinv "
                         "for unmeasured streams (numpy " + np.__version__ + ", scipy)")
        with open(os.path.join(root, case, "reference.json"), "w") as f:
            json.dump(out, f, indent=1)
            f.write("\n")
        print(case, "dof", out["dof"], "chi2", out["chi2"])


if __name__ == "__main__":
    main(sys.argv[1])
