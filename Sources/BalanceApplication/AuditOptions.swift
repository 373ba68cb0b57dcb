import BalanceCore
import BalanceIO
import BalanceStandards

/// Every option of every command, with the command line's defaults: what a front end collects (from
/// flags, from `balance batch` options, from the C interface's options JSON) and hands to
/// ``Application``. A command reads the options it understands; ``validate(for:)`` checks them all
/// with one wording, so that every front end refuses the same values with the same message.
///
/// Fractions are stored as fractions (0.05 for 5 %); ``fraction(_:)`` reads the text forms.
public struct AuditOptions: Sendable, Hashable {
    // MARK: Reading the case
    /// Text encoding of the CSV files.
    public var encoding: TextEncoding = .automatic
    /// Uncertainty for measured streams that have none (reconcile, water, advise).
    public var defaultUncertainty: UncertaintySpec?

    // MARK: Reconciliation (reconcile, and water/energy/material when they reconcile)
    /// Significance level of the statistical tests, 0 < α < 1.
    public var alpha: Double = 0.05
    /// Gross-error identification strategy.
    public var grossErrors: ReconciliationOptions.GrossErrorStrategy = .serial
    /// Solver selection.
    public var solver: ReconciliationOptions.Solver = .automatic
    /// Report as VDI 2048 (95 % half-widths, quality criterion) in the text formats.
    public var vdi2048 = false
    /// `reconcile`: no default lower bound 0 on streams whose kind cannot be negative (FORMATS.md §1.6).
    public var allowNegative = false

    // MARK: Units (FORMATS.md §1.4)
    /// Operating hours per day for nodes that declare none (converts rates per hour and per day).
    public var hoursPerDay: Double?
    /// Operating days per year for nodes that declare none (converts rates per day and per year).
    public var daysPerYear: Double?

    // MARK: Closures
    /// Closure tolerance of `check`, `energy` and `material` (relative, ≥ 0).
    public var tolerance: Double = 0.05

    // MARK: Water (GB/T 12452)
    /// Production over the period of the flows, for V_uf (> 0).
    public var production: Double?
    /// Unit of the product, for labels.
    public var productionUnit = "t"
    /// Unit closure tolerance (water).
    public var unitTolerance: Double = 0.05
    /// Boundary meter tolerance (water).
    public var boundaryTolerance: Double = 0.10
    /// Benchmarks: preset names or `indicator=value` items, merged in order.
    public var benchmarks: [String] = []
    /// Take every value as exact even when uncertainties are given (water).
    public var exact = false

    // MARK: Energy (GB/T 3484 / 28751 / 2589) and savings (GB/T 13234)
    /// `gbt2589-2020`, `gbt2589-2008` or the path of a coefficients.csv; `nil`: the case's own
    /// coefficients.csv when it has one (energy), else GB/T 2589-2020.
    public var coefficients: String?
    /// Electricity 等价值 in kgce/kWh (> 0); never defaulted.
    public var electricityEquivalent: Double?
    /// Refuse (usage error) instead of reporting null 等价 figures without an electricity 等价值.
    public var requireEquivalent = false
    /// Output value G in 万元 (> 0), energy.
    public var outputValue: Double?
    /// Steam in mass units: automatic, fixed, enthalpy.
    public var steamMode: SteamMode = .automatic
    /// kJ per kcal for MJ/GJ quantities and heating values.
    public var kilojoulesPerKcal: Double = StandardCoal.kilojoulesPerKcal
    /// Sign convention of the savings.
    public var sign: SignConvention = .reportMinusBase
    /// The reporting period of `savings` when it is not given as the second path (the options JSON's `"report"`).
    public var reportPeriod: String?
    /// The second case of `compare` when it is not given as the second path (the options JSON's `"after"`).
    public var afterCase: String?
    /// `compare` and `report --after`: the AFTER case's production (> 0) when it differs from ``production`` (the
    /// BEFORE case's); with both, the GB/T 13234 product saving is compared (`nil`: the same production).
    public var afterProduction: Double?
    /// `compare` and `report --after`: the AFTER case's output value in 万元 (> 0); with ``outputValue``, the
    /// GB/T 13234 output-value saving is compared (`nil`: the same output value).
    public var afterOutputValue: Double?
    /// `water`: the number of employees n, for 职工人均生活日新水量 V_lf (`nil`: not given).
    public var staff: Double?
    /// `compare`: the standard balance whose indicators are compared too, `water` or `energy` (`nil`: streams only);
    /// `report`: the standard balance of the chapter, `water`, `energy` or `material` (`nil`: reconciliation only).
    public var comparedBalance: String?
    /// `compare` (and `report --after`): a CSV mapping the streams whose ids changed, `before` → `after`
    /// (BalanceIO's `StreamMapFile`; `nil`: streams match by id).
    public var streamMap: String?

    // MARK: Report
    /// `report`, and the water diagram: the title (`nil`: the root group's name, the enterprise, else the case name).
    public var title: String?
    /// `report`: the test or audit period, as written (`nil`: not stated).
    public var period: String?
    /// `report`: a Mustache template file used instead of the built-in one for the format (`nil`: built-in).
    public var template: String?

