import BalanceCore
import BalanceIO
import BalanceReport
import BalanceStandards

/// The formats every command renders (`--format`).
public typealias ReportFormat = BatchFormat

/// What one command computed, ready to render: the report document, the figures for a batch summary,
/// and the record of the options that were actually used.
///
/// Every front end renders the same outcome with ``render(_:)``, so the JSON of `balance COMMAND`,
/// `balance batch --command COMMAND` and the C interface are the same bytes.
///
/// A class, immutable after it is made: front ends pass it around without copying the reports.
public final class AuditOutcome: Sendable {
    /// The report of each command.
    public enum Document: Sendable {
        case reconciliation(ReconciliationReport)
        case check(CheckReport)
        case water(WaterReport)
        case energy(EnergyReport)
        case material(MaterialReport)
        case savings(SavingsReport)
        case simulation(SimulationReport)
        case advice(AdviceReport)
        case comparison(ComparisonReport)
        /// The audit report and the user's template (`nil`: the built-in one of the format).
        case report(AuditReport, template: ReportTemplate?)
    }

    /// The command that ran.
    public let command: AuditCommand
    /// The options as given (after validation).
    public let options: AuditOptions
    /// What was actually used: strategy, solver, covariance, coefficient set, mode.
    public let run: RunRecord
    /// The report.
    public let document: Document
    /// The key figures for `summary.csv`.
    public let figures: BatchFigures
    /// The messages a CSV result cannot carry (the command line prints them on standard error).
    public let csvWarnings: [String]
    /// The case's model, for the diagrams (`nil` for savings).
    let model: BalanceModel?
    /// The JSON document (see ``json()``).
    private let jsonDocument: JSONValue

    init(
        command: AuditCommand, options: AuditOptions, run: RunRecord, document: Document, figures: BatchFigures,
        csvWarnings: [String], model: BalanceModel?
    ) {
        self.command = command
        self.options = options
        self.run = run
        self.document = document
        self.figures = figures
        self.csvWarnings = csvWarnings
        self.model = model
        self.jsonDocument = Self.makeJSON(document, run: run)
    }

    /// The result in `format`: text formats UTF-8 ending with a newline, `xlsx` the bytes of the workbook.
    /// - Throws: ``ApplicationError`` (output, exit 1) only for `xlsx`, when the workbook cannot be written (a sheet
    ///   beyond Excel's 1,048,576 rows, no temporary file).
    /// - Complexity: O(size of the result).
    public func render(_ format: ReportFormat) throws(ApplicationError) -> [UInt8] {
        if case let .report(report, template) = document { return try renderReport(report, template: template, format: format) }
        var bytes: [UInt8]
        switch format {
        case .html, .pdf:
            throw ApplicationError(.usage, "--format \(format.rawValue) is the format of `balance report` (the audit report); "
                + "`\(command.rawValue)` writes table, json, csv, markdown or xlsx")
        case .xlsx:
            do throws(XLSXWriter.WriteError) {
                // A water balance opens with the tables of GB/T 12452 (as the text report lays them out), numbers as numbers.
                if case let .water(report) = document {
                    return try XLSXWriter.data(Spreadsheet(json: json(), waterTables: report.tables, language: options.language))
                }
                // An energy balance opens with the GB/T 28751 table (as the text report lays it out).
                if case let .energy(report) = document {
                    return try XLSXWriter.data(Spreadsheet(json: json(), energy: report, language: options.language))
                }
                return try XLSXWriter.data(Spreadsheet(json: json(), language: options.language))
            } catch {
                throw ApplicationError(.output, error.description)
            }
        case .json:
            return renderJSON()
        case .csv:
            if case .reconciliation = document { return renderStreamed(.csv, chunkSize: .max) }
            bytes = Array(text(csv: true).utf8)
        case .markdown, .table:
            bytes = Array(text(markdown: format == .markdown).utf8)
        }
        if bytes.last != 0x0A { bytes.append(0x0A) }
        return bytes
    }

