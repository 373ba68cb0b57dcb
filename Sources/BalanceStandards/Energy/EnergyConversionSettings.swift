import BalanceCore

/// How steam in mass units is converted (STANDARDS.md §5.3 "Steam by pressure", UNCONFIRMED which one
/// GB/T 2589-2020 prescribes, hence a parameter).
public enum SteamMode: String, Sendable, Hashable, CaseIterable {
    /// The measured enthalpy when `components.csv` gives one for the stream, else the table's fixed
    /// coefficient (低压蒸汽 0.1286 kgce/kg), with a note.
    case automatic = "auto"
    /// Always the table's fixed coefficient (0.1286 kgce/kg: an 等价-like figure including boiler losses).
    case fixed
    /// Always p = h × 0.03412 kgce/MJ from the stream's enthalpy h (MJ/kg) in `components.csv`; a steam
    /// stream in mass units without one is an error.
    case enthalpy
}

/// The parameters of every conversion to standard coal: the coefficient table, the electricity
/// 等价值 and the steam mode.
public struct EnergyConversionSettings: Sendable {
    /// The coefficients (default GB/T 2589-2020).
    public var table: CoefficientTable
    /// 电力等价值 in kgce/kWh: that year's thermal-power generation standard-coal rate (GB/T 2589 §5.2
    /// [M]; e.g. 0.300 in STANDARDS.md §4.3; 0.404 was long used in statistics). **No default**: without it
    /// every 等价 figure that involves electricity is `nil` and reported with a note (STANDARDS.md §5.5).
    public var electricityEquivalent: Double?
    /// How steam in mass units is converted.
    public var steamMode: SteamMode
    /// kJ per kcal for joule-based energy amounts and heating values of fuels: 1 kgce = 7 000 kcal =
    /// 7 × this MJ. Default 4.1868 (IT calorie, the basis of the 2020 kJ column, [M]); the 2008 table's kJ
    /// column used 4.1816 [M]. Calorie-based inputs (kcal, kcal/kg) are converted exactly (÷ 7 000) whatever
    /// this value; the tabled heat coefficient 0.03412 kgce/MJ is used as published.
    public var kilojoulesPerKcal: Double

    /// Creates the settings (see the properties for meanings and units).
    public init(table: CoefficientTable = .edition(.gbt2589_2020), electricityEquivalent: Double? = nil,
                steamMode: SteamMode = .automatic, kilojoulesPerKcal: Double = StandardCoal.kilojoulesPerKcal) {
        self.table = table
        self.electricityEquivalent = electricityEquivalent
        self.steamMode = steamMode
        self.kilojoulesPerKcal = kilojoulesPerKcal
    }

    /// kgce per MJ of a fuel's calorific content: 1 / (7 × ``kilojoulesPerKcal``) (1/29.3076 by default).
    public var kgcePerMegajoule: Double { 1 / (StandardCoal.kcalPerKgce * kilojoulesPerKcal / 1000) }

    /// Checks the parameters: the 等价值 must be a positive finite number, kJ/kcal within 4–4.3.
    /// - Throws: ``EnergyError`` (usage) otherwise.
    public func validate() throws(EnergyError) {
        guard kilojoulesPerKcal.isFinite && kilojoulesPerKcal > 4 && kilojoulesPerKcal < 4.3 else {
            throw EnergyError(.invalidOption, "kJ per kcal must lie between 4 and 4.3 (4.1868 IT calorie, 4.1816 in the "
                + "2008 kJ column); got \(kilojoulesPerKcal)")
        }
        if let eq = electricityEquivalent, !(eq.isFinite && eq > 0) {
            throw EnergyError(.invalidOption, "the electricity 等价值 must be a positive number of kgce/kWh "
                + "(the year's thermal-power generation coal rate, e.g. 0.300); got \(eq)")
        }
    }

    /// Notes about the parameters themselves (an 等价值 below the 当量值 0.1229 means an efficiency above 100 %).
    public var notes: [String] {
        var notes = table.notes
        if let eq = electricityEquivalent, let electricity = EnergyCarrier.builtIn("electricity"),
           let calorific = table.coefficient(for: electricity)?.value, eq < calorific {
            notes.append("the electricity 等价值 \(eq) kgce/kWh is below its 当量值 \(calorific) kgce/kWh "
                + "(that would be a power plant more than 100 % efficient): check the electricity 等价值 given")
        }
        return notes
    }
}

