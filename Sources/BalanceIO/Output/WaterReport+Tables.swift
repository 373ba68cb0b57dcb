import BalanceCore
import BalanceStandards

/// One table of a water report, independent of the output format.
public struct WaterReportTable: Sendable, Hashable {
    /// Title (e.g. 基本用水单元水平衡测试表).
    public var title: String
    /// Column headers.
    public var headers: [String]
    /// Columns holding numbers (right-aligned in text).
    public var numericColumns: Set<Int>
    /// Rows of cells.
    public var rows: [[String]]
    /// Notes printed under the table.
    public var notes: [String]
    /// A worksheet name for the table (at most 31 characters, Excel's limit): the title, or a shorter English one.
    public internal(set) var sheetName = ""
    /// The unrounded figure behind each cell that shows one (`nil` for a text cell), row by row — what
    /// `--format xlsx` stores as a number, with its σ in a column of its own.
    public internal(set) var figures: [[Figure?]] = []

    /// The figure behind a cell (``Spreadsheet/Figure``).
    public typealias Figure = Spreadsheet.Figure
}

extension WaterReport {
    /// Decimals for the flows of the tables: none when every value is a whole number (exact data as in
    /// §9.1), one for flows of 100 and more, else two.
    var flowDecimals: Int {
        let values = result.units.flatMap { row in WaterQuantity.allCases.map { row[$0] } }
        if values.allSatisfy({ $0 == $0.rounded() }) { return 0 }
        let largest = values.map(abs).max() ?? 0
        return largest >= 100 ? 1 : 2
    }

    func flow(_ x: Double) -> String {
        x == 0 ? "0" : NumberFormatting.fixed(x, decimals: flowDecimals)
    }

    /// `92.10 % ± 0.40 %` (σ to two significant digits, at least two decimals); `—` for `nil`.
    func percentWithSigma(_ value: Double?, _ sigma: Double?) -> String {
        guard let value else { return "—" }
        guard let sigma, sigma > 0 else { return NumberFormatting.percent(value) }
        let decimals = Swift.max(2, NumberFormatting.decimals(forUncertainty: sigma * 100))
        return NumberFormatting.percent(value, decimals: decimals) + " ± " + NumberFormatting.percent(sigma, decimals: decimals)
    }

    /// An indicator's value as printed: a percentage for rates, `1.2933 m³/t` for V_uf.
    public func formatted(_ r: WaterIndicatorResult) -> String {
        guard r.indicator.isRate else {
            guard let value = r.value else { return "—" }
            let unit: String
            switch r.indicator {
            case .intakePerOutputValue: unit = volumeText.map { " \($0)/万元" } ?? ""
            case .domesticIntakePerPerson: unit = volumeText.map { " \($0)/人" } ?? ""
            default: unit = productUnitText
            }
            if let sigma = r.sigma, sigma > 0 {
                let decimals = Swift.max(4, NumberFormatting.decimals(forUncertainty: sigma))
                return NumberFormatting.fixed(value, decimals: decimals) + " ± " + NumberFormatting.fixed(sigma, decimals: decimals) + unit
            }
            return NumberFormatting.fixed(value, decimals: 4) + unit
        }
        return percentWithSigma(r.value, r.sigma)
    }

    /// ` m³/t` from the flow unit's volume and the product unit.
    var productUnitText: String {
        guard let volume = volumeText, let product = result.production?.unit else { return "" }
        return " \(volume)/\(product)"
    }

    /// The volume part of the flow unit (`m³` of `m³/d`), `nil` without a unit.
    var volumeText: String? {
        let volume = flowUnit.map { String(WaterUnitText.pretty($0).split(separator: "/").first ?? "") } ?? ""
        return volume.isEmpty ? nil : volume
    }

    /// The in = out check of a row with circulating water on both sides, as in STANDARDS.md §9.1
    /// ("4 920 = 4 920").
    /// Units count circulating water on both sides, as in §9.1's unit rows; groups and the enterprise
    /// compare V_f + V_s,in with V_co + V_d + V_l + V_s,out + V_e, as in §9.1's enterprise row (428 = 178 + 242 + 8).
    func check(_ row: WaterBalanceRow) -> String {
        let circulating = row.level == .unit ? row[.circulating] : 0
        let inSide = row.inflow + circulating
        let outSide = row.outflow + circulating
        let equal = abs(inSide - outSide) <= 1e-9 * Swift.max(abs(inSide), 1)
        return flow(inSide) + (equal ? " = " : " ≠ ") + flow(outSide)
    }

