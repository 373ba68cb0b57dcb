#!/bin/sh
# P14 in process against the C floor, side by side (issue 12: "P14 in-process ≤ 2× the C floor measured in the
# same run"; `make bench` runs this).
#   sh Benchmarks/floor-ratio.sh [ROUNDS]        (default 10)
# Builds `reconcile-timer` (release, Benchmarks/.build) and the vendored C floor (peer/c_floor/p14_floor.c, cc -O2
# with LAPACKE/OpenBLAS), then runs them alternately, ROUNDS times, one BLAS thread each, both timed the same way:
# the median of 21 batch means of 20,000 solves (reconcile-timer --batches 21, after its 0.3 s warm-up). Prints
# every round and the median of the per-round ratios (ours / floor), which cancels most of the machine's drift
# (these VMs swing by up to ±60 % between minutes: SWIFT.md §2). Reported, not asserted.
set -eu

bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench_dir")
rounds=${1:-10}
case "$rounds" in ''|*[!0-9]*) echo "floor-ratio.sh: ROUNDS must be a positive count" >&2; exit 64 ;; esac
SWIFT=${SWIFT:-swift}
CC=${CC:-cc}
OPENBLAS_NUM_THREADS=1
export OPENBLAS_NUM_THREADS
case_dir="$root/Datasets/published/benchmark_p14_24_streams_gross_errors"

cd "$bench_dir"
"$SWIFT" build -c release --product reconcile-timer >/dev/null
timer="$bench_dir/.build/release/reconcile-timer"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$CC" -O2 -o "$work/p14_floor" "$bench_dir/peer/c_floor/p14_floor.c" -llapacke -lopenblas

echo "round  reconcile-timer (µs)  C floor (µs)  ratio"
i=1
: > "$work/ratios"
while [ "$i" -le "$rounds" ]; do
    ours=$("$timer" "$case_dir" 20000 --batches 21 | sed -n 's/^median_us=\([0-9.]*\) .*/\1/p')
    floor=$("$work/p14_floor" "$case_dir/streams.csv" 20000 | sed -n 's/^median \([0-9.]*\) us.*/\1/p')
    ratio=$(awk -v a="$ours" -v b="$floor" 'BEGIN { printf "%.2f", a / b }')
    printf '%5d  %20s  %12s  %5s\n' "$i" "$ours" "$floor" "$ratio"
    echo "$ratio" >> "$work/ratios"
    i=$((i + 1))
done
sort -n "$work/ratios" | awk '{ r[NR] = $1 } END {
    m = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
    printf "P14 in process / C floor: median ratio %.2f over %d rounds (min %.2f, max %.2f; issue 12 target <= 2)\n", m, NR, r[1], r[NR]
}'