/// A measured heating value (低位发热量) or, for steam, enthalpy of one stream, from `components.csv`
/// (component `heating-value`, `calorific-value`, `发热量`, `低位发热量`, `热值`, `enthalpy`, `焓`).
///
/// The unit is an energy unit per physical unit: `MJ/kg`, `kJ/kg`, `kcal/kg`, `GJ/t`, `MJ/m3`, `kJ/m3`,
/// `kcal/m3`, `MJ/t` …. The coefficient is p = HV / 29.3076 MJ per kgce (fuels) or
/// p = HV × 0.03412 kgce/MJ (steam, heat: the table's heat coefficient), per physical unit.
public struct HeatingValue: Sendable, Hashable {
    /// The stream.
    public var stream: String
    /// The value.
    public var value: Double
    /// Its unit as written (`MJ/kg`).
    public var unit: String?
    /// Where it was given.
    public var location: SourceLocation?

    /// Creates the value from its parts (see the properties for meanings and units).
    /// Standard uncertainty of ``value`` as given in components.csv (`nil` or 0: exact). With one, the energy
    /// balance reconciles the heating value together with the quantities (``EnergyNetwork``).
    public var sigma: Double?

    public init(stream: String, value: Double, unit: String?, sigma: Double? = nil, location: SourceLocation? = nil) {
        self.stream = stream
        self.sigma = sigma
        self.value = value
        self.unit = unit
        self.location = location
    }

    /// Component names read as a heating value (compared case-insensitively, `-`/`_`/spaces ignored).
    public static let componentNames: Set<String> = [
        "heatingvalue", "calorificvalue", "lhv", "ncv", "netcalorificvalue", "发热量", "低位发热量", "热值",
        "低位热值", "enthalpy", "焓", "焓值",
    ]

    /// `true` when a component of this name is a heating value.
    public static func isHeatingValue(component: String) -> Bool {
        componentNames.contains(EnergyCarrier.key(component))
    }

    /// kgce per base unit (kg or m³) and the dimension of the denominator, or an error: kcal-based values
    /// exactly (÷ 7 000), joule-based ones with `kgcePerMegajoule`.
    func kgcePerBaseUnit(kgcePerMegajoule: Double) -> Result<(Double, PhysicalDimension), EnergyError> {
        switch megajoulesPerBaseUnit() {
        case let .failure(error): return .failure(error)
        case let .success((mj, dimension)):
            let top = EnergyUnit.parse(String(unit!.split(separator: "/", maxSplits: 1)[0]))!
            if top.isCalorieBased {
                return .success((mj * 1000 / StandardCoal.kilojoulesPerKcal / StandardCoal.kcalPerKgce, dimension))
            }
            return .success((mj * kgcePerMegajoule, dimension))
        }
    }

    /// MJ per base unit (kg or m³) and the dimension of the denominator, or an error message.
    func megajoulesPerBaseUnit() -> Result<(Double, PhysicalDimension), EnergyError> {
        guard let unit, let slash = unit.firstIndex(of: "/") else {
            return .failure(EnergyError(.invalidHeatingValue, "the heating value \(value) has no unit: write it as "
                + "energy per quantity, e.g. MJ/kg, kcal/kg, MJ/m3, GJ/t", at: location))
        }
        let top = EnergyUnit.parse(String(unit[..<slash]))
        let bottom = EnergyUnit.parse(String(unit[unit.index(after: slash)...]))
        guard let top, top.dimension == .energy, let bottom, bottom.dimension == .mass || bottom.dimension == .volume
        else {
            return .failure(EnergyError(.invalidHeatingValue, "the heating value unit '\(unit)' is not energy per "
                + "mass or volume (write MJ/kg, kJ/kg, kcal/kg, GJ/t, MJ/m3, kcal/m3 …)", at: location))
        }
        guard value.isFinite && value > 0 else {
            return .failure(EnergyError(.invalidHeatingValue, "the heating value \(value) \(unit) is not positive",
                                        at: location))
        }
        return .success((value * top.factor / bottom.factor, bottom.dimension))
    }
}
