#!/bin/sh
# Scale benchmark (issue 12): generated park networks of 10^4, 10^5 and 10^6 streams end to end, and the dense/sparse
# cross-check on the 5,000-stream park. Options go to Benchmarks/park/park_bench.py (e.g. --sizes 10000,100000).
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
swift build -c release --product balance --static-swift-stdlib >/dev/null
exec python3 Benchmarks/park/park_bench.py "$(swift build -c release --show-bin-path)/balance" "$@"