    // MARK: Material
    /// Non-conserved components (reported, not checked).
    public var reactive: [String] = []
    /// Density in kg/m³ bridging mass flows and mg/L concentrations (> 0).
    public var density: Double = 1000
    /// The component a material Sankey diagram is drawn in (must be a component of the case).
    public var sankeyComponent: String?

    // MARK: Simulate
    /// Bias injected into each meter, in units of its σ.
    public var bias: Double = 5
    /// Trials per meter (> 0).
    public var trials: Int = 1000
    /// Seed of the random numbers.
    public var seed: UInt64 = 1
    /// Path of a CSV of true values (stream, value).
    public var truth: String?

    // MARK: Advise
    /// Streams whose uncertainty should shrink.
    public var targets: [String] = []
    /// σ of a new meter: relative to the stream's estimate, or absolute (> 0).
    public var newMeterUncertainty: UncertaintySpec = .relative(0.0115)
    /// An improved meter's σ is the present σ times this factor, 0 < f < 1.
    public var improvementFactor: Double = 0.5
    /// How many ranked meters the text formats show (≥ 0).
    public var top: Int = 10

    // MARK: Output
    /// Label language of the text formats and diagrams. Setting it (`--lang`, the options JSON's `"lang"`) marks it
    /// as chosen; otherwise ``Application`` picks it for reconcile, check, simulate, advise and compare by
    /// ``Application/preferredLanguage(forStreamsFile:)``, and the others keep zh.
    public var language: LabelLanguage = .zh { didSet { languageChosen = true } }
    /// Whether ``language`` was set rather than left at its default.
    public internal(set) var languageChosen = false
    /// Start CSV output with a UTF-8 byte order mark.
    public var byteOrderMark = false
    /// The format `ab_run` and the Python package return (the options object's `"format"`; `nil`: JSON). Text
    /// formats only — the result is a C string; the command line and batch take `--format` instead.
    public var format: ReportFormat?

    public init() {}

    /// Checks every option a command reads, with the wording of the command line's options.
    /// - Throws: ``ApplicationError`` of kind ``ApplicationError/Kind/usage``.
    public func validate(for command: AuditCommand) throws(ApplicationError) {
        func fail(_ text: String) -> ApplicationError { ApplicationError(.usage, text) }
        let reconciles: Set<AuditCommand> = [.reconcile, .water, .energy, .material, .simulate, .compare, .report]
        if reconciles.contains(command) {
            guard alpha > 0 && alpha < 1 else { throw fail("--alpha must lie strictly between 0 and 1.") }
        }
        if let spec = defaultUncertainty, !Self.isPositive(spec) {
            throw fail("--default-uncertainty must be a positive number or a percentage such as 2%.")
        }
        if let hours = hoursPerDay, !(hours > 0 && hours <= 24) {
            throw fail("--hours-per-day must lie in (0, 24].")
        }
        if let days = daysPerYear, !(days > 0 && days <= 366) {
            throw fail("--days-per-year must lie in (0, 366].")
        }
        guard tolerance >= 0 && tolerance.isFinite else {
            throw fail("--tolerance must be a non-negative fraction (0.05) or percentage (5%).")
        }
        if streamMap != nil && !(command == .compare || (command == .report && afterCase != nil)) {
            throw fail("--map pairs the streams of two cases: it is used by `compare` and by `report --after`.")
        }
        if let format {
            if let refusal = command.refusal(of: format) { throw refusal }
            guard format != .xlsx && format != .pdf else {
                throw fail("\"format\": \(format.rawValue) is a binary file, which an options object cannot return: write it with "
                    + "`balance \(command.rawValue) --format \(format.rawValue) --output FILE`")
            }
        }
        switch command {
        case .water:
            guard unitTolerance >= 0 && unitTolerance.isFinite else {
                throw fail("--unit-tolerance must be a non-negative fraction (0.05) or percentage (5%).")
            }
            guard boundaryTolerance >= 0 && boundaryTolerance.isFinite else {
                throw fail("--boundary-tolerance must be a non-negative fraction (0.1) or percentage (10%).")
            }
            if let production, !(production > 0 && production.isFinite) {
                throw fail("--production must be a positive number.")
            }
            if let outputValue, !(outputValue > 0 && outputValue.isFinite) {
                throw fail("--output-value must be a positive number (万元 over the period of the flows).")
            }
            if let staff, !(staff > 0 && staff.isFinite) {
                throw fail("--staff must be a positive number of employees.")
            }
            if exact && defaultUncertainty != nil {
                throw fail("--exact and --default-uncertainty contradict each other.")
            }
            _ = try waterBenchmark()
        case .energy, .savings:
            if let eq = electricityEquivalent, !(eq.isFinite && eq > 0) {
                throw fail("--electricity-equivalent must be a positive number of kgce/kWh, e.g. 0.300.")
            }
            for (name, value) in [("--production", production), ("--output-value", outputValue)] {
                if command == .energy, let value, !(value.isFinite && value > 0) {
                    throw fail("\(name) must be a positive number.")
                }
            }
            guard kilojoulesPerKcal.isFinite && kilojoulesPerKcal > 0 else {
                throw fail("--kilojoules-per-kcal must be a positive number (4.1868).")
            }
        case .material:
            guard density.isFinite && density > 0 else { throw fail("--density must be a positive number.") }
        case .simulate:
            guard trials > 0 else { throw fail("--trials must be a positive whole number.") }
            guard bias.isFinite else { throw fail("--bias must be a number.") }
        case .advise:
            guard improvementFactor > 0 && improvementFactor < 1 else {
                throw fail("--improvement-factor must lie in (0, 1).")
            }
            guard Self.isPositive(newMeterUncertainty) else {
                throw fail("--new-meter-uncertainty must be a positive number or percentage.")
            }
            guard top >= 0 else { throw fail("--top must be zero or a positive whole number.") }
        case .compare:
            if let balance = comparedBalance, !CompareUseCase.balances.contains(balance) {
                throw fail("--balance must be one of " + CompareUseCase.balances.joined(separator: ", ") + ".")
            }
            try validatePeriods()
        case .report:
            if let balance = comparedBalance {
                guard let chapter = ReportUseCase.chapterCommands[balance] else {
                    throw fail("--balance must be one of " + ReportUseCase.chapterCommands.keys.sorted().joined(separator: ", ") + ".")
                }
                // The chapter's options as its command reads them (it returns its document, not the report's format).
                var chapterOptions = self
                chapterOptions.format = nil
                try chapterOptions.validate(for: chapter)
            }
            try validatePeriods()
        case .reconcile, .check:
            break
        }
    }

