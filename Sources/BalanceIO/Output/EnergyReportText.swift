import BalanceCore
import BalanceStandards

// The human-readable forms of ``EnergyReport``: a plain-text report, Markdown, and the table as CSV.

extension EnergyReport {
    /// tce with 3 decimals (the precision of STANDARDS.md §4.3's inputs).
    static func tce(_ x: Double?) -> String {
        guard let x else { return "—" }
        return NumberFormatting.fixed(x, decimals: 3)
    }

    /// A physical quantity: integers as they are, else up to 3 decimals.
    static func physical(_ x: Double?) -> String {
        guard let x else { return "—" }
        if abs(x - x.rounded()) < 1e-9 * max(1, abs(x)) { return NumberFormatting.fixed(x, decimals: 0) }
        return NumberFormatting.fixed(x, decimals: 3)
    }

    /// A fraction as a percentage with 3 decimals.
    static func percent(_ x: Double?) -> String {
        guard let x else { return "—" }
        return NumberFormatting.percent(x, decimals: 3)
    }

    private var lang: LabelLanguage { language }

    /// The table's header: item, carrier, the 购入贮存 block (实物量, 单位, 等价值, 当量值), then the stages.
    var gridHeaders: [String] {
        [
            lang.pick("项目", "Item"), lang.pick("能源品种", "Carrier"), lang.pick("实物量", "Physical"),
            lang.pick("单位", "Unit"), lang.pick("等价值 tce", "Equivalent tce"),
            lang.pick("购入贮存 (当量值) tce", "Purchase & storage (calorific) tce"),
            EnergyStage.conversion.label(chinese: lang.isChinese) + " tce",
            EnergyStage.distribution.label(chinese: lang.isChinese) + " tce",
            EnergyStage.endUse.label(chinese: lang.isChinese) + " tce",
        ]
    }

    /// The table's body as text cells.
    func gridRows() -> [[String]] { gridCells().map { $0.map(\.text) } }

    /// The figures behind ``gridRows()``, cell by cell (`nil` where the cell is text or left empty): 实物量, 等价值 and
    /// the tce of every stage as numbers, the efficiencies as fractions — what `--format xlsx` stores.
    func gridFigures() -> [[Spreadsheet.Figure?]] { gridCells().map { $0.map(\.figure) } }

    /// Every cell of the table once: the text the reports print and the figure behind it (`nil` for a text cell).
    private func gridCells() -> [[(text: String, figure: Spreadsheet.Figure?)]] {
        var previousGroup = ""
        return tableRows().map { row in
            let isPerCarrier = ["input", "effective", "loss"].contains(row.key)
            let group = isPerCarrier && row.key != previousGroup ? EnergyLabels.row(row.key, lang) : ""
            previousGroup = isPerCarrier ? row.key : ""
            var cells: [(text: String, figure: Spreadsheet.Figure?)] = [
                (isPerCarrier ? group : row.label, nil), (isPerCarrier ? row.label : "", nil),
            ]
            let purchase = row.key == "input"
                ? result.table.purchase.first { $0.row.key == (row.carrier ?? "") } : nil
            if row.key == "inputTotal" {
                let eq = result.table.purchase.reduce(Optional(0.0)) { sum, p in sum.flatMap { s in p.equivalentTce.map { s + $0 } } }
                cells += [("", nil), ("", nil), (Self.tce(eq), .init(value: eq))]
            } else {
                cells += [
                    (purchase.map { Self.physical($0.physical) } ?? "", purchase.map { .init(value: $0.physical) }),
                    (purchase?.physicalUnit.symbol ?? "", nil),
                    (purchase.map { Self.tce($0.equivalentTce) } ?? "", purchase.map { .init(value: $0.equivalentTce) }),
                ]
            }
            for value in row.values {
                if ["export", "recovered", "unaccounted"].contains(row.key) && value == 0 {
                    cells.append(("", nil))
                } else if row.key == "efficiency" {
                    cells.append((value.map { Self.percent($0) } ?? "", value.map { .init(value: $0, isFraction: true) }))
                } else {
                    cells.append((value.map { Self.tce($0) } ?? "", value.map { .init(value: $0) }))
                }
            }
            return cells
        }
    }

