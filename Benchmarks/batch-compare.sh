#!/bin/sh
# Batch throughput: `balance batch` against a shell loop over the numpy peer, on the same generated cases.
#
#   sh Benchmarks/batch-compare.sh [N] [--peer-sample M] [--corrupt K] [--jobs J] [--keep DIR]
#
#   N              cases to generate (default 10000): small flow networks of 10–30 streams, seeded
#   --peer-sample  run the peer on the first M cases only (default 300) and compare rates: the peer starts a
#                  Python interpreter with numpy and scipy per case (about 0.3 s), so 10,000 cases would
#                  take most of an hour; --peer-sample all runs it on every case
#   --corrupt      K of the N cases get a data error (default N/1000): balance reports them in summary.csv
#   --jobs         balance batch --jobs (default: the number of cores)
#   --keep         generate into DIR and keep it (default: a temporary folder, removed at the end)
#   BALANCE=path   use this balance binary instead of building one
#
# Prints cases per second of both and the ratio. Both run the same computation: WLS reconciliation with the
# global test and serial elimination of gross errors (peer: --serial), one JSON result per case.
# Needs python3 with numpy and scipy for the peer (scripts/install-deps.sh --with-python).
set -eu

bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench_dir")
SWIFT=${SWIFT:-swift}
n=10000
sample=300
corrupt=""
jobs=""
keep=""
while [ $# -gt 0 ]; do
    case "$1" in
        --peer-sample) sample=$2; shift 2 ;;
        --corrupt) corrupt=$2; shift 2 ;;
        --jobs) jobs=$2; shift 2 ;;
        --keep) keep=$2; shift 2 ;;
        -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
        *) n=$1; shift ;;
    esac
done
[ -n "$corrupt" ] || corrupt=$((n / 1000))

peer="$bench_dir/peer/reconcile_numpy.py"
[ -f "$peer" ] || peer=$root/../shared/peers/reconcile_numpy.py
if ! python3 -c "import numpy, scipy" >/dev/null 2>&1; then
    echo "batch-compare.sh: the peer needs numpy and scipy: run scripts/install-deps.sh --with-python" >&2
    exit 1
fi

if [ -n "$keep" ]; then work=$keep; mkdir -p "$work"; else work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi
now() { python3 -c 'import time; print(f"{time.time():.6f}")'; }
rate() { python3 -c "import sys; n, t = float(sys.argv[1]), float(sys.argv[2]); print(f'{n / t:.1f}')" "$1" "$2"; }
# OpenBLAS settings some machines export for old numpy builds slow a current numpy down: unset for both.
clean_env="env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1"

if [ -n "${BALANCE:-}" ]; then
    balance=$BALANCE   # an already built balance (e.g. from another scratch path)
else
    echo "== building balance (release)"
    (cd "$root" && "$SWIFT" build -c release --product balance --static-swift-stdlib >/dev/null)
    balance="$(cd "$root" && "$SWIFT" build -c release --show-bin-path)/balance"
fi

echo "== generating $n cases ($corrupt corrupt) in $work/cases"
rm -rf "$work/cases" "$work/out" "$work/peer"
python3 "$bench_dir/batch_cases.py" "$work/cases" "$n" --seed 1 --corrupt "$corrupt"

jobs_option=""
[ -z "$jobs" ] || jobs_option="--jobs $jobs"
# Prints "SECONDS EXIT-STATUS".
run_batch() {
    start=$(now)
    code=0
    # shellcheck disable=SC2086
    $clean_env "$balance" batch "$work/cases" --out "$work/out" --no-progress $jobs_option "$@" 2>/dev/null || code=$?
    end=$(now)
    python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f} {sys.argv[3]}')" "$start" "$end" "$code"
}
echo "== balance batch ($n cases)"
set -- $(run_batch)
t1=$1 status=$2
ok=$(grep -c ',ok,' "$work/out/summary.csv" || true)
failed=$(grep -c ',failed,' "$work/out/summary.csv" || true)
echo "   first run:  ${t1} s, $(rate "$n" "$t1") cases/s ($ok ok, $failed failed, exit status $status)"
[ "$failed" -eq "$corrupt" ] || echo "   WARNING: $corrupt corrupt cases generated, $failed reported failed"
set -- $(run_batch --force)
t2=$1
echo "   second run: ${t2} s, $(rate "$n" "$t2") cases/s (--force)"
set -- $(run_batch)
t3=$1
echo "   re-run without --force (everything up to date): ${t3} s"
best=$(python3 -c "import sys; print(min(float(a) for a in sys.argv[1:]))" "$t1" "$t2")

[ "$sample" = all ] && sample=$n
echo "== numpy peer loop: for f in …; python3 reconcile_numpy.py f --serial; done ($sample cases)"
mkdir -p "$work/peer"
list=$(ls "$work/cases" | head -n "$sample")
start=$(now)
for name in $list; do
    $clean_env python3 "$peer" "$work/cases/$name/streams.csv" --serial >"$work/peer/$name.json" 2>/dev/null || true
done
end=$(now)
tp=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$start" "$end")
echo "   ${tp} s, $(rate "$sample" "$tp") cases/s"

python3 - "$n" "$best" "$sample" "$tp" <<'EOF'
import sys
n, tb, m, tp = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
batch, peer = n / tb, m / tp
print(f"== balance batch: {batch:.0f} cases/s (best of two runs); numpy peer loop: {peer:.1f} cases/s; "
      f"ratio {batch / peer:.0f}x")
print(f"   targets (reported, not asserted): >= 2000 cases/s {'met' if batch >= 2000 else 'NOT met'}; "
      f">= 20x the peer loop {'met' if batch / peer >= 20 else 'NOT met'}")
EOF
