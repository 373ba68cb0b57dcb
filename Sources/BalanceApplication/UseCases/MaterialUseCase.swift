import BalanceCore
import BalanceIO
import BalanceStandards

/// `material`: the material and component balance of an audit focus unit (±5 % closure, STANDARDS.md §8).
enum MaterialUseCase {
    /// - Complexity: that of the reconciliation (or the exact balance) plus O(streams × components).
    static func run(_ loaded: LoadedCase, options: AuditOptions) throws(ApplicationError) -> AuditOutcome {
        let file = loaded.files.first ?? loaded.name
        let materialOptions = MaterialBalanceOptions(
            tolerance: options.tolerance, reactive: Set(options.reactive), density: options.density,
            reconciliation: options.reconciliation())
        let result: MaterialBalanceResult
        do throws(MaterialError) {
            result = try MaterialBalance.compute(
                loaded.model, concentrations: loaded.materialConcentrations, options: materialOptions)
        } catch {
            throw ApplicationError(error, file: file)
        }
        if let component = options.sankeyComponent, !result.components.contains(where: { $0.component == component }) {
            throw ApplicationError(.usage, "--sankey-component '\(component)' is not a component of components.csv "
                + "(components: " + result.components.map(\.component).joined(separator: ", ") + ")")
        }
        let report = MaterialReport(
            result: result, caseName: loaded.name, language: options.language, inputWarnings: loaded.warnings)
        var figures = BatchFigures(reconciliation: result.reconciliation, streams: loaded.model.streams.count)
        if result.reconciliation == nil {
            let checks = [result.totals.withinTolerance] + result.components.map(\.withinTolerance)
            figures.passed = !checks.contains(false)
            figures.flagged = checks.filter { $0 == false }.count
        }
        var run = RunRecord(command: .material)
        run.record(result.reconciliation, options: options, covariance: false)
        run.tolerance = options.tolerance
        return AuditOutcome(
            command: .material, options: options, run: run, document: .material(report), figures: figures,
            csvWarnings: report.notes, model: loaded.model)
    }
}
