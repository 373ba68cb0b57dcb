/// Where a piece of input came from: a file, a 1-based line and, when known, a 1-based column.
///
/// `BalanceCore` does no I/O; it only carries locations so that every error about a stream can
/// name the file and line the user has to fix.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file path as the user gave it.
    public var file: String
    /// 1-based line number (the header is line 1).
    public var line: Int
    /// 1-based column number, or `nil` when the whole row is meant.
    public var column: Int?
    /// The column's header name, when the location points at one field.
    public var columnName: String?

    public init(file: String, line: Int, column: Int? = nil, columnName: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
    }

    /// `file:line` or `file:line:column (name)`, the form compilers use so that editors can jump to it.
    public var description: String {
        var text = "\(file):\(line)"
        if let column { text += ":\(column)" }
        if let columnName { text += " (column '\(columnName)')" }
        return text
    }
}
