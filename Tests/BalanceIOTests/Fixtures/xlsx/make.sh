#!/bin/sh
# Regenerates the workbook fixtures from the bundled datasets (Datasets/scripts/case_to_xlsx.py, standard library
# only). Each workbook is named as its dataset folder; the tests compare its results with the folder's.
set -eu
cd "$(dirname "$0")"
root=../../../..
make() { python3 "$root/Datasets/scripts/case_to_xlsx.py" "$root/Datasets/$1" "$2" ${3:-} ${4:-}; }
make demo/dyeing-plant-water dyeing-plant-water.xlsx --chinese --notes
make water/brewery-24-units brewery-24-units.xlsx --chinese
make published/benchmark_p14_24_streams_gross_errors benchmark_p14_24_streams_gross_errors.xlsx
make published/nj_heat_exchanger_bypass nj_heat_exchanger_bypass.xlsx
make energy/dyeing-mill-2024 dyeing-mill-2024.xlsx --chinese
make material/chrome-plating-line chrome-plating-line.xlsx --chinese
make correlated/ncsu-cooling-water-correlated ncsu-cooling-water-correlated.xlsx
make nonlinear/heat-exchanger-network heat-exchanger-network.xlsx
make water/dyeing-plant-readings dyeing-plant-readings.xlsx --chinese
# Damaged or refused workbooks (bad/): an Excel error value, a formula without a saved value, a readings sheet
# without its columns.
mkdir -p bad
python3 "$root/Datasets/scripts/case_to_xlsx.py" "$root/Datasets/demo/dyeing-plant-water" bad/error-value.xlsx --chinese \
    --cell 'E3=<c r="E3" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
python3 "$root/Datasets/scripts/case_to_xlsx.py" "$root/Datasets/demo/dyeing-plant-water" bad/formula-without-value.xlsx \
    --chinese --cell 'E5=<c r="E5"><f>E3+E4</f></c>'
python3 "$root/Datasets/scripts/case_to_xlsx.py" "$root/Datasets/demo/dyeing-plant-water" bad/readings-sheet.xlsx \
    --chinese --sheet 读数
printf 'PK\003\004 not really a zip archive' > bad/not-a-zip.xlsx
