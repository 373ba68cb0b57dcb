#!/bin/sh
# AuditBalance vs the numpy reference peer, side by side in one run (`make bench` runs this).
#   sh Benchmarks/compare.sh [--quick] [--no-batch] [--batch-only] [--case NAME] [--large-threads N] …
# 1. builds `balance` and `reconcile-timer` in release inside Benchmarks/ (its own .build);
# 2. runs Benchmarks/compare.py: per case, process time (hyperfine) and in-process time of both, peak memory,
#    an answer check, the performance targets, then the batch throughput. `compare.py --help` lists the options.
# Needs python3 with numpy and scipy (scripts/install-deps.sh --with-python); installs hyperfine with apt when
# missing and possible (otherwise times with a loop). Uses nothing outside the repository at run time: the peer
# and the generator are vendored in Benchmarks/peer/.
set -eu

bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench_dir")
SWIFT=${SWIFT:-swift}
# Reproducible BLAS: one thread unless a case says otherwise (compare.py sets it per case).
OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
export OPENBLAS_NUM_THREADS

if ! python3 -c "import numpy, scipy" >/dev/null 2>&1; then
    echo "compare.sh: the peer needs numpy and scipy: run scripts/install-deps.sh --with-python" >&2
    exit 1
fi

if ! command -v hyperfine >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1; then
        if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO="none"; fi
        if [ "$SUDO" != "none" ]; then
            echo "compare.sh: installing hyperfine"
            export DEBIAN_FRONTEND=noninteractive
            { $SUDO apt-get install -y -qq --no-install-recommends hyperfine >/dev/null 2>&1 \
                || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends hyperfine; }; } \
                || echo "compare.sh: could not install hyperfine; timing with a loop instead"
        fi
    fi
fi

echo "== building balance and reconcile-timer (release, Benchmarks/.build)"
cd "$bench_dir"
# The CLI as `make build` makes it: the Swift runtime linked statically.
"$SWIFT" build -c release --product balance --static-swift-stdlib
"$SWIFT" build -c release --product reconcile-timer --static-swift-stdlib
bin=$("$SWIFT" build -c release --static-swift-stdlib --show-bin-path)

exec python3 "$bench_dir/compare.py" --bin "$bin" --root "$root" "$@"
