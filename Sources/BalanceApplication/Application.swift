import BalanceCore
import BalanceIO
import BalanceStandards

/// The application layer: one use case per command, each running the whole pipeline
/// (case → model → core/standards → outcome) with the same options for every front end.
///
/// ```swift
/// var options = AuditOptions()
/// options.grossErrors = .glr
/// let outcome = try Application.run(.reconcile, casePath: "Datasets/demo/dyeing-plant-water", options: options)
/// let json = try outcome.render(.json)
/// ```
///
/// Errors are ``ApplicationError``s whose kind decides the exit status; no front end maps errors itself.
public enum Application {
    /// Validates the options, loads the case at `casePath` (a folder or a streams.csv; for `savings`
    /// the base period; for `compare` the BEFORE case) and runs `command`. `secondPath` is the reporting period of
    /// `savings`, the AFTER case of `compare`.
    /// - Complexity: that of the command; loading is O(size of the files).
    public static func run(
        _ command: AuditCommand, casePath: String, secondPath: String? = nil, options: AuditOptions
    ) throws(ApplicationError) -> AuditOutcome {
        try options.validate(for: command)
        guard !command.readsCase else { return try run(command, case: try load(casePath, options: options), options: options) }
        // The two-path commands: the second path on the command line, or the options' "report" / "after".
        let second = command == .savings ? secondPath ?? options.reportPeriod : secondPath ?? options.afterCase
        guard let second else {
            throw ApplicationError(.usage, command == .savings ? "savings needs two periods: the base and the reporting period"
                : "compare needs two cases: BEFORE and AFTER")
        }
        let outcome = command == .savings
            ? try SavingsUseCase.run(base: casePath, report: second, options: options)
            : try CompareUseCase.run(before: casePath, after: second, options: options)
        try checkFinite(outcome)
        return outcome
    }

    /// Runs `command` (not `savings`) on a case already loaded.
    public static func run(
        _ command: AuditCommand, case loaded: LoadedCase, options: AuditOptions
    ) throws(ApplicationError) -> AuditOutcome {
        try options.validate(for: command)
        let options = resolvingLanguage(options, for: command, case: loaded)
        try CaseInputs.refuseUnused(loaded, by: command)
        let loaded = try CaseInputs.normalizingUnits(loaded, for: command, options: options)
        let outcome: AuditOutcome
        switch command {
        case .reconcile: outcome = try ReconcileUseCase.run(loaded, options: options)
        case .check: outcome = try CheckUseCase.run(loaded, options: options)
        case .water: outcome = try WaterUseCase.run(loaded, options: options)
        case .energy: outcome = try EnergyUseCase.run(loaded, options: options)
        case .material: outcome = try MaterialUseCase.run(loaded, options: options)
        case .simulate: outcome = try SimulateUseCase.run(loaded, options: options)
        case .advise: outcome = try AdviseUseCase.run(loaded, options: options)
        case .report: outcome = try ReportUseCase.run(loaded, options: options)
        case .savings:
            throw ApplicationError(.usage, "savings reads two period folders, not a balance case")
        case .compare:
            throw ApplicationError(.usage, "compare reads two cases (BEFORE and AFTER), not one")
        }
        try checkFinite(outcome)
        return outcome
    }

    /// A computation error naming the figures of `outcome` that are not finite numbers.
    static func checkFinite(_ outcome: AuditOutcome) throws(ApplicationError) {
        let bad = outcome.nonFiniteFigures()
        guard !bad.isEmpty else { return }
        throw ApplicationError(.computation, "the computation produced a figure that is not a finite number: "
            + bad.prefix(5).joined(separator: ", ") + (bad.count > 5 ? " and \(bad.count - 5) more" : "")
            + " (the inputs are within range, so this is a numerical failure; please report the case)")
    }

    /// Loads the case at `path` with the options' encoding and default uncertainty.
    /// - Throws: a bad-data ``ApplicationError`` naming file, line, column and stream.
    public static func load(_ path: String, options: AuditOptions) throws(ApplicationError) -> LoadedCase {
        do throws(InputError) {
            return try CaseLoader.load(path, options: options.loadOptions)
        } catch {
            throw ApplicationError(error)
        }
    }
}
