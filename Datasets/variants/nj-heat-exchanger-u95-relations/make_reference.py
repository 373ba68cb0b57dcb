#!/usr/bin/env python3
"""Independent reference for the NJ heat-exchanger case with VDI 2048 uncertainties (u95 = 1.96 → σ = 1)
and relations: 'overall' (S1 = S6, implied by the node balances: the answer and the dof must not change)
and, in relations-ratio.csv, 'bypass_share' (3·S3 = S1: the bypass carries a third of the feed).
numpy normal equations on the stacked constraint matrix with dependent rows removed by SVD."""
import json, numpy as np
ids = ["S1", "S2", "S3", "S4", "S5", "S6"]
y = np.array([101.91, 64.45, 34.65, 64.2, 36.44, 98.88]); V = np.eye(6)  # σ = 1.96/1.96
A = np.array([[1, -1, -1, 0, 0, 0], [0, 1, 0, -1, 0, 0], [0, 0, 1, 0, -1, 0], [0, 0, 0, 1, 1, -1],
              [1, 0, 0, 0, 0, -1], [-1, 0, 3, 0, 0, 0]], float)
out = {}
for name, rows in (("overall", 5), ("ratio", 6)):
    B = A[:rows]
    U, s, Vt = np.linalg.svd(B)
    r = int(np.sum(s > max(B.shape) * np.finfo(float).eps * s[0]))
    C = Vt[:r]
    M = C @ V @ C.T
    xhat = y - V @ C.T @ np.linalg.solve(M, C @ y)
    W = V @ C.T @ np.linalg.solve(M, C @ V)
    out[name] = {"dof": r, "chi2": float((C @ y) @ np.linalg.solve(M, C @ y)),
                 "reconciled": dict(zip(ids, xhat.tolist())),
                 "reconciledSigma": dict(zip(ids, np.sqrt(np.diag(V - W)).tolist()))}
json.dump(out, open("reference.json", "w"), indent=1)
print({k: (v["dof"], v["chi2"]) for k, v in out.items()})
