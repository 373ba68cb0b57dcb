import TestSupport
import BalanceApplication
import BalanceCore
import Foundation
import Testing
@testable import BalanceIO

/// Results written in pieces as they are made (issue 12, Deliver 3): the pieces are the same bytes as the whole
/// result, whatever their size, and a file is renamed into place only when every piece is written.
@Suite("Results written in pieces")
struct StreamedOutputTests {
    /// A document with the shapes the writer distinguishes: flat and nested objects, arrays of scalars and of
    /// objects, empty arrays, text that needs escapes, numbers that are not finite.
    static func document(rows: Bool) -> JSONValue {
        let items: [JSONValue] = (0..<7).map { i in
            .object([
                ("id", .string("S\(i) \"引号\"\n")), ("value", .number(Double(i) / 3)), ("nan", .number(i == 3 ? .nan : 1)),
                ("list", .array([.integer(i), .bool(i % 2 == 0), .null])),
            ])
        }
        let scalars: [JSONValue] = (0..<5).map { .number(Double($0) * 1.5) }
        func list(_ values: [JSONValue]) -> JSONValue { rows ? .rows(JSONRows(count: values.count) { values[$0] }) : .array(values) }
        return .object([
            ("streams", list(items)), ("scalars", list(scalars)), ("empty", list([])),
            ("nested", .object([("inner", list([list(scalars), list(items)]))])), ("name", .string("案例")),
        ])
    }

    @Test("rows are written exactly as the array of the same elements, compact and indented")
    func rowsAsArray() {
        for indent in [0, 2, 4] {
            #expect(Self.document(rows: true).serializedBytes(indent: indent)
                == Self.document(rows: false).serializedBytes(indent: indent), "indent \(indent)")
        }
        #expect(Self.document(rows: true) == Self.document(rows: false))
        #expect(Self.document(rows: true)["streams"]?.elements.count == 7)
    }

    @Test("a list is made at once up to the limit and as it is written beyond it; the bytes are the same")
    func listBothWays() {
        @Sendable func row(_ i: Int) -> JSONValue { .object([("id", .string("S\(i)")), ("value", .number(Double(i) / 7))]) }
        let small = JSONValue.list(count: JSONRows.madeAtOnceLimit) { row($0) }
        let large = JSONValue.list(count: JSONRows.madeAtOnceLimit + 1) { row($0) }
        guard case .array = small, case let .rows(rows) = large else {
            Issue.record("small: \(small.elements.count) rows made at once, large: made as written")
            return
        }
        #expect(rows.count == JSONRows.madeAtOnceLimit + 1)
        let made = JSONValue.array((0...JSONRows.madeAtOnceLimit).map(row))
        #expect(large.serializedBytes() == made.serializedBytes())
        #expect(large.serializedBytes(indent: 0) == made.serializedBytes(indent: 0))
    }

    @Test("pieces of any size are the whole document, in order", arguments: [1, 2, 3, 7, 64, 1000, 1 << 20])
    func pieces(chunkSize: Int) {
        for rows in [false, true] {
            let document = Self.document(rows: rows)
            var joined: [UInt8] = []
            var count = 0
            document.serialize(chunkSize: chunkSize) { joined += $0; count += 1 }
            let whole = document.serializedBytes()
            #expect(joined == whole)
            // A piece is handed over between two elements once it holds chunkSize bytes: small sizes give many.
            if chunkSize <= 7 { #expect(count > 10) }
            if chunkSize >= whole.count { #expect(count == 1) }
        }
    }

    @Test("every dataset's reconciliation in 4 KiB pieces is the bytes of render, for JSON and CSV")
    func datasetsInPieces() throws {
        var compared = 0
        for folder in TestDatasets.cases {
            let path = TestDatasets.root.appendingPathComponent(folder).path
            guard let outcome = try? Application.run(.reconcile, casePath: path, options: AuditOptions()) else { continue }
            for format in [ReportFormat.json, .csv] {
                var pieces: [[UInt8]] = []
                try outcome.render(format, chunkSize: 4096) { pieces.append($0) }
                #expect(Array(pieces.joined()) == (try outcome.render(format)), "\(folder) \(format)")
                // Only the end may be short of 4 KiB: the last bytes (and, for JSON, the final newline after them).
                #expect(pieces.dropLast(format == .json ? 2 : 1).allSatisfy { $0.count >= 4096 }, "\(folder) \(format)")
                compared += 1
            }
        }
        #expect(compared >= 40)
    }

    @Test("a file written in pieces appears only on commit; a writer dropped without commit leaves nothing")
    func atomicWriter() throws {
        let folder = try TemporaryFolder.make(prefix: "streamed")
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("result.json").path
        let writer = try AtomicFile.Writer(path: target)
        writer.append(Array("{\"a\":".utf8))
        #expect(!FileManager.default.fileExists(atPath: target))
        writer.append(Array("1}\n".utf8))
        try writer.commit()
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "{\"a\":1}\n")
        do {
            let abandoned = try AtomicFile.Writer(path: target)
            abandoned.append(Array("half".utf8))
        }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "{\"a\":1}\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["result.json"])
        // A folder that does not exist: the error names the target.
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.Writer(path: folder.path + "/missing/x.json") }
    }

    @Test("a CSV writer flushed in pieces gives the bytes of one written whole")
    func csvFlush() {
        let records = (0..<50).map { ["S\($0)", "a,b", "\($0)"] }
        var whole = CSVWriter(includeByteOrderMark: true)
        whole.writeRecords(records)
        var pieces = CSVWriter(includeByteOrderMark: true)
        var joined: [UInt8] = []
        for record in records {
            pieces.writeRecord(record)
            if pieces.bytes.count >= 16 { pieces.flush { joined += $0 } }
        }
        pieces.flush { joined += $0 }
        #expect(joined == whole.bytes)
        #expect(pieces.bytes.isEmpty)
    }
}
