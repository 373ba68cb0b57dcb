import TestSupport
import Testing
@testable import BalanceIO

@Suite("CSV writer")
struct CSVWriterTests {
    @Test("fields are quoted only when needed", arguments: [
        ("plain", "plain"), ("1.5e3", "1.5e3"), ("", ""), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""), ("cr\rhere", "\"cr\rhere\""), (" padded", "\" padded\""),
        ("tab\t", "\"tab\t\""), ("中文", "中文"), ("回水，已处理", "回水，已处理"),
    ])
    func escaping(_ field: String, _ expected: String) {
        #expect(CSVWriter.escape(field) == expected)
    }

    @Test("CRLF by default, LF on request, optional BOM for Excel")
    func output() {
        var writer = CSVWriter(includeByteOrderMark: true)
        writer.writeRecord(["id", "name"])
        writer.writeRecord(["S1", "冷却水, 循环"])
        #expect(writer.bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
        #expect(writer.text == "\u{FEFF}id,name\r\nS1,\"冷却水, 循环\"\r\n")
        let lf = CSVWriter.encode([["a", "b"], ["1", "2"]], lineEnding: .lf)
        #expect(lf == Array("a,b\n1,2\n".utf8))
    }

    @Test("a record of one empty field is written as \"\" so it is not an empty line")
    func loneEmptyField() throws {
        let bytes = CSVWriter.encode([["a"], [""], ["b"]])
        #expect(bytes == Array("a\r\n\"\"\r\nb\r\n".utf8))
        #expect(try CSVParser.parse(bytes).rows == [["a"], [""], ["b"]])
    }

    @Test("BOM output parses back without the BOM")
    func bomRoundTrip() throws {
        let rows = [["编号", "名称"], ["W1", "新水"]]
        #expect(try CSVParser.parse(CSVWriter.encode(rows, includeByteOrderMark: true)).rows == rows)
    }

    /// Property: any records (≥ 1 field each) written by the writer parse back exactly, whatever
    /// their fields contain: separators, quotes, CR, LF, CRLF, spaces, Chinese text, empty fields.
    @Test("random records round-trip exactly", arguments: 0..<20)
    func roundTrip(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed))
        let pieces = [",", "\"", "\"\"", "\n", "\r", "\r\n", " ", "\t", "a", "Z", "1.5", "-2e3", "中", "水平衡", "，", "%", "é", "😀", ""]
        for lineEnding in CSVWriter.LineEnding.allCases {
            let records: [[String]] = (0..<Int.random(in: 1...40, using: &random)).map { _ in
                (0..<Int.random(in: 1...6, using: &random)).map { _ in
                    (0..<Int.random(in: 0...5, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
                }
            }
            let bom = Bool.random(using: &random)
            let bytes = CSVWriter.encode(records, includeByteOrderMark: bom, lineEnding: lineEnding)
            let parsed = try CSVParser.parse(bytes)
            #expect(parsed.rows == records, "seed \(seed), \(lineEnding)")
            // Line numbers: each record starts one line after the previous record's last line.
            var expectedLine = 1
            for (record, line) in zip(records, parsed.map(\.line)) {
                #expect(line == expectedLine)
                expectedLine += 1 + record.reduce(0) { count, field in
                    // In a String, "\r\n" is one Character, as it is one line end for the parser.
                    // (Counted with reduce: a filtered String would merge a "\r" and a "\n" again.)
                    count + field.reduce(0) { $0 + ($1 == "\r\n" || $1 == "\n" || $1 == "\r" ? 1 : 0) }
                }
            }
        }
    }

    @Test("random bytes never crash the parser; errors report positions inside the input", arguments: 0..<10)
    func fuzzBytes(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed) &+ 1000)
        let alphabet: [UInt8] = Array(",\"\r\n a1".utf8) + [0xE4, 0xB8, 0xAD, 0xFF]
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0...60, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            do {
                let table = try CSVParser.parse(bytes)
                #expect(table.allSatisfy { !$0.isEmpty })
                #expect(table.map(\.line) == table.map(\.line).sorted())
            } catch {
                #expect(error.line >= 1)
                #expect(error.byteOffset >= 0 && error.byteOffset < bytes.count)
            }
        }
    }
}
