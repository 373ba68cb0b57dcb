import BalanceCore
import BalanceStandards

/// The result of `balance material CASE`: the material balance of an audit focus unit as JSON, a
/// plain-text report, Markdown and CSV (zh/en labels).
///
/// JSON keys: `unit`, `totals` {`input`, `output`, `imbalance`, `relativeImbalance`, `tolerance`,
/// `withinTolerance`, `computedStreams`}, `outputs` and `inputs` [{`stream`, `name`, `kind`, `value`,
/// `shareOfInput`, `shareOfTotal`}] (an `unaccounted` entry when the final values do not close),
/// `outputsByKind`, `components` [{`component`, `unit`, `input`, `output`, `imbalance`, `relativeImbalance`,
/// `withinTolerance`, `reactive`, `missing`, `inputs`, `outputs`, `nodes`}], `nodes` (unit-operation
/// closures), `streams`, `method`, `globalTest` (reconciled cases), `notes`. Fractions, not percents.
public struct MaterialReport: Sendable {
    /// The computed result.
    public var result: MaterialBalanceResult
    /// Case name for headings.
    public var caseName: String
    /// Label language.
    public var language: LabelLanguage
    /// Warnings from reading the input, shown first.
    public var inputWarnings: [String]

    /// Creates the value from its parts (see the properties for meanings and units).
    public init(result: MaterialBalanceResult, caseName: String, language: LabelLanguage = .zh, inputWarnings: [String] = []) {
        self.result = result
        self.caseName = caseName
        self.language = language
        self.inputWarnings = inputWarnings
    }

    /// Plain-language notes (what was left out, assumptions).
    public var notes: [String] { inputWarnings + result.notes }

    static func shareJSON(_ s: MaterialBalanceResult.Share) -> JSONValue {
        .object([("stream", .string(s.key)), ("name", .string(s.name)), ("kind", .string(s.kind)), ("value", .number(s.value)),
                 ("shareOfInput", .number(s.shareOfInput)), ("shareOfTotal", .number(s.shareOfTotal))])
    }

    /// The JSON document.
    public func json() -> JSONValue {
        let r = result, t = r.totals
        var members: [(String, JSONValue)] = [
            ("unit", .string(r.unit?.description)),
            ("totals", .object([
                ("input", .number(t.input)), ("output", .number(t.output)), ("imbalance", .number(t.imbalance)),
                ("relativeImbalance", .number(t.relativeImbalance)), ("tolerance", .number(t.tolerance)),
                ("withinTolerance", t.withinTolerance.map { .bool($0) } ?? .null),
                ("computedStreams", .array(t.computedStreams.map { .string($0) })),
            ])),
            ("outputs", .array(r.outputs.map(Self.shareJSON))),
            ("outputsByKind", .array(r.outputsByKind.map { s in
                .object([("kind", .string(s.key)), ("value", .number(s.value)), ("shareOfInput", .number(s.shareOfInput)),
                         ("shareOfTotal", .number(s.shareOfTotal))])
            })),
            ("inputs", .array(r.inputs.map(Self.shareJSON))),
            ("components", .array(r.components.map { c in
                .object([
                    ("component", .string(c.component)), ("unit", .string(c.unit)), ("input", .number(c.input)),
                    ("output", .number(c.output)), ("imbalance", .number(c.imbalance)),
                    ("relativeImbalance", .number(c.relativeImbalance)),
                    ("withinTolerance", c.withinTolerance.map { .bool($0) } ?? .null), ("reactive", .bool(c.reactive)),
                    ("missing", .array(c.missing.map { .string($0) })), ("inputs", .array(c.inputs.map(Self.shareJSON))),
                    ("outputs", .array(c.outputs.map(Self.shareJSON))),
                    ("nodes", .array(c.nodes.map { n in
                        .object([("node", .string(n.node)), ("input", .number(n.input)), ("imbalance", .number(n.imbalance)),
                                 ("relativeImbalance", .number(n.relativeImbalance))])
                    })),
                    ("inputSigma", .number(c.inputSigma)), ("outputSigma", .number(c.outputSigma)),
                    ("budgets", budgetJSON(c)),
                    ("concentrations", .array(c.reconciledConcentrations.map { r in
                        .object([("stream", .string(r.stream)), ("measured", .number(r.measured)), ("sigma", .number(r.measuredSigma)),
                                 ("reconciled", .number(r.reconciled)), ("reconciledSigma", .number(r.reconciledSigma))])
                    })),
                ])
            })),
            ("nodes", .array(r.nodes.map { n in
                .object([("node", .string(n.node)), ("inflow", .number(n.inflow)), ("outflow", .number(n.outflow)),
                         ("relativeImbalance", .number(n.relativeImbalance)),
                         ("withinTolerance", n.withinTolerance.map { .bool($0) } ?? .null)])
            })),
            ("streams", .array(r.streams.map { s in
                .object([
                    ("id", .string(s.id)), ("name", .string(s.name)), ("from", .string(s.from)), ("to", .string(s.to)),
                    ("kind", .string(s.kind)), ("measured", .number(s.measured)), ("value", .number(s.value)),
                    ("sigma", .number(s.sigma)), ("status", .string(s.status)), ("computedFrom", .string(s.computedFrom)),
                    ("source", .string(s.source)),
                ])
            })),
            ("method", .string(r.method)),
        ]
        if let g = r.reconciliation?.globalTest { members.append(("globalTest", ReconciliationReport.json(g))) }
        members.append(("notes", .array(notes.map { .string($0) })))
        return .object(members)
    }

