import Testing
@testable import BalanceIO
import BalanceStandards

/// Results as Excel workbooks (issue 13, Deliver 2): the sheets made from a JSON document, and the workbook that
/// libxlsxwriter writes read back by the workbook reader — an independent producer for the reader, and a check of
/// the writer against the JSON it came from.
@Suite("Spreadsheet results")
struct SpreadsheetTests {
    static let document: JSONValue = .object([
        ("case", .string("demo")),
        ("globalTest", .object([("statistic", .number(11.5)), ("dof", .integer(4)), ("passed", .bool(false))])),
        ("streams", .array([
            .object([("id", .string("S1")), ("value", .number(0.1 + 0.2)), ("sigma", .null),
                     ("tests", .object([("z", .number(1.5))]))]),
            .object([("id", .string("S2")), ("value", .number(-1e-300)), ("extra", .array([.string("a"), .integer(2)]))]),
        ])),
        ("warnings", .array([.string("w1"), .string("w2")])),
    ])

    @Test("arrays of objects become sheets with the union of keys; the rest is the summary; null is —")
    func layout() {
        let sheet = Spreadsheet(json: Self.document, language: .en)
        #expect(sheet.sheets.map(\.name) == ["summary", "streams"])
        let summary = sheet.sheets[0]
        #expect(summary.rows.map { $0[0] } == [.text("case"), .text("globalTest.statistic"), .text("globalTest.dof"),
                                                .text("globalTest.passed"), .text("warnings")])
        #expect(summary.rows[4][1] == .text("w1; w2"))
        let streams = sheet.sheets[1]
        #expect(streams.columns == ["id", "value", "sigma", "tests.z", "extra"])
        #expect(streams.rows[0] == [.text("S1"), .number(0.1 + 0.2), .notDeterminable, .number(1.5)])
        #expect(streams.rows[1] == [.text("S2"), .number(-1e-300), .empty, .empty, .text("a; 2")])
    }

    @Test("Chinese sheet names and headers where a label exists, the key otherwise")
    func chinese() {
        let sheet = Spreadsheet(json: Self.document, language: .zh)
        #expect(sheet.sheets.map(\.name) == ["概要", "流股"])
        #expect(sheet.sheets[1].columns == ["编号", "数值", "标准差", "tests.z", "extra"])
    }

    @Test("sheet names follow Excel's rules: no []:*?/\\, at most 31 characters, unique")
    func names() {
        let sheets = Spreadsheet.uniqueNames([
            .init(name: "a/b[c]", columns: [], rows: []),
            .init(name: String(repeating: "x", count: 40), columns: [], rows: []),
            .init(name: String(repeating: "x", count: 35), columns: [], rows: []),
            .init(name: "A_B_C_", columns: [], rows: []),
        ])
        #expect(sheets[0].name == "a_b_c_")
        #expect(sheets[1].name == String(repeating: "x", count: 31))
        #expect(sheets[2].name == String(repeating: "x", count: 27) + " (2)")
        #expect(sheets[3].name == "A_B_C_ (2)")
        #expect(sheets.allSatisfy { $0.name.count <= 31 })
    }

    @Test("a report table (GB/T 12452) as a sheet: figures as numbers, σ in its own column, fractions as percent, — kept, notes below")
    func reportTable() {
        var table = WaterReportTable(
            title: "用水分析表", headers: ["指标", "数值", "分子"], numericColumns: [1, 2],
            rows: [["重复利用率 R", "78.71 % ± 0.21 %", "4453.7"], ["单位产品取水量 V_uf", "—", "—"], ["说明", "", ""]],
            notes: ["单位：m³/d"])
        table.figures = [[nil, .init(value: 0.7871, sigma: 0.0021, isFraction: true), .init(value: 4453.73)],
                         [nil, .init(value: nil), .init(value: nil)], [nil, nil, nil]]
        let sheet = Spreadsheet.sheet(table)
        #expect(sheet.name == "用水分析表")
        #expect(sheet.columns == ["指标", "数值", "σ", "分子"])
        #expect(sheet.rows[0] == [.text("重复利用率 R"), .number(0.7871), .number(0.0021), .number(4453.73)])
        #expect(sheet.rows[1] == [.text("单位产品取水量 V_uf"), .notDeterminable, .empty, .notDeterminable])
        #expect(sheet.rows[2] == [.text("说明"), .empty, .empty, .empty])
        #expect(sheet.rows[3].isEmpty && sheet.rows[4] == [.text("单位：m³/d")])
        #expect(sheet.isPercent(row: 0, column: 1) && sheet.isPercent(row: 0, column: 2))
        #expect(!sheet.isPercent(row: 0, column: 3) && !sheet.isPercent(row: 1, column: 1))
        let book = Spreadsheet(json: Self.document, waterTables: [table, table], language: .zh)
        #expect(book.sheets.map(\.name) == ["用水分析表", "用水分析表 (2)", "概要", "流股"])
    }

    @Test("the written workbook reads back: texts exact, numbers to libxlsxwriter's 16 digits (≤ 5e-16 relative)")
    func roundTrip() throws {
        let spreadsheet = Spreadsheet(json: Self.document, language: .zh)
        let bytes = try XLSXWriter.data(spreadsheet)
        let book = try Workbook(bytes: bytes)
        #expect(book.sheets.map(\.name) == ["概要", "流股"])
        let streams = try #require(book.sheets.last)
        #expect(streams.records.first?.fields == ["编号", "数值", "标准差", "tests.z", "extra"])
        let first = streams.records[1].fields
        #expect(first[0] == "S1" && first[2] == "—")
        let value = try #require(Double(first[1]))
        #expect(abs(value - (0.1 + 0.2)) <= 5e-16 * (0.1 + 0.2))
        #expect(Double(streams.records[2].fields[1]) == -1e-300)
        // The same document gives the same bytes (the creation date is fixed, not the clock's).
        #expect(try XLSXWriter.data(spreadsheet) == bytes)
    }

    @Test("fractions (rates, closures) in the percent format: the reader, which reads a percent cell as shown, sees 78.7…%")
    func percentFormats() throws {
        let document: JSONValue = .object([
            ("indicators", .object([("repeatUtilizationRate", .number(0.787)), ("intakePerProduct", .number(12.5))])),
            ("units", .array([.object([("id", .string("U1")), ("closure", .number(-0.1148)), ("intake", .number(306))])])),
        ])
        let spreadsheet = Spreadsheet(json: document, language: .en)
        #expect(spreadsheet.sheets[0].percentRows == [0])
        #expect(spreadsheet.sheets[1].percentColumns == [1])
        let book = try Workbook(bytes: try XLSXWriter.data(spreadsheet))
        let summary = try #require(book.sheets.first).records
        #expect(summary[1].fields[1].hasSuffix("%") && Double(summary[1].fields[1].dropLast()).map { abs($0 - 78.7) < 1e-12 } == true)
        #expect(summary[2].fields[1] == "12.5")
        let units = try #require(book.sheets.last).records
        #expect(units[1].fields[1].hasSuffix("%") && units[1].fields[2] == "306")
    }

    @Test("a sheet beyond Excel's row limit is an error that says to use CSV or JSON, not a truncated workbook")
    func tooManyRows() {
        let rows = [[Spreadsheet.Cell]](repeating: [.number(1)], count: Spreadsheet.maximumRows)
        let big = Spreadsheet(sheets: [.init(name: "streams", columns: ["v"], rows: rows)])
        #expect {
            _ = try XLSXWriter.data(big)
        } throws: { error in
            (error as? XLSXWriter.WriteError)?.message.contains("write this result as CSV or JSON") == true
        }
    }
}
