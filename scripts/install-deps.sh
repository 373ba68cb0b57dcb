#!/bin/sh
# Installs what AuditBalance needs to build and test when it is missing, and says what it did.
#   - Debian/Ubuntu packages: liblapacke-dev libopenblas-dev libsuitesparse-dev libminizip-dev libxlsxwriter-dev
#     librsvg2-2 and a CJK font (fonts-wqy-zenhei) for PDF/PNG diagrams, pkg-config, and python3 (with python3-openpyxl)
#     for the lint, the Python tests and the Python example of `make test` (SwiftPM's `providers:` only
#     prints a hint, it installs nothing).
#   - The Swift toolchain itself is not installed here: it must be on PATH (swift.org/install).
# Usage: scripts/install-deps.sh [--with-python]   (--with-python: numpy/scipy for the benchmark peer)
set -eu

need_packages=""
have_lapacke() { pkg-config --exists lapacke 2>/dev/null && [ -e /usr/include/lapacke.h ]; }
# True when any of the given paths (globs already expanded by the shell) exists.
any_exists() {
    for path in "$@"; do [ -e "$path" ] && return 0; done
    return 1
}
have_openblas() {
    any_exists /usr/lib/*/libopenblas.so.0 /usr/lib/libopenblas.so.0 \
        && any_exists /usr/include/cblas.h /usr/include/*/cblas.h
}
command -v pkg-config >/dev/null 2>&1 || need_packages="$need_packages pkg-config"
# python3: the lint (scripts/lint-int-conversions.py) and the Python example of `make test` (standard library only).
command -v python3 >/dev/null 2>&1 || need_packages="$need_packages python3"
# openpyxl: the Python tests open the `--format xlsx` workbooks with it, as an auditor's other tools would (issue 13).
python3 -c "import openpyxl" >/dev/null 2>&1 || need_packages="$need_packages python3-openpyxl"
have_lapacke || need_packages="$need_packages liblapacke-dev"
# SuiteSparse CHOLMOD: the sparse Cholesky of the large-network solver (no pkg-config file on Debian 12).
have_cholmod() { [ -e /usr/include/suitesparse/cholmod.h ] && any_exists /usr/lib/*/libcholmod.so /usr/lib/libcholmod.so; }
have_cholmod || need_packages="$need_packages libsuitesparse-dev"
have_openblas || need_packages="$need_packages libopenblas-dev"
# minizip (zlib's contrib): unzips .xlsx workbooks given as a case (BalanceIO/Workbook).
have_minizip() { [ -e /usr/include/minizip/unzip.h ] && any_exists /usr/lib/*/libminizip.so /usr/lib/libminizip.so; }
have_minizip || need_packages="$need_packages libminizip-dev"
# libxlsxwriter: writes the .xlsx results (`--format xlsx`).
have_xlsxwriter() { [ -e /usr/include/xlsxwriter.h ] && any_exists /usr/lib/*/libxlsxwriter.so /usr/lib/libxlsxwriter.so; }
have_xlsxwriter || need_packages="$need_packages libxlsxwriter-dev"
# librsvg and cairo (opened at run time): diagrams written as PDF or PNG (`--diagram plant.pdf`), with a CJK font to
# embed — without one every Chinese character is drawn as a box.
have_rsvg() { any_exists /usr/lib/*/librsvg-2.so.2 /usr/lib/librsvg-2.so.2; }
have_rsvg || need_packages="$need_packages librsvg2-2"
have_cjk_font() {
    if command -v fc-list >/dev/null 2>&1; then fc-list :lang=zh 2>/dev/null | grep -q . && return 0; fi
    any_exists /usr/share/fonts/truetype/wqy /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
}
have_cjk_font || need_packages="$need_packages fonts-wqy-zenhei"

# apt_install PACKAGES WHAT LOGNAME: installs Debian packages with apt-get (as root, or through sudo), quietly, the
# log kept in $TMPDIR; WHAT names them for a system without apt-get.
apt_install() {
    packages=$1
    echo "install-deps: installing$2:$packages"
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "install-deps: apt-get not found; install $3 with your package manager" >&2
        exit 1
    fi
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "install-deps: need root or sudo to run: apt-get install -y$packages" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    log="${TMPDIR:-/tmp}/auditbalance-install-$4.log"
    # shellcheck disable=SC2086
    if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends $packages; } >"$log" 2>&1; then
        cat "$log" >&2
        echo "install-deps: apt-get failed (log above, also in $log)" >&2
        exit 1
    fi
    echo "install-deps: installed (apt log: $log)"
}

if [ -n "$need_packages" ]; then
    apt_install "$need_packages" " system packages" \
        "LAPACKE, OpenBLAS, SuiteSparse (CHOLMOD), minizip, libxlsxwriter, librsvg, a CJK font, pkg-config, python3 and openpyxl" deps
fi

# Debian's python3-openpyxl serves Debian's python3 only: a python3 that comes first on PATH from elsewhere (pyenv, a
# venv) still lacks it, and gets it from PyPI.
if ! python3 -c "import openpyxl" >/dev/null 2>&1; then
    echo "install-deps: installing openpyxl for $(command -v python3) (not Debian's python3) with pip"
    if ! python3 -m pip install --quiet openpyxl; then
        echo "install-deps: pip could not install openpyxl for $(command -v python3); install it, or put Debian's python3 first on PATH" >&2
        exit 1
    fi
fi

if ! command -v swift >/dev/null 2>&1; then
    echo "install-deps: the Swift toolchain (6.1 or newer) is not on PATH; see https://www.swift.org/install" >&2
    exit 1
fi

if [ "${1:-}" = "--with-python" ]; then
    if ! python3 -c "import numpy, scipy" >/dev/null 2>&1; then
        echo "install-deps: installing numpy and scipy for the benchmark peer"
        python3 -m pip install --quiet numpy scipy
    fi
fi

# --with-report: what `make test-report` renders and reads the audit report with — headless Chromium (Debian's
# chromium) and poppler-utils (pdftotext, pdfinfo, pdffonts); the CJK font is one of the packages above.
if [ "${1:-}" = "--with-report" ]; then
    report_packages=""
    command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
        || command -v google-chrome >/dev/null 2>&1 || report_packages="$report_packages chromium"
    command -v pdftotext >/dev/null 2>&1 || report_packages="$report_packages poppler-utils"
    if [ -n "$report_packages" ]; then
        apt_install "$report_packages" " for the report check" "Chromium and poppler-utils" report
    fi
fi
