/// Text clean-up for cells and headers.
package enum Text {
    /// `text` without leading and trailing white space (including tabs, the ideographic space U+3000,
    /// no-break space and a stray U+FEFF).
    package static func trim(_ text: String) -> String {
        let utf8 = text.utf8
        // Fast path: starts and ends with a visible ASCII character.
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F {
            return text
        }
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !isBlank($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !isBlank($0) })!
        return String(scalars[start...end])
    }

    /// A number for messages: `2` rather than `2.0`, else Swift's shortest round-trip form.
    static func number(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    /// The key under which a header is matched: trimmed and lower-cased.
    static func headerKey(_ header: String) -> String { trim(header).lowercased() }

    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\u{FEFF}"
    }
}

/// A cell read as a number: plain or scientific notation, or a percentage `2.5%` (also the
/// full-width `２.5％` sign `％`, with optional spaces before it).
///
/// Accepted: an optional sign, digits with an optional decimal point (`12`, `-0.5`, `.5`, `5.`), and an
/// optional exponent (`1.2e3`, `4E-2`). Rejected with a hint: decimal commas and thousands separators
/// (`1,5`, `1,234`), `nan`, `inf`, hexadecimal, and numbers too large for a `Double`.
enum NumberText: Sendable, Hashable {
    /// A plain number.
    case number(Double)
    /// A percentage: the number before the `%` (2.5 for `2.5%`).
    case percent(Double)
    /// Not a number; the hint says how to write one.
    case invalid(hint: String)

    static func parse(_ text: String) -> NumberText {
        var body = Substring(text)
        var isPercent = false
        if body.hasSuffix("%") || body.hasSuffix("％") {
            isPercent = true
            body = body.dropLast()
            while body.last == " " { body = body.dropLast() }
        }
        guard let x = strictDouble(body) else {
            let lower = text.lowercased()
            if ["nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"].contains(lower) {
                return .invalid(hint: "NaN and infinity are not allowed; leave the cell empty when there is no value")
            }
            if text.contains(",") || text.contains("，") {
                return .invalid(hint: "use a point as the decimal separator and no thousands separators, e.g. 1234.5")
            }
            if isValidSyntax(body) {
                return .invalid(hint: "it is too large")
            }
            return .invalid(hint: "write plain or scientific notation, e.g. 12.5 or 1.25e3, or a percentage such as 2%")
        }
        return isPercent ? .percent(x) : .number(x)
    }

    /// `Double(text)` for the strict syntax only, finite results only.
    static func strictDouble(_ text: Substring) -> Double? {
        guard isValidSyntax(text), let x = Double(text), x.isFinite else { return nil }
        return x
    }

    /// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`
    static func isValidSyntax(_ text: Substring) -> Bool {
        let b = Array(text.utf8)
        var i = 0
        func digits() -> Int {
            let start = i
            while i < b.count && b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
            return i - start
        }
        if i < b.count && (b[i] == 0x2B || b[i] == 0x2D) { i += 1 }
        var mantissa = digits()
        if i < b.count && b[i] == 0x2E {
            i += 1
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if i < b.count && (b[i] == 0x65 || b[i] == 0x45) {
            i += 1
            if i < b.count && (b[i] == 0x2B || b[i] == 0x2D) { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == b.count
    }
}
