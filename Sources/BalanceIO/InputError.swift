import BalanceCore

/// Bad input data, in the user's terms: the file, line, column and stream to fix, and what is wrong.
///
/// The command-line tool maps it to exit status 65. ``description`` is the form compilers use,
/// `file:line:column: message`, so that editors can jump to it; ``message`` names the column and the
/// stream itself wherever they are known, e.g.
///
///     cases/a/streams.csv:7:5: stream 'S4': sigma '-2' is negative (use 0 for an exactly known value)
///
/// Every `ModelError` raised while building the model is converted with its location
/// kept; the original is in ``modelError``.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it (path joined as given, or the in-memory input's name).
    public var file: String
    /// 1-based physical line, when known.
    public var line: Int?
    /// 1-based column (field index in the row; for encoding and syntax errors see the message), when known.
    public var column: Int?
    /// The header of that column as written in the file, when known.
    public var columnName: String?
    /// The stream concerned, when known.
    public var stream: String?
    /// What is wrong and what to do; names the column and the stream where known.
    public var message: String
    /// The model error this was converted from, if any.
    public var modelError: ModelError?

    public init(
        file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil, stream: String? = nil,
        message: String, modelError: ModelError? = nil
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.stream = stream
        self.message = message
        self.modelError = modelError
    }

    /// Converts a model error, keeping its location; `file` is used when the error has none.
    public init(_ error: ModelError, file: String) {
        let location = error.location
        self.init(
            file: location?.file ?? file, line: location?.line, column: location?.column,
            columnName: location?.columnName, stream: Self.stream(of: error.kind), message: error.message,
            modelError: error)
    }

    /// The worksheet, when the input is a sheet of an `.xlsx` workbook (``file`` is then `book.xlsx[sheet]`).
    public var sheet: String? { Self.workbookSheet(file)?.sheet }

    /// The cell in Excel's notation (`D7`), when the input is a workbook sheet and the row and column are known.
    public var cell: String? {
        guard sheet != nil, let line, let column else { return nil }
        return Workbook.columnName(column) + String(line)
    }

    /// `file:line:column: message`, leaving out what is unknown; for a workbook sheet `book.xlsx: 流股!D7: message`
    /// (or `book.xlsx: 流股 row 7: message` when only the row is known).
    public var description: String {
        if let (book, sheet) = Self.workbookSheet(file) {
            var text = book + ": " + sheet
            if let line { text += cell.map { "!" + $0 } ?? " row \(line)" }
            return text + ": " + message
        }
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text + ": " + message
    }

    /// `book.xlsx[sheet]` → (`book.xlsx`, `sheet`), the name ``CaseFiles`` gives a workbook's sheet.
    static func workbookSheet(_ file: String) -> (book: String, sheet: String)? {
        guard file.hasSuffix("]"), let open = file.lastIndex(of: "[") else { return nil }
        let book = String(file[..<open])
        guard CaseFiles.isWorkbook(book) else { return nil }
        return (book, String(file[file.index(after: open)..<file.index(before: file.endIndex)]))
    }

    /// The stream a model error is about, if it names one.
    static func stream(of kind: ModelError.Kind) -> String? {
        switch kind {
        case let .duplicateStream(id, _): return id
        case let .unknownNode(stream, _): return stream
        case let .unknownStreamInRelation(_, stream): return stream
        case let .notFinite(stream, _): return stream
        case let .negativeUncertainty(stream, _): return stream
        case let .missingUncertainty(stream): return stream
        case let .uncertaintyWithoutValue(stream): return stream
        case let .invalidBounds(stream, _, _): return stream
        case let .invalidLoop(stream, _): return stream
        case let .outOfRange(stream, _, _): return stream
        case let .unknownUnit(stream, _), let .incompatibleTimeBasis(stream, _, _), let .invalidKind(stream, _): return stream
        case let .invalidCovariance(streams, _): return streams.first
        case let .invalidComponent(stream, _, _): return stream
        case let .incompatibleUnits(_, streams), let .missingOperatingTime(streams), let .missingUnit(streams):
            return streams.first.map { String($0.prefix { $0 != " " }) }
        case .duplicateNode, .duplicateRelation, .unknownParent, .parentCycle, .empty, .emptyStreamId, .invalidRelation, .invalidEquation, .other:
            return nil
        }
    }
}
