#!/usr/bin/env python3
"""Writes a case folder's CSV files as one .xlsx workbook, one sheet per file, the way Excel stores them.

    python3 Datasets/scripts/case_to_xlsx.py CASE_FOLDER OUT.xlsx [--chinese] [--notes]

Standard library only (zipfile + hand-written SpreadsheetML, ECMA-376): what an auditor's workbook holds, for
the tests of `balance CASE.xlsx` (Tests/BalanceIOTests/Fixtures/xlsx/). Like Excel it stores
- numbers as numeric cells with the shortest round-trip decimal (`1.70E+3` → 1700);
- a percentage (`2%`) as the fraction 0.02 in a cell with the built-in format 10 (0.00%);
- text in the shared-string table; the first numeric value of the first data row as a formula (`+1205`) with its
  cached value;
--chinese names the sheets 流股, 节点, …; --notes adds a sheet 说明 (not a case sheet: ignored with a warning);
--sheet NAME adds an empty sheet NAME; --cell REF=XML writes the raw XML for cell REF of the first sheet
(for the tests of damaged cells, e.g. `--cell 'E3=<c r="E3" t="e"><f>1/0</f><v>#DIV/0!</v></c>'`).
"""
import csv
import os
import sys
import zipfile
from xml.sax.saxutils import escape

SHEETS = [("streams.csv", "streams", "流股"), ("nodes.csv", "nodes", "节点"), ("relations.csv", "relations", "关系"),
          ("components.csv", "components", "组分"), ("equations.csv", "equations", "方程"),
          ("covariance.csv", "covariance", "协方差"), ("readings.csv", "readings", "读数")]


def column_name(k):
    name = ""
    k += 1
    while k:
        k, r = divmod(k - 1, 26)
        name = chr(65 + r) + name
    return name


def as_number(text):
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def sheet_xml(rows, strings, index, formula_done, raw_cells=None):
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
           'state="frozen"/></sheetView></sheetViews><sheetData>']
    for r, row in enumerate(rows, start=1):
        out.append(f'<row r="{r}">')
        for c, text in enumerate(row):
            ref = f"{column_name(c)}{r}"
            text = text.strip()
            if raw_cells and ref in raw_cells:
                out.append(raw_cells[ref])
                continue
            if text == "":
                continue
            percent = text.endswith("%") and as_number(text[:-1].strip()) is not None
            number = None if r == 1 else (as_number(text[:-1].strip()) / 100 if percent else as_number(text))
            if number is not None:
                style = ' s="1"' if percent else ""
                if not formula_done[0] and not percent:
                    out.append(f'<c r="{ref}"{style}><f>+{repr(number)}</f><v>{repr(number)}</v></c>')
                    formula_done[0] = True
                else:
                    out.append(f'<c r="{ref}"{style}><v>{repr(number)}</v></c>')
            else:
                if text not in index:
                    index[text] = len(strings)
                    strings.append(text)
                out.append(f'<c r="{ref}" t="s"><v>{index[text]}</v></c>')
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def main():
    argv = sys.argv[1:]
    raw_cells, extra_sheets, args = {}, [], []
    while argv:
        a = argv.pop(0)
        if a == "--cell":
            ref, xml = argv.pop(0).split("=", 1)
            raw_cells[ref] = xml
        elif a == "--sheet":
            extra_sheets.append(argv.pop(0))
        elif not a.startswith("--"):
            args.append(a)
    if len(args) != 2:
        sys.exit(__doc__)
    folder, target = args
    chinese = "--chinese" in sys.argv
    sheets = []
    for file, english, zh in SHEETS:
        path = os.path.join(folder, file)
        if os.path.exists(path):
            with open(path, encoding="utf-8-sig", newline="") as handle:
                sheets.append((zh if chinese else english, list(csv.reader(handle))))
    if "--notes" in sys.argv:
        sheets.append(("说明", [["本工作簿由 case_to_xlsx.py 生成"], ["数据来源", os.path.basename(folder)]]))
    sheets += [(name, [["x"]]) for name in extra_sheets]
    strings, index, formula_done = [], {}, [False]
    parts = [(name, sheet_xml(rows, strings, index, formula_done, raw_cells if k == 0 else None))
             for k, (name, rows) in enumerate(sheets)]
    ns = "http://schemas.openxmlformats.org"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   f'<Types xmlns="{ns}/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   + "".join(f'<Override PartName="/xl/worksheets/sheet{k}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                             for k in range(1, len(parts) + 1))
                   + '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                   '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                   '</Types>')
        z.writestr("_rels/.rels",
                   f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{ns}/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                   '</Relationships>')
        z.writestr("xl/workbook.xml",
                   f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{ns}/spreadsheetml/2006/main" '
                   f'xmlns:r="{ns}/officeDocument/2006/relationships"><sheets>'
                   + "".join(f'<sheet name="{escape(name)}" sheetId="{k}" r:id="rId{k}"/>' for k, (name, _) in enumerate(parts, 1))
                   + "</sheets></workbook>")
        n = len(parts)
        z.writestr("xl/_rels/workbook.xml.rels",
                   f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{ns}/package/2006/relationships">'
                   + "".join(f'<Relationship Id="rId{k}" Type="{ns}/officeDocument/2006/relationships/worksheet" '
                             f'Target="worksheets/sheet{k}.xml"/>' for k in range(1, n + 1))
                   + f'<Relationship Id="rId{n + 1}" Type="{ns}/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                   f'<Relationship Id="rId{n + 2}" Type="{ns}/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
                   "</Relationships>")
        for k, (_, xml) in enumerate(parts, 1):
            z.writestr(f"xl/worksheets/sheet{k}.xml", xml)
        z.writestr("xl/sharedStrings.xml",
                   f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{ns}/spreadsheetml/2006/main" '
                   f'count="{len(strings)}" uniqueCount="{len(strings)}">'
                   + "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings) + "</sst>")
        z.writestr("xl/styles.xml",
                   f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{ns}/spreadsheetml/2006/main">'
                   '<fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts>'
                   '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
                   '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
                   '<cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="10" xfId="0" applyNumberFormat="1"/></cellXfs>'
                   "</styleSheet>")


if __name__ == "__main__":
    main()
