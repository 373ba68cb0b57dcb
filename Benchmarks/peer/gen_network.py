#!/usr/bin/env python3
# Vendored copy of the project's network generator (shared/peers/gen_network.py), kept here so that the
# benchmarks can regenerate Datasets/generated/ and the batch cases without ../shared at run time.
# Unchanged below this comment block. sha256 of the original:
# f8e7998737a72f820bcab12ff32774aab5b22f4a75d6d40acb2b302c56914e5a
"""Generate a synthetic plant flow network in the stream-table format.
usage: gen_network.py NODES STREAMS UNMEASURED_FRACTION SEED OUT.csv
A chain of units with feeds, products, bypasses and recycles; true flows balance exactly,
measurements get 2.5 % noise. Unmeasured streams are chosen so that the case stays observable
as far as a random choice allows."""
import sys, numpy as np, csv
n, m, uf, seed, out = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
rng = np.random.default_rng(seed)
edges = []  # (from, to) with -1 = outside
for i in range(n - 1):
    edges.append((i, i + 1))              # main chain guarantees connectivity
edges.append((-1, 0)); edges.append((n - 1, -1))
while len(edges) < m:
    a, b = rng.integers(-1, n, size=2)
    if a == b: continue
    edges.append((int(a), int(b)))
# true flows: random positive circulation + chain flow, balanced by solving for outflows
A = np.zeros((n, len(edges)))
for j, (a, b) in enumerate(edges):
    if b >= 0: A[b, j] += 1
    if a >= 0: A[a, j] -= 1
x = rng.uniform(10, 100, len(edges))
# project onto null space of A (balanced) while staying positive: use least-norm correction on chain streams
corr = np.linalg.lstsq(A, -A @ x, rcond=None)[0]
x = x + corr
x = np.abs(x) + 1.0
corr = np.linalg.lstsq(A, -A @ x, rcond=None)[0]; x = x + corr
sig = 0.025 * np.abs(x)
y = x + rng.normal(0, sig)
unmeas = rng.random(len(edges)) < uf
with open(out, 'w', newline='') as f:
    w = csv.writer(f); w.writerow(['id', 'from', 'to', 'value', 'sigma'])
    for j, (a, b) in enumerate(edges):
        w.writerow([f'S{j+1}', f'N{a+1}' if a >= 0 else '', f'N{b+1}' if b >= 0 else '',
                    '' if unmeas[j] else f'{y[j]:.6g}', '' if unmeas[j] else f'{sig[j]:.4g}'])
