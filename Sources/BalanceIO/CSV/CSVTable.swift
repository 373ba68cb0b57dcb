/// The records of a parsed CSV file, stored compactly: the input bytes once, plus the byte range of
/// every field. Field text is decoded to `String` only when it is read.
///
/// A table is a random-access collection of ``CSVRecord``s in file order. The header, if the file
/// has one, is simply the first record.
///
/// - Complexity: memory O(bytes + fields); `self[i]` is O(1); reading a field is O(its length).
public struct CSVTable: Sendable, Hashable, RandomAccessCollection {
    /// The parsed bytes (UTF-8, byte order mark removed).
    let bytes: [UInt8]
    /// Two entries per field: start offset, then `end << 1 | escaped` (escaped: contains `""`).
    let bounds: [Int]
    /// Index of the first field of each record, plus one final entry: the total field count.
    let recordStarts: [Int]
    /// 1-based physical line on which each record starts.
    let lines: [Int]

    init(bytes: [UInt8], bounds: [Int], recordStarts: [Int], lines: [Int]) {
        self.bytes = bytes
        self.bounds = bounds
        self.recordStarts = recordStarts
        self.lines = lines
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { lines.count }

    /// The record at `position` (0-based; not a line number).
    public subscript(position: Int) -> CSVRecord {
        precondition(position >= 0 && position < lines.count, "CSVTable index out of range")
        return CSVRecord(table: self, record: position)
    }

    /// Total number of fields in all records.
    public var fieldCount: Int { bounds.count / 2 }

    /// All records as arrays of strings, e.g. for tests and small files.
    /// - Complexity: O(bytes).
    public var rows: [[String]] { map { Array($0) } }

    /// Decodes field `k` (a global field index).
    func string(field k: Int) -> String {
        let start = bounds[2 * k]
        let end = bounds[2 * k + 1] >> 1
        let escaped = bounds[2 * k + 1] & 1 == 1
        if !escaped {
            return bytes.withUnsafeBufferPointer {
                String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self)
            }
        }
        // Collapse every `""` to `"`: inside a quoted field a quote always comes in such a pair.
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(end - start)
        var i = start
        while i < end {
            let byte = bytes[i]
            unescaped.append(byte)
            i += byte == CSVParser.quote ? 2 : 1
        }
        return String(decoding: unescaped, as: UTF8.self)
    }
}

/// One record (row) of a ``CSVTable``: a random-access collection of its fields' text, indexed from 0.
///
/// Fields are returned exactly as written (quotes removed, `""` collapsed, nothing trimmed).
/// Spreadsheet-style 1-based column numbers are available through ``fields`` and ``field(column:)``.
public struct CSVRecord: Sendable, RandomAccessCollection {
    let table: CSVTable
    let record: Int

    init(table: CSVTable, record: Int) {
        self.table = table
        self.record = record
    }

    /// 1-based physical line on which the record starts.
    public var line: Int { table.lines[record] }

    public var startIndex: Int { 0 }
    public var endIndex: Int { table.recordStarts[record + 1] - table.recordStarts[record] }

    /// The text of the field at 0-based `position`.
    public subscript(position: Int) -> String {
        precondition(position >= 0 && position < count, "CSVRecord index out of range")
        return table.string(field: table.recordStarts[record] + position)
    }

    /// The field in 1-based `column`, or `nil` when the record is shorter.
    public func field(column: Int) -> String? {
        column >= 1 && column <= count ? self[column - 1] : nil
    }

    /// The fields with their 1-based column numbers.
    public var fields: [CSVField] {
        indices.map { CSVField(column: $0 + 1, value: self[$0]) }
    }
}

/// One field of a record: its 1-based column number and its text.
public struct CSVField: Sendable, Hashable {
    /// 1-based column number within the record.
    public var column: Int
    /// The field's text, unquoted and untrimmed.
    public var value: String

    public init(column: Int, value: String) {
        self.column = column
        self.value = value
    }
}
