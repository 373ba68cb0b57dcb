#!/bin/sh
# In-process time of AuditBalance's nonlinear reconciliation against the scipy peer (issue 11), in one run:
#
#   sh Benchmarks/nonlinear-compare.sh [REPEAT]
#
# For every nonlinear case: `reconcile-timer CASE` (release build, median of as many calls as fit in about a
# second, gross errors off, one BLAS thread) and `peer/nonlinear_scipy.py CASE --repeat REPEAT` (median of REPEAT SLSQP solves,
# default 5; the problem is built once, outside the timing). Prints both medians and the ratio peer / ours.
# Needs numpy and scipy (`sh scripts/install-deps.sh --with-python`).
set -eu
cd "$(dirname "$0")/.."
REPEAT=${1:-5}
SWIFT=${SWIFT:-swift}
echo "== building reconcile-timer (release, Benchmarks/.build)"
(cd Benchmarks && "$SWIFT" build -c release --product reconcile-timer >/dev/null)
TIMER=Benchmarks/.build/release/reconcile-timer
printf '%-58s %12s %14s %10s\n' case "ours µs" "scipy µs" ratio
for c in Datasets/nonlinear/river-mixing Datasets/nonlinear/lake-decay-cod Datasets/nonlinear/nj-bypass-closed \
         Datasets/nonlinear/heat-exchanger-network Datasets/published/openmodelica_distillation_tower_bilinear \
         Datasets/material/plating-uncertain-concentrations; do
  # Three timer runs, the smallest median: a background process on the other core disturbs single runs.
  ours=$(for k in 1 2 3; do "$TIMER" "$c" --threads 1 | sed 's/.*median_us=\([0-9.]*\).*/\1/'; done | sort -g | head -1)
  peer=$(OPENBLAS_NUM_THREADS=1 python3 Benchmarks/peer/nonlinear_scipy.py "$c" --repeat "$REPEAT" > /tmp/nonlinear-peer.$$ && head -1 /tmp/nonlinear-peer.$$ | sed 's/.*median_us=\([0-9.]*\).*/\1/')
  python3 -c "print('%-58s %12.1f %14.1f %9.0fx' % ('$c', $ours, $peer, $peer / $ours))"
done
rm -f /tmp/nonlinear-peer.$$