    // MARK: Text

    private var lang: LabelLanguage { language }
    private var unitText: String { result.unit?.description ?? "" }

    /// Amounts with 3 decimals (4 below 1, for component loads).
    static func number(_ x: Double) -> String {
        NumberFormatting.fixed(x, decimals: abs(x) >= 1 || x == 0 ? 3 : 4)
    }

    static func percent(_ x: Double?) -> String { x.map { NumberFormatting.percent($0, decimals: 3) } ?? "—" }

    func kindLabel(_ key: String?) -> String {
        guard let key else { return "" }
        if key == "unaccounted" { return lang.pick("不明损失 (平衡差)", "unaccounted") }
        if key == "consumed" { return lang.pick("反应消耗 (净)", "consumed by reaction (net)") }
        if key == "unspecified" { return lang.pick("未注明", "unspecified") }
        if let kind = MaterialKind(text: key) { return lang.isChinese ? kind.chinese : kind.rawValue }
        return key
    }

    /// The verdict of the ±5 % rule in words.
    public var verdict: String {
        let t = result.totals
        let tol = NumberFormatting.percent(t.tolerance, decimals: 1)
        guard let delta = t.relativeImbalance, let ok = t.withinTolerance else {
            return lang.pick("总量平衡: 输入含未计量流股, 无法按给定值检验 (±\(tol))", "Total balance: inputs are unmeasured; the ±\(tol) rule cannot be checked")
        }
        let d = Self.percent(delta)
        return ok
            ? lang.pick("总量平衡差 δ = \(d), 在 ±\(tol) 以内: 平衡可用于后续评估", "Total closure δ = \(d), within ±\(tol): the balance may be used")
            : lang.pick("总量平衡差 δ = \(d), 超出 ±\(tol): 应查找遗漏流股或重新测量", "Total closure δ = \(d) exceeds ±\(tol): look for missing streams or re-measure")
    }

    func shareRows(_ shares: [MaterialBalanceResult.Share]) -> [[String]] {
        let impossible = Set(result.streams.filter(\.isImpossibleNegative).map(\.id))
        return shares.map { s in
            // [negative-value]: a computed amount below zero is marked next to the figure, not only in the notes.
            let flag = impossible.contains(s.key) ? lang.pick("（负值，不可能：见说明）", " (negative, impossible: see the notes)") : ""
            return [s.key == "unaccounted" || s.key == "consumed" ? "" : s.key, s.name ?? kindLabel(s.key), kindLabel(s.kind),
                    Self.number(s.value) + flag, Self.percent(s.shareOfInput), Self.percent(s.shareOfTotal)]
        }
    }

