extension JSONValue {
    /// The same text as ``serialized(indent:)``, byte for byte, written straight into a UTF-8 buffer.
    ///
    /// The batch runner writes thousands of results per second, and building the text by `String`
    /// appends (one per Unicode scalar of every string) took more time than the reconciliation
    /// itself. This writer appends bytes: ASCII runs of strings are copied whole, and indentation comes
    /// from one preallocated run of spaces. The layout rules are those of ``serialized(indent:)``
    /// (scalar arrays and flat objects of ≤ 12 members on one line); a test compares both on every
    /// kind of report.
    ///
    /// - Complexity: O(size of the output).
    public func utf8Serialized(indent: Int = 2) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        UTF8Writer(indent: indent).write(self, to: &out, level: 0)
        return out
    }
}

private struct UTF8Writer {
    let indent: Int

    func pad(_ out: inout [UInt8], level: Int) {
        let count = indent * level
        if count > 0 { out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count)) }
    }

    func write(_ value: JSONValue, to out: inout [UInt8], level: Int) {
        switch value {
        case .null: append("null", to: &out)
        case let .bool(b): append(b ? "true" : "false", to: &out)
        case let .integer(i): out.append(contentsOf: String(i).utf8)
        case let .number(x):
            if x.isFinite { out.append(contentsOf: x.description.utf8) } else { append("null", to: &out) }
        case let .string(s): Self.writeString(s, to: &out)
        case let .array(items):
            if items.isEmpty { return append("[]", to: &out) }
            let scalar = items.allSatisfy {
                switch $0 { case .object, .array: return false; default: return true }
            }
            if scalar || indent == 0 {
                out.append(UInt8(ascii: "["))
                for (i, item) in items.enumerated() {
                    if i > 0 { append(indent > 0 ? ", " : ",", to: &out) }
                    write(item, to: &out, level: level + 1)
                }
                out.append(UInt8(ascii: "]"))
            } else {
                out.append(UInt8(ascii: "["))
                out.append(UInt8(ascii: "\n"))
                for (i, item) in items.enumerated() {
                    pad(&out, level: level + 1)
                    write(item, to: &out, level: level + 1)
                    if i < items.count - 1 { out.append(UInt8(ascii: ",")) }
                    out.append(UInt8(ascii: "\n"))
                }
                pad(&out, level: level)
                out.append(UInt8(ascii: "]"))
            }
        case let .object(members):
            if members.isEmpty { return append("{}", to: &out) }
            let flat = indent > 0 && members.count <= 12 && members.allSatisfy {
                switch $0.1 { case .object, .array: return false; default: return true }
            }
            if flat || indent == 0 {
                out.append(UInt8(ascii: "{"))
                for (i, (key, value)) in members.enumerated() {
                    if i > 0 { append(indent > 0 ? ", " : ",", to: &out) }
                    Self.writeString(key, to: &out)
                    append(indent > 0 ? ": " : ":", to: &out)
                    write(value, to: &out, level: level + 1)
                }
                out.append(UInt8(ascii: "}"))
            } else {
                out.append(UInt8(ascii: "{"))
                out.append(UInt8(ascii: "\n"))
                for (i, (key, value)) in members.enumerated() {
                    pad(&out, level: level + 1)
                    Self.writeString(key, to: &out)
                    append(": ", to: &out)
                    write(value, to: &out, level: level + 1)
                    if i < members.count - 1 { out.append(UInt8(ascii: ",")) }
                    out.append(UInt8(ascii: "\n"))
                }
                pad(&out, level: level)
                out.append(UInt8(ascii: "}"))
            }
        }
    }

    func append(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// A JSON string: `"`, `\`, LF, CR, TAB escaped by name, other controls as `\u00XX`, the rest as is.
    static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            var start = 0
            for (i, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                start = i + 1
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
                case UInt8(ascii: "\n"): out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case UInt8(ascii: "\r"): out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case UInt8(ascii: "\t"): out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
