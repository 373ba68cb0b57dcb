import BalanceCore
import BalanceStandards

extension WaterReport {
    /// The three tables in report order.
    public var tables: [WaterReportTable] { [unitTable(), categoryTable(), analysisTable()] }

    /// The heading line: case, mode, unit.
    var heading: String {
        let l = language
        let mode = result.mode == .exact
            ? l.pick("数据按给定值计算(无不确定度)", "data as given (no uncertainties)")
            : l.pick("数据协调后计算(含不确定度)", "reconciled data (with uncertainties)")
        return l.pick("水平衡测试 — \(caseName)：\(mode)", "Water balance of \(caseName): \(mode)")
    }

    /// The key figures in one line each: `重复利用率 R = 92.10 % ± 0.40 %`.
    public func summaryLines() -> [String] {
        let l = language
        var lines = result.indicators.filter { $0.value != nil }.map { r in
            "\(l.name(r.indicator)) \(r.indicator.symbol) = \(formatted(r))"
        }
        let totals = result.totals.prefix(5).map { t -> String in
            let sigma = t.sigma.map { " ± " + flow($0) } ?? ""
            return "\(l.label(t.quantity, symbol: false)) \(flow(t.value))\(sigma)"
        }
        lines.insert(l.pick("全厂：", "Enterprise: ") + totals.joined(separator: l.pick("，", ", ")) + " \(unitText)", at: 0)
        return lines
    }

    /// Plain-text report for terminals (CJK-aware column widths).
    public func table() -> String {
        var out = heading + "\n"
        for line in summaryLines() { out += "  " + line + "\n" }
        for t in tables {
            out += "\n" + t.title + "\n"
            var text = TextTable(headers: t.headers, rightAligned: t.numericColumns)
            text.rows = t.rows
            out += text.render()
            for note in t.notes { out += "  " + note + "\n" }
        }
        out += "\n" + language.pick("平衡校核", "Closure checks") + "\n"
        for line in closureLines() { out += "  " + line + "\n" }
        let computed = computedLines()
        if !computed.isEmpty {
            out += "\n" + language.pick("计算/估计的水量", "Computed or estimated flows") + "\n"
            for line in computed { out += "  " + line + "\n" }
        }
        if !warnings.isEmpty {
            out += "\n" + language.pick("警告", "Warnings") + "\n" + warnings.map { "  ! " + MessageCatalogue.text($0, language: language == .zh ? .zh : .en) }.joined(separator: "\n") + "\n"
        }
        return out
    }

    /// Markdown report: one section per table, for audit reports and README files.
    public func markdown() -> String {
        var out = "# " + heading + "\n\n"
        out += summaryLines().map { "- " + $0 }.joined(separator: "\n") + "\n"
        for t in tables {
            out += "\n## " + t.title + "\n\n" + Markdown.table(headers: t.headers, rows: t.rows)
            if !t.notes.isEmpty { out += "\n" + t.notes.map { "> " + $0 }.joined(separator: "\n>\n") + "\n" }
        }
        out += "\n## " + language.pick("平衡校核", "Closure checks") + "\n\n" + closureLines().map { "- " + $0 }.joined(separator: "\n") + "\n"
        let computed = computedLines()
        if !computed.isEmpty {
            out += "\n## " + language.pick("计算/估计的水量", "Computed or estimated flows") + "\n\n"
                + computed.map { "- " + $0 }.joined(separator: "\n") + "\n"
        }
        if !warnings.isEmpty {
            out += "\n## " + language.pick("警告", "Warnings") + "\n\n" + warnings.map { "- " + MessageCatalogue.text($0, language: language == .zh ? .zh : .en) }.joined(separator: "\n") + "\n"
        }
        return out
    }

    /// CSV for spreadsheets: the three tables one under the other, each introduced by its title row and
    /// separated by an empty line, numbers as printed in the tables (percentages with `%`, which Excel reads
    /// as numbers). `includeByteOrderMark` starts the text with U+FEFF so that Excel opens UTF-8 Chinese text
    /// correctly (`--bom`).
    public func csv(includeByteOrderMark: Bool = false) -> String {
        var writer = CSVWriter(includeByteOrderMark: includeByteOrderMark)
        for (i, t) in tables.enumerated() {
            if i > 0 { writer.writeRecord([String]()) }
            writer.writeRecord([t.title])
            writer.writeRecord(t.headers)
            writer.writeRecords(t.rows.map { row in row.map { $0.trimmingLeadingSpaces } })
        }
        return writer.text
    }
}

extension String {
    /// Without the indentation used for the hierarchy in text tables (a CSV cell should not start with spaces).
    var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}
