/// How one quantity (a stream) is converted to standard coal: the carrier, the unit, tce per unit at
/// 当量值 and at 等价值, and where the factor came from.
///
/// Rules (STANDARDS.md §5.2–5.5; FORMATS.md §4):
/// 1. A standard-coal unit (tce, kgce) is taken as it is: tce = value × factor/1 000.
/// 2. A physical unit of the carrier's dimension: tce = value × u/u₀ × p / 1 000, with p the coefficient
///    in kgce per u₀ (Annex A/B), or p from a measured heating value (``HeatingValue``), or — for a
///    ranged coefficient without one — the midpoint of the range, with a warning.
/// 3. An energy unit (GJ, MJ, kcal): electricity → kWh at 3.6 MJ/kWh then its coefficient; heat-like
///    carriers (热力, 蒸汽) → × the table's heat coefficient 0.03412 kgce/MJ; other fuels and streams
///    without a carrier → by definition: kcal ÷ 7 000 exactly, MJ ÷ (7 × kJ/kcal) = ÷ 29.3076 with the
///    default 4.1868 kJ/kcal ([M], ``EnergyConversionSettings/kilojoulesPerKcal``). Working media have no calorific content:
///    an energy unit is a mismatch for them.
/// 4. Anything else is an error naming the carrier and the units it accepts.
///
/// 等价值 (equivalent): electricity at the ``EnergyConversionSettings/electricityEquivalent`` parameter
/// (or a user table's `equivalent`); a carrier whose user coefficient has an `equivalent` at that
/// value; every other carrier at its calorific value — primary energy by definition, purchased steam and
/// heat and working media by convention (their tabled value is already the figure GB/T 2589 uses) [M].
/// Without an electricity 等价值, ``equivalentTcePerUnit`` is `nil` for electricity.
public struct StandardCoalConversion: Sendable, Hashable {
    /// Where the factor came from.
    public enum Method: Sendable, Hashable {
        /// Already standard coal.
        case standardCoal
        /// A coefficient of the table.
        case coefficient(EnergyCoefficient)
        /// The midpoint of a ranged coefficient (no heating value given).
        case midpoint(EnergyCoefficient)
        /// A measured heating value or enthalpy.
        case heatingValue(HeatingValue)
        /// An energy unit converted by definition (1 kgce = 29.3076 MJ) or with the heat coefficient.
        case energyUnit
    }

    /// The carrier, `nil` for a stream that gives none.
    public var carrier: EnergyCarrier?
    /// The stream's unit.
    public var unit: EnergyUnit
    /// tce per one ``unit`` at 当量值 (calorific).
    public var tcePerUnit: Double
    /// tce per one ``unit`` at 等价值; `nil` when it needs the electricity 等价值, which was not given.
    public var equivalentTcePerUnit: Double?
    /// How the factor was obtained.
    public var method: Method
    /// A warning about this conversion (midpoint used, unconfirmed coefficient …), if any.
    public var warning: String?

    /// The coefficient used, if any.
    public var coefficient: EnergyCoefficient? {
        switch method {
        case let .coefficient(c), let .midpoint(c): return c
        default: return nil
        }
    }

