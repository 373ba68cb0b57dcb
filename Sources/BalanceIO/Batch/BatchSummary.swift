/// The outcome of one case of a batch run: a row of `summary.csv`.
public struct BatchSummaryRow: Sendable, Hashable {
    /// What happened to the case.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// The result was computed and written.
        case ok
        /// The case could not be read or computed, or its result not written; see ``BatchSummaryRow/error``.
        case failed
        /// The result is newer than every input file of the case, so it was not computed again
        /// (`--force` computes it anyway). Its figures are carried over from the previous summary.
        case skipped
    }

    /// The result name (unique within the run).
    public var name: String
    /// ok, failed or skipped.
    public var status: Status
    /// Key figures (empty for a failed case).
    public var figures: BatchFigures
    /// The result file's name inside the output folder (empty when none was written).
    public var output: String
    /// The case as given or found.
    public var input: String
    /// Why the case failed (empty otherwise).
    public var error: BatchCaseError?

    public init(
        name: String, status: Status, figures: BatchFigures = .init(), output: String = "", input: String,
        error: BatchCaseError? = nil
    ) {
        self.name = name
        self.status = status
        self.figures = figures
        self.output = output
        self.input = input
        self.error = error
    }
}

/// `summary.csv`: one row per case, for spreadsheets and scripts (column names are public API).
///
/// | column | meaning |
/// |---|---|
/// | `case` | result name (the case folder's name, made unique) |
/// | `status` | `ok`, `failed` or `skipped` |
/// | `streams` | number of streams |
/// | `dof` | degrees of freedom of the global test |
/// | `chi2` | global test statistic |
/// | `pValue` | p-value of the global test |
/// | `passed` | `yes`/`no`: the global test passed (when the case was reconciled), else every balance closes within the tolerance |
/// | `flagged` | meters failing the measurement test (reconciled), else balances outside the tolerance |
/// | `grossErrors` | identified gross errors, space-separated: stream ids, `leak:NODE` for leaks |
/// | `output` | result file inside the output folder |
/// | `input` | the case folder or streams file |
/// | `errorKind` | `badData`, `computation` or `output` for a failed case |
/// | `error` | the message for a failed case, as the single-case command prints it |
///
/// Empty means "no such figure". Numbers are written with full precision.
public enum BatchSummary {
    /// The file name in the output folder.
    public static let fileName = "summary.csv"

    /// The header row.
    public static let columns = [
        "case", "status", "streams", "dof", "chi2", "pValue", "passed", "flagged", "grossErrors", "output", "input",
        "errorKind", "error",
    ]

    /// The CSV text of `rows` (RFC 4180, CRLF, as the other CSV outputs).
    public static func csv(_ rows: [BatchSummaryRow]) -> String {
        var writer = CSVWriter()
        writer.writeRecord(columns)
        for row in rows {
            let f = row.figures
            var fields: [String] = [row.name, row.status.rawValue]
            fields.append(f.streams.map(String.init) ?? "")
            fields.append(f.dof.map(String.init) ?? "")
            fields.append(f.chiSquared.map { "\($0)" } ?? "")
            fields.append(f.pValue.map { "\($0)" } ?? "")
            fields.append(f.passed.map { $0 ? "yes" : "no" } ?? "")
            fields.append(f.flagged.map(String.init) ?? "")
            fields.append(f.grossErrors.joined(separator: " "))
            fields.append(row.output)
            fields.append(row.input)
            fields.append(row.error?.kind.rawValue ?? "")
            fields.append(row.error?.message ?? "")
            writer.writeRecord(fields)
        }
        return writer.text
    }

    /// Reads a summary written by ``csv(_:)`` (for carrying figures of skipped cases over); rows that
    /// do not parse are left out, and a file that does not parse gives no rows.
    public static func parse(_ bytes: [UInt8]) -> [BatchSummaryRow] {
        guard let table = try? CSVParser.parse(bytes), let header = table.first.map(Array.init) else { return [] }
        var index: [String: Int] = [:]
        for (i, name) in header.enumerated() { index[name] = i }
        guard index["case"] != nil, index["status"] != nil else { return [] }
        var rows: [BatchSummaryRow] = []
        for record in table.dropFirst() {
            let fields = Array(record)
            func field(_ name: String) -> String {
                guard let i = index[name], i < fields.count else { return "" }
                return fields[i]
            }
            guard let status = BatchSummaryRow.Status(rawValue: field("status")), !field("case").isEmpty else { continue }
            let passed = field("passed")
            let figures = BatchFigures(
                streams: Int(field("streams")), dof: Int(field("dof")), chiSquared: Double(field("chi2")),
                pValue: Double(field("pValue")), passed: passed == "yes" ? true : passed == "no" ? false : nil,
                flagged: Int(field("flagged")),
                grossErrors: field("grossErrors").split(separator: " ").map(String.init))
            let error = BatchCaseError.Kind(rawValue: field("errorKind")).map { BatchCaseError($0, field("error")) }
            rows.append(BatchSummaryRow(
                name: field("case"), status: status, figures: figures, output: field("output"), input: field("input"),
                error: error))
        }
        return rows
    }
}