    var shareHeaders: [String] {
        [lang.pick("流股", "Stream"), lang.pick("名称", "Name"), lang.pick("类别", "Kind"), lang.pick("数量", "Amount"),
         lang.pick("占输入", "of input"), lang.pick("占输出", "of output")]
    }

    /// The component's budgets (issue 15) as JSON: {`input`, `output`, `relativeImbalance`: {`uncertaintyBudget`,
    /// `uncertaintyByCategory`}}, or `null` when the concentrations carry no uncertainty.
    func budgetJSON(_ c: MaterialBalanceResult.Component) -> JSONValue {
        guard let budget = result.budget else { return .null }
        let report = UncertaintyBudgetReport(budget: budget, language: lang)
        return .object(MaterialBalanceResult.budgetKeys.map { key in
            let parts = report.json(c.budgets[key])
            return (key, .object([("uncertaintyBudget", parts.contributors), ("uncertaintyByCategory", parts.byCategory)]))
        })
    }

    /// The three largest contributors to the σ of the component's input load (and of its closure δ when that has a σ:
    /// after reconciliation it is usually exact), as one line, or `nil`.
    func budgetLine(_ c: MaterialBalanceResult.Component) -> String? {
        guard let budget = result.budget else { return nil }
        let report = UncertaintyBudgetReport(budget: budget, language: lang)
        let lines = [report.line(lang.pick("输入负荷的不确定度来源", "uncertainty of the input load from"), c.budgets["input"]),
                     report.line(lang.pick("δ 的不确定度来源", "uncertainty of δ from"), c.budgets["relativeImbalance"])]
        let present = lines.compactMap { $0 }
        return present.isEmpty ? nil : present.joined(separator: lang.pick("。", ". "))
    }

    func componentLines(_ c: MaterialBalanceResult.Component) -> String {
        let status: String
        if c.reactive {
            status = lang.pick("非守恒 (反应性) 组分, 不适用闭合规则", "reactive (not conserved): no closure rule")
        } else if let ok = c.withinTolerance {
            status = ok ? lang.pick("闭合", "closes") : lang.pick("超出允许偏差", "EXCEEDS the tolerance")
        } else {
            status = "—"
        }
        func sigma(_ s: Double?) -> String { s.map { " ± " + Self.number($0) } ?? "" }
        return "\(c.component) (\(c.unit)): " + lang.pick("输入 ", "in ") + Self.number(c.input) + sigma(c.inputSigma) + lang.pick(", 输出 ", ", out ")
            + Self.number(c.output) + sigma(c.outputSigma) + ", δ = " + Self.percent(c.relativeImbalance) + " — " + status
    }

    private var heading: String {
        lang.pick("审核重点物料平衡: ", "Material balance of the audit focus: ") + caseName
            + (unitText.isEmpty ? "" : " (\(unitText))")
    }

