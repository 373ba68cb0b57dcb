import BalanceCore
import BalanceIO

/// `reconcile`: weighted least-squares reconciliation with the global, measurement and nodal tests
/// and the chosen gross-error identification (RECONCILIATION.md §1–7), using `covariance.csv` when
/// the case has one.
enum ReconcileUseCase {
    /// - Complexity: that of the solver (dense O(m³), graph O(p³) for p independent balances).
    static func run(_ loaded: LoadedCase, options: AuditOptions) throws(ApplicationError) -> AuditOutcome {
        let file = loaded.files.first ?? loaded.name
        let covariance: MeasurementCovariance?
        do throws(InputError) {
            covariance = try loaded.measurementCovariance()
        } catch {
            throw ApplicationError(error)
        }
        if NonlinearReconciliation.isNeeded(model: loaded.model, components: loaded.components, equations: loaded.equations) {
            return try nonlinear(loaded, covariance: covariance, options: options)
        }
        let result: ReconciliationResult
        do throws(ReconciliationError) {
            result = try Reconciler.reconcile(loaded.model, covariance: covariance, options: options.reconciliation())
        } catch {
            throw ApplicationError(error, file: file)
        }
        var report = ReconciliationReport(
            model: loaded.model, result: result, caseName: loaded.name, inputWarnings: loaded.warnings)
        report.strategy = options.grossErrors
        report.vdi2048 = options.vdi2048
        var run = RunRecord(command: .reconcile)
        run.record(result, options: options, covariance: covariance != nil)
        return AuditOutcome(
            command: .reconcile, options: options, run: run, document: .reconciliation(report),
            figures: BatchFigures(reconciliation: result, streams: loaded.model.streams.count),
            csvWarnings: loaded.warnings + result.warnings, model: loaded.model)
    }

    /// Component balances, equations or bounds: the nonlinear reconciliation (RECONCILIATION.md §10), reported
    /// with the same document and the nonlinear extensions.
    static func nonlinear(
        _ loaded: LoadedCase, covariance: MeasurementCovariance?, options: AuditOptions
    ) throws(ApplicationError) -> AuditOutcome {
        let file = loaded.files.first ?? loaded.name
        if options.solver == .graph {
            throw ApplicationError(.usage, "--solver graph: this case has component values, equations or bounds, which "
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
        var report = ReconciliationReport(
            model: outcome.linearisedModel, result: outcome.result, caseName: loaded.name, inputWarnings: loaded.warnings)
        report.strategy = options.grossErrors
        report.vdi2048 = options.vdi2048
        report.nonlinear = outcome
        var run = RunRecord(command: .reconcile)
        run.record(outcome.result, options: options, covariance: covariance != nil)
        run.nonlinear = true
        return AuditOutcome(
            command: .reconcile, options: options, run: run, document: .reconciliation(report),
            figures: BatchFigures(reconciliation: outcome.result, streams: loaded.model.streams.count),
            csvWarnings: loaded.warnings + outcome.result.warnings, model: loaded.model)
    }
}
