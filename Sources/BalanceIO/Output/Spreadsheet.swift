/// A result laid out as worksheets: the document the xlsx renderer (``XLSXWriter``) writes, made from the
/// result's JSON document (``init(json:language:)``) so that every command has it and its figures are the JSON's.
///
/// Invariants (checked where the sheets are made): sheet names are unique, at most 31 characters and free of
/// `[]:*?/\` (Excel's rules); every row has at most as many cells as there are columns.
public struct Spreadsheet: Sendable, Hashable {
    /// One cell: a number stays a number (Excel computes with it), a missing value is empty.
    public enum Cell: Sendable, Hashable {
        case number(Double)
        case text(String)
        case bool(Bool)
        /// Not determinable (`null` in the JSON): written as `—`, never as `null`.
        case notDeterminable
        case empty
    }

    /// One worksheet: a header row, then the rows.
    public struct Sheet: Sendable, Hashable {
        public var name: String
        public var columns: [String]
        public var rows: [[Cell]]
    }

    public internal(set) var sheets: [Sheet]

    /// Excel's largest row count, header included (ECMA-376 Part 1 §18.3.1.73: rows 1 … 1,048,576).
    public static let maximumRows = 1_048_576
    /// Excel's longest sheet name.
    static let maximumSheetName = 31
}
