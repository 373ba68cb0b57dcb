/// The reference coefficient tables of GB/T 2589 as data: Annex A (各种能源折标准煤参考系数, 当量值) and
/// Annex B (耗能工质能源等价值), editions 2008 and 2020, transcribed from STANDARDS.md §5.3–5.4
/// (never from public code, STANDARDS.md §5.6).
///
/// Provenance and confidence, per edition:
/// - **2008**: every Annex A kgce value equals (kcal value)/7 000 rounded to 4 decimals [H arithmetic]
///   and was seen in S14/S16/S28 [H] (粗苯 [M]); the kJ column is kcal × 4.1816 (炼厂干气 × 4.1868) [M].
///   Annex B: 新水, 软化水, 除氧水 [H] (S16); the other media [M].
/// - **2020**: the kgce coefficients are believed identical to 2008 [M] (the foreword says Annexes A and
///   B were revised; the revised tables were not read); the kJ column is kcal × 4.1868 [M]. 甲醇 0.6794 is
///   a believed 2020 addition [M]. Annex B 2020 values are **UNCONFIRMED**: the 2008 values are used and
///   reported as unconfirmed. Low-pressure steam 0.1286 kgce/kg is [H] for 2008 (S16) and **UNCONFIRMED**
///   for 2020. So every 2020 number is reported as unconfirmed, and the report lists them.
/// - Electricity 等价值 is not in either table: it is the year's thermal-power generation coal rate, a
///   required parameter (``EnergyConversionSettings/electricityEquivalent``), never a default.
enum GBT2589Tables {
    /// One row: carrier id, coefficient text, per-unit symbol, kcal basis, kJ 2008, kJ 2020, source, tag,
    /// annex (A or B), editions it belongs to.
    struct Row {
        var carrier: String
        var value: String
        var per: String
        var kcal: String?
        var kJ2008: String?
        var kJ2020: String?
        var source: String
        var confidence: Confidence
        var annex: Character = "A"
        var in2008 = true
        var in2020 = true
    }

