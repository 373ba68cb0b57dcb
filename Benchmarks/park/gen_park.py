#!/usr/bin/env python3
"""Seeded generator of industrial-park metering networks (园区整体审核) for the scale benchmarks (issue 12).

usage: gen_park.py STREAMS SEED OUT_DIR [--unmeasured 0.2] [--relations 0.01] [--cluster 40]

A park of enterprises, each a cluster of `--cluster` units (nodes). Flows are made as walks: water enters from
outside, passes through 1–4 units of one enterprise (one step in twenty crosses to the next enterprise, as shared
utilities do) and leaves; each walk adds its flow to every stream it uses, so the true flows balance exactly at
every node. Walks are added until the network has STREAMS streams (it may exceed that by the last walk's few).
Measurements carry 2 % normal noise (σ = 2 % of the true flow); `--unmeasured` of the streams have no meter.
`--relations` × STREAMS split-ratio relations (x_a · t_b − x_b · t_a = 0 for two streams leaving one unit, true
flows t), as an auditor writes a known split. Pure python: the same files for the same arguments everywhere.
Writes OUT_DIR/streams.csv and OUT_DIR/relations.csv.
"""
import argparse, os, random

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument('streams', type=int)
parser.add_argument('seed', type=int)
parser.add_argument('out')
parser.add_argument('--unmeasured', type=float, default=0.2)
parser.add_argument('--relations', type=float, default=0.01)
parser.add_argument('--cluster', type=int, default=40)
args = parser.parse_args()

rng = random.Random(args.seed)
nodes = max(2, int(args.streams / 2.5))
clusters = max(1, nodes // args.cluster)
index = {}      # (from, to) -> stream index; 0 = outside
ends = []
flow = []
while len(ends) < args.streams:
    c = rng.randrange(clusters)
    walk = [0]
    for _ in range(rng.randint(1, 4)):
        if rng.random() < 0.05:
            c = (c + 1) % clusters
        node = 1 + c * args.cluster + rng.randrange(args.cluster)
        node = min(node, nodes)
        if walk[-1] != node:
            walk.append(node)
    walk.append(0)
    f = rng.uniform(5, 100)
    for a, b in zip(walk, walk[1:]):
        if a == 0 and b == 0:
            continue
        k = index.get((a, b))
        if k is None:
            k = index[(a, b)] = len(ends)
            ends.append((a, b))
            flow.append(0.0)
        flow[k] += f

os.makedirs(args.out, exist_ok=True)
measured = [rng.random() >= args.unmeasured for _ in ends]
with open(os.path.join(args.out, 'streams.csv'), 'w') as out:
    out.write('id,from,to,value,sigma\n')
    for k, ((a, b), t) in enumerate(zip(ends, flow)):
        name = lambda v: f'N{v}' if v else ''
        if measured[k]:
            sigma = 0.02 * t
            out.write(f'S{k + 1},{name(a)},{name(b)},{t + rng.gauss(0, sigma):.9g},{sigma:.6g}\n')
        else:
            out.write(f'S{k + 1},{name(a)},{name(b)},,\n')

leaving = {}
for k, (a, b) in enumerate(ends):
    if a:
        leaving.setdefault(a, []).append(k)
splits = [v for v in leaving.values() if len(v) >= 2]
wanted = int(round(args.relations * len(ends)))
with open(os.path.join(args.out, 'relations.csv'), 'w') as out:
    out.write('relation,stream,coefficient,constant\n')
    for r in range(min(wanted, len(splits) * 3)):
        group = splits[rng.randrange(len(splits))]
        a, b = rng.sample(group, 2)
        out.write(f'R{r + 1},S{a + 1},{flow[b]:.17g},\n')
        out.write(f'R{r + 1},S{b + 1},{-flow[a]:.17g},\n')
print(f'{args.out}: {len(ends)} streams, {nodes} units in {clusters} enterprises, {wanted} relations')
