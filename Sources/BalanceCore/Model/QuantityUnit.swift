/// A stream's unit as a quantity: a kind of quantity (volume, mass, energy) with a scale to its base
/// unit (m³, t, kWh) and a time basis (a rate per hour, day, month or year, or a total over the
/// test period). FORMATS.md §1.4 lists the texts it reads.
///
/// ```swift
/// QuantityUnit.parse("m3/h")      // volume, scale 1, per hour
/// QuantityUnit.parse("万m3/a")    // volume, scale 10 000, per year
/// QuantityUnit.parse("立方米/天") // volume, scale 1, per day
/// ```
/// Scale-only conversions are exact powers of ten and 1000 (L, m³, 万m³; kg, t, 万t; kWh, 万kWh);
/// MJ and GJ use 1 kWh = 3.6 MJ (exact by definition).
public struct QuantityUnit: Sendable, Hashable {
    /// The kind of quantity.
    public enum Dimension: String, Sendable, Hashable {
        case volume, mass, energy
    }

    /// What the value is per unit of time.
    public enum TimeBasis: String, Sendable, Hashable {
        case perHour = "h", perDay = "d", perMonth = "month", perYear = "a", total
    }

    /// The kind of quantity.
    public var dimension: Dimension
    /// Base units (m³, t, kWh) per unit.
    public var scale: Double
    /// The time basis.
    public var time: TimeBasis

    /// The unit of `text`, or `nil` when the text is not a known unit. Spaces, case (for Latin
    /// letters), `³` or `3`, `/` or `／` before the time basis are accepted.
    /// - Complexity: O(length of the text).
    public static func parse(_ text: String) -> QuantityUnit? {
        // Blanks and middle dots dropped, ³ read as 3, the full-width slash as /, Latin letters lower-cased.
        var t = ""
        for character in text {
            switch character {
            case " ", "\t", "\u{3000}", "\u{00A0}", "·": continue
            case "³": t.append("3")
            case "／": t.append("/")
            default: t.append(contentsOf: character.lowercased())
            }
        }
        guard !t.isEmpty else { return nil }
        var quantityText = t
        var time = TimeBasis.total
        if let slash = t.lastIndex(of: "/") {
            quantityText = String(t[..<slash])
            guard let basis = timeBases[String(t[t.index(after: slash)...])] else { return nil }
            time = basis
        }
        guard let (dimension, scale) = quantities[quantityText] else { return nil }
        return QuantityUnit(dimension: dimension, scale: scale, time: time)
    }

    static let timeBases: [String: TimeBasis] = [
        "h": .perHour, "hr": .perHour, "hour": .perHour, "小时": .perHour, "时": .perHour,
        "d": .perDay, "day": .perDay, "天": .perDay, "日": .perDay,
        "month": .perMonth, "mon": .perMonth, "月": .perMonth,
        "a": .perYear, "y": .perYear, "yr": .perYear, "year": .perYear, "年": .perYear,
    ]

    static let quantities: [String: (Dimension, Double)] = [
        "m3": (.volume, 1), "立方米": (.volume, 1), "方": (.volume, 1), "l": (.volume, 0.001), "升": (.volume, 0.001),
        "万m3": (.volume, 10_000), "万立方米": (.volume, 10_000), "km3": (.volume, 1e9),
        "t": (.mass, 1), "吨": (.mass, 1), "kg": (.mass, 0.001), "千克": (.mass, 0.001), "公斤": (.mass, 0.001),
        "g": (.mass, 1e-6), "克": (.mass, 1e-6), "万t": (.mass, 10_000), "万吨": (.mass, 10_000),
        "kwh": (.energy, 1), "千瓦时": (.energy, 1), "度": (.energy, 1), "万kwh": (.energy, 10_000),
        "万千瓦时": (.energy, 10_000), "mwh": (.energy, 1000), "gwh": (.energy, 1e6),
        "mj": (.energy, 1 / 3.6), "gj": (.energy, 1000 / 3.6),
    ]
}