    /// The figures as (label, value text) pairs.
    func figureLines() -> [(String, String)] {
        let f = result.figures
        var lines: [(String, String)] = []
        func add(_ key: String, _ text: String) { lines.append((EnergyLabels.figure(key, lang), text)) }
        func withSigma(_ x: Double, _ sigma: Double?) -> String {
            Self.tce(x) + (sigma.map { " ± " + Self.tce($0) } ?? "") + " tce"
        }
        add("suppliedTce", withSigma(f.suppliedTce, f.uncertainty?.suppliedTce))
        add("effectiveTce", withSigma(f.effectiveTce, f.uncertainty?.effectiveTce))
        add("lossTce", withSigma(f.lossTce, f.uncertainty?.lossTce))
        if f.recoveredTce != 0 { add("recoveredTce", Self.tce(f.recoveredTce) + " tce") }
        if f.exportTce != 0 { add("exportTce", Self.tce(f.exportTce) + " tce") }
        if f.unaccountedTce != 0 { add("unaccountedTce", Self.tce(f.unaccountedTce) + " tce") }
        add("utilizationRate", Self.percent(f.utilizationRate)
            + (f.uncertainty?.utilizationRate.map { " ± " + Self.percent($0) } ?? ""))
        add("suppliedEquivalentTce", f.suppliedEquivalentTce.map { Self.tce($0) + " tce" } ?? "null")
        add("resourceUtilizationRate", f.resourceUtilizationRate.map { Self.percent($0) } ?? "null")
        add("comprehensiveConsumptionTce", Self.tce(f.comprehensiveConsumptionTce) + " tce")
        add("comprehensiveConsumptionEquivalentTce", f.comprehensiveConsumptionEquivalentTce.map { Self.tce($0) + " tce" } ?? "null")
        if let q = f.production {
            add("unitProductConsumptionKgce", (f.unitProductConsumptionKgce.map { NumberFormatting.fixed($0, decimals: 4) } ?? "null")
                + lang.pick(" kgce/单位产品", " kgce per unit") + " (Q = \(Self.physical(q)))")
            add("unitProductConsumptionEquivalentKgce",
                (f.unitProductConsumptionEquivalentKgce.map { NumberFormatting.fixed($0, decimals: 4) } ?? "null") + " kgce")
        }
        if let g = f.outputValue {
            add("unitOutputValueConsumptionTce", (f.unitOutputValueConsumptionTce.map { NumberFormatting.fixed($0, decimals: 5) } ?? "null")
                + lang.pick(" tce/万元", " tce per 10⁴ CNY") + " (G = \(Self.physical(g)))")
            add("unitOutputValueConsumptionEquivalentTce",
                (f.unitOutputValueConsumptionEquivalentTce.map { NumberFormatting.fixed($0, decimals: 5) } ?? "null") + " tce/万元")
        }
        for stage in EnergyStage.allCases {
            lines.append((lang.pick("环节效率 ", "Stage efficiency: ") + stage.label(chinese: lang.isChinese),
                          Self.percent(f.stageEfficiency[stage])))
        }
        return lines
    }

