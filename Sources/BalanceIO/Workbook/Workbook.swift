/// The worksheets of an `.xlsx` workbook (Office Open XML SpreadsheetML, ECMA-376 / ISO/IEC 29500), each as the
/// rows of text a CSV file would give — how a case kept in Excel is read without being exported.
///
/// Cells become text as Excel shows their value, not their formatting:
/// - numbers as stored (the full double Excel saved, `1698.9`, `1.7E-3`); a number whose cell has a percent format
///   (built-in formats 9 and 10, or a custom format with `%`) as a percentage (`0.02` shown as `2%` → `2E0%`), so
///   that a `2 %` typed into an uncertainty column means 2 % of the value, as it does in a CSV file;
/// - shared, inline and formula strings as text; booleans as `true`/`false`;
/// - a formula by its cached value (what Excel saved with the file); a formula without one, and an error value
///   (`#DIV/0!`, `#N/A`), are refused with the cell named: both would otherwise be silently empty.
///
/// Rows keep Excel's row numbers (the "line" of a message) and fields Excel's columns (A = field 1), so an error
/// names the cell the user sees, e.g. `plant.xlsx: 流股!D7`.
///
/// - Complexity: O(size of the unpacked parts).
struct Workbook {
    /// One worksheet: its name as on the tab, and its rows (Excel row number, fields from column A).
    struct Sheet {
        var name: String
        var records: [(line: Int, fields: [String])]
    }

    /// Why the workbook cannot be read, with the sheet and cell when known.
    struct Failure: Error {
        var sheet: String?
        var cell: (row: Int, column: Int)?
        var message: String
    }

    /// The worksheets in tab order (chart sheets and other parts are not worksheets and are left out).
    let sheets: [Sheet]

    /// Reads the workbook in `bytes`.
    /// - Throws: ``Failure`` for a file that is not an `.xlsx` workbook, damaged XML, or a cell that cannot be read.
    init(bytes: [UInt8]) throws(Failure) {
        let archive: ZipArchive
        do throws(ZipArchive.Failure) { archive = try ZipArchive(bytes: bytes) } catch {
            throw Failure(message: error.message)
        }
        func part(_ name: String) throws(Failure) -> [UInt8]? {
            do throws(ZipArchive.Failure) { return try archive.entry(name) } catch { throw Failure(message: error.message) }
        }
        // The workbook part: from the package relationships (_rels/.rels), else the usual name.
        var workbookPath = "xl/workbook.xml"
        if let rels = try part("_rels/.rels") {
            for relation in try Self.relationships(rels, part: "_rels/.rels")
            where relation.type.hasSuffix("/officeDocument") {
                workbookPath = Self.resolve(relation.target, against: "")
            }
        }
        guard let workbookXML = try part(workbookPath) else {
            throw Failure(message: "a ZIP archive without \(workbookPath): not an .xlsx workbook (an .xls or .ods file "
                + "must be saved as .xlsx, or its sheets as CSV)")
        }
        let folder = workbookPath.split(separator: "/").dropLast().joined(separator: "/")
        let relsPath = (folder.isEmpty ? "" : folder + "/") + "_rels/"
            + (workbookPath.split(separator: "/").last.map(String.init) ?? "workbook.xml") + ".rels"
        var targets: [String: (type: String, target: String)] = [:]
        if let rels = try part(relsPath) {
            for relation in try Self.relationships(rels, part: relsPath) {
                targets[relation.id] = (relation.type, Self.resolve(relation.target, against: folder))
            }
        }
        var sharedStrings: [String] = []
        var percentStyles: Set<Int> = []
        for (_, relation) in targets.sorted(by: { $0.key < $1.key }) {
            if relation.type.hasSuffix("/sharedStrings"), let xml = try part(relation.target) {
                sharedStrings = try Self.sharedStrings(xml, part: relation.target)
            } else if relation.type.hasSuffix("/styles"), let xml = try part(relation.target) {
                percentStyles = try Self.percentStyles(xml, part: relation.target)
            }
        }
        var sheets: [Sheet] = []
        for entry in try Self.sheetEntries(workbookXML, part: workbookPath) {
            guard let target = targets[entry.relation], target.type.hasSuffix("/worksheet") else { continue }
            guard let xml = try part(target.target) else {
                throw Failure(sheet: entry.name, message: "the sheet's part \(target.target) is missing from the workbook")
            }
            let records = try Self.rows(xml, sheet: entry.name, sharedStrings: sharedStrings, percentStyles: percentStyles)
            sheets.append(Sheet(name: entry.name, records: records))
        }
        self.sheets = sheets
    }

