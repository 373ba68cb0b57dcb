extension Spreadsheet {
    /// The workbook of a water balance (FORMATS.md §5.11): first the tables of GB/T 12452 as the text and Markdown
    /// reports lay them out — 基本用水单元水平衡测试表, 企业水平衡测试统计表, 用水分析表 — with their figures stored as
    /// numbers and each σ in a column of its own, then the sheets of the JSON document (``init(json:language:)``).
    /// - Complexity: O(size of the document and the tables).
    public init(json: JSONValue, waterTables tables: [WaterReportTable], language: LabelLanguage) {
        let document = Spreadsheet(json: json, language: language)
        self.sheets = Self.uniqueNames(tables.map { Self.sheet($0) } + document.sheets)
    }

    /// One report table as a worksheet: a cell with a figure becomes its number (— when not determinable), a column
    /// whose figures carry a σ is followed by a `σ` column, the other cells stay text; the notes follow the table
    /// after an empty row.
    static func sheet(_ table: WaterReportTable) -> Sheet {
        sheet(name: table.sheetName.isEmpty ? table.title : table.sheetName, headers: table.headers, rows: table.rows,
              figures: table.figures, notes: table.notes)
    }

    /// A report table as a worksheet: its text cells (`rows`, as the text report prints them) and, where a cell shows a
    /// figure, the figure (`figures`, the same shape; `nil` for a text cell).
    static func sheet(name: String, headers: [String], rows textRows: [[String]], figures: [[Figure?]], notes: [String]) -> Sheet {
        let columnCount = headers.count
        func figure(_ r: Int, _ c: Int) -> Figure? {
            r < figures.count && c < figures[r].count ? figures[r][c] : nil
        }
        let withSigma = (0..<columnCount).map { c in textRows.indices.contains { figure($0, c)?.sigma != nil } }
        var columns: [String] = []
        for c in 0..<columnCount {
            columns.append(headers[c])
            if withSigma[c] { columns.append("σ") }
        }
        var rows: [[Cell]] = []
        var percent: Set<Sheet.Position> = []
        for (r, text) in textRows.enumerated() {
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
        if !notes.isEmpty {
            rows.append([])
            for note in notes { rows.append([.text(note)]) }
        }
        var sheet = Sheet(name: name, columns: columns, rows: rows)
        sheet.percentCells = percent
        return sheet
    }

    /// The workbook of an energy balance (FORMATS.md §5.11): first the GB/T 28751 table as the text report lays it out
    /// (能源平衡表: 购入贮存 with 实物量 and 等价值, then the stages, tce; efficiencies as percentages), its figures stored
    /// as numbers, then the sheets of the JSON document (``init(json:language:)``).
    /// - Complexity: O(size of the document and the table).
    public init(json: JSONValue, energy report: EnergyReport, language: LabelLanguage) {
        let document = Spreadsheet(json: json, language: language)
        let table = Self.sheet(name: language.pick("能源平衡表", "Energy balance table"), headers: report.gridHeaders,
                               rows: report.gridRows(), figures: report.gridFigures(), notes: [])
        self.sheets = Self.uniqueNames([table] + document.sheets)
    }
}
