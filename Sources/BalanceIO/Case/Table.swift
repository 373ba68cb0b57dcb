import BalanceCore

/// A case file after header matching: which field holds which column, and the data rows, trimmed.
///
/// Header names are matched case-insensitively after trimming white space, against each column's
/// English name and aliases. An unknown or empty header is a warning and its column is ignored; a
/// column named twice (also through two aliases), or a missing required column, is an error.
/// Rows whose fields are all empty (blank lines, Excel's trailing `,,,,` rows) are skipped; a row with
/// fewer fields than the header has empty trailing fields; one with more is an error.
struct Table<Column: TableColumn> {
    let file: String
    /// Field index (0-based) of each recognised column.
    let index: [Column: Int]
    /// The headers as written (trimmed), by field index.
    let headers: [String]
    let headerLine: Int
    let rows: [Row<Column>]
    /// The unit written in brackets after a numeric column's header (`测量值（m³/d）`), if any.
    let headerUnit: String?

    /// `name` split as `base (inside)` or `base（inside）`, both parts trimmed and non-empty.
    static func bracketed(_ name: String) -> (base: String, inside: String)? {
        guard let last = name.last, last == ")" || last == "）",
              let open = name.lastIndex(where: { $0 == "(" || $0 == "（" }) else { return nil }
        let base = Text.trim(String(name[..<open]))
        let inside = Text.trim(String(name[name.index(after: open)..<name.index(before: name.endIndex)]))
        guard !base.isEmpty && !inside.isEmpty else { return nil }
        return (base, inside)
    }

