import BalanceCore
import BalanceIO
import BalanceStandards

/// `water`: the GB/T 12452 water balance — tables, indicators (with uncertainties when the case is
/// reconciled), closures per unit and against the boundary meter (docs/WATER.md).
enum WaterUseCase {
    /// - Complexity: that of the reconciliation (or the exact balance) plus O(streams) for the tables.
    static func run(_ loaded: LoadedCase, options: AuditOptions) throws(ApplicationError) -> AuditOutcome {
        let file = loaded.files.first ?? loaded.name
        var parameters = WaterBalanceParameters(
            unitClosureTolerance: options.unitTolerance, boundaryClosureTolerance: options.boundaryTolerance,
            alpha: options.alpha)
        parameters.outputValue = options.outputValue
        parameters.staff = options.staff
        let result: WaterBalanceResult
        do throws(WaterBalanceError) {
            result = try WaterBalance.analyze(
                loaded.model, parameters: parameters,
                production: options.production.map { WaterProduction(quantity: $0, unit: options.productionUnit) },
                mode: options.exact ? .exact : nil)
        } catch {
            throw ApplicationError(error, file: file)
        }
        var report = WaterReport(
            result: result, caseName: loaded.name, language: WaterReportLanguage(options.language),
            benchmark: try options.waterBenchmark(), inputWarnings: loaded.warnings)
        report.title = options.title
        var figures = BatchFigures(reconciliation: result.reconciliation, streams: loaded.model.streams.count)
        if result.reconciliation == nil {
            figures.passed = result.closuresPass
            figures.flagged = result.unitClosures.filter { !$0.withinTolerance }.count
                + (result.boundaryCheck?.withinTolerance == false ? 1 : 0)
        }
        var run = RunRecord(command: .water)
        run.record(result.reconciliation, options: options, covariance: false)
        run.tolerance = options.unitTolerance
        return AuditOutcome(
            command: .water, options: options, run: run, document: .water(report), figures: figures,
            csvWarnings: report.warnings, model: loaded.model)
    }
}

extension WaterReportLanguage {
    /// The water report's language for a label language.
    init(_ language: LabelLanguage) {
        self = language == .en ? .en : .zh
    }
}
