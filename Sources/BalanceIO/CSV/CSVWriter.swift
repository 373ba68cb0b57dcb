/// Writes RFC 4180 CSV that ``CSVParser`` and spreadsheets read back exactly.
///
/// A field is quoted when it contains a comma, a quote, CR or LF, or begins or ends with a space or
/// tab (so that trimming readers keep the spaces); quotes inside are doubled. A record of a single
/// empty field is written `""`, because an empty line is not a record. Records end with CRLF by
/// default (RFC 4180, Excel); with ``includeByteOrderMark`` the output starts with the UTF-8 byte
/// order mark EF BB BF, which Excel needs to open UTF-8 files with Chinese text correctly.
///
/// ```swift
/// var writer = CSVWriter(includeByteOrderMark: true)
/// writer.writeRecord(["id", "name"])
/// writer.writeRecord(["S1", "冷却水, 循环"])
/// try writer.bytes.write(...)   // "\u{FEFF}id,name\r\nS1,\"冷却水, 循环\"\r\n"
/// ```
///
/// - Complexity: O(total field length) per record.
public struct CSVWriter: Sendable {
    /// How records end.
    public enum LineEnding: String, Sendable, Hashable, CaseIterable {
        /// `\r\n`, as RFC 4180 and Excel write.
        case crlf
        /// `\n`.
        case lf

        var bytes: [UInt8] { self == .crlf ? [0x0D, 0x0A] : [0x0A] }
    }

    /// Whether the output starts with the UTF-8 byte order mark.
    public let includeByteOrderMark: Bool
    /// The record terminator.
    public let lineEnding: LineEnding
    /// The output so far, UTF-8.
    public private(set) var bytes: [UInt8]

    /// Creates a writer with empty output (or just the byte order mark).
    public init(includeByteOrderMark: Bool = false, lineEnding: LineEnding = .crlf) {
        self.includeByteOrderMark = includeByteOrderMark
        self.lineEnding = lineEnding
        self.bytes = includeByteOrderMark ? [0xEF, 0xBB, 0xBF] : []
    }

    /// The output so far as a string (a byte order mark appears as U+FEFF).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends one record. An empty array writes an empty line, which readers skip.
    public mutating func writeRecord<Fields: Sequence>(_ fields: Fields) where Fields.Element: StringProtocol {
        let recordStart = bytes.count
        var count = 0
        for field in fields {
            if count > 0 { bytes.append(CSVParser.comma) }
            count += 1
            Self.append(field, to: &bytes)
        }
        if count == 1 && bytes.count == recordStart {
            bytes.append(contentsOf: [CSVParser.quote, CSVParser.quote])  // a lone empty field
        }
        bytes.append(contentsOf: lineEnding.bytes)
    }

    /// Hands the output so far to `deliver` (when there is any) and empties it: for writing a long table in pieces.
    /// - Complexity: O(1) besides `deliver`.
    public mutating func flush(to deliver: ([UInt8]) -> Void) {
        guard !bytes.isEmpty else { return }
        deliver(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    /// Appends several records.
    public mutating func writeRecords<Rows: Sequence>(_ rows: Rows)
    where Rows.Element: Sequence, Rows.Element.Element: StringProtocol {
        for row in rows { writeRecord(row) }
    }

    /// Encodes whole records at once.
    public static func encode<Rows: Sequence>(
        _ rows: Rows, includeByteOrderMark: Bool = false, lineEnding: LineEnding = .crlf
    ) -> [UInt8] where Rows.Element: Sequence, Rows.Element.Element: StringProtocol {
        var writer = CSVWriter(includeByteOrderMark: includeByteOrderMark, lineEnding: lineEnding)
        writer.writeRecords(rows)
        return writer.bytes
    }

    /// The field as it appears in CSV: quoted and escaped when needed, else unchanged.
    public static func escape<S: StringProtocol>(_ field: S) -> String {
        var out: [UInt8] = []
        append(field, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `true` when the field must be quoted.
    public static func needsQuotes<S: StringProtocol>(_ field: S) -> Bool {
        let utf8 = String(field).utf8
        guard let first = utf8.first, let last = utf8.last else { return false }
        if first == CSVParser.space || first == CSVParser.tab || last == CSVParser.space || last == CSVParser.tab {
            return true
        }
        return utf8.contains { $0 == CSVParser.comma || $0 == CSVParser.quote || $0 == CSVParser.lf || $0 == CSVParser.cr }
    }

    private static func append<S: StringProtocol>(_ field: S, to out: inout [UInt8]) {
        guard needsQuotes(field) else {
            out.append(contentsOf: field.utf8)
            return
        }
        out.append(CSVParser.quote)
        for byte in field.utf8 {
            out.append(byte)
            if byte == CSVParser.quote { out.append(CSVParser.quote) }
        }
        out.append(CSVParser.quote)
    }
}
