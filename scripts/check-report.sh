#!/bin/sh
# The demo plant's audit report checked as a person would (issue 15, Deliver 4): `balance report` writes the HTML
# and, through headless Chromium, the PDF; Chromium also renders the HTML to a PNG. Each must be non-empty and of
# its type, the PDF must be A4 with more than one page, and its text (pdftotext) must hold the chapter's headings,
# the suspect meter and every indicator exactly as the report's JSON formats it. The files stay in
# .build/report-check/ to be looked at.
# Usage: scripts/check-report.sh BALANCE_BINARY
set -eu
balance=$1
case_dir=Datasets/demo/dyeing-plant-water
out=.build/report-check
rm -rf "$out"
mkdir -p "$out"
fail() { echo "check-report: $*" >&2; exit 1; }
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || fail "no Chromium (scripts/install-deps.sh --with-report installs it)"

for lang in zh en; do
    "$balance" report "$case_dir" --balance water --lang "$lang" --output "$out/report-$lang.html"
    "$balance" report "$case_dir" --balance water --lang "$lang" --output "$out/report-$lang.pdf"
    "$balance" report "$case_dir" --balance water --lang "$lang" --format json --output "$out/report-$lang.json"
    "$browser" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$out/profile" \
        --window-size=1000,3600 --screenshot="$out/report-$lang.png" "file://$PWD/$out/report-$lang.html" >/dev/null 2>&1 \
        || fail "Chromium could not render $out/report-$lang.html to PNG"
    head -c 8 "$out/report-$lang.png" | od -An -tx1 | grep -q "89 50 4e 47" || fail "$out/report-$lang.png is not a PNG"
    [ "$(wc -c < "$out/report-$lang.png")" -gt 20000 ] || fail "$out/report-$lang.png is (nearly) empty"
    head -c 4 "$out/report-$lang.pdf" | grep -q "%PDF" || fail "$out/report-$lang.pdf is not a PDF"
    pdfinfo "$out/report-$lang.pdf" > "$out/report-$lang.pdfinfo"
    grep -q "A4" "$out/report-$lang.pdfinfo" || fail "$out/report-$lang.pdf is not A4"
    pages=$(sed -n 's/^Pages: *//p' "$out/report-$lang.pdfinfo")
    [ "$pages" -ge 2 ] || fail "$out/report-$lang.pdf has $pages page(s)"
    pdftotext -layout "$out/report-$lang.pdf" "$out/report-$lang.txt"
    python3 - "$out/report-$lang.json" "$out/report-$lang.txt" "$lang" <<'PY'
import json, sys
document = json.load(open(sys.argv[1], encoding="utf-8"))
text = open(sys.argv[2], encoding="utf-8").read()
lang = sys.argv[3]
# pdftotext keeps the words but not always the spacing: compare without whitespace.
flat = "".join(text.split())
expected = ["计量器具与数据来源", "可疑仪表W14", "用水指标", "损失排序", "某印染有限公司"] if lang == "zh" else \
    ["Metersanddatasources", "SuspectmeterW14", "Water-useindicators", "Lossesranked"]
expected += [i["display"] for i in document["water"]["indicators"] if i["value"] is not None]
expected += [m["display"] for m in document["meters"]]
missing = [e for e in expected if "".join(e.split()) not in flat]
if missing:
    sys.exit(f"check-report: the PDF ({lang}) lacks: {missing}")
print(f"check-report: {lang}: {len(expected)} headings and figures found in the PDF's text")
PY
    echo "check-report: $lang: $out/report-$lang.html, .pdf ($pages A4 pages), .png ($(wc -c < "$out/report-$lang.png") bytes)"
done