    /// `true` for an uncertainty greater than zero (0 would silently mean "exact").
    /// The two periods' production and output value of `compare` and `report --after`: positive, and an AFTER
    /// figure only with the BEFORE one (a saving compares the two).
    func validatePeriods() throws(ApplicationError) {
        let pairs = [("--production", "--after-production", production, afterProduction),
                     ("--output-value", "--after-output-value", outputValue, afterOutputValue)]
        for (name, afterName, value, afterValue) in pairs {
            for (n, v) in [(name, value), (afterName, afterValue)] {
                if let v, !(v > 0 && v.isFinite) { throw ApplicationError(.usage, "\(n) must be a positive number.") }
            }
            if afterValue != nil && value == nil {
                throw ApplicationError(.usage, "\(afterName) is the AFTER case's figure: give the BEFORE case's with \(name) too.")
            }
        }
    }

    static func isPositive(_ spec: UncertaintySpec) -> Bool {
        switch spec {
        case let .absolute(x): return x > 0 && x.isFinite
        case let .relative(x): return x > 0 && x.isFinite
        }
    }

    /// `0.05` or `5%` as a fraction; `nil` for anything else (NaN and infinity included).
    public static func fraction(_ text: String) -> Double? {
        let trimmed = Text.trim(text)
        let value: Double?
        if trimmed.hasSuffix("%") { value = Double(Text.trim(String(trimmed.dropLast()))).map { $0 / 100 } } else {
            value = Double(trimmed)
        }
        guard let value, value.isFinite else { return nil }
        return value
    }

    /// The items of a comma-separated list, trimmed, empty items left out (`--reactive COD, BOD5`).
    public static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { Text.trim(String($0)) }.filter { !$0.isEmpty }
    }

    /// The benchmark of ``benchmarks`` (presets and `indicator=value` items merged in order), `nil` without any.
    /// - Throws: a usage error naming the item that is neither.
    public func waterBenchmark() throws(ApplicationError) -> WaterBenchmark? {
        var result: WaterBenchmark?
        for item in benchmarks {
            let part: WaterBenchmark
            if let preset = WaterBenchmark.presets[item] {
                part = preset
            } else if let eq = item.firstIndex(of: "=") {
                let key = String(item[..<eq])
                guard let indicator = WaterIndicator(rawValue: key) else {
                    throw ApplicationError(.usage, "--benchmark: unknown indicator '\(key)' (use one of "
                        + WaterIndicator.allCases.map(\.rawValue).joined(separator: ", ") + ").")
                }
                guard let value = Self.fraction(String(item[item.index(after: eq)...])) else {
                    throw ApplicationError(.usage, "--benchmark \(item): the value must be a number or a percentage.")
                }
                part = WaterBenchmark(name: "user", source: "--benchmark", values: [indicator: value])
            } else {
                throw ApplicationError(.usage, "--benchmark must be one of "
                    + WaterBenchmark.presets.keys.sorted().joined(separator: ", ") + " or KEY=VALUE.")
            }
            result = result.map { $0.merging(part) } ?? part
        }
        return result
    }

    /// The reconciliation settings these options select (full covariance as a command needs it).
    func reconciliation(fullCovariance: Bool? = nil) -> ReconciliationOptions {
        ReconciliationOptions(alpha: alpha, grossErrors: grossErrors, solver: solver, fullCovariance: fullCovariance)
    }

    /// How the case is read.
    public var loadOptions: CaseLoadOptions {
        CaseLoadOptions(encoding: encoding, defaultUncertainty: defaultUncertainty)
    }
}
