/// What a unit measures. Conversions are possible only within one dimension, except through a
/// carrier's 折标准煤系数 (GB/T 2589), which takes a physical dimension to standard coal.
public enum PhysicalDimension: String, Sendable, Hashable, CaseIterable {
    /// Mass; base unit kg.
    case mass
    /// Volume (gases at the reference state of the meter, liquids); base unit m³.
    case volume
    /// Electrical energy; base unit kWh. Kept apart from heat so that coal in kWh is an error.
    case electricity
    /// Heat or calorific content; base unit MJ.
    case energy
    /// Standard coal equivalent; base unit kgce.
    case standardCoal

    /// English words for messages.
    public var words: String {
        switch self {
        case .mass: return "mass (t, kg)"
        case .volume: return "volume (m3, 万m3)"
        case .electricity: return "electricity (kWh, 万kWh, MWh)"
        case .energy: return "energy (GJ, MJ, kcal)"
        case .standardCoal: return "standard coal (tce, kgce)"
        }
    }
}

/// Conversion constants of standard coal (STANDARDS.md §5.2, §5.5).
///
/// 1 kgce = 7 000 kcal (definition of 标准煤, [M]) and 1 kcal = 4.1868 kJ (International Table calorie,
/// the basis of the 2020 kJ column, [M]), so 1 kgce = 29.3076 MJ and 1 tce = 29.3076 GJ (exact arithmetic).
/// The rounded heat coefficient of GB/T 2589 Annex A, 0.03412 kgce/MJ, differs from 1/29.3076 by
/// 2.4·10⁻⁵ relative; it is used only for heat-like carriers (热力, 蒸汽), through their coefficients.
public enum StandardCoal {
    /// kcal in one kgce: 7 000 (definition).
    public static let kcalPerKgce = 7000.0
    /// kJ in one kcal (IT calorie): 4.1868.
    public static let kilojoulesPerKcal = 4.1868
    /// MJ in one kgce: 7 000 × 4.1868 / 1 000 = 29.3076.
    public static let megajoulesPerKgce = 29.3076
    /// MJ in one kWh: 3.6 (exact).
    public static let megajoulesPerKilowattHour = 3.6
}

/// A unit of a quantity in an energy balance: physical (t, kg, m³, kWh …), energy (GJ, MJ, kcal) or
/// standard coal (tce, kgce), with its factor to the base unit of its ``PhysicalDimension``.
///
/// Accepted spellings (case-insensitive, spaces ignored; FORMATS.md §4):
/// - mass: `t`, `吨`, `kg`, `公斤`, `千克`, `g`, `万t`, `万吨`;
/// - volume: `m3`, `m³`, `Nm3`, `立方米`, `万m3`, `万m³`, `万Nm3`, `万立方米`, `L`, `升`;
/// - electricity: `kWh`, `千瓦时`, `度`, `MWh`, `GWh`, `万kWh`, `万千瓦时`, `万度`;
/// - energy: `kJ`, `MJ`, `GJ`, `TJ`, `kcal`, `Mcal`, `Gcal`, `万kcal`, `百万千焦` (= GJ);
/// - standard coal: `kgce`, `tce`, `万tce`, `千克标准煤`, `公斤标准煤`, `kg标准煤`, `吨标准煤`, `t标准煤`, `万吨标准煤`.
///
/// kcal converts with 4.1868 kJ/kcal (STANDARDS.md §5.2 [M]).
public struct EnergyUnit: Sendable, Hashable, CustomStringConvertible {
    /// Canonical symbol (`t`, `万kWh`, `tce` …).
    public var symbol: String
    /// What the unit measures.
    public var dimension: PhysicalDimension
    /// Base units (kg, m³, kWh, MJ, kgce) per one of this unit.
    public var factor: Double

    /// Creates the value from its parts (see the properties for meanings and units).
    public init(symbol: String, dimension: PhysicalDimension, factor: Double) {
        self.symbol = symbol
        self.dimension = dimension
        self.factor = factor
    }

    /// The canonical symbol.
    public var description: String { symbol }