    private var showExport: Bool { result.units.contains { $0[.export] != 0 } }

    /// 基本用水单元水平衡测试表: units in hierarchy order; each workshop followed by its subtotal (小计);
    /// the enterprise total (合计) last.
    public func unitTable() -> WaterReportTable {
        let l = language
        var columns: [WaterQuantity] = [.intake, .seriesIn, .circulating, .totalUse, .consumption, .discharge, .leakage, .seriesOut]
        if showExport { columns.append(.export) }
        let headers = [l.pick("序号", "No."), l.pick("用水单元", "Unit"), l.pick("用水类别", "Category")]
            + columns.map { l.label($0) } + [l.pick("进 = 出", "In = out"), "δ"]
        var rows: [[String]] = []
        var figures: [[WaterReportTable.Figure?]] = []
        var number = 0
        func cells(_ row: WaterBalanceRow, index: String, name: String, category: String) -> [String] {
            figures.append([Double(index).map { .init(value: $0) }, nil, nil] + columns.map { .init(value: row[$0], sigma: row.sigmas[$0]) }
                + [nil, .init(value: row.closure, isFraction: true)])
            return [index, name, category] + columns.map { flow(row[$0]) } + [check(row), row.closure.map { NumberFormatting.percent($0) } ?? "—"]
        }
        let network = result.network
        let unitSet = Set(result.units.map(\.id))
        var emitted = Set<String>()
        var enterpriseShown = false
        func visit(_ id: String) {
            if unitSet.contains(id), let row = result.unit(id) {
                number += 1
                emitted.insert(id)
                let indent = String(repeating: "  ", count: row.depth)
                rows.append(cells(row, index: "\(number)", name: indent + Self.label(row), category: l.name(row.category)))
            }
            for child in network.children(of: id) { visit(child) }
            if let group = result.group(id) {
                let covering = Set(group.members) == unitSet
                if covering { enterpriseShown = true }
                let indent = String(repeating: "  ", count: group.depth)
                let suffix = covering ? l.pick(" 合计", " total") : l.pick(" 小计", " subtotal")
                rows.append(cells(group, index: "", name: indent + group.name + suffix, category: ""))
            }
        }
        for node in network.model.nodes where node.parent == nil { visit(node.id) }
        for row in result.units where !emitted.contains(row.id) {
            number += 1
            rows.append(cells(row, index: "\(number)", name: Self.label(row), category: l.name(row.category)))
        }
        if !enterpriseShown {
            rows.append(cells(result.enterprise, index: "", name: l.pick("全厂合计", "Enterprise total"), category: ""))
        }
        var notes = [
            l.pick("单位：\(unitNote)。V_t = V_f + V_s,in + V_cy；单元行的 进 = 出 两侧均含循环水量 V_cy，小计/合计行为 V_f + V_s,in = V_co + V_d + V_l + V_s,out。",
                   "Unit: \(unitNote). V_t = V_f + V_s,in + V_cy; for units, in = out counts circulating water V_cy on both sides; subtotals compare V_f + V_s,in with V_co + V_d + V_l + V_s,out."),
            l.pick("小计/合计：单元之间的串联水、排水计为内部水量；管网单元的新水量为其净用量(漏失)。",
                   "Subtotals: water passed between units of the group is internal to it; a network's new water is its net use (its leakage)."),
        ]
        if result.mode == .reconciled {
            notes.append(l.pick("数值为数据协调后的估计值，不确定度见 JSON 输出。",
                                "Values are reconciled estimates; their uncertainties are in the JSON output."))
        }
        var table = WaterReportTable(
            title: l.pick("基本用水单元水平衡测试表", "Water balance of the basic water-use units"), headers: headers,
            numericColumns: Set(3..<(headers.count)), rows: rows, notes: notes)
        table.sheetName = l.pick("基本用水单元水平衡测试表", "Unit water balance")
        table.figures = figures
        return table
    }

    static func label(_ row: WaterBalanceRow) -> String { row.name.contains(row.id) ? row.name : "\(row.name) (\(row.id))" }

