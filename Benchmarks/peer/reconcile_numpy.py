#!/usr/bin/env python3
# Vendored copy of the project's reference peer (shared/peers/reconcile_numpy.py, the numpy/scipy
# reconciliation "an engineer would write by hand"), kept here so that Benchmarks/compare.sh does not need
# ../shared at run time. Unchanged below this comment block; refresh it by copying the file again.
# sha256 of the original: 77edfe22e4fc8c20c00a57b1dceaf419ecac6a7e836765ca73b30e4fc30e6a11
"""Reference peer: linear data reconciliation with numpy/scipy, the way an
engineer would write it by hand.  Reads the project's stream-table CSV
(id,from,to,value,sigma) and prints the project's JSON schema.

Used two ways: to cross-check answers, and as the performance peer (what a user
would otherwise write) measured side by side with the project.
Usage: reconcile_numpy.py streams.csv [--serial]   (--serial: serial elimination)
"""
import csv, json, sys, math
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
    col = {s: j for j, s in enumerate(ids)}
    A = np.zeros((len(nodes), len(ids)))
    nidx = {n: i for i, n in enumerate(nodes)}
    for r in rows:
        j = col[r["id"]]
        if (r.get("to") or "").strip():
            A[nidx[r["to"].strip()], j] += 1.0
        if (r.get("from") or "").strip():
            A[nidx[r["from"].strip()], j] -= 1.0
    y = np.full(len(ids), np.nan)
    s = np.full(len(ids), np.nan)
    for r in rows:
        j = col[r["id"]]
        v = (r.get("value") or "").strip()
        if v:
            y[j] = float(v)
            sg = (r.get("sigma") or "").strip()
            s[j] = float(sg[:-1]) / 100 * abs(y[j]) if sg.endswith("%") else float(sg)
    return ids, nodes, A, y, s


def reconcile(A, y, s, alpha=0.05):
    meas = ~np.isnan(y)
    Ax, Au = A[:, meas], A[:, ~meas]
    yx, V = y[meas], s[meas] ** 2
    nu = Au.shape[1]
    if nu:
        Q, R, piv = sla.qr(Au, pivoting=True)
        tol = max(Au.shape) * np.finfo(float).eps * (abs(R[0, 0]) if R.size else 0)
        r = int(np.sum(np.abs(np.diag(R)) > tol)) if R.size else 0
        P = Q[:, r:].T
    else:
        P = np.eye(A.shape[0]); r = 0
    G = P @ Ax
    # drop dependent rows of G
    if G.shape[0]:
        Qg, Rg, pg = sla.qr(G.T, pivoting=True, mode="economic")
        tg = max(G.shape) * np.finfo(float).eps * (abs(Rg[0, 0]) if Rg.size else 0)
        rg = int(np.sum(np.abs(np.diag(Rg)) > tg)) if Rg.size else 0
        G = G[np.sort(pg[:rg]), :]
    else:
        rg = 0
    xhat = yx.copy()
    W = np.zeros((len(yx), len(yx)))
    chi2 = 0.0
    if rg:
        GV = G * V
        M = GV @ G.T
        c, low = sla.cho_factor(M)
        res = G @ yx
        lam = sla.cho_solve((c, low), res)
        xhat = yx - GV.T @ lam
        chi2 = float(res @ lam)
        W = GV.T @ sla.cho_solve((c, low), GV)
    full = np.full(A.shape[1], np.nan)
    full[meas] = xhat
    observable = np.ones(nu, bool)
    if nu:
        # unmeasured: least-squares solve, observable if in row space
        b = -(Ax @ xhat)
        u, *_ = np.linalg.lstsq(Au, b, rcond=None)
        N = sla.null_space(Au)
        observable = np.all(np.abs(N) < 1e-9, axis=1) if N.size else np.ones(nu, bool)
        uu = np.where(observable, u, np.nan)
        full[~meas] = uu
    d = yx - xhat
    wd = np.sqrt(np.clip(np.diag(W), 0, None))
    z = np.where(wd > 1e-12 * np.maximum(1, np.sqrt(V)), d / np.where(wd > 0, wd, 1), 0.0)
    nred = int(np.sum(wd > 1e-12 * np.maximum(1, np.sqrt(V))))
    beta = 1 - (1 - alpha) ** (1 / max(nred, 1))
    zcrit = stats.norm.ppf(1 - beta / 2)
    crit = stats.chi2.ppf(1 - alpha, rg) if rg else 0.0
    pval = float(stats.chi2.sf(chi2, rg)) if rg else 1.0
    return full, np.sqrt(np.clip(V - np.diag(W), 0, None)), chi2, rg, crit, pval, z, zcrit, meas, observable


def serial_elimination(A, y, s, alpha=0.05):
    """Remove the measurement with the largest |z| until the global test passes."""
    y = y.copy(); removed = []
    while True:
        full, rs, chi2, dof, crit, pval, z, zcrit, meas, obs = reconcile(A, y, s, alpha)
        if dof == 0 or chi2 <= crit or not len(z):
            return removed, y
        k = int(np.argmax(np.abs(z)))
        if abs(z[k]) < 1e-9:
            return removed, y
        j = np.where(meas)[0][k]
        removed.append(j); y[j] = np.nan


def main():
    path = sys.argv[1]
    ids, nodes, A, y, s = load(path)
    if "--serial" in sys.argv:
        removed, y2 = serial_elimination(A, y, s)
    else:
        removed, y2 = None, y
    full, rs, chi2, dof, crit, pval, z, zcrit, meas, obs = reconcile(A, y2, s)
    out = {"streams": [], "globalTest": {"statistic": chi2, "dof": dof, "critical": crit,
                                          "pValue": pval, "passed": bool(chi2 <= crit)}}
    mi = 0; ui = 0
    for j, sid in enumerate(ids):
        v = full[j]
        e = {"id": sid, "reconciled": None if math.isnan(v) else float(v)}
        if meas[j]:
            e["z"] = float(z[mi]); e["reconciledSigma"] = float(rs[mi]); mi += 1
        out["streams"].append(e)
    if removed is not None:
        out["grossErrors"] = [{"stream": ids[j]} for j in removed]
    else:
        out["grossErrors"] = [{"stream": ids[j]} for j in np.where(meas)[0][np.abs(z) > zcrit]] if dof else []
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
