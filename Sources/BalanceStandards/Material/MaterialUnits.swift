/// The unit of a material flow: a mass or volume unit, optionally per period (`kg`, `t/d`, `m3/h`,
/// `kg/批`). Flows of one balance must share the dimension and the period; mass units convert among
/// themselves (g, kg, t, 万t), volume units too (L, m3, 万m3).
public struct MaterialFlowUnit: Sendable, Hashable, CustomStringConvertible {
    /// The amount part: mass (base kg) or volume (base m³).
    public var amount: EnergyUnit
    /// The period part as written after `/` (`d`, `a`, `h`, `批`), or `nil`.
    public var period: String?

    /// Parses `t`, `kg/d`, `m3/h` …; `nil` when the amount is not a mass or volume unit.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let first = parts.first, let amount = EnergyUnit.parse(first),
              amount.dimension == .mass || amount.dimension == .volume else { return nil }
        self.amount = amount
        self.period = parts.count == 2 ? parts[1].trimmingCharactersInSet() : nil
    }

    /// Creates the value from its parts (see the properties for meanings and units).
    public init(amount: EnergyUnit, period: String?) {
        self.amount = amount
        self.period = period
    }

    /// `t/d`.
    public var description: String { amount.symbol + (period.map { "/" + $0 } ?? "") }

    /// The unit of a component load of a flow in this unit: kg per the same period.
    public var loadUnit: String { "kg" + (period.map { "/" + $0 } ?? "") }
}

/// The unit of a concentration or content of a component (`components.csv`), and the factor that turns
/// flow × value into a load in kg.
///
/// - mass per mass: fraction (no unit, `fraction`, `质量分数`), `%`/`wt%` (value in percent), `ppm`,
///   `mg/kg`, `g/kg`, `kg/t`, `g/t`;
/// - mass per volume: `mg/L`, `g/L`, `g/m3`, `kg/m3`, `mg/m3`.
/// A mass flow with a mass-per-volume concentration (or a volume flow with a mass fraction) needs a
/// density: the ``MaterialBalanceOptions/density`` parameter (default 1 000 kg/m³, water; [L]) is used
/// and the result says so.
public struct ConcentrationUnit: Sendable, Hashable {
    /// What the value is per.
    public enum Basis: Sendable, Hashable { case mass, volume }
    /// Kilograms of component per kilogram (mass basis) or per cubic metre (volume basis) of flow, per 1 of value.
    public var factor: Double
    /// Whether the value is per mass or per volume of flow.
    public var basis: Basis
    /// As written.
    public var text: String

    /// Parses a concentration unit; `nil` or empty text is a mass fraction.
    public init?(_ text: String?) {
        let raw = text ?? ""
        let key = String(raw.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace })
        self.text = raw
        switch key {
        case "", "fraction", "质量分数", "kg/kg", "t/t", "-": (factor, basis) = (1, .mass)
        case "%", "wt%", "质量%", "%(m/m)": (factor, basis) = (0.01, .mass)
        case "ppm", "mg/kg", "g/t", "μg/g": (factor, basis) = (1e-6, .mass)
        case "g/kg", "kg/t", "‰": (factor, basis) = (1e-3, .mass)
        case "mg/l", "g/m3", "g/m³", "mg/dm3": (factor, basis) = (1e-3, .volume)
        case "g/l", "kg/m3", "kg/m³": (factor, basis) = (1, .volume)
        case "mg/m3", "mg/m³", "mg/nm3", "mg/nm³": (factor, basis) = (1e-6, .volume)
        case "μg/l", "ug/l": (factor, basis) = (1e-6, .volume)
        default: return nil
        }
    }

    /// kg of component for `flow` in `unit` at concentration `value`; `usedDensity` is set when the
    /// density had to bridge mass and volume.
    public func load(flow: Double, unit: MaterialFlowUnit?, value: Double, density: Double, usedDensity: inout Bool) -> Double {
        guard let unit else { return flow * value * factor }  // no unit: flow taken as kg (mass basis)
        switch (unit.amount.dimension, basis) {
        case (.mass, .mass): return flow * unit.amount.factor * value * factor
        case (.volume, .volume): return flow * unit.amount.factor * value * factor
        case (.mass, .volume):
            usedDensity = true
            return flow * unit.amount.factor / density * value * factor
        default:
            usedDensity = true
            return flow * unit.amount.factor * density * value * factor
        }
    }
}

extension String {
    /// The text without leading and trailing white space (material module helper).
    fileprivate func trimmingCharactersInSet() -> String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
