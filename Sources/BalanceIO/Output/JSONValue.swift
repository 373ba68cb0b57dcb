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
        serializedBytes(indent: indent, newline: false)
    }

    /// The serialised UTF-8 bytes, followed by a newline when `newline` is set (a result file's last byte) without a
    /// copy to add it.
    /// - Complexity: O(size of the output); one buffer, doubled as needed, and one copy into the array.
    package func serializedBytes(indent: Int, newline: Bool) -> [UInt8] {
        let sink = ByteSink(capacity: Self.initialCapacity)
        write(to: sink, indent: indent, level: 0, chunk: Int.max) { _ in }
        if newline { sink.append(0x0A) }
        return sink.bytes
    }

    /// The serialised UTF-8 bytes in pieces: `deliver` receives the output each time about `chunkSize` bytes have
    /// accumulated (between two elements of an array) and the rest at the end; together they are the bytes of
    /// ``serializedBytes(indent:)``. With ``JSONValue/rows(_:)`` for the long arrays, the extra memory is one chunk and
    /// one element, whatever the size of the document (issue 12, Deliver 3).
    /// - Complexity: O(size of the output).
    public func serialize(indent: Int = 2, chunkSize: Int = 1 << 20, to deliver: ([UInt8]) -> Void) {
        let sink = ByteSink(capacity: Swift.min(Swift.max(chunkSize, 1), 1 << 20) + 4096)
        write(to: sink, indent: indent, level: 0, chunk: Swift.max(chunkSize, 1)) { full in
            deliver(full.bytes)
            full.removeAll()
        }
        if sink.count > 0 { deliver(sink.bytes) }
    }

    /// The first capacity of a whole document's buffer: a small case's result (20–40 KB) needs a doubling or two.
    private static let initialCapacity = 16_384

    private var isContainer: Bool {
        switch self {
        case .object, .array, .rows: return true
        default: return false
        }
    }

    private func write(to out: ByteSink, indent: Int, level: Int, chunk: Int, flush: (ByteSink) -> Void) {
        switch self {
        case .null: out.append("null")
        case let .bool(b): out.append(b ? "true" : "false")
        case let .integer(i): out.appendDecimal(i)
        case let .number(x):
            if x.isFinite {
                // The shortest round-trip digits of `x.description`, handed over without a String (see ByteSink).
                var target = out
                x.write(to: &target)
            } else {
                out.append("null")
            }
        case let .string(s): Self.writeString(s, to: out)
        case let .array(items):
            Self.writeArray(count: items.count, { items[$0] }, to: out, indent: indent, level: level, chunk: chunk, flush: flush)
        case let .rows(rows):
            Self.writeArray(count: rows.count, { rows[$0] }, to: out, indent: indent, level: level, chunk: chunk, flush: flush)
        case let .object(members):
            Self.writeObject(members, to: out, indent: indent, level: level, chunk: chunk, flush: flush)
        }
    }

    /// An object: small flat objects (e.g. one stream) on one line, others one member per line.
    private static func writeObject(
        _ members: [(String, JSONValue)], to out: ByteSink, indent: Int, level: Int, chunk: Int, flush: (ByteSink) -> Void
    ) {
        if members.isEmpty { out.append("{}"); return }
        var flat = indent == 0
        if !flat && members.count <= 16 {
            flat = true
            for index in members.indices where members[index].1.isContainer { flat = false; break }
        }
        if flat {
            out.append(UInt8(ascii: "{"))
            for index in members.indices {
                if index > 0 { out.append(UInt8(ascii: ",")); if indent > 0 { out.append(0x20) } }
                writeString(members[index].0, to: out)
                out.append(UInt8(ascii: ":"))
                if indent > 0 { out.append(0x20) }
                members[index].1.write(to: out, indent: indent, level: level + 1, chunk: chunk, flush: flush)
            }
            out.append(UInt8(ascii: "}"))
        } else {
            out.append("{\n")
            for index in members.indices {
                out.appendSpaces(indent * (level + 1))
                writeString(members[index].0, to: out)
                out.append(": ")
                members[index].1.write(to: out, indent: indent, level: level + 1, chunk: chunk, flush: flush)
                if index < members.count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(0x0A)
            }
            out.appendSpaces(indent * level)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// An array of `count` elements (an `array` or `rows`): arrays of scalars on one line, arrays of objects one
    /// element per line; the output is handed to `flush` after any element that brings it to `chunk` bytes.
    private static func writeArray(
        count: Int, _ element: (Int) -> JSONValue, to out: ByteSink, indent: Int, level: Int, chunk: Int,
        flush: (ByteSink) -> Void
    ) {
        if count == 0 { out.append("[]"); return }
        if indent == 0 || !(0..<count).contains(where: { element($0).isContainer }) {
            out.append(UInt8(ascii: "["))
            for i in 0..<count {
                if i > 0 { out.append(UInt8(ascii: ",")); if indent > 0 { out.append(0x20) } }
                element(i).write(to: out, indent: indent, level: level + 1, chunk: chunk, flush: flush)
                if out.count >= chunk { flush(out) }
            }
            out.append(UInt8(ascii: "]"))
        } else {
            out.append("[\n")
            for i in 0..<count {
                out.appendSpaces(indent * (level + 1))
                element(i).write(to: out, indent: indent, level: level + 1, chunk: chunk, flush: flush)
                if i < count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(0x0A)
                if out.count >= chunk { flush(out) }
            }
            out.appendSpaces(indent * level)
            out.append(UInt8(ascii: "]"))
        }
    }

    private static let hexDigits: StaticString = "0123456789abcdef"

    private static func writeString(_ text: String, to out: ByteSink) {
        out.append(UInt8(ascii: "\""))
        // Most texts (keys, ids, classifications) need no escape: scanned and appended as one buffer.
        var text = text
        text.withUTF8 { bytes in
            var plainFrom = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                out.append(UnsafeBufferPointer(rebasing: bytes[plainFrom..<index]))
                plainFrom = index + 1
                switch byte {
                case UInt8(ascii: "\""): out.append("\\\"")
                case UInt8(ascii: "\\"): out.append("\\\\")
                case 0x0A: out.append("\\n")
                case 0x0D: out.append("\\r")
                case 0x09: out.append("\\t")
                default:
                    out.append("\\u00")
                    hexDigits.withUTF8Buffer { hex in
                        out.append(hex[Int(byte >> 4)])
                        out.append(hex[Int(byte & 0xF)])
                    }
                }
            }
            out.append(UnsafeBufferPointer(rebasing: bytes[plainFrom...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.serialized(indent: 0) == rhs.serialized(indent: 0) }
    public func hash(into hasher: inout Hasher) { hasher.combine(serialized(indent: 0)) }
}