    /// 企业水平衡测试统计表: one row per water-use category, then the enterprise.
    public func categoryTable() -> WaterReportTable {
        let l = language
        let headers = [
            l.pick("用水类别", "Category"), l.pick("单元数", "Units"), l.label(.intake), l.label(.circulating),
            l.pick("串联/回用水量 V_s", "Series/reuse V_s"), l.label(.reuse), l.label(.totalUse), l.label(.consumption),
            l.label(.discharge), l.label(.leakage), l.pick("重复利用率 R", "Repeat rate R"),
        ]
        var figures: [[WaterReportTable.Figure?]] = []
        func cells(_ row: WaterBalanceRow, name: String, count: Int) -> [String] {
            func figure(_ q: WaterQuantity) -> WaterReportTable.Figure { .init(value: row[q], sigma: row.sigmas[q]) }
            figures.append([nil, .init(value: Double(count)), figure(.intake), figure(.circulating),
                            .init(value: row[.reuse] - row[.circulating]), figure(.reuse), figure(.totalUse),
                            figure(.consumption), figure(.discharge), figure(.leakage),
                            .init(value: row.repeatRate, sigma: row.repeatRateSigma, isFraction: true)])
            return [name, "\(count)", flow(row[.intake]), flow(row[.circulating]), flow(row[.reuse] - row[.circulating]),
             flow(row[.reuse]), flow(row[.totalUse]), flow(row[.consumption]), flow(row[.discharge]), flow(row[.leakage]),
             percentWithSigma(row.repeatRate, row.repeatRateSigma)]
        }
        var rows = result.categories.map { cells($0, name: l.name(WaterCategory(rawValue: $0.id)), count: $0.members.count) }
        rows.append(cells(result.enterprise, name: l.pick("全厂", "Enterprise"), count: result.units.count))
        var table = WaterReportTable(
            title: l.pick("企业水平衡测试统计表", "Enterprise water balance by category"), headers: headers,
            numericColumns: Set(1..<headers.count), rows: rows,
            notes: [l.pick("单位：\(unitNote)。各类别新水量为净新水量，合计等于全厂取水量；类别内单元之间的串联水计为该类别的重复利用水量。",
                           "Unit: \(unitNote). New water per category is net, so the rows add up to the enterprise intake; series water between units of a category is reuse within it.")])
        table.sheetName = l.pick("企业水平衡测试统计表", "Water balance by category")
        table.figures = figures
        return table
    }

    /// 用水分析表: every indicator with formula, value ± σ, numerator and denominator, and the benchmark.
    public func analysisTable() -> WaterReportTable {
        let l = language
        var headers = [l.pick("指标", "Indicator"), l.pick("公式", "Formula"), l.pick("数值", "Value"),
                       l.pick("分子", "Numerator"), l.pick("分母", "Denominator")]
        if benchmark != nil { headers += [l.pick("基准值", "Benchmark"), l.pick("评价", "Assessment")] }
        headers.append(l.pick("依据 / 说明", "Source / note"))
        var figures: [[WaterReportTable.Figure?]] = []
        let rows: [[String]] = result.indicators.map { r in
            var row = [l.name(r.indicator) + " " + r.indicator.symbol, r.indicator.formula, formatted(r),
                       r.numerator.map(flow) ?? "—", r.denominator.map(flow) ?? "—"]
            var figure: [WaterReportTable.Figure?] = [nil, nil, .init(value: r.value, sigma: r.sigma, isFraction: r.indicator.isRate),
                                                      .init(value: r.numerator), .init(value: r.denominator)]
            if let benchmark {
                let threshold = benchmark.values[r.indicator]
                figure += [threshold.map { .init(value: $0, isFraction: r.indicator.isRate) }, nil]
                let sign = r.indicator.higherIsBetter ? "≥ " : "≤ "
                row.append(threshold.map { sign + (r.indicator.isRate ? NumberFormatting.percent($0, decimals: 1) : NumberFormatting.general($0, significant: 4)) } ?? "")
                row.append(benchmark.meets(r.indicator, value: r.value).map { $0 ? l.pick("达标", "meets") : l.pick("未达标", "fails") } ?? "")
            }
            row.append(r.unavailable.map(l.reason) ?? r.indicator.source)
            figures.append(figure + [nil])
            return row
        }
        var notes: [String] = []
        if result.mode == .reconciled {
            notes.append(l.pick("± 为标准不确定度(1σ)，由协调后的协方差按一阶(梯度)传播得到。",
                                "± is the standard uncertainty (1σ), propagated to first order from the reconciled covariance."))
        }
        if let budget = budgetReport {
            let lines = result.indicators.compactMap { r in
                budget.line(r.indicator.symbol, r.gradient.flatMap(budget.budget.contributions(gradient:)))
            }
            if !lines.isEmpty {
                notes.append(l.pick("不确定度的主要来源（各指标方差中份额最大的三项）：", "Where each indicator's uncertainty comes from "
                    + "(the three largest shares of its variance):") + " " + lines.joined(separator: l.pick("。", ". ")))
            }
        }
        if let benchmark { notes.append(l.pick("基准：", "Benchmark: ") + "\(benchmark.name) — \(benchmark.source)") }
        var table = WaterReportTable(
            title: l.pick("用水分析表", "Water-use analysis"), headers: headers, numericColumns: [2, 3, 4], rows: rows, notes: notes)
        table.sheetName = table.title
        table.figures = figures
        return table
    }