    static let rows: [Row] = [
        Row(carrier: "raw-coal", value: "0.7143", per: "kg", kcal: "5 000 kcal/kg", kJ2008: "20 908 kJ/kg",
            kJ2020: "20 934 kJ/kg", source: "S14, S16", confidence: .high),
        Row(carrier: "cleaned-coal", value: "0.9000", per: "kg", kcal: "6 300 kcal/kg", kJ2008: "26 344 kJ/kg",
            kJ2020: "26 377 kJ/kg", source: "S14, S15", confidence: .high),
        Row(carrier: "middlings", value: "0.2857", per: "kg", kcal: "2 000 kcal/kg", kJ2008: "8 363 kJ/kg",
            kJ2020: "8 374 kJ/kg", source: "S16", confidence: .high),
        Row(carrier: "coal-slime", value: "0.2857–0.4286", per: "kg", kcal: "2 000–3 000 kcal/kg",
            kJ2008: "8 363–12 545 kJ/kg", kJ2020: "8 374–12 560 kJ/kg", source: "S16", confidence: .high),
        Row(carrier: "coke", value: "0.9714", per: "kg", kcal: "6 800 kcal/kg", kJ2008: "28 435 kJ/kg",
            kJ2020: "28 470 kJ/kg", source: "S14, S15", confidence: .high),
        Row(carrier: "crude-oil", value: "1.4286", per: "kg", kcal: "10 000 kcal/kg", kJ2008: "41 816 kJ/kg",
            kJ2020: "41 868 kJ/kg", source: "S14, S28", confidence: .high),
        Row(carrier: "fuel-oil", value: "1.4286", per: "kg", kcal: "10 000 kcal/kg", kJ2008: "41 816 kJ/kg",
            kJ2020: "41 868 kJ/kg", source: "S14", confidence: .high),
        Row(carrier: "gasoline", value: "1.4714", per: "kg", kcal: "10 300 kcal/kg", kJ2008: "43 070 kJ/kg",
            kJ2020: "43 124 kJ/kg", source: "S14", confidence: .high),
        Row(carrier: "kerosene", value: "1.4714", per: "kg", kcal: "10 300 kcal/kg", kJ2008: "43 070 kJ/kg",
            kJ2020: "43 124 kJ/kg", source: "S14 (S16 has a typo)", confidence: .high),
        Row(carrier: "diesel", value: "1.4571", per: "kg", kcal: "10 200 kcal/kg", kJ2008: "42 652 kJ/kg",
            kJ2020: "42 705 kJ/kg", source: "S14", confidence: .high),
        Row(carrier: "coal-tar", value: "1.1429", per: "kg", kcal: "8 000 kcal/kg", kJ2008: "33 453 kJ/kg",
            kJ2020: "33 494 kJ/kg", source: "S16", confidence: .high),
        Row(carrier: "residual-oil", value: "1.4286", per: "kg", kcal: "10 000 kcal/kg", kJ2008: "41 816 kJ/kg",
            kJ2020: "41 868 kJ/kg", source: "S16", confidence: .high),
        Row(carrier: "lpg", value: "1.7143", per: "kg", kcal: "12 000 kcal/kg", kJ2008: "50 179 kJ/kg",
            kJ2020: "50 242 kJ/kg", source: "S14 (S16 has a typo)", confidence: .high),
        Row(carrier: "refinery-dry-gas", value: "1.5714", per: "kg", kcal: "11 000 kcal/kg", kJ2008: "46 055 kJ/kg",
            kJ2020: "46 055 kJ/kg", source: "S14", confidence: .high),
        Row(carrier: "oil-field-gas", value: "1.3300", per: "m3", kcal: "9 310 kcal/m3", kJ2008: "38 931 kJ/m3",
            kJ2020: "38 979 kJ/m3", source: "S28 (S16 has a typo)", confidence: .high),
        Row(carrier: "gas-field-gas", value: "1.2143", per: "m3", kcal: "8 500 kcal/m3", kJ2008: "35 544 kJ/m3",
            kJ2020: "35 588 kJ/m3", source: "S14", confidence: .high),
        Row(carrier: "coal-mine-methane", value: "0.5000–0.5714", per: "m3", kcal: "3 500–4 000 kcal/m3",
            kJ2008: "14 636–16 726 kJ/m3", kJ2020: "14 654–16 747 kJ/m3", source: "S16", confidence: .high),
        Row(carrier: "coke-oven-gas", value: "0.5714–0.6143", per: "m3", kcal: "4 000–4 300 kcal/m3",
            kJ2008: "16 726–17 981 kJ/m3", kJ2020: "16 747–18 003 kJ/m3", source: "S14, S16", confidence: .high),
        Row(carrier: "blast-furnace-gas", value: "0.1286", per: "m3", kcal: "900 kcal/m3", kJ2008: "3 763 kJ/m3",
            kJ2020: "3 768 kJ/m3", source: "S14", confidence: .high),
        Row(carrier: "producer-gas", value: "0.1786", per: "m3", kcal: "1 250 kcal/m3", kJ2008: "5 227 kJ/m3",
            kJ2020: "5 234 kJ/m3", source: "S16", confidence: .high),
        Row(carrier: "heavy-oil-catalytic-gas", value: "0.6571", per: "m3", kcal: "4 600 kcal/m3",
            kJ2008: "19 235 kJ/m3", kJ2020: "19 259 kJ/m3", source: "S16", confidence: .high),
        Row(carrier: "heavy-oil-thermal-gas", value: "1.2143", per: "m3", kcal: "8 500 kcal/m3",
            kJ2008: "35 544 kJ/m3", kJ2020: "35 588 kJ/m3", source: "S16", confidence: .high),
        Row(carrier: "coke-gas", value: "0.5571", per: "m3", kcal: "3 900 kcal/m3", kJ2008: "16 308 kJ/m3",
            kJ2020: "16 329 kJ/m3", source: "S16", confidence: .high),
        Row(carrier: "pressure-gasification-gas", value: "0.5143", per: "m3", kcal: "3 600 kcal/m3",
            kJ2008: "15 054 kJ/m3", kJ2020: "15 073 kJ/m3", source: "S16", confidence: .high),
        Row(carrier: "water-gas", value: "0.3571", per: "m3", kcal: "2 500 kcal/m3", kJ2008: "10 454 kJ/m3",
            kJ2020: "10 467 kJ/m3", source: "S16", confidence: .high),
        Row(carrier: "crude-benzene", value: "1.4286", per: "kg", kcal: "10 000 kcal/kg", kJ2008: "41 816 kJ/kg",
            kJ2020: "41 868 kJ/kg", source: "recollection, consistent with kcal/7000", confidence: .medium),
        Row(carrier: "methanol", value: "0.6794", per: "kg", kcal: "≈4 756 kcal/kg", kJ2008: nil,
            kJ2020: "≈19 913 kJ/kg", source: "believed 2020 addition; also in an energy-limit standard transcription",
            confidence: .medium, in2008: false),
        Row(carrier: "heat", value: "0.03412", per: "MJ", kcal: nil, kJ2008: nil, kJ2020: nil,
            source: "S16 (S14: 0.0341 tce/GJ)", confidence: .high),
        Row(carrier: "electricity", value: "0.1229", per: "kWh", kcal: "860 kcal/kWh", kJ2008: "3 600 kJ/kWh",
            kJ2020: "3 600 kJ/kWh", source: "S16 (当量值; 等价值 is a parameter)", confidence: .high),
        Row(carrier: "steam", value: "0.1286", per: "kg", kcal: "900 Mcal/t", kJ2008: "3 763 MJ/t", kJ2020: nil,
            source: "S16, 低压蒸汽 (behaves like an 等价 figure incl. boiler losses)", confidence: .high),
        Row(carrier: "fresh-water", value: "0.0857", per: "t", kcal: nil, kJ2008: "2.51 MJ/t", kJ2020: nil,
            source: "S16 (the 1990 value 0.2571 is obsolete)", confidence: .high, annex: "B"),
        Row(carrier: "softened-water", value: "0.4857", per: "t", kcal: nil, kJ2008: "14.23 MJ/t", kJ2020: nil,
            source: "S16", confidence: .high, annex: "B"),
        Row(carrier: "deaerated-water", value: "0.9714", per: "t", kcal: nil, kJ2008: "28.45 MJ/t", kJ2020: nil,
            source: "S16", confidence: .high, annex: "B"),
        Row(carrier: "compressed-air", value: "0.0400", per: "m3", kcal: nil, kJ2008: "1.17 MJ/m3", kJ2020: nil,
            source: "recollection; S14 shows 0.04", confidence: .medium, annex: "B"),
        Row(carrier: "blast-air", value: "0.0300", per: "m3", kcal: nil, kJ2008: "0.88 MJ/m3", kJ2020: nil,
            source: "recollection", confidence: .medium, annex: "B"),
        Row(carrier: "oxygen", value: "0.4000", per: "m3", kcal: nil, kJ2008: "11.72 MJ/m3", kJ2020: nil,
            source: "recollection; S14 shows 0.4", confidence: .medium, annex: "B"),
        Row(carrier: "nitrogen-by-product", value: "0.4000", per: "m3", kcal: nil, kJ2008: "11.72 MJ/m3",
            kJ2020: nil, source: "recollection", confidence: .medium, annex: "B"),
        Row(carrier: "nitrogen-main-product", value: "0.6714", per: "m3", kcal: nil, kJ2008: "19.66 MJ/m3",
            kJ2020: nil, source: "recollection", confidence: .medium, annex: "B"),
        Row(carrier: "carbon-dioxide", value: "0.2143", per: "m3", kcal: nil, kJ2008: "6.28 MJ/m3", kJ2020: nil,
            source: "recollection", confidence: .medium, annex: "B"),
        Row(carrier: "acetylene", value: "8.3143", per: "m3", kcal: nil, kJ2008: "243.67 MJ/m3", kJ2020: nil,
            source: "recollection; S14 shows 8.3143", confidence: .medium, annex: "B"),
        Row(carrier: "calcium-carbide", value: "2.0786", per: "kg", kcal: nil, kJ2008: "60.92 MJ/kg", kJ2020: nil,
            source: "recollection; S14 shows 2.0786", confidence: .medium, annex: "B"),
    ]