    init(file: String, csv: CSVTable, warnings: inout [String]) throws(InputError) {
        guard let header = csv.first else {
            throw InputError(file: file, line: 1, message: "the file is empty: expected a header row such as "
                + Column.allCases.prefix(5).map(\.rawValue).joined(separator: ","))
        }
        self.file = file
        headerLine = header.line
        headers = header.map { Text.trim($0) }

        let lookup = Column.headerLookup
        var index: [Column: Int] = [:]
        var seen: [String: Int] = [:]
        var unit: (text: String, column: Int)?
        for (k, name) in headers.enumerated() {
            var key = Text.headerKey(name)
            if key.isEmpty { continue }  // warned below if the column holds anything
            // `测量值（m³/d）`, `value (m3/d)`: the name before the brackets, the unit inside (numeric columns only).
            if lookup[key] == nil, let (base, inside) = Self.bracketed(name), let column = lookup[Text.headerKey(base)],
               column.takesUnit {
                if let earlier = unit, earlier.text != inside {
                    throw InputError(file: file, line: headerLine, column: k + 1, columnName: name,
                                     message: "the header gives the unit '\(inside)', but column \(earlier.column + 1) "
                                        + "('\(headers[earlier.column])') gives '\(earlier.text)': one unit per file")
                }
                unit = (inside, k)
                key = Text.headerKey(base)
            }
            if let column = lookup[key] {
                if let first = index[column] {
                    throw InputError(file: file, line: headerLine, column: k + 1, columnName: name,
                                     message: "duplicate column: '\(name)' names column '\(column.rawValue)', "
                                        + "which column \(first + 1) ('\(headers[first])') already names")
                }
                index[column] = k
            } else {
                if let first = seen[key] {
                    throw InputError(file: file, line: headerLine, column: k + 1, columnName: name,
                                     message: "duplicate column: '\(name)' appears twice (also column \(first + 1))")
                }
                // A near miss of a known column (`valeu`) is a typo that would silently drop a column: refused.
                if let nearest = Self.nearestColumn(to: key, in: lookup), index[nearest.column] == nil {
                    throw InputError(file: file, line: headerLine, column: k + 1, columnName: name,
                                     message: "unknown column '\(name)': did you mean '\(nearest.name)'? (known columns: "
                                        + Column.allCases.map(\.rawValue).joined(separator: ", ") + ")")
                }
                warnings.append("\(file):\(headerLine):\(k + 1): unknown column '\(name)' is ignored (known columns: "
                    + Column.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            seen[key] = k
        }
        for column in Column.required where index[column] == nil {
            if let hint = Self.separatorHint(headers) {
                throw InputError(file: file, line: headerLine, columnName: column.rawValue, message: hint)
            }
            let names = ([column.rawValue] + column.aliases).map { "'\($0)'" }.joined(separator: " or ")
            // The header closest to one of the column's names (edit distance ≤ 2), as a suggestion.
            var suggestion = ""
            var best = Int.max
            for header in headers where !header.isEmpty && lookup[Text.headerKey(header)] == nil {
                for name in [column.rawValue] + column.aliases {
                    let d = EditDistance.between(Text.headerKey(header), Text.headerKey(name))
                    if d <= 2 && d < best && d < Swift.max(1, name.count) {
                        best = d
                        suggestion = "; did you mean '\(name)' for the header '\(header)'?"
                    }
                }
            }
            throw InputError(file: file, line: headerLine, columnName: column.rawValue,
                             message: "required column '\(column.rawValue)' is missing from the header "
                                + "(name it \(names); the headers found are \(headers.map { "'\($0)'" }.joined(separator: ", "))"
                                + "\(suggestion))")
        }
        self.index = index
        self.headerUnit = unit?.text

        var rows: [Row<Column>] = []
        rows.reserveCapacity(csv.count - 1)
        for record in csv.dropFirst() {
            var values = record.map { Text.trim($0) }
            if values.allSatisfy(\.isEmpty) { continue }
            if values.count > headers.count {
                let extra = values[headers.count...].firstIndex { !$0.isEmpty } ?? headers.count
                let row = Row(file: file, line: record.line, values: Array(values.prefix(headers.count)),
                              index: index, headers: headers, headerUnit: unit?.text)
                let subject = Column.subject(of: row)
                throw InputError(file: file, line: record.line, column: extra + 1, stream: subject.stream,
                                 message: (subject.text.map { "\($0): " } ?? "")
                                    + "the row has \(values.count) fields but the header has \(headers.count) "
                                    + "(field \(extra + 1) is '\(values[extra])'); a value that contains a comma "
                                    + "must be enclosed in double quotes")
            }
            if values.count < headers.count {
                values.append(contentsOf: repeatElement("", count: headers.count - values.count))
            }
            rows.append(Row(file: file, line: record.line, values: values, index: index, headers: headers,
                            headerUnit: unit?.text))
        }
        self.rows = rows
        for (k, name) in headers.enumerated() where name.isEmpty {
            if let row = rows.first(where: { !$0.values[k].isEmpty }) {
                warnings.append("\(file):\(row.line):\(k + 1): column \(k + 1) has no header: its values "
                    + "(such as '\(row.values[k])') are ignored")
            }
        }
    }

    /// The known column (English name or alias) within edit distance 1 of `key` — 2 for names of 5 or
    /// more letters — if exactly one is that close: `valeu` → `value`, `sigam` → `sigma`.
    static func nearestColumn(to key: String, in lookup: [String: Column]) -> (name: String, column: Column)? {
        guard key.count >= 3 else { return nil }
        let limit = key.count >= 5 ? 2 : 1
        var best: (name: String, column: Column, distance: Int)?
        var tie = false
        for (name, column) in lookup.sorted(by: { $0.key < $1.key }) {
            let d = EditDistance.between(key, name)
            guard d <= limit else { continue }
            if best == nil || d < best!.distance { best = (name, column, d); tie = false } else if d == best!.distance && best!.column != column { tie = true }
        }
        guard let best, !tie else { return nil }
        return (best.column.rawValue, best.column)
    }

    /// Why a header with none of the required columns may not be a comma-separated file at all: tabs or
    /// semicolons as separators, or UTF-16 text (NUL bytes between the letters).
    static func separatorHint(_ headers: [String]) -> String? {
        if headers.contains(where: { $0.contains("\u{0}") }) {
            return "the file looks like UTF-16 text (NUL bytes between the letters): save it as UTF-8 or GB18030 CSV"
        }
        guard headers.count == 1, let only = headers.first else { return nil }
        if only.contains("\t") { return "the header has no commas but tabs: the file looks tab-separated; save it as CSV (comma-separated)" }
        if only.contains(";") { return "the header has no commas but semicolons: save the file as CSV with commas as separators" }
        return nil
    }

    /// `true` when the header names `column`.
    func has(_ column: Column) -> Bool { index[column] != nil }

    /// The error for a file that has a header but no data rows.
    func noRowsError() -> InputError {
        InputError(file: file, line: headerLine, message: "the file has a header but no \(Column.rowNoun)")
    }
}

/// One data row of a ``Table``: trimmed field texts and helpers that read typed values with errors
/// that name the file, line, column and subject (stream, node, relation).
struct Row<Column: TableColumn> {
    let file: String
    let line: Int
    let values: [String]
    let index: [Column: Int]
    let headers: [String]
    /// The unit in brackets in the header of a numeric column (``Table/headerUnit``).
    var headerUnit: String? = nil

    /// The trimmed text of `column`, or `nil` when the column is absent or the cell empty.
    func text(_ column: Column) -> String? {
        guard let k = index[column], !values[k].isEmpty else { return nil }
        return values[k]
    }

    /// The location of the row, or of one of its cells.
    func location(_ column: Column? = nil) -> SourceLocation {
        guard let column, let k = index[column] else { return SourceLocation(file: file, line: line) }
        return SourceLocation(file: file, line: line, column: k + 1, columnName: headers[k])
    }

    /// An error about this row, or about one cell of it.
    func error(_ column: Column?, _ text: String) -> InputError {
        let location = location(column)
        let subject = Column.subject(of: self)
        var prefix = subject.text ?? ""
        if let name = location.columnName {
            prefix += (prefix.isEmpty ? "" : ", ") + "column '\(name)'"
        }
        return InputError(file: file, line: line, column: location.column, columnName: location.columnName,
                          stream: subject.stream, message: (prefix.isEmpty ? "" : prefix + ": ") + text)
    }

    /// The text of a numeric cell, `nil` when it is empty or a spreadsheet's "not given" mark (`—`, `-`, `/`, `无`).
    func numericText(_ column: Column) -> String? {
        guard let text = text(column) else { return nil }
        // A cell starting with a digit is no marker: the set is not looked up for the usual cell.
        if let first = text.utf8.first, first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") { return text }
        return NumberText.notGivenMarkers.contains(text) ? nil : text
    }

    /// A plain number (no percentage), or `nil` when the cell is empty or marked "not given".
    func number(_ column: Column) throws(InputError) -> Double? {
        guard let text = numericText(column) else { return nil }
        switch NumberText.parse(text) {
        case let .number(x):
            try checkRange(x, text: text, column: column)
            return x
        case .percent:
            throw error(column, "'\(text)' is a percentage, which is allowed only for sigma, u95 and mpe "
                + "(and component values); write the number itself")
        case let .invalid(hint):
            throw error(column, "'\(text)' is not a number (\(hint))")
        }
    }

    /// Refuses a magnitude outside ``NumberRange`` (its square, or a product with another value, would
    /// overflow or underflow and come out as ∞, 0 or NaN far downstream).
    func checkRange(_ x: Double, text: String, column: Column) throws(InputError) {
        guard !NumberRange.contains(x) else { return }
        throw error(column, "'\(text)' is outside the magnitudes this library computes with "
            + "(\(NumberRange.description)): a square or product of it would overflow or underflow; give it in another unit")
    }

    /// A number or a percentage, or `nil` when the cell is empty.
    func numberOrPercent(_ column: Column, plusMinus: Bool = false) throws(InputError) -> NumberText? {
        guard let text = numericText(column) else { return nil }
        let parsed = NumberText.parse(text, plusMinus: plusMinus)
        switch parsed {
        case let .invalid(hint): throw error(column, "'\(text)' is not a number (\(hint))")
        case let .number(x): try checkRange(x, text: text, column: column)
        case let .percent(p): try checkRange(p / 100, text: text, column: column)
        }
        return parsed
    }

    /// The standard uncertainty σ from whichever of the `sigma` (σ), `u95` (σ = u95/1.96) and `mpe`
    /// (σ = mpe/√3) columns is filled in; `nil` when none is.
    ///
    /// A percentage is relative to |value|; it needs a value, and a non-zero percentage of a zero
    /// value is an error asking for an absolute uncertainty. More than one filled column, a negative
    /// number, or an uncertainty without a value are errors.
    func uncertainty(sigma: Column, u95: Column, mpe: Column, value: Double?, valueColumn: Column? = nil)
        throws(InputError) -> Double?
    {
        let given = [(sigma, 1.0), (u95, 1.96), (mpe, 3.0.squareRoot())].filter { numericText($0.0) != nil }
        guard let (column, divisor) = given.first else { return nil }
        // No value column at all (its header not recognised): say so, rather than blame the uncertainty.
        if let valueColumn, index[valueColumn] == nil {
            let names = ([valueColumn.rawValue] + valueColumn.aliases).map { "'\($0)'" }.joined(separator: ", ")
            throw error(column, "an uncertainty is given but the header has no value column (the headers found are "
                + headers.map { "'\($0)'" }.joined(separator: ", ") + "; name the value column one of \(names), "
                + "a unit may follow in brackets)")
        }
        if given.count > 1 {
            let names = given.map { "'\(headers[index[$0.0]!])'" }.joined(separator: " and ")
            throw error(given[1].0, "more than one uncertainty is given (\(names)); give only one of sigma, u95 "
                + "and mpe")
        }
        let raw = text(column)!
        let amount: Double
        switch try numberOrPercent(column, plusMinus: true)! {
        case let .number(x):
            amount = x
        case let .percent(p):
            guard let value else {
                throw error(column, "the percentage uncertainty '\(raw)' needs a value, and there is none")
            }
            if value == 0 && p != 0 {
                throw error(column, "the percentage uncertainty '\(raw)' of a zero value would be 0 (exact): "
                    + "give an absolute uncertainty instead")
            }
            amount = p / 100 * abs(value)
        case .invalid:
            preconditionFailure("numberOrPercent throws on invalid text")
        }
        if amount < 0 {
            throw error(column, "the uncertainty '\(raw)' is negative (use 0 for an exactly known value)")
        }
        if value == nil {
            throw error(column, "an uncertainty '\(raw)' is given but no value: fill in the value, "
                + "or leave the uncertainty empty for an unmeasured quantity")
        }
        return amount / divisor
    }
}

/// What a row is about, for messages: "stream 'S3'", "node 'U1'", "relation 'R1'".
struct Subject {
    var text: String?
    var stream: String?

    static func stream(_ id: String?) -> Subject {
        Subject(text: id.map { "stream '\($0)'" }, stream: id)
    }
}
