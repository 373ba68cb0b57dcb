#!/usr/bin/env python3
"""AuditBalance vs the numpy peer, measured side by side in one run (called by compare.sh, which builds
`balance` and `reconcile-timer` first and passes their folder with --bin).

For each case it measures
  - the whole process: `balance reconcile CASE --format json` vs `python3 peer/reconcile_numpy.py streams.csv`,
    several runs with hyperfine (or a timing loop when hyperfine is missing), median;
  - the in-process library: `reconcile-timer` (median of Reconciler.reconcile, case loaded once) vs a python
    snippet that imports the peer and times its reconcile() (median, CSV loaded once);
  - peak resident memory of both processes (/usr/bin/time -v);
  - that the answers agree: χ², degrees of freedom and every reconciled value to 1e-6 relative (with serial
    elimination: the eliminated streams and χ²/dof after elimination).
Then it reports the performance targets (reported, not asserted) and, unless --no-batch, the batch throughput.

Wall-clock times on the project's 2-core machines vary by up to ±60 % between runs (SWIFT.md §2): read the
ratios, which are measured in the same run, rather than the absolute times.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PEER = os.path.join(HERE, "peer", "reconcile_numpy.py")
GENERATOR = os.path.join(HERE, "peer", "gen_network.py")
BATCH_CASES = os.path.join(HERE, "batch_cases.py")

# name, case folder (relative to the repository root), serial elimination?, OpenBLAS threads
CASES = [
    ("NJ_6", "Datasets/published/nj_heat_exchanger_bypass", False, 1),
    ("P14_24", "Datasets/published/benchmark_p14_24_streams_gross_errors", False, 1),
    ("P14_24_serial", "Datasets/published/benchmark_p14_24_streams_gross_errors", True, 1),
    ("Network_1000", "Datasets/generated/network_1000_streams", False, 1),
    ("Network_5000", "Datasets/generated/network_5000_streams", False, None),  # None: --large-threads (1)
]
LARGE = {"Network_5000"}

# Times the peer's reconcile() in-process: the CSV is loaded once, outside the timing.
PEER_TIMER = r"""
import importlib.util, json, statistics, sys, time
spec = importlib.util.spec_from_file_location("reconcile_numpy", sys.argv[1])
peer = importlib.util.module_from_spec(spec); spec.loader.exec_module(peer)
ids, nodes, A, y, s = peer.load(sys.argv[2])
serial = sys.argv[3] == "serial"
budget = float(sys.argv[4])
def once():
    t = time.perf_counter()
    if serial:
        removed, y2 = peer.serial_elimination(A, y, s)
        peer.reconcile(A, y2, s)
    else:
        peer.reconcile(A, y, s)
    return time.perf_counter() - t
warm = once()
if warm < 0.5:
    warm = min(warm, once())
