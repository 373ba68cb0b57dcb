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
/// optional exponent (`1.2e3`, `4E-2`); after ``normalized(_:plusMinus:)``, also full-width digits and signs and
/// thousands separators that group by three (`1,698.9`, `1 698.9`). Rejected with a hint: decimal commas (`1,5`),
/// `nan`, `inf`, hexadecimal, and numbers too large for a `Double`.
enum NumberText: Sendable, Hashable {
    /// A plain number.
    case number(Double)
    /// A percentage: the number before the `%` (2.5 for `2.5%`).
    case percent(Double)
    /// Not a number; the hint says how to write one.
    case invalid(hint: String)

    /// Cells that mean "not given" in spreadsheets: dashes, a slash, 无 (none).
    static let notGivenMarkers: Set<String> = ["-", "—", "——", "–", "－", "/", "／", "无"]

    /// `text` in the strict syntax, from the forms spreadsheets write (issue 13): full-width digits, point, signs
    /// and exponent (`１６９８．９` → `1698.9`), the minus sign U+2212, thousands separators — commas (also `，`),
    /// spaces, no-break, thin and narrow no-break spaces — when they group the integer digits by three
    /// (`1,698.9`, `1 698.9`; `1,5` stays as it is and is refused), and with `plusMinus` a leading `±`
    /// (an uncertainty written `±1%`).
    /// - Complexity: O(length).
    static func normalized(_ text: String, plusMinus: Bool = false) -> String {
        // A plain ASCII number (digits, point, sign, exponent, %) has nothing to rewrite: the usual cell, and most of
        // the loading time of a park of 10⁶ streams when it was rewritten scalar by scalar.
        if text.utf8.allSatisfy(Self.isPlainNumberByte) { return text }
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.unicodeScalars.count)
        for u in text.unicodeScalars {
            switch u.value {
            case 0xFF10...0xFF19: scalars.append(Unicode.Scalar(u.value - 0xFF10 + 0x30)!)
            case 0xFF0E: scalars.append(".")
            case 0xFF0B: scalars.append("+")
            case 0xFF0D, 0x2212: scalars.append("-")
            case 0xFF45: scalars.append("e")
            case 0xFF25: scalars.append("E")
            case 0xFF0C: scalars.append(",")
            default: scalars.append(u)
            }
        }
        if plusMinus, scalars.first == "\u{B1}" {
            scalars.removeFirst()
            while let first = scalars.first, first == " " { scalars.removeFirst() }
        }
        // Thousands separators: only between groups of exactly three digits of the integer part.
        let separators: Set<Unicode.Scalar> = [",", " ", "\u{A0}", "\u{2009}", "\u{202F}"]
        if scalars.contains(where: { separators.contains($0) }) {
            var start = 0
            if let first = scalars.first, first == "+" || first == "-" { start = 1 }
            var end = scalars.count
            if let point = scalars.firstIndex(of: ".") { end = point } else if let e = scalars.firstIndex(where: { $0 == "e" || $0 == "E" }) { end = e }
            if let percent = scalars.firstIndex(where: { $0 == "%" || $0 == "％" }), percent < end { end = percent }
            let integer = scalars[start..<end]
            let groups = integer.split(omittingEmptySubsequences: false) { separators.contains($0) }
            let separatorsInRest = scalars[end...].contains { separators.contains($0) && $0 != " " }
            let isDigits = { (g: ArraySlice<Unicode.Scalar>) in g.allSatisfy { $0.value >= 0x30 && $0.value <= 0x39 } }
            let grouped = groups.count > 1 && !separatorsInRest && isDigits(groups[0])
                && (1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 && isDigits($0) }
            if grouped {
                scalars = Array(scalars[..<start]) + integer.filter { !separators.contains($0) } + Array(scalars[end...])
            }
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return String(out)
    }

    /// The bytes a number needs no rewriting for: `0-9 . + - e E %`.
    private static func isPlainNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "e"), UInt8(ascii: "E"),
             UInt8(ascii: "%"): return true
        default: return false
        }
    }

    /// The UTF-8 bytes of `％` (U+FF05), last byte first.
    private static let fullWidthPercentReversed: [UInt8] = [0x85, 0xBC, 0xEF]

    static func parse(_ text: String, plusMinus: Bool = false) -> NumberText {
        let original = text
        let text = normalized(text, plusMinus: plusMinus)
        var body = Substring(text)
        var isPercent = false
        // Compared as bytes (`%`, or `％` = EF BC 85): a character-wise hasSuffix was a tenth of loading a small case.
        if body.utf8.last == UInt8(ascii: "%") || body.utf8.reversed().starts(with: Self.fullWidthPercentReversed) {
            isPercent = true
            body = body.dropLast()
            while body.utf8.last == UInt8(ascii: " ") { body = body.dropLast() }
        }
        guard let x = strictDouble(body) else {
            let lower = text.lowercased()
            if ["nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"].contains(lower) {
                return .invalid(hint: "NaN and infinity are not allowed; leave the cell empty when there is no value")
            }
            if text.contains(",") || text.contains("，") {
                return .invalid(hint: "use a point as the decimal separator; a thousands separator must group the "
                    + "digits by three, e.g. 1234.5 or 1,234.5")
            }
            if original.hasPrefix("±") {
                return .invalid(hint: "± belongs to an uncertainty (sigma, u95, mpe), not to a value")
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
