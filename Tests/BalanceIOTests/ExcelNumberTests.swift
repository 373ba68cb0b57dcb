import BalanceCore
import Testing
@testable import BalanceIO

/// Numbers and headers as spreadsheets write them (issue 13, part 3): thousands separators that group by three,
/// full-width digits and signs, `±` before an uncertainty, "not given" marks, synonyms of the value column, and a
/// unit in brackets after the header.
@Suite("Excel-style numbers and headers")
struct ExcelNumberTests {
    @Test("accepted forms read as the plain number", arguments: [
        ("1,698.9", 1698.9), ("1 698.9", 1698.9), ("1\u{A0}698.9", 1698.9), ("1\u{2009}698.9", 1698.9),
        ("1\u{202F}698.9", 1698.9), ("12,345,678", 12_345_678), ("-1,234.5", -1234.5), ("１６９８．９", 1698.9),
        ("－２．５", -2.5), ("１．２Ｅ３", 1200), ("1\u{2212}", .nan), ("\u{2212}3", -3), ("1,234", 1234),
    ])
    func accepted(_ text: String, _ expected: Double) {
        switch NumberText.parse(text) {
        case let .number(x): #expect(expected.isNaN ? false : x == expected, "\(text) → \(x)")
        default: #expect(expected.isNaN, "\(text) refused")
        }
    }

    @Test("refused forms keep a hint", arguments: ["1,5", "12,34", "1,2345", "1 23", "1,234,5", "±5", "1.234,5"])
    func refused(_ text: String) {
        guard case let .invalid(hint) = NumberText.parse(text) else {
            Issue.record("\(text) was accepted")
            return
        }
        #expect(!hint.isEmpty)
    }

    @Test("± and full-width percent in an uncertainty")
    func plusMinus() {
        #expect(NumberText.parse("±1%", plusMinus: true) == .percent(1))
        #expect(NumberText.parse("± 2.5", plusMinus: true) == .number(2.5))
        #expect(NumberText.parse("２％", plusMinus: true) == .percent(2))
    }

    @Test("a case with Excel-style cells, not-given marks, a synonym and the unit in the value header")
    func loads() throws {
        let text = "编号,来源,去向,流量（m³/d）,标准差\nW1,,U1,\"1,698.9\",±1%\nW2,U1,,１６９８．９,２％\nW3,U1,,—,\nW4,U1,,无,\nW5,U1,,/,-\n"
        let loaded = try CaseLoader.load(streams: CSVInput(name: "streams.csv", text: text))
        let streams = loaded.model.streams
        #expect(streams.map(\.value) == [1698.9, 1698.9, nil, nil, nil])
        #expect(abs(streams[0].sigma! - 16.989) < 1e-12 && abs(streams[1].sigma! - 33.978) < 1e-12)
        #expect(streams.allSatisfy { $0.unit == "m³/d" })
    }

    @Test("a unit cell that contradicts the header's unit is refused, naming both")
    func unitConflict() {
        let text = "id,from,to,value (m3/d),unit\nA,,U,5,m3/h\n"
        #expect {
            try CaseLoader.load(streams: CSVInput(name: "streams.csv", text: text))
        } throws: { error in
            "\(error)".contains("m3/h") && "\(error)".contains("m3/d")
        }
    }

    @Test("two numeric headers with different units are refused")
    func headerUnitsDiffer() {
        let text = "id,from,to,value (m3/d),sigma (m3/h)\nA,,U,5,1\n"
        #expect {
            try CaseLoader.load(streams: CSVInput(name: "streams.csv", text: text))
        } throws: { error in
            "\(error)".contains("one unit per file")
        }
    }

    @Test("an unrecognised value header is named as the problem, not the uncertainty next to it")
    func missingValueColumn() {
        let text = "id,from,to,Messwert,sigma\nA,,U,5,1%\n"
        #expect {
            try CaseLoader.load(streams: CSVInput(name: "streams.csv", text: text))
        } throws: { error in
            "\(error)".contains("no value column") && "\(error)".contains("'Messwert'") && "\(error)".contains("测量值")
        }
    }
}