    /// Kilogram, the base of mass.
    public static let kilogram = EnergyUnit(symbol: "kg", dimension: .mass, factor: 1)
    /// Tonne.
    public static let tonne = EnergyUnit(symbol: "t", dimension: .mass, factor: 1000)
    /// Cubic metre, the base of volume.
    public static let cubicMetre = EnergyUnit(symbol: "m3", dimension: .volume, factor: 1)
    /// Kilowatt-hour, the base of electricity.
    public static let kilowattHour = EnergyUnit(symbol: "kWh", dimension: .electricity, factor: 1)
    /// Megajoule, the base of energy.
    public static let megajoule = EnergyUnit(symbol: "MJ", dimension: .energy, factor: 1)
    /// Gigajoule.
    public static let gigajoule = EnergyUnit(symbol: "GJ", dimension: .energy, factor: 1000)
    /// kgce, the base of standard coal.
    public static let kgce = EnergyUnit(symbol: "kgce", dimension: .standardCoal, factor: 1)
    /// tce (1 000 kgce).
    public static let tce = EnergyUnit(symbol: "tce", dimension: .standardCoal, factor: 1000)

    private static let table: [String: EnergyUnit] = {
        var units: [String: EnergyUnit] = [:]
        func add(_ symbol: String, _ dimension: PhysicalDimension, _ factor: Double, _ aliases: [String] = []) {
            let unit = EnergyUnit(symbol: symbol, dimension: dimension, factor: factor)
            for name in [symbol] + aliases { units[key(name)] = unit }
        }
        add("kg", .mass, 1, ["公斤", "千克"])
        add("t", .mass, 1000, ["吨", "tonne", "tonnes"])
        add("g", .mass, 0.001, ["克"])
        add("万t", .mass, 1e7, ["万吨"])
        add("m3", .volume, 1, ["m³", "Nm3", "Nm³", "立方米", "方"])
        add("万m3", .volume, 1e4, ["万m³", "万Nm3", "万Nm³", "万立方米", "万方"])
        add("L", .volume, 0.001, ["升", "litre", "liter"])
        add("kWh", .electricity, 1, ["千瓦时", "度", "kW·h", "kW.h"])
        add("MWh", .electricity, 1000, ["兆瓦时"])
        add("GWh", .electricity, 1e6)
        add("万kWh", .electricity, 1e4, ["万千瓦时", "万度", "万kW·h"])
        add("kJ", .energy, 0.001, ["千焦"])
        add("MJ", .energy, 1, ["兆焦"])
        add("GJ", .energy, 1000, ["吉焦", "百万千焦"])
        add("TJ", .energy, 1e6)
        add("kcal", .energy, StandardCoal.kilojoulesPerKcal / 1000, ["千卡", "大卡"])
        add("Mcal", .energy, StandardCoal.kilojoulesPerKcal, ["百万卡"])
        add("Gcal", .energy, StandardCoal.kilojoulesPerKcal * 1000, ["百万千卡"])
        add("万kcal", .energy, StandardCoal.kilojoulesPerKcal * 10, ["万千卡", "万大卡"])
        add("kgce", .standardCoal, 1, ["千克标准煤", "公斤标准煤", "kg标准煤", "kgce.", "千克标煤", "公斤标煤"])
        add("tce", .standardCoal, 1000, ["吨标准煤", "t标准煤", "吨标煤", "t标煤"])
        add("万tce", .standardCoal, 1e7, ["万吨标准煤", "万吨标煤"])
        return units
    }()

    private static func key(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace })
    }

    /// The unit written `text`, or `nil` when it is not one of the accepted spellings.
    public static func parse(_ text: String) -> EnergyUnit? { table[key(text)] }

    /// The accepted canonical symbols, for messages.
    public static let knownSymbols = [
        "t", "kg", "万t", "m3", "万m3", "L", "kWh", "万kWh", "MWh", "kJ", "MJ", "GJ", "kcal", "Gcal", "kgce", "tce",
    ]

    /// `true` for the calorie-based energy units (kcal, Mcal, Gcal, 万kcal): they convert to standard coal
    /// exactly (1 kgce = 7 000 kcal), whatever the kJ/kcal basis.
    public var isCalorieBased: Bool { ["kcal", "Mcal", "Gcal", "万kcal"].contains(symbol) }

    /// kcal in one of this unit, for calorie-based units (``factor`` is in MJ at 4.1868 kJ/kcal).
    public var kilocalories: Double? {
        isCalorieBased ? factor * 1000 / StandardCoal.kilojoulesPerKcal : nil
    }

    /// `value` in this unit expressed in `other` (same dimension); `nil` across dimensions.
    public func convert(_ value: Double, to other: EnergyUnit) -> Double? {
        guard dimension == other.dimension else { return nil }
        if self == other { return value }
        return value * factor / other.factor
    }
}
