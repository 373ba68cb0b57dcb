/// A JSON document with ordered object keys, written exactly as FORMATS.md specifies: numbers as
/// JSON numbers in their shortest round-trip form, non-finite numbers as `null`, keys in the
/// documented order (Foundation's encoder would sort them or drop `nil`s).
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case integer(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// A number, or `null` when absent or not finite.
    public static func number(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .number(value)
    }

    /// A string, or `null` when absent.
    public static func string(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

    /// The serialised text; `indent` > 0 pretty-prints with that many spaces per level.
    public func serialized(indent: Int = 2) -> String {
        var out = ""
        write(to: &out, indent: indent, level: 0)
        return out
    }

    private func write(to out: inout String, indent: Int, level: Int) {
        let newline = indent > 0 ? "\n" : ""
        let pad = String(repeating: " ", count: indent * (level + 1))
        let closePad = String(repeating: " ", count: indent * level)
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .integer(i): out += String(i)
        case let .number(x):
            out += x.isFinite ? "\(x)" : "null"
        case let .string(s): Self.writeString(s, to: &out)
        case let .array(items):
            if items.isEmpty { out += "[]"; return }
            // Arrays of scalars stay on one line; arrays of objects get one item per line.
            let scalar = items.allSatisfy { if case .object = $0 { return false } else if case .array = $0 { return false } else { return true } }
            if scalar || indent == 0 {
                out += "["
                for (i, item) in items.enumerated() {
                    if i > 0 { out += indent > 0 ? ", " : "," }
                    item.write(to: &out, indent: indent, level: level + 1)
                }
                out += "]"
            } else {
                out += "[" + newline
                for (i, item) in items.enumerated() {
                    out += pad
                    item.write(to: &out, indent: indent, level: level + 1)
                    out += (i < items.count - 1 ? "," : "") + newline
                }
                out += closePad + "]"
            }
        case let .object(members):
            if members.isEmpty { out += "{}"; return }
            // Small flat objects (e.g. one stream) stay on one line for readability.
            let flat = indent > 0 && members.count <= 12 && members.allSatisfy {
                switch $0.1 { case .object, .array: return false; default: return true }
            }
            if flat || indent == 0 {
                out += "{"
                for (i, (key, value)) in members.enumerated() {
                    if i > 0 { out += indent > 0 ? ", " : "," }
                    Self.writeString(key, to: &out)
                    out += indent > 0 ? ": " : ":"
                    value.write(to: &out, indent: indent, level: level + 1)
                }
                out += "}"
            } else {
                out += "{" + newline
                for (i, (key, value)) in members.enumerated() {
                    out += pad
                    Self.writeString(key, to: &out)
                    out += ": "
                    value.write(to: &out, indent: indent, level: level + 1)
                    out += (i < members.count - 1 ? "," : "") + newline
                }
                out += closePad + "}"
            }
        }
    }

    private static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.serialized(indent: 0) == rhs.serialized(indent: 0) }
    public func hash(into hasher: inout Hasher) { hasher.combine(serialized(indent: 0)) }
}

