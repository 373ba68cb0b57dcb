/// A JSON document with ordered object keys, written exactly as FORMATS.md specifies: numbers as
/// JSON numbers in their shortest round-trip form, non-finite numbers as `null`, keys in the
/// documented order (Foundation's encoder would sort them or drop `nil`s).
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case integer(Int)
    case string(String)
    case array([JSONValue])
    /// An array whose elements are made as they are written or visited (the rows of a large result); serialised,
    /// compared and looked up exactly as `array` of the same elements.
    case rows(JSONRows)
    case object([(String, JSONValue)])

    /// A number, or `null` when absent or not finite.
    public static func number(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .number(value)
    }

    /// A string, or `null` when absent.
    public static func string(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

    /// The serialised text; `indent` > 0 pretty-prints with that many spaces per level.
    /// - Complexity: O(size of the output); bytes are appended to one buffer (large results are
    ///   dominated by this, so no intermediate strings are built).
    public func serialized(indent: Int = 2) -> String {
        String(decoding: serializedBytes(indent: indent), as: UTF8.self)
    }

    /// The serialised UTF-8 bytes.
    public func serializedBytes(indent: Int = 2) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(Self.initialCapacity)
        write(to: &out, indent: indent, level: 0, chunk: Int.max) { _ in }
        return out
    }

    /// The serialised UTF-8 bytes in pieces: `deliver` receives the output each time about `chunkSize` bytes have
    /// accumulated (between two elements of an array) and the rest at the end; together they are the bytes of
    /// ``serializedBytes(indent:)``. With ``JSONValue/rows(_:)`` for the long arrays, the extra memory is one chunk and
    /// one element, whatever the size of the document (issue 12, Deliver 3).
    /// - Complexity: O(size of the output).
    public func serialize(indent: Int = 2, chunkSize: Int = 1 << 20, to deliver: ([UInt8]) -> Void) {
        var out: [UInt8] = []
        out.reserveCapacity(Swift.min(Swift.max(chunkSize, 1), 1 << 20) + 4096)
        write(to: &out, indent: indent, level: 0, chunk: Swift.max(chunkSize, 1)) { full in
            deliver(full)
            full.removeAll(keepingCapacity: true)
        }
        if !out.isEmpty { deliver(out) }
    }

    /// The first capacity of a whole document's buffer: a small case's result (20–40 KB) needs a doubling or two.
    private static let initialCapacity = 16_384

    private static func pad(_ out: inout [UInt8], _ count: Int) {
        var left = count
        while left > 0 {
            let n = Swift.min(left, spaces.count)
            spaces.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<n])) }
            left -= n
        }
    }

    /// Spaces for the indentation, appended as one buffer.
    private static let spaces = [UInt8](repeating: 0x20, count: 64)

    private var isContainer: Bool {
        switch self {
        case .object, .array, .rows: return true
        default: return false
        }
    }

    private func write(to out: inout [UInt8], indent: Int, level: Int, chunk: Int, flush: (inout [UInt8]) -> Void) {
        switch self {
        case .null: Self.appendUTF8("null", to: &out)
        case let .bool(b): Self.appendUTF8(b ? "true" : "false", to: &out)
        case let .integer(i): Self.appendUTF8(String(i), to: &out)
        case let .number(x): Self.appendUTF8(x.isFinite ? x.description : "null", to: &out)
        case let .string(s): Self.writeString(s, to: &out)
        case let .array(items):
            Self.writeArray(count: items.count, { items[$0] }, to: &out, indent: indent, level: level, chunk: chunk, flush: flush)
        case let .rows(rows):
            Self.writeArray(count: rows.count, { rows[$0] }, to: &out, indent: indent, level: level, chunk: chunk, flush: flush)
        case let .object(members):
            if members.isEmpty { Self.appendUTF8("{}", to: &out); return }
            // Small flat objects (e.g. one stream) stay on one line for readability.
            let flat = indent > 0 && members.count <= 16 && !members.contains(where: { $0.1.isContainer })
            if flat || indent == 0 {
                out.append(UInt8(ascii: "{"))
                for (i, (key, value)) in members.enumerated() {
                    if i > 0 { out.append(UInt8(ascii: ",")); if indent > 0 { out.append(0x20) } }
                    Self.writeString(key, to: &out)
                    out.append(UInt8(ascii: ":"))
                    if indent > 0 { out.append(0x20) }
                    value.write(to: &out, indent: indent, level: level + 1, chunk: chunk, flush: flush)
                }
                out.append(UInt8(ascii: "}"))
            } else {
                Self.appendUTF8("{\n", to: &out)
                for (i, (key, value)) in members.enumerated() {
                    Self.pad(&out, indent * (level + 1))
                    Self.writeString(key, to: &out)
                    out.append(UInt8(ascii: ":")); out.append(0x20)
                    value.write(to: &out, indent: indent, level: level + 1, chunk: chunk, flush: flush)
                    if i < members.count - 1 { out.append(UInt8(ascii: ",")) }
                    out.append(0x0A)
                }
                Self.pad(&out, indent * level)
                out.append(UInt8(ascii: "}"))
            }
        }
    }

    /// An array of `count` elements (an `array` or `rows`): arrays of scalars on one line, arrays of objects one
    /// element per line; the output is handed to `flush` after any element that brings it to `chunk` bytes.
    private static func writeArray(
        count: Int, _ element: (Int) -> JSONValue, to out: inout [UInt8], indent: Int, level: Int, chunk: Int,
        flush: (inout [UInt8]) -> Void
    ) {
        if count == 0 { appendUTF8("[]", to: &out); return }
        if indent == 0 || !(0..<count).contains(where: { element($0).isContainer }) {
            out.append(UInt8(ascii: "["))
            for i in 0..<count {
                if i > 0 { out.append(UInt8(ascii: ",")); if indent > 0 { out.append(0x20) } }
                element(i).write(to: &out, indent: indent, level: level + 1, chunk: chunk, flush: flush)
                if out.count >= chunk { flush(&out) }
            }
            out.append(UInt8(ascii: "]"))
        } else {
            appendUTF8("[\n", to: &out)
            for i in 0..<count {
                pad(&out, indent * (level + 1))
                element(i).write(to: &out, indent: indent, level: level + 1, chunk: chunk, flush: flush)
                if i < count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(0x0A)
                if out.count >= chunk { flush(&out) }
            }
            pad(&out, indent * level)
            out.append(UInt8(ascii: "]"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends the UTF-8 of `text` as one buffer (appending `text.utf8` goes byte by byte through the generic path).
    private static func appendUTF8(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    private static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most texts (keys, ids, classifications) need no escape: scanned and appended as one buffer.
        var s = text
        let plain = s.withUTF8 { bytes -> Bool in
            for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if plain {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.serialized(indent: 0) == rhs.serialized(indent: 0) }
    public func hash(into hasher: inout Hasher) { hasher.combine(serialized(indent: 0)) }
}