reps = max(3, min(20000, int(budget / max(warm, 1e-9))))
samples = sorted(once() for _ in range(reps))
print(json.dumps({"median_us": statistics.median(samples) * 1e6, "min_us": samples[0] * 1e6, "reps": reps}))
"""


def log(message):
    print(message, flush=True)


def env_with_threads(threads):
    env = dict(os.environ)
    env["OPENBLAS_NUM_THREADS"] = str(threads)
    return env


def fmt_time(seconds):
    if seconds is None:
        return "n/a"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def fmt_ratio(slow, fast):
    if slow is None or fast is None or fast <= 0:
        return "n/a"
    return f"{slow / fast:.1f}×"


def process_times(commands, env, runs, warmup):
    """Median wall-clock seconds of each command run as a whole process (stdout discarded)."""
    if shutil.which("hyperfine"):
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
            export = handle.name
        try:
            subprocess.run(
                ["hyperfine", "-N", "--style", "none", "--warmup", str(warmup), "--runs", str(runs),
                 "--export-json", export] + [" ".join(quote(a) for a in c) for c in commands],
                env=env, check=True, stdout=subprocess.DEVNULL)
            with open(export) as f:
                results = json.load(f)["results"]
            return [r["median"] for r in results]
        finally:
            os.unlink(export)
    medians = []
    for command in commands:
        for _ in range(warmup):
            subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
            samples.append(time.perf_counter() - start)
        medians.append(statistics.median(samples))
    return medians


def quote(argument):
    return argument if re.fullmatch(r"[\w./=:+-]+", argument) else "'" + argument.replace("'", "'\\''") + "'"


def peak_memory_kib(command, env):
    """Maximum resident set size of one run, from GNU time -v (None without /usr/bin/time)."""
    if not os.path.exists("/usr/bin/time"):
        return None
    done = subprocess.run(["/usr/bin/time", "-v"] + command, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=True)
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    return int(match.group(1)) if match else None


def run_json(command, env):
    done = subprocess.run(command, env=env, stdout=subprocess.PIPE, check=True)
    return json.loads(done.stdout)


def close(a, b, rel=1e-6):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= rel * max(abs(a), abs(b)) + 1e-12


def compare_values(ours_streams, peer_streams):
    """Reconciled values matched by stream id; returns a list of differences."""
    peer_values = {s["id"]: s["reconciled"] for s in peer_streams}
    bad = []
    for stream in ours_streams:
        if stream["id"] not in peer_values or not close(stream["reconciled"], peer_values[stream["id"]]):
            bad.append(f"{stream['id']}: {stream['reconciled']} vs {peer_values.get(stream['id'], 'missing')}")
    if len(ours_streams) != len(peer_values):
        bad.append(f"{len(ours_streams)} streams vs {len(peer_values)}")
    return bad


def check_answers(ours, peer, serial):
    """Compares the two JSON results; returns (ok, message). With serial elimination the peer prints the
    state after elimination; balance prints the first solve plus an after-elimination section (its name has
    changed between versions: afterGrossErrors.globalTest, globalTestAfterGrossErrors, …)."""
    problems = []
    g, p = ours["globalTest"], peer["globalTest"]
    streams = ours["streams"]
    if serial:
        ours_removed = [e["stream"] for e in ours.get("grossErrors", [])]
        peer_removed = [e["stream"] for e in peer.get("grossErrors", [])]
        if ours_removed != peer_removed:
            problems.append(f"eliminated {ours_removed} vs peer {peer_removed}")
        after = ours.get("afterGrossErrors")
        if isinstance(after, dict) and "globalTest" in after:
            g, streams = after["globalTest"], after.get("streams")
        else:
            g = ours.get("globalTestAfterGrossErrors") or ours.get("globalTestAfterIdentification")
            streams = None  # this version reports only the first solve's values
        if g is None:
            if ours_removed:
                problems.append("no global test after elimination in balance's JSON")
            g = ours["globalTest"]
    if g["dof"] != p["dof"]:
        problems.append(f"dof {g['dof']} vs {p['dof']}")
    if not close(g["statistic"], p["statistic"]):
        problems.append(f"χ² {g['statistic']} vs {p['statistic']}")
    if streams is not None:
        bad = compare_values(streams, peer["streams"])
        if bad:
            problems.append(f"{len(bad)} reconciled value(s) differ, e.g. {'; '.join(bad[:3])}")
    detail = f"χ² {g['statistic']:.6g}, dof {g['dof']}, " + (f"{len(streams)} values" if streams else "values n/a")
    if serial:
        detail = f"eliminated {','.join(ours_removed) or 'none'}; after: " + detail
    return (not problems), ("; ".join(problems) if problems else detail)


def table(headers, rows):
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) for i, h in enumerate(headers)]
    line = "  ".join(str(h).ljust(w) if i == 0 else str(h).rjust(w) for i, (h, w) in enumerate(zip(headers, widths)))
    print(line)
    print("-" * len(line))
    for r in rows:
        print("  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths))))
    sys.stdout.flush()


def compare_cases(args, balance, timer):
    results = []
    for name, folder, serial, threads in CASES:
        if args.cases and name not in args.cases:
            continue
        threads = threads or args.large_threads
        env = env_with_threads(threads)
        case = os.path.join(args.root, folder)
        streams = os.path.join(case, "streams.csv")
        ours_cmd = [balance, "reconcile", case, "--format", "json", "--gross-errors", "serial" if serial else "none"]
        peer_cmd = [sys.executable, PEER, streams] + (["--serial"] if serial else [])
        log(f"== {name}: {folder} ({'serial elimination' if serial else 'no gross-error elimination'}, "
            f"OPENBLAS_NUM_THREADS={threads})")

        ok, message = check_answers(run_json(ours_cmd, env), run_json(peer_cmd, env), serial)
        log(f"   answers {'agree' if ok else 'DIFFER'}: {message}")

        large = name in LARGE
        runs = args.runs_large if large else args.runs
        peer_proc, ours_proc = process_times([peer_cmd, ours_cmd], env, runs, 1 if large else args.warmup)
        log(f"   process: peer {fmt_time(peer_proc)}, balance {fmt_time(ours_proc)} (median of {runs})")

        timer_cmd = [timer, case, "--threads", str(threads)] + (["--serial"] if serial else [])
        out = subprocess.run(timer_cmd, env=env, stdout=subprocess.PIPE, text=True, check=True).stdout
        lib_in = float(re.search(r"median_us=([\d.]+)", out).group(1)) * 1e-6
        peer_out = subprocess.run(
            [sys.executable, "-c", PEER_TIMER, PEER, streams, "serial" if serial else "none",
             str(args.peer_budget * (3 if large else 1))],
            env=env, stdout=subprocess.PIPE, text=True, check=True).stdout
        peer_in = json.loads(peer_out)["median_us"] * 1e-6
        log(f"   in-process: peer {fmt_time(peer_in)}, library {fmt_time(lib_in)} ({out.strip()})")

        peer_mem = ours_mem = None
        if large or args.memory_all:
            peer_mem, ours_mem = peak_memory_kib(peer_cmd, env), peak_memory_kib(ours_cmd, env)
            log(f"   peak RSS: peer {peer_mem} KiB, balance {ours_mem} KiB")
        results.append(dict(name=name, serial=serial, threads=threads, ok=ok, check=message,
                            peer_proc=peer_proc, ours_proc=ours_proc, peer_in=peer_in, lib_in=lib_in,
                            peer_mem=peer_mem, ours_mem=ours_mem))
    return results


def report(results, args):
    print()
    print(f"Results ({'hyperfine' if shutil.which('hyperfine') else 'timing loop'}; medians; "
          f"{os.cpu_count()} cores; ratio = peer / AuditBalance, higher is better)")
    rows = [[r["name"], r["threads"], fmt_time(r["peer_proc"]), fmt_time(r["ours_proc"]),
             fmt_ratio(r["peer_proc"], r["ours_proc"]), fmt_time(r["peer_in"]), fmt_time(r["lib_in"]),
             fmt_ratio(r["peer_in"], r["lib_in"]), "agree" if r["ok"] else "DIFFER"] for r in results]
    table(["case", "BLAS thr", "peer process", "balance process", "ratio", "peer in-process",
           "library in-process", "ratio", "answers"], rows)
    memory = [r for r in results if r["peer_mem"] is not None]
    if memory:
        print()
        table(["case", "peer peak RSS", "balance peak RSS", "ratio"],
              [[r["name"], f"{r['peer_mem'] / 1024:.1f} MiB", f"{r['ours_mem'] / 1024:.1f} MiB",
                fmt_ratio(r["peer_mem"], r["ours_mem"])] for r in memory])

    by_name = {r["name"]: r for r in results}
    print()
    print("Targets (reported, not asserted):")

    def target(label, value, met):
        print(f"  [{'met' if met else 'NOT MET'}] {label}: {value}")

    if "P14_24" in by_name:
        r = by_name["P14_24"]
        target("P14 in-process median ≤ 20 µs", fmt_time(r["lib_in"]), r["lib_in"] <= 20e-6)
        ratio = r["peer_proc"] / r["ours_proc"]
        target("balance reconcile on P14 end to end ≥ 30× faster than the peer's process", f"{ratio:.1f}×",
               ratio >= 30)
    if "P14_24_serial" in by_name:
        r = by_name["P14_24_serial"]
        ratio = r["peer_proc"] / r["ours_proc"]
        target("  same with serial elimination (CLI default)", f"{ratio:.1f}×", ratio >= 30)
    if "Network_5000" in by_name:
        r = by_name["Network_5000"]
        target("5,000-stream network: balance reconcile ≤ 1 s", fmt_time(r["ours_proc"]), r["ours_proc"] <= 1)
        ratio = r["peer_proc"] / r["ours_proc"]
        target("5,000-stream network ≥ 4× faster than the peer (process)", f"{ratio:.1f}×", ratio >= 4)
    disagreements = [r["name"] for r in results if not r["ok"]]
    print()
    print("Answer check (χ², dof, reconciled values to 1e-6 relative): "
          + ("all cases agree" if not disagreements else "DIFFER in " + ", ".join(disagreements)))
    return not disagreements


def batch(args, balance):
    """Throughput on many small cases: `balance batch` when it exists, else a loop of `balance reconcile`,
    against loops of the peer. The cases come from Benchmarks/batch_cases.py (the batch benchmark's seeded
    generator) when it is there, else from the vendored gen_network.py."""
    env = env_with_threads(1)  # many independent cases: one OpenBLAS thread per process (RECONCILIATION.md §8)
    work = tempfile.mkdtemp(prefix="auditbalance-batch-")
    try:
        cases_dir = os.path.join(work, "cases")
        n = args.batch_size
        if os.path.exists(BATCH_CASES):
            subprocess.run([sys.executable, BATCH_CASES, cases_dir, str(n), "--seed", "1"], check=True,
                           stdout=subprocess.DEVNULL)
            origin = f"Benchmarks/batch_cases.py {n} --seed 1 (10–30 streams each)"
        else:
            import runpy
            saved = sys.argv
            try:
                for seed in range(1, n + 1):
                    case = os.path.join(cases_dir, f"case-{seed:05d}")
                    os.makedirs(case)
                    sys.argv = [GENERATOR, "10", "24", "0.2", str(seed), os.path.join(case, "streams.csv")]
                    runpy.run_path(GENERATOR, run_name="__main__")
            finally:
                sys.argv = saved
            origin = f"peer/gen_network.py 10 24 0.2 SEED, seeds 1–{n}"
        cases = sorted(os.path.join(cases_dir, c) for c in os.listdir(cases_dir))
        # The generated cases are still being written to disk; `balance batch` flushes its file system before it writes
        # its summary (syncfs), which would charge it for them. Flushed here, outside every timing.
        os.sync()
        sample = cases[:min(len(cases), args.batch_process_sample)]
        print()
        log(f"== batch: {len(cases)} generated cases ({origin}), OPENBLAS_NUM_THREADS=1, gross errors none; "
            f"loops of processes on the first {len(sample)}")

        def timed(fn, repeats):
            samples = []
            for _ in range(repeats):
                start = time.perf_counter()
                fn()
                samples.append(time.perf_counter() - start)
            return statistics.median(samples)

        def loop(commands, parallel=1):
            def run():
                if parallel == 1:
                    for c in commands:
                        subprocess.run(c, env=env, check=True, stdout=subprocess.DEVNULL)
                    return
                pending = list(commands)
                running = []
                while pending or running:
                    while pending and len(running) < parallel:
                        running.append(subprocess.Popen(pending.pop(0), env=env, stdout=subprocess.DEVNULL))
                    running.pop(0).wait()
            return run

        rows = []

        def row(label, count, seconds):
            rows.append([label, count, fmt_time(seconds), f"{count / seconds:.1f}"])
            return count / seconds

        usage = subprocess.run([balance, "batch", "--help"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
        has_batch = usage.returncode == 0
        ours_batch = None
        if has_batch:
            out_dir = os.path.join(work, "results")
            # `balance batch INPUTS… --out DIR` (results newer than their inputs are skipped: --force);
            # older or other interfaces: a folder of cases, then the case list.
            candidates = []
            if "--out" in usage.stdout:
                extra = ["--force"] if "--force" in usage.stdout else []
                extra += ["--gross-errors", "none"] if "--gross-errors" in usage.stdout else []
                candidates.append([balance, "batch", cases_dir, "--out", out_dir, "--format", "json"] + extra)
            candidates += [[balance, "batch", cases_dir, "--format", "json"], [balance, "batch"] + cases]
            for candidate in candidates:
                if subprocess.run(candidate, env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL).returncode == 0:
                    ours_batch = candidate
                    break
            os.sync()  # the probe's results, likewise
            if ours_batch is None:
                log("   `balance batch` exists but none of the tried invocations succeeded; using the loop")
        # What a python user would write for a batch: one interpreter, load + reconcile + JSON per case.
        inproc = ("import importlib.util, io, sys, contextlib\n"
                  "spec = importlib.util.spec_from_file_location('p', sys.argv[1]); p = importlib.util.module_from_spec(spec)\n"
                  "spec.loader.exec_module(p)\n"
                  "for c in sys.argv[2:]:\n"
                  "    sys.argv = ['peer', c]\n"
                  "    with contextlib.redirect_stdout(io.StringIO()): p.main()\n")
        peer_inproc = loop([[sys.executable, "-c", inproc, PEER] + [os.path.join(c, "streams.csv") for c in cases]])
        pair_ratios = []
        if ours_batch:
            shown = " ".join(os.path.basename(a) if os.path.isabs(a) else a for a in ours_batch[1:])
            log(f"   balance {shown}")
            # Alternating runs, one of each per round: the machine's speed drifts by tens of per cent within a minute
            # (SWIFT.md §2), so the ratio is taken per round and its median reported (as floor-ratio.sh does).
            ours_samples, peer_samples = [], []
            for _ in range(args.batch_repeats):
                ours_samples.append(timed(loop([ours_batch]), 1))
                peer_samples.append(timed(peer_inproc, 1))
                pair_ratios.append(peer_samples[-1] / ours_samples[-1])
            row("balance batch (one process, default --jobs)", len(cases), statistics.median(ours_samples))
        ours_loop = [[balance, "reconcile", c, "--format", "json", "--gross-errors", "none"] for c in sample]
        row("loop of balance reconcile (1 at a time)", len(sample), timed(loop(ours_loop), args.batch_repeats))
        row("loop of balance reconcile (2 in parallel)", len(sample),
            timed(loop(ours_loop, parallel=2), args.batch_repeats))
        peer_loop = [[sys.executable, PEER, os.path.join(c, "streams.csv")] for c in sample]
        row("loop of the peer's process (1 at a time)", len(sample), timed(loop(peer_loop), 1))
        row("loop of the peer's process (2 in parallel)", len(sample), timed(loop(peer_loop, parallel=2), 1))
        row("the peer's main() for every case in one python process", len(cases),
            statistics.median(peer_samples) if ours_batch else timed(peer_inproc, args.batch_repeats))
        print()
        table(["batch", "cases", "total", "cases/s"], rows)
        if pair_ratios:
            shown = ", ".join(f"{r:.1f}" for r in pair_ratios)
            print(f"balance batch / the peer's in-process loop: {statistics.median(pair_ratios):.1f}× "
                  f"(median of {len(pair_ratios)} alternating rounds: {shown}; target ≥ 8×)")
        if not has_batch:
            print("(`balance batch` does not exist in this build: the script uses it automatically once it does)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", required=True, help="folder with the release-built balance and reconcile-timer")
    parser.add_argument("--root", default=os.path.dirname(HERE), help="repository root")
    parser.add_argument("--runs", type=int, default=10, help="process runs per command, small cases")
    parser.add_argument("--runs-large", type=int, default=5, help="process runs per command, 5,000-stream case")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--peer-budget", type=float, default=1.0, help="seconds for the peer's in-process timing")
    parser.add_argument("--large-threads", type=int, default=1,
                        help="OPENBLAS_NUM_THREADS for the 5,000-stream case, for both programs (default 1, like "
                             "every case: with 2 the peer's times swing by several × when the other core is busy)")
    parser.add_argument("--memory-all", action="store_true", help="peak memory for every case, not just the largest")
    parser.add_argument("--case", dest="cases", action="append", help="only this case (repeatable)")
    parser.add_argument("--quick", action="store_true", help="fewer runs (3 / 2), a batch of 100 (process loops: 10)")
    parser.add_argument("--no-batch", action="store_true", help="skip the batch-throughput comparison")
    parser.add_argument("--batch-only", action="store_true", help="only the batch-throughput comparison")
    parser.add_argument("--batch-size", type=int, default=500, help="cases for balance batch and the peer's main()")
    parser.add_argument("--batch-process-sample", type=int, default=40,
                        help="cases for the loops that start one process per case")
    parser.add_argument("--batch-repeats", type=int, default=5,
                        help="rounds of the batch comparison (balance batch and the peer's in-process loop alternately)")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.runs_large, args.warmup, args.peer_budget = 3, 2, 1, 0.5
        args.batch_size, args.batch_process_sample = 100, 10
    balance = os.path.join(args.bin, "balance")
    timer = os.path.join(args.bin, "reconcile-timer")
    for tool in (balance, timer):
        if not os.access(tool, os.X_OK):
            sys.exit(f"compare.py: {tool} is missing: run Benchmarks/compare.sh, which builds it")
    version = subprocess.run([balance, "--version"], stdout=subprocess.PIPE, text=True).stdout.strip()
    import numpy
    import scipy
    log(f"balance: {version}")
    log(f"peer: {os.path.relpath(PEER, args.root)} with python {sys.version.split()[0]}, numpy {numpy.__version__}, "
        f"scipy {scipy.__version__}; timing: {'hyperfine' if shutil.which('hyperfine') else 'subprocess loop'}")
    agree = True
    if not args.batch_only:
        results = compare_cases(args, balance, timer)
        if not results:
            names = ", ".join(name for name, *_ in CASES)
            sys.exit(f"compare.py: no case matches --case {' '.join(args.cases or [])} (cases: {names})")
        agree = report(results, args)
    if not args.no_batch:
        batch(args, balance)
    sys.exit(0 if agree else 1)


if __name__ == "__main__":
    main()
