import BalanceCore
import BalanceIO

/// `advise`: meters that make unobservable streams observable, and new or improved meters ranked by
/// the exact variance reduction of the target streams.
enum AdviseUseCase {
    /// - Complexity: O(candidates × one dense solve) with targets, one observability analysis without.
    static func run(_ loaded: LoadedCase, options: AuditOptions) throws(ApplicationError) -> AuditOutcome {
        let file = loaded.files.first ?? loaded.name
        let observability: [MeterAdvice.Observability]
        var candidates: [MeterAdvice.UncertaintyCandidate] = []
        do throws(ReconciliationError) {
            observability = try MeterAdvice.observability(loaded.model)
            if !options.targets.isEmpty {
                switch options.newMeterUncertainty {
                case let .relative(fraction):
                    candidates = try MeterAdvice.uncertainty(
                        loaded.model, targets: options.targets, newMeterRelativeSigma: fraction,
                        improvementFactor: options.improvementFactor)
                case let .absolute(sigma):
                    candidates = try MeterAdvice.uncertainty(
                        loaded.model, targets: options.targets, newMeterRelativeSigma: 1e-300,
                        newMeterAbsoluteSigma: sigma, improvementFactor: options.improvementFactor)
                }
            }
        } catch {
            throw ApplicationError(error, file: file)
        }
        var report = AdviceReport(
            model: loaded.model, caseName: loaded.name, observability: observability, targets: options.targets,
            candidates: candidates, top: options.top)
        report.language = options.language
        return AuditOutcome(
            command: .advise, options: options, run: RunRecord(command: .advise), document: .advice(report),
            figures: BatchFigures(streams: loaded.model.streams.count), csvWarnings: [], model: loaded.model)
    }
}
