import TestSupport
import Foundation
import Testing
@testable import BalanceIO

/// The JSON writer's scalars against independent references: numbers are `Double.description` (the shortest digits
/// that read back as the same double), integers `String(_:)`, strings escaped as RFC 8259 requires and read back by
/// Foundation's parser. The writer appends digits and bytes to its own buffer (`ByteSink`), so these pin it to the
/// text the project wrote before.
@Suite("JSON writer scalars")
struct JSONWriterTests {
    @Test("every finite double is written as its description and reads back as itself; others as null")
    func numbers() throws {
        var generator = SplitMix64(seed: 2026)
        var values: [Double] = [0, -0.0, 1, -1, 0.1, 1e16, 1e15, 123_456_789_012_345_680, .leastNonzeroMagnitude,
                                .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 100.22, 6.4075]
        for _ in 0..<20_000 {
            let bits = Double(bitPattern: generator.next())
            if bits.isFinite { values.append(bits) }
            values.append(Double(Int64.random(in: -10_000_000...10_000_000, using: &generator)) / 1000)
            values.append(Double.random(in: -1000...1000, using: &generator))
        }
        for value in values {
            let text = JSONValue.number(value).serialized(indent: 0)
            #expect(text == value.description)
            #expect(Double(text) == value)
        }
        for value in [Double.nan, .infinity, -.infinity] {
            #expect(JSONValue.number(value).serialized(indent: 0) == "null")
            #expect(JSONValue.number(value as Double?).serialized(indent: 0) == "null")
        }
    }

    @Test("integers are written as String(_:) writes them")
    func integers() {
        var generator = SplitMix64(seed: 7)
        var values = [0, 1, -1, 9, 10, -10, Int.max, Int.min, Int.max - 1, Int.min + 1]
        for _ in 0..<5000 { values.append(Int(truncatingIfNeeded: generator.next()) >> Int(generator.next() % 64)) }
        for value in values {
            #expect(JSONValue.integer(value).serialized(indent: 0) == String(value))
        }
    }

    @Test("strings: quote, backslash and control characters escaped, everything else as UTF-8; read back unchanged")
    func strings() throws {
        // The reference escaper, scalar by scalar.
        func reference(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        var generator = SplitMix64(seed: 99)
        let alphabet: [Unicode.Scalar] = (0x00...0x7F).compactMap(Unicode.Scalar.init)
            + ["冷", "却", "水", "✓", "é", "\u{2028}", "\u{7F}", "😀"]
        var texts = ["", "plain", "a\"b\\c\nd\re\tf\u{1}g\u{1F}h 冷却水 ✓", "\"", "\\", "\u{0}"]
        for length in 0..<40 {
            for _ in 0..<50 {
                texts.append(String(String.UnicodeScalarView((0..<length).map { _ in alphabet.randomElement(using: &generator)! })))
            }
        }
        for text in texts {
            let written = JSONValue.string(text).serialized(indent: 0)
            #expect(written == reference(text), "\(text.debugDescription)")
            let parsed = try JSONSerialization.jsonObject(with: Data("[\(written)]".utf8)) as? [String]
            #expect(parsed == [text])
        }
    }

    @Test("a document past the first buffer's size and a whole result with its newline are the same bytes")
    func growth() {
        let rows: [JSONValue] = (0..<3000).map { i in
            .object([("id", .string("S\(i)")), ("value", .number(Double(i) / 7)), ("n", .integer(i))])
        }
        let document = JSONValue.object([("streams", .array(rows)), ("count", .integer(rows.count))])
        let whole = document.serializedBytes()
        #expect(whole.count > 100_000)
        #expect(document.serializedBytes(indent: 2, newline: true) == whole + [0x0A])
        var pieces: [UInt8] = []
        document.serialize(chunkSize: 1000) { pieces += $0 }
        #expect(pieces == whole)
    }
}
