#!/usr/bin/env python3
"""Writes N small random balance cases for the batch benchmark (seeded: the same files every run).

Each case is a folder case-NNNNN/ with a streams.csv (id,from,to,value,sigma) of 10-30 streams: a feed
into U1, streams from each node to later nodes (a random acyclic network), one outlet per node; true
flows balance exactly, measurements carry 2 % noise with sigma = 2 % (absolute sigma, so that the numpy
peer reads them the same way); about one stream in eight is unmeasured. --corrupt K cases get a data
error (unterminated quote, a word for a number, a duplicate id, a negative sigma), spread evenly.

Usage: batch_cases.py OUT_DIR N [--seed S] [--corrupt K] [--min 10] [--max 30]
Only the standard library is needed.
"""
import argparse
import os
import random


def streams_csv(rng, count):
    nodes = max(2, count // 3)
    edges = [(rng.randrange(j), j) for j in range(1, nodes)]
    while len(edges) < count - 1 - nodes:
        j = rng.randrange(1, nodes)
        edges.append((rng.randrange(j), j))
    inflow = [0.0] * nodes
    inflow[0] = 100 + 900 * rng.random()
    flows = [(None, 0, inflow[0])]
    for i in range(nodes):
        outgoing = [e for e in edges if e[0] == i]
        weights = [0.2 + rng.random() for _ in range(len(outgoing) + 1)]
        total = sum(weights)
        for k, (_, j) in enumerate(outgoing):
            value = inflow[i] * weights[k] / total
            inflow[j] += value
            flows.append((i, j, value))
        flows.append((i, None, inflow[i] * weights[-1] / total))
    lines = ["id,from,to,value,sigma"]
    for k, (a, b, value) in enumerate(flows):
        source = f"U{a + 1}" if a is not None else ""
        target = f"U{b + 1}" if b is not None else ""
        if k > 0 and rng.random() < 0.125:
            lines.append(f"S{k + 1},{source},{target},,")
        else:
            measured = value * (1 + 0.02 * rng.gauss(0, 1))
            lines.append(f"S{k + 1},{source},{target},{measured:.6g},{0.02 * abs(measured):.4g}")
    return lines


def corrupt(lines, kind):
    if kind == 0:
        lines[3] = '"S3,U1,U2,10,1'
    elif kind == 1:
        lines[2] = "S2,U1,U2,ten,1"
    elif kind == 2:
        lines[3] = lines[2]
    else:
        lines[2] = "S2,U1,U2,10,-1"
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corrupt", type=int, default=0)
    parser.add_argument("--min", type=int, default=10)
    parser.add_argument("--max", type=int, default=30)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    step = args.n // args.corrupt if args.corrupt else 0
    bad = {step * k + step // 2: k % 4 for k in range(args.corrupt)} if step else {}
    for i in range(args.n):
        folder = os.path.join(args.out, f"case-{i + 1:05d}")
        os.makedirs(folder, exist_ok=True)
        lines = streams_csv(rng, rng.randint(args.min, args.max))
        if i in bad:
            lines = corrupt(lines, bad[i])
        with open(os.path.join(folder, "streams.csv"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    print(f"{args.n} cases ({len(bad)} corrupt) in {args.out}")


if __name__ == "__main__":
    main()