    /// The plain-text report.
    public func table() -> String {
        let t = result.totals
        var out = heading + "\n" + verdict + "\n"
        out += lang.pick("输入合计 ", "Total input ") + Self.number(t.input) + lang.pick(", 输出合计 ", ", total output ")
            + Self.number(t.output) + (t.imbalance.map { lang.pick(", 给定值差值 ", ", difference of given values ") + Self.number($0) } ?? "") + "\n"
        if let g = result.reconciliation?.globalTest, let critical = g.critical {
            out += lang.pick("数据协调整体检验 χ² = ", "Reconciliation global test χ² = ") + NumberFormatting.fixed(g.statistic, decimals: 2)
                + (g.passed ? " ≤ " : " > ") + NumberFormatting.fixed(critical, decimals: 2) + "\n"
        }
        out += "\n" + lang.pick("物料去向 (输出及损失):", "Where the material goes (outputs and losses):") + "\n"
        var outputs = TextTable(headers: shareHeaders, rightAligned: [3, 4, 5])
        outputs.rows = shareRows(result.outputs)
        out += outputs.render()
        var kinds = TextTable(headers: [lang.pick("类别", "Kind"), lang.pick("数量", "Amount"), lang.pick("占输入", "of input")],
                              rightAligned: [1, 2])
        kinds.rows = result.outputsByKind.map { [kindLabel($0.key), Self.number($0.value), Self.percent($0.shareOfInput)] }
        out += "\n" + kinds.render()
        var inputs = TextTable(headers: shareHeaders.prefix(5).map { $0 }, rightAligned: [3, 4])
        inputs.rows = shareRows(result.inputs).map { Array($0.prefix(5)) }
        out += "\n" + lang.pick("输入:", "Inputs:") + "\n" + inputs.render()
        for c in result.components {
            out += "\n" + lang.pick("组分平衡 ", "Component balance ") + componentLines(c) + "\n"
            var table = TextTable(headers: shareHeaders, rightAligned: [3, 4, 5])
            table.rows = shareRows(c.outputs)
            out += table.render()
            if let line = budgetLine(c) { out += "  " + line + "\n" }
            for n in c.nodes where n.relativeImbalance.map({ abs($0) > 1e-9 }) ?? false {
                out += "  " + n.node + ": δ = " + Self.percent(n.relativeImbalance) + "\n"
            }
        }
        if !result.nodes.isEmpty {
            var nodes = TextTable(headers: [lang.pick("单元操作", "Unit operation"), lang.pick("输入", "In"), lang.pick("输出", "Out"), "δ", ""],
                                  rightAligned: [1, 2, 3])
            nodes.rows = result.nodes.map { n in
                [n.node, Self.number(n.inflow), Self.number(n.outflow), Self.percent(n.relativeImbalance),
                 n.withinTolerance.map { $0 ? "ok" : lang.pick("超差", "EXCEEDS") } ?? lang.pick("计算闭合", "closes (computed)")]
            }
            out += "\n" + nodes.render()
        }
        if !notes.isEmpty { out += "\n" + lang.pick("说明:", "Notes:") + "\n" + notes.map { "  ! " + MessageCatalogue.text($0, language: lang) }.joined(separator: "\n") + "\n" }
        return out
    }

    /// The Markdown report.
    public func markdown() -> String {
        var out = "# " + heading + "\n\n" + verdict + "\n\n## " + lang.pick("物料去向", "Where the material goes") + "\n\n"
        out += Markdown.table(headers: shareHeaders, rows: shareRows(result.outputs))
        for c in result.components {
            out += "\n## " + componentLines(c) + "\n\n" + Markdown.table(headers: shareHeaders, rows: shareRows(c.outputs))
            if let line = budgetLine(c) { out += "\n" + line + "\n" }
        }
        if !notes.isEmpty { out += "\n## " + lang.pick("说明", "Notes") + "\n\n" + notes.map { "- " + MessageCatalogue.text($0, language: lang) }.joined(separator: "\n") + "\n" }
        return out
    }

    /// CSV: one row per output share of the total and of every component.
    public func csv(includeByteOrderMark: Bool = false) -> String {
        var writer = CSVWriter(includeByteOrderMark: includeByteOrderMark)
        writer.writeRecord(["balance", "stream", "name", "kind", "value", "unit", "shareOfInput", "shareOfTotal"])
        func rows(_ balance: String, _ unit: String, _ shares: [MaterialBalanceResult.Share]) {
            for s in shares {
                writer.writeRecord([balance, s.key, s.name ?? "", s.kind ?? "", "\(s.value)", unit,
                                    s.shareOfInput.map { "\($0)" } ?? "", s.shareOfTotal.map { "\($0)" } ?? ""])
            }
        }
        rows("total", unitText, result.outputs)
        for c in result.components { rows(c.component, c.unit, c.outputs) }
        return writer.text
    }
}
