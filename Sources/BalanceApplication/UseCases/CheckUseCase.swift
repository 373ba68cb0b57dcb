import BalanceCore
import BalanceIO

/// `check`: the closure of every balance with the data as given (STANDARDS.md §1.3, §8); unmeasured
/// streams are computed from the balances, and one that the balances do not determine is bad data.
enum CheckUseCase {
    /// - Complexity: O(rows + non-zeros) for the exact balance.
    static func run(_ loaded: LoadedCase, options: AuditOptions) throws(ApplicationError) -> AuditOutcome {
        let file = loaded.files.first ?? loaded.name
        let balance = ExactBalance.solve(loaded.model, tolerance: options.tolerance)
        if !balance.undetermined.isEmpty {
            throw ApplicationError(.badData,
                "\(file): the balances do not determine the unmeasured stream(s) \(balance.undeterminedExplanation): "
                    + "more unknowns than independent balances there — measure one of them, or use `balance reconcile`")
        }
        var report = CheckReport(model: loaded.model, balance: balance, caseName: loaded.name, inputWarnings: loaded.warnings)
        report.language = options.language
        var run = RunRecord(command: .check)
        run.mode = "exact"
        run.tolerance = options.tolerance
        return AuditOutcome(
            command: .check, options: options, run: run, document: .check(report),
            figures: BatchFigures(
                streams: loaded.model.streams.count, passed: report.passed,
                flagged: balance.closures.filter { !$0.withinTolerance }.count),
            csvWarnings: [], model: loaded.model)
    }
}
