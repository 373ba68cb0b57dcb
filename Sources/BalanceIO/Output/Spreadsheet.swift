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
        /// Columns (0-based) whose numbers are fractions, shown with Excel's percent format `0.00%` (the stored
        /// number is unchanged: 0.7871 shows as 78.71%).
        public internal(set) var percentColumns: Set<Int> = []
        /// Rows (0-based, below the header) whose numbers are fractions: the summary sheet's rates.
        public internal(set) var percentRows: Set<Int> = []

        public init(name: String, columns: [String], rows: [[Cell]]) {
            self.name = name
            self.columns = columns
            self.rows = rows
        }

        /// Single cells whose numbers are fractions (a table that mixes rates and volumes in one column).
        public internal(set) var percentCells: Set<Position> = []

        /// A cell's place: row (0-based, below the header) and column (0-based).
        public struct Position: Sendable, Hashable {
            public var row: Int
            public var column: Int
        }

        /// Whether the number in `row`, `column` is shown as a percentage.
        func isPercent(row: Int, column: Int) -> Bool {
            percentColumns.contains(column) || percentRows.contains(row)
                || (!percentCells.isEmpty && percentCells.contains(Position(row: row, column: column)))
        }
    }

    public internal(set) var sheets: [Sheet]

    /// The figure behind a cell of a report table (the water tables of GB/T 12452, the energy table of GB/T 28751):
    /// what a worksheet stores as a number where the text report shows it rounded.
    public struct Figure: Sendable, Hashable {
        /// The value; `nil` = not determinable (the cell shows —).
        public var value: Double?
        /// Its standard uncertainty, where the result has one.
        public var sigma: Double?
        /// A fraction (a rate, a closure, an efficiency), shown as a percentage.
        public var isFraction: Bool

        public init(value: Double?, sigma: Double? = nil, isFraction: Bool = false) {
            self.value = value
            self.sigma = sigma
            self.isFraction = isFraction
        }
    }

    /// Excel's largest row count, header included (ECMA-376 Part 1 §18.3.1.73: rows 1 … 1,048,576).
    public static let maximumRows = 1_048_576
    /// Excel's longest sheet name.
    static let maximumSheetName = 31
}
