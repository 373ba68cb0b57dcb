import BalanceCore
import BalanceIO
import BalanceStandards

/// `reconcile`: weighted least-squares reconciliation with the global, measurement and nodal tests
/// and the chosen gross-error identification (RECONCILIATION.md §1–7), using `covariance.csv` when
/// the case has one; component values, equations and bounds take the nonlinear reconciliation (§10).
enum ReconcileUseCase {
    /// - Complexity: that of the solver (dense O(m³), graph O(p³) for p independent balances); nonlinear cases
    ///   iterations × a dense solve over flows and component values.
    static func run(_ loaded: LoadedCase, options: AuditOptions) throws(ApplicationError) -> AuditOutcome {
        let file = loaded.files.first ?? loaded.name
        let covariance: MeasurementCovariance?
        do throws(InputError) {
            covariance = try loaded.measurementCovariance()
        } catch {
            throw ApplicationError(error)
        }
        if NonlinearReconciliation.isNeeded(model: loaded.model, components: loaded.components, equations: loaded.equations) {
            return try nonlinear(defaultBounds(loaded, options: options).case, covariance: covariance, options: options, note: nil)
        }
        let result: ReconciliationResult
        do throws(ReconciliationError) {
            // The full covariance (n²) only up to the options' threshold (400 streams): the uncertainty budget needs
            // it; above, the solvers compute variances alone (issue 12) and the report has no budget.
            result = try Reconciler.reconcile(
                loaded.model, covariance: covariance, options: options.reconciliation(fullCovariance: nil))
        } catch {
            throw ApplicationError(error, file: file)
        }
        // A stream whose kind cannot be negative reconciled below 0: solved again with the default bounds.
        let bounded = defaultBounds(loaded, options: options)
        let negative = bounded.streams.filter { id in
            loaded.model.streamIndex[id].flatMap { result.streams[$0].reconciled }.map { $0 < 0 } ?? false
        }
        if !negative.isEmpty && covariance == nil {
            return try nonlinear(bounded.case, covariance: nil, options: options, note: "the least-squares solution puts "
                + negative.joined(separator: ", ") + " below 0, which their kind cannot be: reconciled again with the lower "
                + "bound 0 on every stream of such a kind (--allow-negative keeps the unbounded solution)")
        }
        var inputWarnings = loaded.warnings
        if !negative.isEmpty {
            // Correlated errors: bounded reconciliation is not available, so the negative values stay — flagged.
            inputWarnings.append("[negative-value] " + negative.joined(separator: ", ") + " reconciled below 0, which their kind "
                + "cannot be; with covariance.csv the bounded reconciliation is not available: check the meters around them")
        }
        var report = ReconciliationReport(
            model: loaded.model, result: result, caseName: loaded.name, inputWarnings: inputWarnings)
        report.strategy = options.grossErrors
        report.vdi2048 = options.vdi2048
        report.language = options.language
        report.budget = UncertaintyBudget(result: result, covariance: covariance)
        var run = RunRecord(command: .reconcile)
        run.record(result, options: options, covariance: covariance != nil)
        return AuditOutcome(
            command: .reconcile, options: options, run: run, document: .reconciliation(report),
            figures: BatchFigures(reconciliation: result, streams: loaded.model.streams.count),
            csvWarnings: inputWarnings + result.warnings, model: loaded.model)
    }

    /// The case with the lower bound 0 on every stream whose kind cannot be negative and that gives no lower bound
    /// of its own (none with `allowNegative`), and the ids of those streams.
    static func defaultBounds(_ loaded: LoadedCase, options: AuditOptions) -> (case: LoadedCase, streams: [String]) {
        func bounded(_ stream: BalanceStream) -> Bool { stream.lower == nil && StreamKindSign.cannotBeNegative(stream.kind) }
        // No copy of the streams when none is bounded (a park of 10⁶ streams of no kind).
        guard !options.allowNegative, loaded.model.streams.contains(where: bounded) else { return (loaded, []) }
        var ids: [String] = []
        let model = loaded.model.mapStreams { stream in
            guard bounded(stream) else { return stream }
            ids.append(stream.id)
            var bounded = stream
            bounded.lower = 0
            return bounded
        }
        var bounded = loaded
        bounded.model = model
        return (bounded, ids)
    }

    /// Component balances, equations or bounds: the nonlinear reconciliation (RECONCILIATION.md §10), reported
    /// with the same document and the nonlinear extensions.
    static func nonlinear(
        _ loaded: LoadedCase, covariance: MeasurementCovariance?, options: AuditOptions, note: String?
    ) throws(ApplicationError) -> AuditOutcome {
        let file = loaded.files.first ?? loaded.name
        if options.solver == .graph || options.solver == .sparse {
            throw ApplicationError(.usage, "--solver \(options.solver.rawValue): this case has component values, equations or bounds, which "
                + "the nonlinear reconciliation solves with the dense projection at each step (use --solver automatic or dense)")
        }
        let outcome: NonlinearReconciliationResult
        do throws(ReconciliationError) {
            outcome = try NonlinearReconciliation.reconcile(
                loaded.model, components: loaded.components, equations: loaded.equations, covariance: covariance,
                options: options.reconciliation())
        } catch {
            throw ApplicationError(error, file: file)
        }
        let warnings = loaded.warnings + (note.map { [$0] } ?? [])
        var report = ReconciliationReport(
            model: outcome.linearisedModel, result: outcome.result, caseName: loaded.name, inputWarnings: warnings)
        report.strategy = options.grossErrors
        report.vdi2048 = options.vdi2048
        report.language = options.language
        report.nonlinear = outcome
        // The budget at the solution, where the reconciliation is linearised; with correlated errors the measurement
        // covariance covers the flows only, not the component values, so there is none.
        if covariance == nil { report.budget = UncertaintyBudget(result: outcome.result) }
        var run = RunRecord(command: .reconcile)
        run.record(outcome.result, options: options, covariance: covariance != nil)
        run.nonlinear = true
        return AuditOutcome(
            command: .reconcile, options: options, run: run, document: .reconciliation(report),
            figures: BatchFigures(reconciliation: outcome.result, streams: loaded.model.streams.count),
            csvWarnings: warnings + outcome.result.warnings, model: loaded.model)
    }
}