    /// The coefficients of one edition (`2008` or `2020`).
    static func coefficients(edition year: Int) -> [EnergyCoefficient] {
        rows.compactMap { row -> EnergyCoefficient? in
            guard year == 2008 ? row.in2008 : row.in2020 else { return nil }
            guard let carrier = EnergyCarrier.builtIn(row.carrier), let per = EnergyUnit.parse(row.per) else {
                preconditionFailure("GB/T 2589 table row \(row.carrier) names an unknown carrier or unit")
            }
            var confidence = row.confidence
            var note = ""
            if year == 2020 {
                if row.annex == "B" || row.carrier == "steam" {
                    confidence = .unconfirmed
                    note = "; 2020 value UNCONFIRMED (Annex B revised in 2020), the 2008 value is used"
                } else if confidence == .high {
                    confidence = .medium
                    note = "; assumed equal to the 2008 edition"
                }
            }
            let kJ = year == 2008 ? row.kJ2008 : row.kJ2020
            let basisText = [row.kcal, kJ].compactMap { $0 }.joined(separator: ", ")
            return EnergyCoefficient(
                carrier: carrier, published: row.value, perUnit: per,
                heatingValue: basisText.isEmpty ? nil : basisText,
                basis: row.annex == "B" ? .equivalent : .calorific,
                source: "GB/T 2589-\(year) Annex \(row.annex); STANDARDS.md §5.\(row.annex == "A" ? 3 : 4); \(row.source)\(note)",
                confidence: confidence)
        }
    }
}
