import BalanceCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Number formatting for reports that engineers read.
public enum NumberFormatting {
    /// Decimals that show an uncertainty σ with two significant digits (0…8).
    public static func decimals(forUncertainty sigma: Double) -> Int {
        guard sigma.isFinite, sigma > 0 else { return 3 }
        guard let exponent = CheckedInteger.int(floor(log10(sigma))) else { return 3 }
        return Swift.min(8, Swift.max(0, 1 - exponent))
    }

    /// The most significant digits a value may have to count as written by hand (a published 190.26, a meter's
    /// 1.632); a value with more is a computed one (a converted unit, a mean of readings) whose digits say nothing of
    /// the input's precision.
    static let writtenDigits = 8

    /// The decimals `value` was written with, read from its shortest round-trip form (`190.26` → 2, `1.632` → 3,
    /// `1700` → 0); `nil` for a computed-looking value (more than eight significant digits) or one in
    /// exponent form beyond 8 decimals.
    /// - Complexity: O(1).
    public static func inputDecimals(_ value: Double) -> Int? {
        guard value.isFinite else { return nil }
        let text = abs(value).description  // shortest round-trip, e.g. "190.26", "1e-05", "1700.0"
        var mantissa = Substring(text), exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            guard let x = Int(text[text.index(after: e)...]) else { return nil }
            exponent = x
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let digits = (String(parts[0]) + fraction).drop { $0 == "0" }.count
        guard digits <= writtenDigits else { return nil }
        let decimals = fraction.count - exponent
        return decimals > 8 ? nil : Swift.max(0, decimals)
    }

    /// The decimals of a value shown with σ: σ's two significant digits, but never coarser than the input's own
    /// precision (a published 190.26 ± 2.14 keeps its hundredths; issue 13: 1.632 must not print as 1.6).
    /// - Parameters:
    ///   - sigma: the standard uncertainty shown beside the value.
    ///   - input: the value as measured (its written decimals count, ``inputDecimals(_:)``); `nil`: none.
    public static func decimals(forUncertainty sigma: Double, input: Double?) -> Int {
        Swift.max(decimals(forUncertainty: sigma), input.flatMap(inputDecimals) ?? 0)
    }

    /// Decimals that show `value` with about `significant` significant digits (0…8).
    public static func decimals(forValue value: Double, significant: Int = 5) -> Int {
        guard value.isFinite, value != 0 else { return 2 }
        guard let exponent = CheckedInteger.int(floor(log10(abs(value)))) else { return 2 }
        return Swift.min(8, Swift.max(0, significant - 1 - exponent))
    }

    /// `value` with a fixed number of decimals, C locale (`.` as decimal separator).
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
        let text = CFormat.format("%.*f", Int32(decimals), value)
        // "-0.00" reads as a sign that is not there.
        if text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { return String(text.dropFirst()) }
        return text
    }

    /// `value` in `%g` style with `significant` digits.
    public static func general(_ value: Double, significant: Int = 4) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
        return CFormat.format("%.*g", Int32(significant), value)
    }

    /// A fraction as a percentage with `decimals` decimals, e.g. 0.921 → `92.10 %`.
    public static func percent(_ fraction: Double, decimals: Int = 2) -> String {
        fixed(fraction * 100, decimals: decimals) + " %"
    }
}

/// Display width of text in a terminal: East Asian wide and full-width characters take two columns
/// (UAX #11), so that tables with Chinese names stay aligned.
public enum DisplayWidth {
    /// Columns `text` takes in a monospaced terminal.
    public static func of(_ text: String) -> Int {
        var width = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || (0x300...0x36F).contains(v) || v == 0x200B { continue }
            width += isWide(v) ? 2 : 1
        }
        return width
    }

    private static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
    }

    /// `text` padded with spaces to `width` display columns (left-aligned, or right-aligned).
    public static func pad(_ text: String, to width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: Swift.max(0, width - of(text)))
        return right ? fill + text : text + fill
    }
}

/// A plain-text table with aligned columns (display width aware).
public struct TextTable: Sendable {
    /// Column headers.
    public var headers: [String]
    /// Which columns are right-aligned (numbers).
    public var rightAligned: Set<Int>
    /// The rows.
    public var rows: [[String]] = []

    public init(headers: [String], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    /// The table as lines of text, two spaces between columns, a rule under the header.
    public func render() -> String {
        var widths = headers.map(DisplayWidth.of)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = Swift.max(widths[i], DisplayWidth.of(cell)) } }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, width) in widths.enumerated() {
                let cell = i < cells.count ? cells[i] : ""
                parts.append(DisplayWidth.pad(cell, to: width, right: rightAligned.contains(i)))
            }
            var text = parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var out = line(headers) + "\n"
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }
}
