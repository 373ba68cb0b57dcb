#!/bin/sh
# Proves that the shippable libCAuditBalance.so (`make lib`) runs where no Swift toolchain is installed:
#   1. its NEEDED entries name no Swift runtime library and its RUNPATH does not point into the toolchain;
#   2. it loads and reproduces the published Narasimhan & Jordache case (Examples/python, ctypes) with the
#      toolchain's runtime folder hidden under an empty tmpfs in a private mount namespace (unshare -m; needs
#      root). Where namespaces are not allowed (not root; a chroot), step 2 runs under LD_DEBUG=libs and fails if
#      the dynamic loader opened any file of the toolchain's runtime folder.
# Usage: scripts/check-shippable-lib.sh dist/lib/libCAuditBalance.so
set -eu
lib=$1
case_dir=Datasets/published/nj_heat_exchanger_bypass
needed=$(readelf -d "$lib" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
runpath=$(readelf -d "$lib" | sed -n 's/.*(RUNPATH).*\[\(.*\)\]/\1/p')
echo "lib-check: $lib needs: $(echo $needed | tr '\n' ' ')"
for n in $needed; do
    case "$n" in libswift*|libFoundation*|libdispatch*|libBlocksRuntime*|lib_Foundation*)
        echo "lib-check: FAILED: $lib needs the Swift runtime library $n"; exit 1;; esac
done
swift_bin=$(command -v swift || true)
runtime=""
if [ -n "$swift_bin" ]; then
    runtime=$(cd "$(dirname "$(readlink -f "$swift_bin")")/../lib/swift" 2>/dev/null && pwd || true)
fi
case "$runpath" in *"${runtime:-/nonexistent}"*)
    echo "lib-check: FAILED: RUNPATH $runpath points into the toolchain"; exit 1;; esac
run_example() { OPENBLAS_NUM_THREADS=1 python3 Examples/python/reconcile_example.py --library "$lib" "$case_dir"; }
if [ -n "$runtime" ] && [ "$(id -u)" -eq 0 ] && unshare -m true 2>/dev/null; then
    echo "lib-check: running with the toolchain's runtime folder $runtime hidden (empty tmpfs, private mount namespace)"
    export lib case_dir runtime
    unshare -m sh -c 'mount -t tmpfs none "$runtime" && [ -z "$(ls -A "$runtime")" ] && \
        OPENBLAS_NUM_THREADS=1 python3 Examples/python/reconcile_example.py --library "$lib" "$case_dir"'
else
    # No private mount namespace (not root, or a chroot whose root is no mount point): run it and ask the dynamic
    # loader which files it opened; none may come from the toolchain's runtime folder.
    echo "lib-check: no private mount namespace here: checking with LD_DEBUG=libs that nothing is loaded from ${runtime:-the toolchain}"
    log=${TMPDIR:-/tmp}/auditbalance-lib-check.$$.log
    LD_LIBRARY_PATH= LD_DEBUG=libs run_example 2>"$log"
    if [ -n "$runtime" ] && grep -q "$runtime" "$log"; then
        grep "$runtime" "$log" | head -5
        echo "lib-check: FAILED: the library loaded files from the toolchain ($log)"; exit 1
    fi
    rm -f "$log"
fi
echo "lib-check: $lib loads and runs without the Swift toolchain"