    /// Lines on the closure checks: the boundary meter and every unit outside the tolerance.
    public func closureLines() -> [String] {
        let l = language
        let p = result.parameters
        var lines: [String] = []
        if let b = result.boundaryCheck {
            let delta = b.relative.map { NumberFormatting.percent($0) } ?? "—"
            let sigma = b.sigma.map { " ± " + NumberFormatting.percent($0) } ?? ""
            let verdict = b.withinTolerance ? l.pick("合格", "passes") : l.pick("超出", "EXCEEDS")
            lines.append(l.pick("总表校核：总表 \(flow(b.meter)) 与各单元新水量之和 \(flow(b.units)) 相差 δ = \(delta)\(sigma)，允许 ±\(NumberFormatting.percent(p.boundaryClosureTolerance, decimals: 0))：\(verdict)",
                                "Boundary check: meter \(flow(b.meter)) vs Σ unit intakes \(flow(b.units)): δ = \(delta)\(sigma), tolerance ±\(NumberFormatting.percent(p.boundaryClosureTolerance, decimals: 0)): \(verdict)"))
        } else {
            lines.append(l.pick("总表校核：无总表(没有从边界外进入管网的取水流股)", "Boundary check: no boundary meter (no intake from outside into a distribution node)"))
        }
        let checked = result.unitClosures.filter { !$0.closesByConstruction }
        let failing = checked.filter { !$0.withinTolerance }
        let tol = NumberFormatting.percent(p.unitClosureTolerance, decimals: 0)
        if failing.isEmpty {
            lines.append(l.pick("单元平衡校核：\(checked.count) 个全部实测的单元均在 ±\(tol) 以内",
                                "Unit closures: all \(checked.count) fully measured units within ±\(tol)"))
        } else {
            for c in failing {
                let name = result.unit(c.node).map(Self.label) ?? c.node
                let z = c.imbalanceSigma.map { l.pick("，", ", ") + "z = " + NumberFormatting.fixed((c.inflow - c.outflow) / $0, decimals: 2) } ?? ""
                lines.append(l.pick("单元 \(name)：进 \(flow(c.inflow))，出 \(flow(c.outflow))，δ = \(c.relative.map { NumberFormatting.percent($0) } ?? "—")\(z)，超出 ±\(tol)",
                                    "Unit \(name): in \(flow(c.inflow)), out \(flow(c.outflow)), δ = \(c.relative.map { NumberFormatting.percent($0) } ?? "—")\(z), exceeds ±\(tol)"))
            }
        }
        return lines
    }

    /// Streams computed from the balances (exact mode) or estimated by reconciliation (unmeasured).
    public func computedLines() -> [String] {
        let l = language
        let model = result.network.model
        return model.streams.enumerated().compactMap { j, s in
            guard s.value == nil, let v = result.values[j] else { return nil }
            let name = s.name.map { " (\($0))" } ?? ""
            // [negative-value]: a water volume below zero is marked next to the figure, not only in the warnings.
            let flag = v < 0 ? l.pick("（负值，不可能：见警告）", " (negative, impossible: see the warnings)") : ""
            if let from = result.computedFrom[j] {
                return l.pick("\(s.id)\(name) = \(flow(v)) \(unitText)，由 \(from) 的平衡计算\(flag)",
                              "\(s.id)\(name) = \(flow(v)) \(unitText), computed from the balance of \(from)\(flag)")
            }
            let sigma = result.sigmas[j].map { " ± " + NumberFormatting.general($0, significant: 2) } ?? ""
            return l.pick("\(s.id)\(name) = \(flow(v))\(sigma) \(unitText)，由数据协调估计\(flag)",
                          "\(s.id)\(name) = \(flow(v))\(sigma) \(unitText), estimated by reconciliation\(flag)")
        }
    }
}
