extension Spreadsheet {
    /// The workbook of a water balance (FORMATS.md §5.11): first the tables of GB/T 12452 as the text and Markdown
    /// reports lay them out — 基本用水单元水平衡测试表, 企业水平衡测试统计表, 用水分析表 — with their figures stored as
    /// numbers and each σ in a column of its own, then the sheets of the JSON document (``init(json:language:)``).
    /// - Complexity: O(size of the document and the tables).
    public init(json: JSONValue, waterTables tables: [WaterReportTable], language: LabelLanguage) {
        let document = Spreadsheet(json: json, language: language)
        self.sheets = Self.uniqueNames(tables.map { Self.sheet($0, language: language) } + document.sheets)
    }

    /// One report table as a worksheet: a cell with a figure becomes its number (— when not determinable), a column
    /// whose figures carry a σ is followed by a `σ` column, the other cells stay text; the notes follow the table
    /// after an empty row.
    static func sheet(_ table: WaterReportTable, language: LabelLanguage) -> Sheet {
        let columnCount = table.headers.count
        func figure(_ r: Int, _ c: Int) -> WaterReportTable.Figure? {
            r < table.figures.count && c < table.figures[r].count ? table.figures[r][c] : nil
        }
        let withSigma = (0..<columnCount).map { c in table.rows.indices.contains { figure($0, c)?.sigma != nil } }
        var columns: [String] = []
        for c in 0..<columnCount {
            columns.append(table.headers[c])
            if withSigma[c] { columns.append("σ") }
        }
        var rows: [[Cell]] = []
        var percent: Set<Sheet.Position> = []
        for (r, text) in table.rows.enumerated() {
            var row: [Cell] = []
            for c in 0..<columnCount {
                let shown = c < text.count ? text[c] : ""
                if let f = figure(r, c) {
                    if f.isFraction { percent.insert(.init(row: r, column: row.count)) }
                    row.append(f.value.map(Cell.number) ?? .notDeterminable)
                    if withSigma[c] {
                        if f.isFraction && f.sigma != nil { percent.insert(.init(row: r, column: row.count)) }
                        row.append(f.sigma.map(Cell.number) ?? .empty)
                    }
                } else {
                    row.append(shown == "—" ? .notDeterminable : shown.isEmpty ? .empty : .text(shown))
                    if withSigma[c] { row.append(.empty) }
                }
            }
            rows.append(row)
        }
        if !table.notes.isEmpty {
            rows.append([])
            for note in table.notes { rows.append([.text(note)]) }
        }
        var sheet = Sheet(name: table.sheetName.isEmpty ? table.title : table.sheetName, columns: columns, rows: rows)
        sheet.percentCells = percent
        return sheet
    }
}
