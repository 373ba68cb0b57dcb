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
    static func run(_ loaded: LoadedCase, options reportOptions: AuditOptions) throws(ApplicationError) -> AuditOutcome {
        // The commands it runs return their documents (the report's own format is the caller's); the mapping file
        // is the comparison's.
        var options = reportOptions
        options.format = nil
        options.streamMap = nil
        let template = try options.template.map { path throws(ApplicationError) in try loadTemplate(path) }
        let chapterCommand = options.comparedBalance.flatMap { chapterCommands[$0] }
        // The streams are reconciled as `reconcile` does, except where that command does not apply: an energy case
        // (carriers in different units, reconciled in tce by `energy` itself, whose global test the report shows) and
        // a chapter on data without uncertainties (the standard's exact mode: no reconciliation to report).
        let uncertain = options.defaultUncertainty != nil || loaded.model.streams.allSatisfy { $0.value == nil || $0.sigma != nil }
        let reconciled = chapterCommand == nil || (chapterCommand != .energy && uncertain)
            ? try Application.run(.reconcile, case: loaded, options: options) : nil
        var parts = AuditReport.Parts(caseName: loaded.name, language: options.language, reconciliation: reconciled?.json())
        parts.title = options.title
        parts.period = options.period
        parts.nodes = loaded.model.nodes.count
        var chapter: AuditOutcome?
        if let balance = options.comparedBalance, let command = chapterCommand {
            let outcome = try Application.run(command, case: loaded, options: options)
            parts.balance = balance
            parts.chapter = outcome.json()
            parts.diagramSVG = command == .water ? outcome.waterDiagramSVG() : outcome.sankeySVG()
            chapter = outcome
        }
        if let after = options.afterCase {
            var compared = options
            compared.streamMap = reportOptions.streamMap
            if let balance = options.comparedBalance, !CompareUseCase.balances.contains(balance) { compared.comparedBalance = nil }
            let comparison = try CompareUseCase.run(
                before: loaded, after: try Application.load(after, options: options), options: compared)
            parts.comparison = comparison.json()
        }
        // The record and the batch figures of the reconciliation, else of the chapter (one of them always ran).
        let source = reconciled ?? chapter
        var run = RunRecord(command: .report)
        run.mode = source?.run.mode
        run.alpha = source?.run.alpha
        run.grossErrors = source?.run.grossErrors
        run.solverRequested = source?.run.solverRequested
        run.solver = source?.run.solver
        run.covariance = source?.run.covariance
        run.coefficients = chapter?.run.coefficients
        run.nonlinear = source?.run.nonlinear
        let report = AuditReport(parts)
        return AuditOutcome(
            command: .report, options: reportOptions, run: run, document: .report(report, template: template),
            figures: source?.figures ?? BatchFigures(streams: loaded.model.streams.count), csvWarnings: [], model: loaded.model)
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
