import BalanceCore

// The commands that `balance batch` runs, each the same computation and report as the single-case
// command of the same name (FORMATS.md §2; `balance check`).

extension BatchCommand {
    /// `reconcile`: weighted least-squares reconciliation with the statistical tests and gross-error
    /// identification; the result is the report of `balance reconcile`.
    public static let reconcile = BatchCommand(
        name: "reconcile", abstract: "reconcile measured flows with the balances, find suspect meters"
    ) { loaded, settings throws(BatchCaseError) in
        let result: ReconciliationResult
        do throws(ReconciliationError) {
            result = try Reconciler.reconcile(loaded.model, options: settings.reconciliation)
        } catch {
            throw BatchCaseError(reconciliationError: error, loaded: loaded)
        }
        let report = ReconciliationReport(
            model: loaded.model, result: result, caseName: loaded.name, inputWarnings: loaded.warnings)
        return BatchCaseResult(
            utf8: format(settings.format, json: report.json(), csv: { report.csv() }, markdown: { report.markdown() },
                         table: { report.table() }),
            figures: BatchFigures(reconciliation: result, streams: loaded.model.streams.count))
    }

    /// `check`: closure of every balance with the data as given (no reconciliation); the result is the
    /// report of `balance check`. An unmeasured stream that no balance determines is bad data.
    public static let check = BatchCommand(
        name: "check", abstract: "check that every balance closes with the data as given"
    ) { loaded, settings throws(BatchCaseError) in
        let balance = ExactBalance.solve(loaded.model, tolerance: settings.tolerance)
        if !balance.undetermined.isEmpty {
            throw BatchCaseError(
                .badData,
                "\(loaded.files.first ?? loaded.name): the balances do not determine the unmeasured stream(s) "
                    + "\(balance.undetermined.joined(separator: ", ")) (each lies on a loop of unmeasured streams "
                    + "or in no balance): measure one of them, or use `balance reconcile`")
        }
        let report = CheckReport(model: loaded.model, balance: balance, caseName: loaded.name, inputWarnings: loaded.warnings)
        return BatchCaseResult(
            utf8: format(settings.format, json: report.json(), csv: { report.csv() }, markdown: { report.markdown() },
                         table: { report.table() }),
            figures: BatchFigures(
                streams: loaded.model.streams.count, passed: report.passed,
                flagged: balance.closures.filter { !$0.withinTolerance }.count))
    }
}

extension BatchCaseError {
    /// The failure of a reconciliation, classified as the single-case command does (bad data: 65; an
    /// option out of range or a numerical failure: 1).
    public init(reconciliationError error: ReconciliationError, loaded: LoadedCase) {
        switch error {
        case let .invalidModel(modelError):
            self.init(.badData, InputError(modelError, file: loaded.files.first ?? loaded.name).description)
        case .invalidOption, .numerical:
            self.init(.computation, error.description)
        }
    }
}
