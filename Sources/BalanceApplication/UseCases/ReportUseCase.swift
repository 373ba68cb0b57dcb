import BalanceCore
import BalanceIO
import BalanceReport

/// `report`: the balance chapter of an audit report (``AuditReport``; FORMATS.md §5.13) — the case reconciled as
/// `reconcile` does, with `--balance` its `water`, `energy` or `material` balance and diagram, with `--after` the
/// `compare` of this case and the one after an option — each run through this application layer exactly as its own
/// command runs, so that every figure of the report is the figure that command reports.
enum ReportUseCase {
    /// The chapters and the command that computes each.
    static let chapterCommands: [String: AuditCommand] = ["water": .water, "energy": .energy, "material": .material]

    /// - Complexity: that of the reconciliation, the chapter's command and (with `--after`) a second reconciliation;
    ///   plus O(size of the documents) to assemble the report.
    static func run(_ loaded: LoadedCase, options: AuditOptions) throws(ApplicationError) -> AuditOutcome {
        let template = try options.template.map { path throws(ApplicationError) in try loadTemplate(path) }
        let reconciled = try Application.run(.reconcile, case: loaded, options: options)
        var parts = AuditReport.Parts(caseName: loaded.name, language: options.language, reconciliation: reconciled.json())
        parts.title = options.title
        parts.period = options.period
        if let balance = options.comparedBalance, let command = chapterCommands[balance] {
            let chapter = try Application.run(command, case: loaded, options: options)
            parts.balance = balance
            parts.chapter = chapter.json()
            parts.diagramSVG = command == .water ? chapter.waterDiagramSVG() : chapter.sankeySVG()
        }
        if let after = options.afterCase {
            var compared = options
            if let balance = options.comparedBalance, !CompareUseCase.balances.contains(balance) { compared.comparedBalance = nil }
            let comparison = try CompareUseCase.run(
                before: loaded, after: try Application.load(after, options: options), options: compared)
            parts.comparison = comparison.json()
        }
        var run = RunRecord(command: .report)
        run.mode = reconciled.run.mode
        run.alpha = reconciled.run.alpha
        run.grossErrors = reconciled.run.grossErrors
        run.solverRequested = reconciled.run.solverRequested
        run.solver = reconciled.run.solver
        run.covariance = reconciled.run.covariance
        run.nonlinear = reconciled.run.nonlinear
        let report = AuditReport(parts)
        return AuditOutcome(
            command: .report, options: options, run: run, document: .report(report, template: template),
            figures: reconciled.figures, csvWarnings: [], model: loaded.model)
    }

    /// The user's template file, parsed.
    /// - Throws: bad data (65) for a file that cannot be read, is not UTF-8 or does not parse (with line and column).
    static func loadTemplate(_ path: String) throws(ApplicationError) -> ReportTemplate {
        do throws(ReportTemplate.LoadError) {
            return try ReportTemplate(file: path)
        } catch {
            throw ApplicationError(.badData, error.description)
        }
    }
}