    // MARK: Parts

    private static func scan(
        _ xml: [UInt8], part: String, sheet: String? = nil, _ body: (inout XMLScanner, XMLScanner.Event) throws(Failure) -> Void
    ) throws(Failure) {
        var scanner = XMLScanner(bytes: xml)
        while true {
            let event: XMLScanner.Event?
            do throws(XMLScanner.Failure) { event = try scanner.next() } catch {
                throw Failure(sheet: sheet, message: "\(part) is not well-formed XML at byte \(error.offset): \(error.message)")
            }
            guard let event else { return }
            try body(&scanner, event)
        }
    }

    /// `<Relationship Id Type Target>` of a relationships part.
    static func relationships(_ xml: [UInt8], part: String) throws(Failure) -> [(id: String, type: String, target: String)] {
        var result: [(id: String, type: String, target: String)] = []
        try scan(xml, part: part) { _, event throws(Failure) in
            if case let .start("Relationship", attributes, _) = event, let id = attributes["Id"],
               let target = attributes["Target"], attributes["TargetMode"] != "External" {
                result.append((id, attributes["Type"] ?? "", target))
            }
        }
        return result
    }

    /// A relationship target made a part name: absolute (`/xl/…`) or relative to `folder`, `..` resolved.
    static func resolve(_ target: String, against folder: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : folder.split(separator: "/")
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(piece) }
        }
        return parts.joined(separator: "/")
    }

    /// `<sheet name r:id>` of the workbook part, in tab order.
    static func sheetEntries(_ xml: [UInt8], part: String) throws(Failure) -> [(name: String, relation: String)] {
        var result: [(name: String, relation: String)] = []
        try scan(xml, part: part) { _, event throws(Failure) in
            if case let .start("sheet", attributes, _) = event, let name = attributes["name"], let id = attributes["id"] {
                result.append((name, id))
            }
        }
        return result
    }

    /// The shared-string table: each `<si>`'s text, its runs joined, phonetic guides (`<rPh>`) left out.
    static func sharedStrings(_ xml: [UInt8], part: String) throws(Failure) -> [String] {
        var result: [String] = []
        try scan(xml, part: part) { scanner, event throws(Failure) in
            guard case let .start("si", _, empty) = event else { return }
            if empty { result.append(""); return }
            do throws(XMLScanner.Failure) { result.append(try scanner.text(skipping: ["rPh", "phoneticPr"])) } catch {
                throw Failure(message: "\(part) is not well-formed XML at byte \(error.offset): \(error.message)")
            }
        }
        return result
    }

    /// The indices of the cell formats (`<cellXfs>`) whose number format shows a percentage.
    static func percentStyles(_ xml: [UInt8], part: String) throws(Failure) -> Set<Int> {
        var percentFormats: Set<Int> = [9, 10]  // built-in 0% and 0.00% (ECMA-376 Part 1 §18.8.30)
        var inCellFormats = false
        var index = 0
        var result: Set<Int> = []
        try scan(xml, part: part) { _, event throws(Failure) in
            switch event {
            case let .start("numFmt", attributes, _):
                if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"],
                   Self.showsPercent(code) {
                    percentFormats.insert(id)
                }
            case let .start("cellXfs", _, empty): inCellFormats = !empty
            case .end("cellXfs"): inCellFormats = false
            case let .start("xf", attributes, _) where inCellFormats:
                if let id = attributes["numFmtId"].flatMap({ Int($0) }), percentFormats.contains(id) { result.insert(index) }
                index += 1
            default: break
            }
        }
        return result
    }

    /// Whether a number format code multiplies by 100 and shows `%`: a `%` outside quotes and not escaped.
    static func showsPercent(_ code: String) -> Bool {
        var quoted = false
        var escaped = false
        for character in code {
            if escaped { escaped = false; continue }
            switch character {
            case "\"": quoted.toggle()
            case "\\": escaped = true
            case "%" where !quoted: return true
            default: break
            }
        }
        return false
    }

    // MARK: Cells

    /// The rows of a worksheet part as text fields, from column A, with Excel's row numbers.
    static func rows(
        _ xml: [UInt8], sheet: String, sharedStrings: [String], percentStyles: Set<Int>
    ) throws(Failure) -> [(line: Int, fields: [String])] {
        var records: [(line: Int, fields: [String])] = []
        var row = 0
        var fields: [String] = []
        var column = 0
        // The cell being read.
        var cell: (type: String, style: Int, row: Int, column: Int)?
        var value: String?
        var inlineText: String?
        var formula = false

        func finishCell() throws(Failure) {
            guard let current = cell else { return }
            cell = nil
            let text: String
            switch current.type {
            case "s":
                guard let index = value.flatMap({ Int(Text.trim($0)) }), index >= 0, index < sharedStrings.count else {
                    throw Failure(sheet: sheet, cell: (current.row, current.column),
                                  message: "the cell refers to shared string \(value ?? "?"), which the workbook does not have")
                }
                text = sharedStrings[index]
            case "inlineStr": text = inlineText ?? ""
            case "str": text = value ?? ""
            case "b": text = value.map { Text.trim($0) == "1" ? "true" : "false" } ?? ""
            case "e":
                throw Failure(sheet: sheet, cell: (current.row, current.column),
                              message: "the cell holds the Excel error \(value ?? "#VALUE!") (a formula that failed): "
                                + "correct the formula or clear the cell")
            default:  // "n", "d" or none
                guard let value else {
                    if formula {
                        throw Failure(sheet: sheet, cell: (current.row, current.column),
                                      message: "the cell holds a formula without a saved value: open the workbook in "
                                        + "Excel or LibreOffice and save it, so that the values are stored with it")
                    }
                    text = ""
                    break
                }
                let number = Text.trim(value)
                text = percentStyles.contains(current.style) && current.type != "d" ? Self.percentText(number) : number
            }
            if current.column > 16_384 {
                throw Failure(sheet: sheet, cell: (current.row, current.column), message: "a column beyond XFD")
            }
            while fields.count < current.column - 1 { fields.append("") }
            if fields.count == current.column - 1 { fields.append(text) } else {
                throw Failure(sheet: sheet, cell: (current.row, current.column),
                              message: "the cell is given twice or out of order in the sheet's XML")
            }
            column = current.column
        }

        try scan(xml, part: "sheet '\(sheet)'", sheet: sheet) { scanner, event throws(Failure) in
            switch event {
            case let .start("row", attributes, empty):
                let number = attributes["r"].flatMap { Int($0) } ?? row + 1
                guard number > row, number <= 1_048_576 else {
                    throw Failure(sheet: sheet, message: "row \(number) comes after row \(row) in the sheet's XML")
                }
                row = number
                fields = []
                column = 0
                if empty { records.append((row, [])) }
            case .end("row"):
                try finishCell()
                records.append((row, fields))
            case let .start("c", attributes, empty):
                try finishCell()
                var position = (row: row, column: column + 1)
                if let reference = attributes["r"] {
                    guard let parsed = Self.cellReference(reference) else {
                        throw Failure(sheet: sheet, message: "'\(reference)' is not a cell reference (row \(row))")
                    }
                    guard parsed.row == row else {
                        throw Failure(sheet: sheet, cell: parsed, message: "the cell \(reference) is stored in row \(row)")
                    }
                    position = parsed
                }
                cell = (attributes["t"] ?? "n", attributes["s"].flatMap { Int($0) } ?? 0, position.row, position.column)
                value = nil
                inlineText = nil
                formula = false
                if empty { try finishCell() }
            case .end("c"):
                try finishCell()
            case .start("v", _, let empty) where cell != nil:
                if empty { value = ""; return }
                do throws(XMLScanner.Failure) { value = try scanner.text() } catch {
                    throw Failure(sheet: sheet, message: "the sheet's XML is not well-formed: \(error.message)")
                }
            case .start("is", _, let empty) where cell != nil:
                if empty { inlineText = ""; return }
                do throws(XMLScanner.Failure) { inlineText = try scanner.text(skipping: ["rPh", "phoneticPr"]) } catch {
                    throw Failure(sheet: sheet, message: "the sheet's XML is not well-formed: \(error.message)")
                }
            case .start("f", _, _) where cell != nil:
                formula = true
            default: break
            }
        }
        return records
    }

    /// `D7` → (row 7, column 4); `$D$7` is accepted too.
    static func cellReference(_ text: String) -> (row: Int, column: Int)? {
        var column = 0
        var row = 0
        var digits = false
        for character in text where character != "$" {
            guard let ascii = character.asciiValue else { return nil }
            switch ascii {
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where !digits:
                column = column * 26 + Int(ascii - UInt8(ascii: "A")) + 1
                if column > 16_384 { return nil }
            case UInt8(ascii: "a")...UInt8(ascii: "z") where !digits:
                column = column * 26 + Int(ascii - UInt8(ascii: "a")) + 1
                if column > 16_384 { return nil }
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits = true
                row = row * 10 + Int(ascii - UInt8(ascii: "0"))
                if row > 1_048_576 { return nil }
            default: return nil
            }
        }
        return column > 0 && row > 0 ? (row, column) : nil
    }

    /// Column 4 → `D`, 27 → `AA`.
    static func columnName(_ column: Int) -> String {
        var n = column
        var letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8(r))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    /// The stored fraction `0.02` of a percent-formatted cell as the percentage Excel shows, `2%`: the decimal point
    /// moved two places in the text, so that the number read is exactly the one typed (no rounding multiplication)
    /// and messages quote what the user sees. Text that is not a decimal number is returned as it is.
    static func percentText(_ number: String) -> String {
        var text = Substring(number)
        var sign = ""
        if let first = text.first, first == "-" || first == "+" {
            if first == "-" { sign = "-" }
            text = text.dropFirst()
        }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let value = Int(text[text.index(after: e)...]), abs(value) < 400 else { return number }
            exponent = value
            text = text[..<e]
        }
        // digits × 10^(exponent − digits after the point)
        var digits = ""
        var fraction = 0
        var seenPoint = false
        for character in text {
            if character == "." && !seenPoint { seenPoint = true; continue }
            guard character.isASCII, character.isNumber else { return number }
            digits.append(character)
            if seenPoint { fraction += 1 }
        }
        guard !digits.isEmpty else { return number }
        let scale = exponent - fraction + 2
        var plain: String
        if scale >= 0 {
            plain = digits + String(repeating: "0", count: scale)
        } else {
            let point = digits.count + scale
            let padded = point <= 0 ? String(repeating: "0", count: 1 - point) + digits : digits
            let split = padded.index(padded.endIndex, offsetBy: scale)
            plain = String(padded[..<split]) + "." + String(padded[split...])
            while plain.hasSuffix("0") { plain.removeLast() }
            if plain.hasSuffix(".") { plain.removeLast() }
        }
        while plain.count > 1 && plain.hasPrefix("0") && !plain.hasPrefix("0.") { plain.removeFirst() }
        return sign + plain + "%"
    }
}