    /// Converts a quantity of `carrierName` in `unitText`.
    ///
    /// - Parameters:
    ///   - carrierName: the `carrier` cell (Chinese, English or slug); `nil`/empty = no carrier.
    ///   - unitText: the `unit` cell; `nil` is allowed only when `measured` is `false` (then tce).
    ///   - heatingValue: a measured heating value or enthalpy of this stream, if given.
    ///   - measured: whether the stream has a value (an unmeasured stream without unit is in tce).
    ///   - settings: table, electricity 等价值, steam mode.
    /// - Throws: ``EnergyError`` (unknown carrier or unit, mismatch, no coefficient, bad heating value);
    ///   the caller adds the stream and location.
    public static func make(
        carrierName: String?, unitText: String?, heatingValue: HeatingValue? = nil, measured: Bool = true,
        settings: EnergyConversionSettings
    ) throws(EnergyError) -> StandardCoalConversion {
        try settings.validate()
        let table = settings.table
        var carrier: EnergyCarrier?
        if let name = carrierName, !name.isEmpty {
            guard let found = table.carrier(named: name) else {
                let suggestions = table.suggestions(for: name)
                throw EnergyError(.unknownCarrier(name), "unknown energy carrier '\(name)': not in \(table.name)"
                    + (suggestions.isEmpty ? "" : " (did you mean \(suggestions.joined(separator: ", "))?)")
                    + "; write a GB/T 2589 name such as 原煤/raw-coal, 电力/electricity, 柴油/diesel, 气田天然气, "
                    + "蒸汽/steam, 热力/heat, or define it in coefficients.csv")
            }
            carrier = found
        }
        guard let unitText, !unitText.isEmpty else {
            if !measured {
                return StandardCoalConversion(carrier: carrier, unit: .tce, tcePerUnit: 1,
                                              equivalentTcePerUnit: equivalentRatio(carrier, settings), method: .standardCoal)
            }
            let expected = carrier.map { c in c.allowedDimensions.map(\.words).joined(separator: " or ") }
                ?? "tce, kgce or GJ"
            throw EnergyError(.missingUnit, "the value has no unit: give the unit (\(expected))")
        }
        guard let unit = EnergyUnit.parse(unitText) else {
            throw EnergyError(.unknownUnit(unitText), "unknown unit '\(unitText)' (known units: "
                + EnergyUnit.knownSymbols.joined(separator: ", ") + ")")
        }
        if unit.dimension == .standardCoal {
            let ratio = equivalentRatio(carrier, settings)
            return StandardCoalConversion(carrier: carrier, unit: unit, tcePerUnit: unit.factor / 1000,
                                          equivalentTcePerUnit: ratio.map { $0 * unit.factor / 1000 }, method: .standardCoal)
        }
        guard let carrier else {
            guard unit.dimension == .energy else {
                throw EnergyError(.unitMismatch(carrier: "", unit: unitText), "the unit '\(unitText)' is "
                    + "\(unit.dimension.rawValue), which needs a carrier to convert to standard coal: give the "
                    + "carrier (能源品种), or write the value in tce, kgce or GJ")
            }
            let tce = byDefinition(unit, settings)
            return StandardCoalConversion(carrier: nil, unit: unit, tcePerUnit: tce, equivalentTcePerUnit: tce,
                                          method: .energyUnit)
        }
        guard carrier.allowedDimensions.contains(unit.dimension) else {
            throw EnergyError(.unitMismatch(carrier: carrier.id, unit: unitText),
                "carrier \(carrier) cannot be measured in '\(unitText)', which is \(unit.dimension.words); "
                    + "use \(carrier.allowedDimensions.map(\.words).joined(separator: " or "))")
        }
        if unit.dimension == carrier.dimension {
            return try physical(carrier, unit, heatingValue, settings)
        }
        // An energy amount of a carrier measured physically in mass, volume or electricity.
        let perMJ: Double
        switch carrier.family {
        case .electricity:
            guard let c = table.coefficient(for: carrier), let perKWh = c.value else {
                throw noCoefficient(carrier, table)
            }
            perMJ = perKWh / StandardCoal.megajoulesPerKilowattHour
        case .heat:
            perMJ = table.heatCoefficient
        default:
            perMJ = .nan  // by definition, below
        }
        let tce = perMJ.isNaN ? byDefinition(unit, settings) : unit.factor * perMJ / 1000
        return StandardCoalConversion(carrier: carrier, unit: unit, tcePerUnit: tce,
                                      equivalentTcePerUnit: equivalentRatio(carrier, settings).map { $0 * tce },
                                      method: .energyUnit)
    }

