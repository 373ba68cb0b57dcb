import Testing
@testable import BalanceIO

/// The pieces of the `.xlsx` reader: XML scanning, cell references, percent formats and the percentage text.
@Suite("Workbook reader")
struct WorkbookReaderTests {
    @Test("XML: tags, attributes with either quote, entities, character references, CDATA, prefixes")
    func scanner() throws {
        let xml = #"<?xml version="1.0"?><!-- c --><x:row r='7' a="&lt;&amp;&#x41;&#66;"><c/>t&gt;<![CDATA[<raw>]]></x:row>"#
        var scanner = XMLScanner(bytes: Array(xml.utf8))
        var events: [XMLScanner.Event] = []
        while let event = try scanner.next() { events.append(event) }
        #expect(events == [
            .start("row", attributes: ["r": "7", "a": "<&AB"], empty: false),
            .start("c", attributes: [:], empty: true),
            .text("t>"), .text("<raw>"), .end("row"),
        ])
    }

    @Test("XML: a DOCTYPE, an unknown entity and an unterminated tag are refused", arguments: [
        "<!DOCTYPE x [<!ENTITY a \"b\">]><x/>", "<x>&nope;</x>", "<x a=\"1\"",
    ])
    func scannerRefuses(xml: String) {
        var scanner = XMLScanner(bytes: Array(xml.utf8))
        #expect(throws: XMLScanner.Failure.self) { while try scanner.next() != nil {} }
    }

    @Test("cell references and column letters are inverse; beyond XFD1048576 is refused")
    func references() {
        for column in [1, 4, 26, 27, 52, 53, 702, 703, 16_384] {
            let name = Workbook.columnName(column)
            #expect(Workbook.cellReference("\(name)7").map { [$0.row, $0.column] } == [7, column])
        }
        #expect(Workbook.columnName(4) == "D" && Workbook.columnName(28) == "AB")
        #expect(Workbook.cellReference("$D$7").map { [$0.row, $0.column] } == [7, 4])
        #expect(Workbook.cellReference("XFE1") == nil && Workbook.cellReference("A1048577") == nil)
        #expect(Workbook.cellReference("7D") == nil && Workbook.cellReference("D") == nil)
    }

    @Test("a percent-formatted fraction reads as the percentage Excel shows, digit for digit", arguments: [
        ("0.02", "2%"), ("-0.02", "-2%"), ("0.015", "1.5%"), ("1", "100%"), ("1.5E-2", "1.5%"), ("2.5E-5", "0.0025%"),
        ("0.30000000000000004", "30.000000000000004%"), ("12", "1200%"), ("0", "0%"), ("abc", "abc"),
    ])
    func percent(stored: String, shown: String) {
        #expect(Workbook.percentText(stored) == shown)
    }

    @Test("percent number formats: % outside quotes and escapes")
    func percentFormats() {
        #expect(Workbook.showsPercent("0.0%"))
        #expect(Workbook.showsPercent("#,##0.00 %"))
        #expect(!Workbook.showsPercent("0.0\"%\""))
        #expect(!Workbook.showsPercent("0.0\\%"))
        #expect(!Workbook.showsPercent("0.00"))
    }

    @Test("relationship targets resolve against the workbook's folder")
    func resolve() {
        #expect(Workbook.resolve("worksheets/sheet1.xml", against: "xl") == "xl/worksheets/sheet1.xml")
        #expect(Workbook.resolve("/xl/worksheets/sheet1.xml", against: "xl") == "xl/worksheets/sheet1.xml")
        #expect(Workbook.resolve("../xl/styles.xml", against: "xl") == "xl/styles.xml")
    }

    @Test("an error location in a sheet prints as book: sheet!cell")
    func errorLocation() {
        let cell = InputError(file: "plant.xlsx[流股]", line: 7, column: 4, message: "m")
        #expect(cell.description == "plant.xlsx: 流股!D7: m" && cell.sheet == "流股" && cell.cell == "D7")
        #expect(InputError(file: "plant.xlsx[流股]", line: 7, message: "m").description == "plant.xlsx: 流股 row 7: m")
        #expect(InputError(file: "a/streams.csv", line: 7, column: 4, message: "m").description == "a/streams.csv:7:4: m")
        #expect(InputError(file: "notes[1].csv", line: 2, message: "m").sheet == nil)
    }
}
