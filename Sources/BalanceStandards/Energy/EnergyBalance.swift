import BalanceCore

/// Options of an enterprise energy balance (`balance energy`).
public struct EnergyBalanceOptions: Sendable {
    /// Coefficient table, electricity 等价值, steam mode.
    public var conversion: EnergyConversionSettings
    /// Relative closure tolerance for exact data (default 0.05: STANDARDS.md §3.3, `energy_closure_tol`, [M]).
    public var tolerance: Double
    /// Product output Q for 单位产品综合能耗 (kgce per unit), if given.
    public var production: Double?
    /// Output value G in 万元 for 单位产值综合能耗 (tce/万元), if given.
    public var outputValue: Double?
    /// When `true`, a missing electricity 等价值 is an error instead of `null` 等价 figures with a note.
    public var requireEquivalent: Bool
    /// Reconciliation options (used when uncertainties are given); the full covariance is computed by
    /// default, for the uncertainties of the figures.
    public var reconciliation: ReconciliationOptions

    /// Creates the value from its parts (see the properties for meanings and units).
    public init(
        conversion: EnergyConversionSettings = .init(), tolerance: Double = 0.05, production: Double? = nil,
        outputValue: Double? = nil, requireEquivalent: Bool = false,
        reconciliation: ReconciliationOptions = .init(fullCovariance: true)
    ) {
        self.conversion = conversion
        self.tolerance = tolerance
        self.production = production
        self.outputValue = outputValue
        self.requireEquivalent = requireEquivalent
        self.reconciliation = reconciliation
    }
}

/// The complete energy balance of a case: network, GB/T 28751 table, enterprise figures, the
/// coefficients used and every note.
public struct EnergyBalanceResult: Sendable {
    /// The solved network (streams in tce).
    public var network: EnergyNetwork
    /// The GB/T 28751 table.
    public var table: EnergyBalanceTable
    /// The enterprise figures of FORMATS.md §4.
    public var figures: EnergyFigures
    /// The coefficients actually used, in order of first use.
    public var coefficientsUsed: [EnergyCoefficient]
    /// The table's name (`GB/T 2589-2020`, or a user table over it).
    public var tableName: String
    /// The electricity 等价值 used (kgce/kWh), if any.
    public var electricityEquivalent: Double?
    /// Notes and warnings: unconfirmed coefficients, midpoints, missing 等价值, closure gaps …
    public var notes: [String]
}

/// Enterprise energy balance to GB/T 3484-2009 (method, indicators), GB/T 28751 (table) and GB/T 2589
/// (conversion to standard coal, 综合能耗).
///
/// ```swift
/// let result = try EnergyBalance.compute(model, options: .init(
///     conversion: .init(table: .edition(.gbt2589_2020), electricityEquivalent: 0.300)))
/// result.figures.utilizationRate          // 能量利用率 (当量)
/// result.table.column(.conversion).efficiency
/// ```
public enum EnergyBalance {
    /// Converts, solves and tabulates.
    ///
    /// - Parameters:
    ///   - model: the case (FORMATS.md §4: `carrier`, `unit`, `kind`; nodes with `stage`).
    ///   - heatingValues: measured heating values by stream id (from `components.csv`).
    ///   - options: coefficients, 等价值, tolerance, production and output value.
    /// - Throws: ``EnergyError`` — bad carrier/unit/kind/stage (data), a required 等价值 missing (usage),
    ///   undetermined streams (data), numerical failure (computation).
    public static func compute(
        _ model: BalanceModel, heatingValues: [String: HeatingValue] = [:], options: EnergyBalanceOptions = .init()
    ) throws(EnergyError) -> EnergyBalanceResult {
        for (name, value) in [("production", options.production), ("output value", options.outputValue)] {
            if let value, !(value.isFinite && value > 0) {
                throw EnergyError(.invalidOption, "the \(name) must be a positive number (got \(value))")
            }
        }
        guard options.tolerance.isFinite && options.tolerance >= 0 else {
            throw EnergyError(.invalidOption, "the closure tolerance must be a non-negative number")
        }
        let network = try EnergyNetwork.solve(
            model, heatingValues: heatingValues, settings: options.conversion, tolerance: options.tolerance,
            reconciliation: options.reconciliation)
        let table = EnergyBalanceTable(network: network)
        let figures = EnergyFigures(network: network, table: table, production: options.production,
                                    outputValue: options.outputValue)
        var notes = options.conversion.notes + network.warnings
        if let g = network.reconciliation?.globalTest, !g.passed {
            notes.append("the global test of the reconciliation fails (χ² = \(EnergyText.number(g.statistic)) with \(g.dof) "
                + "degrees of freedom): the measurements contradict the balances, so the figures are doubtful; run "
                + "`balance reconcile` on the case (in tce) to find the suspect meters")
        }
        let needsEquivalent = network.streams.filter { $0.equivalentTce == nil }
        if !needsEquivalent.isEmpty {
            let ids = needsEquivalent.map(\.id).joined(separator: ", ")
            if options.requireEquivalent {
                throw EnergyError(.missingEquivalent(carrier: "electricity"), "the 等价 (equivalent) figures need the "
                    + "electricity 等价值, which is not given (streams \(ids)): give the electricity 等价值 (kgce/kWh) "
                    + "KGCE_PER_KWH, the year's thermal-power generation coal rate (e.g. 0.300), or an 'equivalent' "
                    + "for 电力 in coefficients.csv; it is never defaulted")
            }
            notes.append("no electricity 等价值 given: the 等价 figures (suppliedEquivalentTce, resourceUtilizationRate, "
                + "comprehensiveConsumptionEquivalentTce and the 等价值 column) are null; give the electricity 等价值 (kgce/kWh) "
                + "KGCE_PER_KWH (the year's thermal-power generation coal rate) to compute them")
        }
        var used: [EnergyCoefficient] = []
        var seen = Set<String>()
        for s in network.streams {
            if let c = s.conversion.coefficient, seen.insert(c.carrier.id).inserted { used.append(c) }
        }
        let unconfirmed = used.filter { !$0.confirmed }
        if !unconfirmed.isEmpty {
            notes.append("coefficients not confirmed against the official text: "
                + unconfirmed.map { "\($0.carrier.chinese) \($0.published) \($0.unitText) \($0.confidence.tag)" }
                    .joined(separator: "; "))
        }
        if network.streams.contains(where: { $0.carrier?.family == .workingMedium }) {
            notes.append("working media (耗能工质) are valued at their GB/T 2589 Annex B 等价值 in the 当量 balance too: "
                + "they have no calorific content of their own")
        }
        let worst = table.columns.map(\.relativeClosure).max() ?? 0
        if worst > 1e-9 {
            notes.append("a column of the energy table does not close to 1e-9 (relative residual \(worst)): report this")
        }
        return EnergyBalanceResult(
            network: network, table: table, figures: figures, coefficientsUsed: used,
            tableName: options.conversion.table.name,
            electricityEquivalent: options.conversion.electricityEquivalent, notes: notes)
    }
}