    /// Streams as text rows: id, name, kind, carrier, value in its unit, tce, status, source.
    func streamRows() -> (headers: [String], rows: [[String]]) {
        let headers = [
            lang.pick("流股", "Stream"), lang.pick("名称", "Name"), lang.pick("类别", "Kind"), lang.pick("能源品种", "Carrier"),
            lang.pick("实物量", "Quantity"), lang.pick("单位", "Unit"), lang.pick("当量值 tce", "tce (calorific)"),
            lang.pick("状态", "Status"), lang.pick("数据来源", "Source"),
        ]
        let rows = result.network.streams.map { s -> [String] in
            var tceText = Self.tce(s.tce)
            if let sigma = s.tceSigma, sigma > 0 { tceText += " ± " + Self.tce(sigma) }
            if s.isImpossibleNegative { tceText += lang.pick("（负值，不可能：见警告）", " (negative, impossible: see the warnings)") }
            var status = EnergyLabels.status(s.status, lang)
            if let from = s.computedFrom { status += " (\(from))" }
            return [
                s.id, s.name ?? "", EnergyLabels.kind(s.kind, lang), s.carrier?.name(chinese: lang.isChinese) ?? "",
                Self.physical(s.physical), s.unit.symbol, tceText, status, s.source ?? "",
            ]
        }
        return (headers, rows)
    }

    private var heading: String {
        lang.pick("企业能量平衡 (GB/T 3484 / GB/T 28751 / GB/T 2589): ", "Enterprise energy balance (GB/T 3484 / GB/T 28751 / GB/T 2589): ")
            + caseName
    }

    private var methodLine: String {
        let coefficients = lang.pick("折标准煤系数: ", "coefficients: ") + result.tableName
            + (result.electricityEquivalent.map { lang.pick("; 电力等价值 ", "; electricity equivalent ") + "\($0) kgce/kWh" }
                ?? lang.pick("; 电力等价值未给出", "; no electricity equivalent given"))
        let method = result.network.method == .exact
            ? lang.pick("数据按给定值计算, 未测流股由平衡求得", "data as given; unmeasured streams from the balances")
            : lang.pick("数据协调 (加权最小二乘) 后计算", "computed from reconciled data (weighted least squares)")
        var line = method + "; " + coefficients
        if let r = result.network.reconciliation {
            let g = r.globalTest
            if let critical = g.critical {
                line += "\n" + lang.pick("整体检验 (χ²): ", "Global test (χ²): ") + NumberFormatting.fixed(g.statistic, decimals: 2)
                    + (g.passed ? " ≤ " : " > ") + NumberFormatting.fixed(critical, decimals: 2) + " (dof \(g.dof), α = \(g.alpha)) — "
                    + (g.passed ? lang.pick("测量值与平衡一致", "the measurements agree with the balances")
                        : lang.pick("测量值与平衡矛盾, 请检查仪表 (balance reconcile)", "the measurements contradict the balances: check the meters (balance reconcile)"))
            } else {
                line += "\n" + lang.pick("无冗余: 平衡无法校验测量值", "no redundancy: the balances cannot check any measurement")
            }
        }
        return line
    }

