#!/usr/bin/env python3
"""Independent reference for the correlated-error case: plain numpy normal equations with the full V,
x̂ = y − V Aᵀ (A V Aᵀ)⁻¹ A y, Cov(x̂) = V − V Aᵀ (A V Aᵀ)⁻¹ A V, γ = (Ay)ᵀ(A V Aᵀ)⁻¹(Ay), z_i = a_i/√W_ii.
All streams are measured, so no projection is needed. Writes reference.json."""
import csv, json, numpy as np
rows = list(csv.DictReader(open("streams.csv")))
ids = [r["id"] for r in rows]
nodes = []
for r in rows:
    for k in ("from", "to"):
        if r[k] and r[k] not in nodes:
            nodes.append(r[k])
A = np.zeros((len(nodes), len(ids)))
for j, r in enumerate(rows):
    if r["to"]: A[nodes.index(r["to"]), j] += 1
    if r["from"]: A[nodes.index(r["from"]), j] -= 1
y = np.array([float(r["value"]) for r in rows]); s = np.array([float(r["sigma"]) for r in rows])
V = np.diag(s ** 2)
for r in csv.DictReader(open("covariance.csv")):
    a, b = ids.index(r["stream_a"]), ids.index(r["stream_b"])
    c = float(r["covariance"]) if r["covariance"] else float(r["correlation"]) * s[a] * s[b]
    V[a, b] = V[b, a] = c
M = A @ V @ A.T
K = V @ A.T @ np.linalg.inv(M)
xhat = y - K @ (A @ y)
W = K @ A @ V
cov = V - W
gamma = float((A @ y) @ np.linalg.solve(M, A @ y))
z = (y - xhat) / np.sqrt(np.diag(W))
json.dump({"method": "numpy normal equations with explicit inverse (independent of the library's Cholesky/QR path)",
           "chi2": gamma, "dof": int(np.linalg.matrix_rank(A)),
           "reconciled": dict(zip(ids, xhat.tolist())), "reconciledSigma": dict(zip(ids, np.sqrt(np.diag(cov)).tolist())),
           "z": dict(zip(ids, z.tolist())), "covariance": cov.tolist()}, open("reference.json", "w"), indent=1)
print("chi2", gamma)