    /// The conversion of a physical unit of the carrier's own dimension.
    private static func physical(
        _ carrier: EnergyCarrier, _ unit: EnergyUnit, _ heatingValue: HeatingValue?, _ settings: EnergyConversionSettings
    ) throws(EnergyError) -> StandardCoalConversion {
        let table = settings.table
        let isSteam = carrier.id == "steam"
        var useHeatingValue = heatingValue != nil && carrier.family != .electricity && carrier.family != .workingMedium
        if isSteam {
            switch settings.steamMode {
            case .fixed: useHeatingValue = false
            case .enthalpy:
                guard heatingValue != nil else {
                    throw EnergyError(.noCoefficient(carrier: carrier.id), "steam in \(unit.symbol) needs its "
                        + "enthalpy in components.csv (component enthalpy, e.g. 2.78 MJ/kg) in steam mode enthalpy")
                }
            case .automatic: break
            }
        }
        if useHeatingValue, let hv = heatingValue {
            let (perBase, dimension): (Double, PhysicalDimension)
            // Heat-like carriers (steam enthalpy): MJ × the table's heat coefficient; fuels: kgce by definition.
            let result = carrier.family == .heat
                ? hv.megajoulesPerBaseUnit().map { ($0.0 * table.heatCoefficient, $0.1) }
                : hv.kgcePerBaseUnit(kgcePerMegajoule: settings.kgcePerMegajoule)
            switch result {
            case let .success(pair): (perBase, dimension) = pair
            case let .failure(error): throw error
            }
            guard dimension == carrier.dimension else {
                throw EnergyError(.invalidHeatingValue, "the heating value unit '\(hv.unit ?? "")' is per "
                    + "\(dimension.rawValue), but \(carrier) is measured by \(carrier.dimension.rawValue)", at: hv.location)
            }
            let tce = perBase * unit.factor / 1000
            return StandardCoalConversion(carrier: carrier, unit: unit, tcePerUnit: tce, equivalentTcePerUnit: tce,
                                          method: .heatingValue(hv))
        }
        guard let coefficient = table.coefficient(for: carrier) else { throw noCoefficient(carrier, table) }
        let scale = unit.factor / coefficient.perUnit.factor / 1000
        let tce = coefficient.midpoint * scale
        var warning: String?
        let method: Method
        if coefficient.range != nil {
            method = .midpoint(coefficient)
            warning = "\(carrier.chinese) has a ranged coefficient \(coefficient.published) \(coefficient.unitText) "
                + "(\(coefficient.heatingValue ?? "")): the midpoint \(coefficient.midpoint) kgce/\(coefficient.perUnit.symbol) is used; give the measured "
                + "heating value in components.csv (component heating-value) for an exact figure"
        } else {
            method = .coefficient(coefficient)
            if isSteam && settings.steamMode == .automatic {
                warning = "steam without a measured enthalpy is converted with the fixed coefficient "
                    + "\(coefficient.published) \(coefficient.unitText) (低压蒸汽, \(coefficient.source)); give its enthalpy "
                    + "in components.csv for an enthalpy-based figure"
            }
        }
        let ratio = equivalentRatio(carrier, settings)
        return StandardCoalConversion(carrier: carrier, unit: unit, tcePerUnit: tce,
                                      equivalentTcePerUnit: ratio.map { $0 * tce }, method: method, warning: warning)
    }

    /// tce per one energy `unit` by the definition of standard coal: kcal-based units ÷ 7 000 exactly,
    /// joule-based ones with the settings' kJ/kcal basis.
    static func byDefinition(_ unit: EnergyUnit, _ settings: EnergyConversionSettings) -> Double {
        if let kcal = unit.kilocalories { return kcal / StandardCoal.kcalPerKgce / 1000 }
        return unit.factor * settings.kgcePerMegajoule / 1000
    }

    /// 等价值 / 当量值 for the carrier; `nil` for electricity without an 等价值.
    static func equivalentRatio(_ carrier: EnergyCarrier?, _ settings: EnergyConversionSettings) -> Double? {
        guard let carrier, let coefficient = settings.table.coefficient(for: carrier) else { return 1 }
        let calorific = coefficient.midpoint
        if carrier.family == .electricity {
            guard let eq = settings.electricityEquivalent ?? coefficient.equivalentValue else { return nil }
            return eq / calorific
        }
        if let eq = coefficient.equivalentValue { return eq / calorific }
        return 1
    }

    private static func noCoefficient(_ carrier: EnergyCarrier, _ table: CoefficientTable) -> EnergyError {
        EnergyError(.noCoefficient(carrier: carrier.id), "\(table.name) has no coefficient for \(carrier)"
            + (carrier.hint.map { ": " + $0 } ?? "; give its heating value in components.csv or its coefficient in "
                + "coefficients.csv"))
    }
}
