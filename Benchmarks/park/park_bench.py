#!/usr/bin/env python3
"""Scale benchmark of `balance reconcile` on generated industrial-park networks (issue 12).

usage: park_bench.py BALANCE [--sizes 10000,100000,1000000] [--seed 1] [--work DIR] [--cross 5000]

For each size: gen_park.py makes the case (20 % unmeasured, 1 % split-ratio relations, seeded), then
`balance reconcile CASE --format json --gross-errors none --output OUT` runs once under /usr/bin/time -v
(end to end: read, reconcile with σ of every value, write JSON). Reported per size: wall time, peak resident
memory, the solver the run record names, χ²/dof; between sizes the growth exponent log(t₂/t₁)/log(n₂/n₁) and
the time ratio. `--cross N`: the N-stream park solved with `--solver dense` and `--solver sparse`; values, σ, χ²,
dof and classification must agree to 1e-9 (σ that exact values determine: absolutely, below 1e-7 of the
measured σ) — exit 1 otherwise.
"""
import argparse, json, math, os, re, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument('balance')
parser.add_argument('--sizes', default='10000,100000,1000000')
parser.add_argument('--seed', type=int, default=1)
parser.add_argument('--work', default=None)
parser.add_argument('--cross', type=int, default=5000)
args = parser.parse_args()
work = args.work or tempfile.mkdtemp(prefix='park-bench-')
env = dict(os.environ, OPENBLAS_NUM_THREADS='1')


def generate(n):
    case = os.path.join(work, f'park_{n}')
    if not os.path.exists(os.path.join(case, 'streams.csv')):
        subprocess.run([sys.executable, os.path.join(here, 'gen_park.py'), str(n), str(args.seed), case], check=True,
                       stdout=subprocess.DEVNULL)
    return case


def run(case, out, *extra):
    cmd = ['/usr/bin/time', '-v', args.balance, 'reconcile', case, '--format', 'json', '--gross-errors', 'none',
           '--output', out, *extra]
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if r.returncode != 0:
        sys.exit(f'{case}: exit {r.returncode}: {r.stderr[-600:]}')
    wall = re.search(r'Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)', r.stderr)
    seconds = float(wall.group(3)) + 60 * float(wall.group(2)) + 3600 * float(wall.group(1) or 0)
    rss = int(re.search(r'Maximum resident set size \(kbytes\): (\d+)', r.stderr).group(1))
    return seconds, rss


rows = []
for n in [int(s) for s in args.sizes.split(',') if s]:
    case = generate(n)
    out = os.path.join(work, f'park_{n}.json')
    seconds, rss = run(case, out)
    result = json.load(open(out))
    g = result['globalTest']
    rows.append((n, seconds, rss))
    print(f'park {n:>9} streams: {seconds:8.2f} s  peak {rss / 1024:8.0f} MiB  solver {result["run"]["solver"]:<6} '
          f'chi2 {g["statistic"]:.1f} dof {g["dof"]}  ({len(result["streams"])} streams in the JSON)', flush=True)
    os.remove(out)
for (n1, t1, _), (n2, t2, _) in zip(rows, rows[1:]):
    print(f'growth {n1} -> {n2}: time ratio {t2 / t1:.1f} (x{n2 // n1} streams), exponent {math.log(t2 / t1) / math.log(n2 / n1):.2f}')

if args.cross:
    case = generate(args.cross)
    results = {}
    for solver in ['dense', 'sparse']:
        out = os.path.join(work, f'cross_{solver}.json')
        seconds, rss = run(case, out, '--solver', solver)
        results[solver] = json.load(open(out))
        print(f'cross-check {args.cross} streams --solver {solver}: {seconds:.2f} s, peak {rss / 1024:.0f} MiB')
    d, s = results['dense'], results['sparse']
    tol, problems = 1e-9, []
    if d['globalTest']['dof'] != s['globalTest']['dof']:
        problems.append(f"dof {d['globalTest']['dof']} vs {s['globalTest']['dof']}")
    if abs(d['globalTest']['statistic'] - s['globalTest']['statistic']) > tol * max(1, d['globalTest']['statistic']):
        problems.append(f"chi2 {d['globalTest']['statistic']} vs {s['globalTest']['statistic']}")
    scale = max([abs(x['reconciled']) for x in d['streams'] if x.get('reconciled') is not None] + [1])
    worst_value = worst_sigma = 0.0
    for a, b in zip(d['streams'], s['streams']):
        if a['classification'] != b['classification']:
            problems.append(f"{a['id']}: {a['classification']} vs {b['classification']}")
            continue
        if a.get('reconciled') is None:
            continue
        worst_value = max(worst_value, abs(a['reconciled'] - b['reconciled']) / max(abs(a['reconciled']), 1e-3 * scale))
        sa, sb, measured = a['reconciledSigma'], b['reconciledSigma'], a.get('sigma') or 0
        if measured > 0 and sa <= 1e-7 * measured and sb <= 1e-7 * measured:
            continue
        worst_sigma = max(worst_sigma, abs(sa - sb) / max(sa, 1e-3 * scale))
    if worst_value > tol or worst_sigma > tol:
        problems.append(f'largest relative difference: values {worst_value:.2e}, sigma {worst_sigma:.2e}')
    print(f'cross-check dense = sparse: values to {worst_value:.1e}, sigma to {worst_sigma:.1e}, '
          f"dof {s['globalTest']['dof']}, chi2 {s['globalTest']['statistic']:.6f}: {'agree' if not problems else 'DIFFER'}")
    if problems:
        print('\n'.join(problems[:10]))
        sys.exit(1)
