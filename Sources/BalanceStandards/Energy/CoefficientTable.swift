/// A versioned table of standard-coal coefficients (STANDARDS.md §5.5): GB/T 2589-2020, GB/T 2589-2008,
/// or a user table (`coefficients.csv`) laid over one of them.
///
/// ```swift
/// let table = CoefficientTable.edition(.gbt2589_2020)
/// let coal = table.carrier(named: "原煤")!          // built-in carrier
/// table.coefficient(for: coal)?.value               // 0.7143 (kgce/kg)
/// ```
///
/// A user table *overrides* the edition it is laid over, carrier by carrier, and may define carriers
/// the standard does not list (生物质, a plant's own fuel): such a carrier is named exactly as in the
/// file, and its dimension comes from the coefficient's unit. Every coefficient keeps its source and
/// confidence, and reports list the ones used, so an override is never silent.
public struct CoefficientTable: Sendable {
    /// The published editions.
    public enum Edition: String, Sendable, Hashable, CaseIterable {
        /// GB/T 2589-2020 (in force 2021-04-01), the default. Numbers [M] or UNCONFIRMED, see `GBT2589Tables`.
        case gbt2589_2020 = "gbt2589-2020"
        /// GB/T 2589-2008.
        case gbt2589_2008 = "gbt2589-2008"

        /// `GB/T 2589-2020`.
        public var title: String { self == .gbt2589_2020 ? "GB/T 2589-2020" : "GB/T 2589-2008" }
        var year: Int { self == .gbt2589_2020 ? 2020 : 2008 }
    }

    /// Human-readable name: `GB/T 2589-2020`, or `coefficients.csv over GB/T 2589-2020`.
    public var name: String
    /// The coefficients, one per carrier, in table order (user rows last).
    public private(set) var coefficients: [EnergyCoefficient]
    /// Caveats of the table as a whole, shown with every result that uses it.
    public var notes: [String]
    private var byCarrier: [String: Int]
    private var userCarriers: [String: EnergyCarrier]

    /// A table from coefficients; a later coefficient of the same carrier replaces an earlier one.
    public init(name: String, coefficients: [EnergyCoefficient], notes: [String] = []) {
        self.name = name
        self.notes = notes
        self.coefficients = []
        self.byCarrier = [:]
        self.userCarriers = [:]
        for coefficient in coefficients { insert(coefficient) }
    }

    private mutating func insert(_ coefficient: EnergyCoefficient) {
        let id = coefficient.carrier.id
        if let k = byCarrier[id] {
            coefficients[k] = coefficient
        } else {
            byCarrier[id] = coefficients.count
            coefficients.append(coefficient)
        }
        if EnergyCarrier.builtIn(id) == nil {
            for name in [id, coefficient.carrier.chinese, coefficient.carrier.english] + coefficient.carrier.aliases {
                userCarriers[EnergyCarrier.key(name)] = coefficient.carrier
            }
        }
    }

    /// The table of a published edition.
    public static func edition(_ edition: Edition) -> CoefficientTable {
        var notes: [String] = []
        if edition == .gbt2589_2020 {
            notes.append("GB/T 2589-2020 Annex A coefficients are taken equal to the 2008 edition [M] and Annex B "
                + "(working media) and steam values are UNCONFIRMED for 2020 (STANDARDS.md §5.3–5.4): check them "
                + "against the official text, or use the GB/T 2589-2008 coefficient set or your own coefficients.csv")
        }
        return CoefficientTable(
            name: edition.title, coefficients: GBT2589Tables.coefficients(edition: edition.year), notes: notes)
    }

    /// This table with `overrides` laid over it (they replace the coefficients of the same carriers and
    /// add new carriers).
    public func overriding(with overrides: [EnergyCoefficient], name: String) -> CoefficientTable {
        var table = self
        table.name = name
        for coefficient in overrides { table.insert(coefficient) }
        return table
    }

    /// The carrier written `name`: a user-defined carrier of this table first, then a built-in one.
    public func carrier(named name: String) -> EnergyCarrier? {
        userCarriers[EnergyCarrier.key(name)] ?? EnergyCarrier.builtIn(name)
    }

    /// The coefficient of `carrier`, if the table has one.
    public func coefficient(for carrier: EnergyCarrier) -> EnergyCoefficient? {
        byCarrier[carrier.id].map { coefficients[$0] }
    }

    /// kgce per MJ of heat: the table's 热力 coefficient (0.03412 in GB/T 2589), else 1/29.3076.
    public var heatCoefficient: Double {
        if let heat = EnergyCarrier.builtIn("heat"), let value = coefficient(for: heat)?.value { return value }
        return 1 / StandardCoal.megajoulesPerKgce
    }

    /// Carrier names close to `name`, for "unknown carrier" messages: built-in and user carriers whose
    /// Chinese or English name contains it or is contained in it.
    public func suggestions(for name: String) -> [String] {
        let key = EnergyCarrier.key(name)
        guard !key.isEmpty else { return [] }
        let all = EnergyCarrier.catalog + coefficients.map(\.carrier).filter { EnergyCarrier.builtIn($0.id) == nil }
        var seen = Set<String>()
        return all.filter { carrier in
            let names = [carrier.chinese, carrier.english, carrier.id].map(EnergyCarrier.key)
            return names.contains { $0.contains(key) || key.contains($0) } && seen.insert(carrier.id).inserted
        }.prefix(6).map { $0.chinese == $0.id ? $0.id : "\($0.chinese)/\($0.id)" }
    }
}

extension EnergyCarrier {
    /// A carrier defined only by a user table, named as written there; its dimension is that of the
    /// coefficient's unit.
    public static func userDefined(name: String, dimension: PhysicalDimension) -> EnergyCarrier {
        EnergyCarrier(id: name, chinese: name, english: name, family: .other, dimension: dimension)
    }
}