    /// ``render(_:)`` in JSON, which cannot fail: the document of FORMATS.md, UTF-8, ending with a newline.
    /// - Complexity: O(size of the result).
    public func renderJSON() -> [UInt8] { renderStreamed(.json, chunkSize: .max) }

    /// ``render(_:)`` in pieces: `deliver` receives the bytes each time about `chunkSize` have accumulated, and the
    /// rest at the end; together they are the bytes of ``render(_:)``.
    ///
    /// JSON (every command) and the reconciliation's CSV are made as they are delivered, one row at a time, so the
    /// extra memory of writing a result of 10⁶ streams is one chunk (issue 12, Deliver 3); the other formats are
    /// made whole and delivered at once.
    /// - Throws: as ``render(_:)``, before anything is delivered.
    /// - Complexity: O(size of the result).
    public func render(_ format: ReportFormat, chunkSize: Int = 1 << 20, to deliver: ([UInt8]) -> Void) throws(ApplicationError) {
        switch (format, document) {
        case (.json, _), (.csv, .reconciliation): renderStreamed(format, chunkSize: chunkSize, to: deliver)
        default: deliver(try render(format))
        }
    }

    /// The formats made as they are written: JSON and the reconciliation's CSV. With `chunkSize` `.max` the bytes come
    /// back whole, as one array.
    private func renderStreamed(_ format: ReportFormat, chunkSize: Int) -> [UInt8] {
        if format == .json, chunkSize == .max {
            // One piece (the batch, C, Python): one buffer that grows as needed, the newline appended in place — not the
            // megabyte a streamed writer reserves, nor a copy to add the newline.
            return json().serializedBytes(indent: 2, newline: true)
        }
        var whole: [UInt8] = []
        renderStreamed(format, chunkSize: chunkSize) { piece in
            if whole.isEmpty { whole = piece } else { whole.append(contentsOf: piece) }
        }
        return whole
    }

    private func renderStreamed(_ format: ReportFormat, chunkSize: Int, to deliver: ([UInt8]) -> Void) {
        if format == .csv, case let .reconciliation(report) = document {
            report.csv(chunkSize: chunkSize, to: deliver)  // records end with CRLF: no newline to add
            return
        }
        json().serialize(chunkSize: chunkSize, to: deliver)
        deliver([0x0A])
    }

    /// The JSON document of FORMATS.md with the ``RunRecord`` as the last key, `"run"`; built once, when
    /// the outcome is made (the application checks its figures, and every front end renders it).
    public func json() -> JSONValue { jsonDocument }

    /// The document, built from the report and the run record.
    static func makeJSON(_ document: Document, run: RunRecord) -> JSONValue {
        let json: JSONValue
        switch document {
        case let .reconciliation(r): json = r.json()
        case let .check(r): json = r.json()
        case let .water(r): json = r.json()
        case let .energy(r): json = r.json()
        case let .material(r): json = r.json()
        case let .savings(r): json = r.json()
        case let .simulation(r): json = r.json()
        case let .advice(r): json = r.json()
        case let .comparison(r): json = r.json()
        case let .report(r, _): json = r.json()
        }
        guard case var .object(members) = json else { return json }
        members.append(("run", run.json()))
        return .object(members)
    }

    private func text(csv: Bool = false, markdown: Bool = false) -> String {
        let bom = options.byteOrderMark
        switch document {
        case let .reconciliation(r): return csv ? r.csv() : markdown ? r.markdown() : r.table()
        case let .check(r): return csv ? r.csv() : markdown ? r.markdown() : r.table()
        case let .water(r): return csv ? r.csv(includeByteOrderMark: bom) : markdown ? r.markdown() : r.table()
        case let .energy(r): return csv ? r.csv(includeByteOrderMark: bom) : markdown ? r.markdown() : r.table()
        case let .material(r): return csv ? r.csv(includeByteOrderMark: bom) : markdown ? r.markdown() : r.table()
        case let .savings(r): return csv ? r.csv(includeByteOrderMark: bom) : markdown ? r.markdown() : r.table()
        case let .simulation(r): return csv ? r.csv() : markdown ? r.markdown() : r.table()
        case let .advice(r): return csv ? r.csv() : markdown ? r.markdown() : r.table()
        case let .comparison(r): return csv ? r.csv(includeByteOrderMark: bom) : markdown ? r.markdown() : r.table()
        case let .report(r, template): return (template ?? .builtIn(.markdown)).render(r)
        }
    }