    /// The plain-text report: figures, the GB/T 28751 table, streams, coefficients and notes.
    public func table() -> String {
        var out = heading + "\n" + methodLine + "\n\n"
        var figures = TextTable(headers: [lang.pick("指标", "Figure"), lang.pick("数值", "Value")], rightAligned: [1])
        figures.rows = figureLines().map { [$0.0, $0.1] }
        out += figures.render() + "\n"
        let budget = budgetLines()
        if !budget.isEmpty {
            out += lang.pick("不确定度的主要来源（方差份额最大的三项）:", "Where the uncertainties come from (three largest shares):") + "\n"
                + budget.map { "  " + $0 }.joined(separator: "\n") + "\n\n"
        }
        out += lang.pick("企业能量平衡表 (GB/T 28751, tce)", "Energy balance table (GB/T 28751, tce)") + "\n"
        var grid = TextTable(headers: gridHeaders, rightAligned: Set(2..<9).subtracting([3]))
        grid.rows = gridRows()
        out += grid.render() + "\n"
        let (headers, rows) = streamRows()
        var streams = TextTable(headers: headers, rightAligned: [4, 6])
        streams.rows = rows
        out += streams.render()
        if !coefficientLines().isEmpty {
            out += "\n" + lang.pick("所用折标准煤系数:", "Coefficients used:") + "\n"
            out += coefficientLines().map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        if !notes.isEmpty {
            out += "\n" + lang.pick("说明与警告:", "Notes and warnings:") + "\n" + notes.map { "  ! " + MessageCatalogue.text($0, language: lang) }.joined(separator: "\n") + "\n"
        }
        return out
    }

    /// Per figure with a σ, its three largest contributors (issue 15).
    func budgetLines() -> [String] {
        guard let budget = result.figures.budget, let u = result.figures.uncertainty else { return [] }
        let report = UncertaintyBudgetReport(budget: budget, language: lang)
        return EnergyFigures.budgetKeys.compactMap { key in
            report.line(EnergyLabels.figure(key, lang), u.gradients[key].flatMap(budget.contributions(gradient:)))
        }
    }

    private func coefficientLines() -> [String] {
        var lines = result.coefficientsUsed.map { c in
            "\(c.carrier.chinese) (\(c.carrier.id)): \(c.published) \(c.unitText) \(c.confidence.tag)"
                + (c.heatingValue.map { " (\($0))" } ?? "") + " — \(c.source)"
        }
        for s in result.network.streams {
            guard case let .heatingValue(hv) = s.conversion.method else { continue }
            lines.append("\(s.id) \(s.carrier?.chinese ?? ""): " + lang.pick("实测热值/焓 ", "measured heating value/enthalpy ")
                + "\(hv.value) \(hv.unit ?? "") → \(NumberFormatting.fixed(s.conversion.tcePerUnit * 1000 / s.unit.factor, decimals: 6)) "
                + "kgce/" + (s.unit.dimension == .volume ? "m3" : "kg") + (hv.location.map { " (\($0))" } ?? ""))
        }
        return lines
    }

    /// The Markdown report.
    public func markdown() -> String {
        var out = "# " + heading + "\n\n" + methodLine + "\n\n"
        out += Markdown.table(headers: [lang.pick("指标", "Figure"), lang.pick("数值", "Value")],
                              rows: figureLines().map { [$0.0, $0.1] })
        let budget = budgetLines()
        if !budget.isEmpty {
            out += "\n" + lang.pick("不确定度的主要来源（方差份额最大的三项）:", "Where the uncertainties come from (three largest shares):")
                + "\n\n" + budget.map { "- " + $0 }.joined(separator: "\n") + "\n"
        }
        out += "\n## " + lang.pick("企业能量平衡表 (GB/T 28751)", "Energy balance table (GB/T 28751)") + "\n\n"
        out += Markdown.table(headers: gridHeaders, rows: gridRows())
        out += "\n## " + lang.pick("流股", "Streams") + "\n\n"
        let (headers, rows) = streamRows()
        out += Markdown.table(headers: headers, rows: rows)
        if !coefficientLines().isEmpty {
            out += "\n## " + lang.pick("折标准煤系数", "Coefficients") + "\n\n" + coefficientLines().map { "- " + $0 }.joined(separator: "\n") + "\n"
        }
        if !notes.isEmpty {
            out += "\n## " + lang.pick("说明", "Notes") + "\n\n" + notes.map { "- " + MessageCatalogue.text($0, language: lang) }.joined(separator: "\n") + "\n"
        }
        return out
    }

    /// The GB/T 28751 table as CSV (full precision; machine-readable keys in the first two columns).
    public func csv(includeByteOrderMark: Bool = false) -> String {
        var writer = CSVWriter(includeByteOrderMark: includeByteOrderMark)
        writer.writeRecord(["row", "carrier", "label", "physical", "physicalUnit", "equivalentTce"]
            + EnergyStage.allCases.map(\.rawValue))
        for row in tableRows() {
            let purchase = row.key == "input" ? result.table.purchase.first { $0.row.key == (row.carrier ?? "") } : nil
            writer.writeRecord([
                row.key, row.carrier ?? "", row.label, purchase?.physical.map { "\($0)" } ?? "",
                purchase?.physicalUnit.symbol ?? "", purchase?.equivalentTce.map { "\($0)" } ?? "",
            ] + row.values.map { $0.map { "\($0)" } ?? "" })
        }
        return writer.text
    }
}
