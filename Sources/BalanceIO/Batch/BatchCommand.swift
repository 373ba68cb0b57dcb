import BalanceCore

/// A command that `balance batch` runs on every case: a function from a loaded case to the bytes of
/// its result and the key figures that go into `summary.csv`.
///
/// The batch runner knows nothing of the commands themselves: the application layer
/// (`BalanceApplication`) makes one ``BatchCommand`` per use case, so that a batch result is the
/// single-case command's result byte for byte.
///
/// The function runs on worker threads, many cases at once: it must not touch shared mutable state.
public struct BatchCommand: Sendable {
    /// The body of a command: one loaded case in, the result text and figures out.
    public typealias Body = @Sendable (LoadedCase, BatchSettings) throws(BatchCaseError) -> BatchCaseResult

    /// The name given to `--command` (`reconcile`, `check`, …).
    public var name: String
    /// One line for the help text.
    public var abstract: String
    /// Output formats the command can write.
    public var formats: [BatchFormat]
    /// Computes the result of one case.
    public var body: Body

    public init(name: String, abstract: String, formats: [BatchFormat] = BatchFormat.allCases, body: @escaping Body) {
        self.name = name
        self.abstract = abstract
        self.formats = formats
        self.body = body
    }

    /// Runs the command on one case.
    public func run(_ loaded: LoadedCase, settings: BatchSettings) throws(BatchCaseError) -> BatchCaseResult {
        try body(loaded, settings)
    }
}

/// The file format of each case's result; the formats of `balance reconcile --format`.
public enum BatchFormat: String, Sendable, Hashable, CaseIterable {
    /// The JSON document of FORMATS.md (the contract; default).
    case json
    /// CSV, one row per stream or balance.
    case csv
    /// A Markdown report.
    case markdown
    /// The plain-text report `balance` prints on a terminal.
    case table
    /// An Excel workbook: a summary sheet and one sheet per table of the JSON document (FORMATS.md §5.11).
    case xlsx
    /// HTML: the audit report of `balance report` (the other commands refuse it).
    case html
    /// PDF: the audit report's HTML printed by headless Chromium (`balance report` only).
    case pdf

    /// File extension of a result in this format (`json`, `csv`, `md`, `txt`, `xlsx`, `html`, `pdf`).
    public var fileExtension: String {
        switch self {
        case .json: return "json"
        case .csv: return "csv"
        case .markdown: return "md"
        case .table: return "txt"
        case .xlsx: return "xlsx"
        case .html: return "html"
        case .pdf: return "pdf"
        }
    }
}

/// The options of one batch run that the runner itself reads; the command's own options are part
/// of the ``BatchCommand``.
public struct BatchSettings: Sendable, Hashable {
    /// Format of every result file.
    public var format: BatchFormat

    public init(format: BatchFormat = .json) {
        self.format = format
    }
}

/// What a command computed for one case.
public struct BatchCaseResult: Sendable {
    /// The result file's contents, UTF-8.
    public var utf8: [UInt8]
    /// The key figures for `summary.csv`.
    public var figures: BatchFigures

    /// A result from its text.
    public init(text: String, figures: BatchFigures) {
        self.init(utf8: Array(text.utf8), figures: figures)
    }

    /// A result from its UTF-8 bytes.
    public init(utf8: [UInt8], figures: BatchFigures) {
        self.utf8 = utf8
        self.figures = figures
    }

    /// The result file's contents.
    public var text: String { String(decoding: utf8, as: UTF8.self) }
}

/// The key figures of one case in `summary.csv`; `nil` where a command has no such figure.
public struct BatchFigures: Sendable, Hashable {
    /// Number of streams.
    public var streams: Int?
    /// Degrees of freedom of the global test (rank of the reduced constraints).
    public var dof: Int?
    /// Global test statistic χ².
    public var chiSquared: Double?
    /// p-value of the global test.
    public var pValue: Double?
    /// The global test passed (when the case was reconciled), else every balance within tolerance.
    public var passed: Bool?
    /// Meters failing the measurement test (when reconciled), else balances outside the tolerance.
    public var flagged: Int?
    /// Identified gross errors: stream ids of biased meters, `leak:NODE` for leaks.
    public var grossErrors: [String]

    public init(
        streams: Int? = nil, dof: Int? = nil, chiSquared: Double? = nil, pValue: Double? = nil, passed: Bool? = nil,
        flagged: Int? = nil, grossErrors: [String] = []
    ) {
        self.streams = streams
        self.dof = dof
        self.chiSquared = chiSquared
        self.pValue = pValue
        self.passed = passed
        self.flagged = flagged
        self.grossErrors = grossErrors
    }
}

/// Why one case of a batch failed. The run goes on; the case is reported in `summary.csv`.
public struct BatchCaseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of failure, which decides the exit status of the whole run.
    public enum Kind: String, Sendable, Hashable {
        /// Bad input data (exit status 65).
        case badData
        /// An option that does not fit the case (exit status 64).
        case usage
        /// A computation failed (exit status 1).
        case computation
        /// The result could not be written (exit status 1).
        case output
    }

    public var kind: Kind
    /// What is wrong, in the words of the single-case commands (file:line:column: message).
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// Exit status for this kind of failure (sysexits.h, as the single-case commands).
    public var exitStatus: Int32 {
        switch kind {
        case .badData: return 65
        case .usage: return 64
        case .computation, .output: return 1
        }
    }
}

extension BatchFigures {
    /// The figures of a reconciliation (global test, flagged meters, gross errors), or only the stream
    /// count when there was none.
    public init(reconciliation: ReconciliationResult?, streams: Int) {
        guard let result = reconciliation else {
            self.init(streams: streams)
            return
        }
        let global = result.globalTest
        self.init(
            streams: streams, dof: global.dof, chiSquared: global.statistic, pValue: global.pValue,
            passed: global.passed, flagged: result.streams.filter(\.flagged).count,
            grossErrors: result.grossErrors.map { $0.kind == .leak ? "leak:\($0.location)" : $0.location })
    }
}