    /// The water balance diagram (水平衡图) of a `water` outcome as SVG, else `nil`.
    public func waterDiagramSVG() -> String? {
        guard case let .water(report) = document else { return nil }
        return WaterBalanceDiagram(report: report).svg()
    }

    /// The water balance diagram of a `water` outcome as Graphviz DOT, else `nil`.
    public func waterDiagramDOT() -> String? {
        guard case let .water(report) = document else { return nil }
        return WaterBalanceDiagram(report: report).dot()
    }

    /// The Sankey diagram of an `energy` or `material` outcome as SVG (a material one in
    /// ``AuditOptions/sankeyComponent`` when given), else `nil`.
    public func sankeySVG() -> String? {
        switch document {
        case let .energy(report):
            return SankeyDiagram.energy(report.result, caseName: report.caseName, language: options.language).svg()
        case let .material(report):
            guard let model else { return nil }
            return SankeyDiagram.material(
                report.result, model: model, caseName: report.caseName, language: options.language,
                component: options.sankeyComponent
            ).svg()
        default:
            return nil
        }
    }
}

/// The options a command actually used, recorded in every outcome and written as the JSON key
/// `"run"` (FORMATS.md §2.6): what a reader needs to reproduce the figures.
public struct RunRecord: Sendable, Hashable {
    /// The command.
    public let command: AuditCommand
    /// `reconciled` (weighted least squares), `exact` (values as given), or `nil` where neither applies.
    public internal(set) var mode: String?
    /// Significance level of the tests, when the command tested anything.
    public internal(set) var alpha: Double?
    /// The gross-error strategy that ran (`nil` when the data were not reconciled).
    public internal(set) var grossErrors: ReconciliationOptions.GrossErrorStrategy?
    /// The solver that was asked for.
    public internal(set) var solverRequested: ReconciliationOptions.Solver?
    /// The solver that actually solved (dense, graph, or sparse: the graph reduction factored by CHOLMOD).
    public internal(set) var solver: ReconciliationOptions.Solver?
    /// Whether a measurement covariance (covariance.csv) was used.
    public internal(set) var covariance: Bool?
    /// The coefficient set (energy, savings): an edition or the path of a coefficients.csv.
    public internal(set) var coefficients: String?
    /// Closure tolerance used (check, energy, material), as a fraction.
    public internal(set) var tolerance: Double?
    /// `true` when the nonlinear (or bounded) reconciliation ran: component balances, equations or bounds.
    public internal(set) var nonlinear: Bool?

    init(command: AuditCommand) { self.command = command }

    /// The record as JSON; absent fields are left out.
    public func json() -> JSONValue {
        var members: [(String, JSONValue)] = [("command", .string(command.rawValue))]
        if let mode { members.append(("mode", .string(mode))) }
        if let alpha { members.append(("alpha", .number(alpha))) }
        if let grossErrors { members.append(("grossErrors", .string(grossErrors.rawValue))) }
        if let solverRequested { members.append(("solverRequested", .string(solverRequested.rawValue))) }
        if let solver { members.append(("solver", .string(solver.rawValue))) }
        if let covariance { members.append(("covariance", .bool(covariance))) }
        if let coefficients { members.append(("coefficients", .string(coefficients))) }
        if let tolerance { members.append(("tolerance", .number(tolerance))) }
        if let nonlinear { members.append(("nonlinear", .bool(nonlinear))) }
        return .object(members)
    }

    /// Records a reconciliation that ran (or `nil`: exact mode).
    mutating func record(_ result: ReconciliationResult?, options: AuditOptions, covariance: Bool) {
        guard let result else {
            mode = "exact"
            return
        }
        mode = "reconciled"
        alpha = options.alpha
        grossErrors = options.grossErrors
        solverRequested = options.solver
        solver = result.solution.solver
        self.covariance = covariance
    }
}
