import BalanceCore
import BalanceIO
import BalanceStandards

/// `advise`: meters that make unobservable streams observable, and new or improved meters ranked by
/// the exact variance reduction of the target streams.
enum AdviseUseCase {
    /// - Complexity: O(candidates × one dense solve) with targets, one observability analysis without.
    static func run(_ loaded: LoadedCase, options: AuditOptions) throws(ApplicationError) -> AuditOutcome {
        let file = loaded.files.first ?? loaded.name
        let observability: [MeterAdvice.Observability]
        var candidates: [MeterAdvice.UncertaintyCandidate] = []
        var budget: UncertaintyBudget?
        do throws(ReconciliationError) {
            observability = try MeterAdvice.observability(loaded.model)
            if !options.targets.isEmpty {
                // Values that no meter gave (estimates, quotas, design data) are tried with a new meter instead.
                let estimates = Set(loaded.model.streams.filter { stream in
                    [.estimated, .quota, .design].contains(DataSourceCategory(source: stream.source))
                }.map(\.id))
                let (relative, absolute): (Double?, Double?)
                switch options.newMeterUncertainty {
                case let .relative(fraction): (relative, absolute) = (fraction, nil)
                case let .absolute(sigma): (relative, absolute) = (nil, sigma)
                }
                candidates = try MeterAdvice.uncertainty(
                    loaded.model, targets: options.targets, newMeterRelativeSigma: relative, newMeterAbsoluteSigma: absolute,
                    improvementFactor: options.improvementFactor, estimates: estimates)
                // The targets' budget as the data stand, on the same problem the ranking solves (independent errors).
                var current = options.reconciliation(fullCovariance: true)
                current.grossErrors = .none
                budget = UncertaintyBudget(result: try Reconciler.reconcile(loaded.model, options: current))
            }
        } catch {
            throw ApplicationError(error, file: file)
        }
        var report = AdviceReport(
            model: loaded.model, caseName: loaded.name, observability: observability, targets: options.targets,
            candidates: candidates, top: options.top)
        report.language = options.language
        report.budget = budget
        return AuditOutcome(
            command: .advise, options: options, run: RunRecord(command: .advise), document: .advice(report),
            figures: BatchFigures(streams: loaded.model.streams.count), csvWarnings: [], model: loaded.model)
    }
}
