extension CSVTable {
    /// A table from records already split into fields, each with the line (for a workbook sheet: the row number)
    /// that messages give for it — how a worksheet becomes the same ``CSVTable`` a CSV file does.
    /// - Complexity: O(total bytes of the fields).
    init(records: [(line: Int, fields: [String])]) {
        var bytes: [UInt8] = []
        var bounds: [Int] = []
        var recordStarts: [Int] = []
        var lines: [Int] = []
        for record in records {
            recordStarts.append(bounds.count / 2)
            lines.append(record.line)
            for field in record.fields {
                bounds.append(bytes.count)
                bytes.append(contentsOf: field.utf8)
                bounds.append(bytes.count << 1)  // never escaped: the text is stored as it is
            }
        }
        recordStarts.append(bounds.count / 2)
        self.init(bytes: bytes, bounds: bounds, recordStarts: recordStarts, lines: lines)
    }
}
