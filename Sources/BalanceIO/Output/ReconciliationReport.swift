import BalanceCore

/// The result of `balance reconcile` in the four output formats of FORMATS.md §2:
/// JSON (the contract), CSV (one row per stream, for spreadsheets), Markdown (for reports) and a
/// plain-text table for plant engineers.
public struct ReconciliationReport: Sendable {
    /// The case's model (names, units, topology).
    public var model: BalanceModel
    /// The reconciliation result.
    public var result: ReconciliationResult
    /// Case name for headings.
    public var caseName: String
    /// Warnings from reading the input, shown with the result's own.
    public var inputWarnings: [String]

    public init(model: BalanceModel, result: ReconciliationResult, caseName: String, inputWarnings: [String] = []) {
        self.model = model
        self.result = result
        self.caseName = caseName
        self.inputWarnings = inputWarnings
    }

    /// The nonlinear reconciliation behind ``result`` (component balances, equations, bounds), when it ran: the JSON
    /// then lists the flows as `streams`, each with its `components`, and adds `iterations`, `constraintResidual`,
    /// `converged` and `reactions` (FORMATS.md §2.7).
    public var nonlinear: NonlinearReconciliationResult?

    /// The uncertainty budget of every value (issue 15), when the reconciliation computed the full covariance: the JSON
    /// then gives each stream `uncertaintyBudget` and `uncertaintyByCategory`, the text formats the three largest
    /// contributors of each value.
    public var budget: UncertaintyBudget?

    private var budgetReport: UncertaintyBudgetReport? {
        budget.map { UncertaintyBudgetReport(budget: $0, language: language) }
    }

    /// Report in the VDI 2048 convention: 95 % half-widths instead of σ, and the quality criterion.
    public var vdi2048 = false

    /// VDI 2048 quality criterion of a measurement: |adjustment| / (1.96 √Var(adjustment)) — ≤ 1 passes
    /// (VDI 2048 Part 1; RECONCILIATION.md §6). `nil` for streams that are not redundant.
    public func vdiQuality(_ j: Int) -> Double? {
        guard let w = result.solution.adjustmentVariances[j], w > 0, let a = result.streams[j].adjustment else { return nil }
        return abs(a) / (Self.coverage95 * w.squareRoot())
    }

    /// The identification strategy, in words, for headings.
    public var strategy: ReconciliationOptions.GrossErrorStrategy = .serial

    /// Language of the text formats (table, Markdown); JSON and CSV keys are the same in both.
    public var language: LabelLanguage = .en

    /// `zh` or `en` by ``language``.
    private func t(_ zh: String, _ en: String) -> String { language.pick(zh, en) }

    var strategyName: String {
        switch strategy {
        case .serial: return t("逐个剔除法", "serial elimination")
        case .compensation: return t("逐个补偿法", "serial compensation")
        case .glr: return t("广义似然比法（偏差与泄漏）", "serial GLR, biases and leaks")
        case .none: return t("无", "none")
        }
    }

    /// The classification in the report's language.
    private func className(_ c: StreamClassification) -> String {
        guard language == .zh else { return c.rawValue }
        switch c {
        case .redundant: return "冗余"
        case .nonredundant: return "非冗余"
        case .observable: return "可观测"
        case .unobservable: return "不可观测"
        case .fixed: return "固定"
        }
    }

    /// Factor from a standard uncertainty to a 95 % half-width (VDI 2048, normal distribution).
    public static let coverage95 = 1.96

    private var allWarnings: [String] { inputWarnings + result.warnings }

    // MARK: JSON

    /// The JSON document of FORMATS.md §2 (keys are public API), with extensions after the documented keys.
    ///
    /// The per-stream, per-node and per-test arrays are ``JSONValue/list(count:_:)``: beyond
    /// ``JSONRows/madeAtOnceLimit`` rows each row is made when it is written or visited, so the document of a park of
    /// 10⁶ streams takes memory for the figures of the result only (issue 12, Deliver 3).
    /// - Complexity: O(number of gross errors, warnings and component rows) to make; O(size of the output) to write.
    public func json() -> JSONValue {
        let flowCount = nonlinear?.flowCount ?? model.streams.count
        var componentsOfStream: [String: [JSONValue]] = [:]
        var reactions: [JSONValue] = []
        if let nonlinear {
            for (j, v) in nonlinear.variables.enumerated() where j >= flowCount {
                let r = result.streams[j]
                if let stream = v.stream, let component = v.component {
                    var members: [(String, JSONValue)] = [
                        ("component", .string(component)), ("measured", .number(r.measured)), ("sigma", .number(r.sigma)),
                        ("reconciled", .number(r.reconciled)), ("reconciledSigma", .number(r.reconciledSigma)),
                        ("adjustment", .number(r.adjustment)), ("z", .number(r.z)),
                        ("classification", .string(r.classification.rawValue)), ("flagged", .bool(r.flagged)),
                        ("unit", .string(v.unit)),
                    ]
                    if let side = v.atBound { members.append(("atBound", .string(side.rawValue))) }
                    componentsOfStream[stream, default: []].append(.object(members))
                } else if let node = v.node, let component = v.component {
                    reactions.append(.object([
                        ("node", .string(node)), ("component", .string(component)), ("generation", .number(r.reconciled)),
                        ("generationSigma", .number(r.reconciledSigma)), ("classification", .string(r.classification.rawValue)),
                    ]))
                }
            }
        }
        let componentsOf = componentsOfStream
        let streams = JSONValue.list(count: Swift.min(flowCount, result.streams.count)) { [self] i in
            let stream = model.streams[i], r = result.streams[i]
            var members: [(String, JSONValue)] = [
                ("id", .string(r.id)), ("measured", .number(r.measured)), ("sigma", .number(r.sigma)),
                ("reconciled", .number(r.reconciled)), ("reconciledSigma", .number(r.reconciledSigma)),
                ("adjustment", .number(r.adjustment)), ("z", .number(r.z)),
                ("classification", .string(r.classification.rawValue)), ("source", .string(r.source)),
            ]
            members.append(("flagged", .bool(r.flagged)))
            let j = model.streamIndex[r.id]!
            members.append(("u95", .number(r.sigma.map { $0 * Self.coverage95 })))
            members.append(("reconciledU95", .number(r.reconciledSigma.map { $0 * Self.coverage95 })))
            members.append(("vdiQuality", .number(vdiQuality(j))))
            if let name = stream.name { members.append(("name", .string(name))) }
            if let unit = stream.unit { members.append(("unit", .string(unit))) }
            if let budget = budgetReport {
                let parts = budget.json(j)
                members.append(("uncertaintyBudget", parts.contributors))
                members.append(("uncertaintyByCategory", parts.byCategory))
            }
            if let nonlinear {
                if let side = nonlinear.variables[j].atBound { members.append(("atBound", .string(side.rawValue))) }
                members.append(("components", .array(componentsOf[r.id] ?? [])))
            }
            return .object(members)
        }
        let nodes = JSONValue.list(count: result.nodes.count) { [result] i in
            let n = result.nodes[i]
            return .object([
                ("id", .string(n.id)), ("imbalanceMeasured", .number(n.imbalanceMeasured)),
                ("relativeImbalance", .number(n.relativeImbalance)),
                ("imbalanceReconciled", .number(n.imbalanceReconciled)),
                ("unmeasuredStreams", .integer(n.unmeasuredStreams)), ("balanced", .bool(n.balanced)),
            ])
        }
        let grossErrors: [JSONValue] = result.grossErrors.map { g in
            let interval = g.confidenceInterval95
            return .object([
                ("stream", .string(g.stream)), ("z", .number(g.z)), ("estimatedBias", .number(g.estimatedBias)),
                ("type", .string(g.kind.rawValue)), ("node", .string(g.node)), ("statistic", .number(g.statistic)),
                ("pValue", .number(g.pValue)), ("estimatedBiasSigma", .number(g.estimatedBiasSigma)),
                ("confidenceInterval95", interval.map { .array([.number($0.lowerBound), .number($0.upperBound)]) } ?? .null),
                ("equivalentTo", .array(g.equivalent.map { h in
                    .object([("type", .string(h.kind.rawValue)), (h.kind == .bias ? "stream" : "node", .string(h.location))])
                })),
            ])
        }
        var members: [(String, JSONValue)] = [
            ("streams", streams), ("nodes", nodes),
            ("globalTest", Self.json(result.globalTest)), ("grossErrors", .array(grossErrors)),
            ("warnings", .array(allWarnings.map { .string($0) })),
        ]
        members.append(("measurementTest", .object([
            ("critical", .number(result.measurementTest.critical)),
            ("redundantMeasurements", .integer(result.measurementTest.redundantCount)),
        ])))
        members.append(("nodalTests", JSONValue.list(count: result.nodalTests.count) { [result] i in
            let t = result.nodalTests[i]
            return .object([
                ("balance", .array(t.balance.map { .string($0) })), ("residual", .number(t.residual)),
                ("sigma", .number(t.sigma)), ("statistic", .number(t.statistic)), ("flagged", .bool(t.flagged)),
            ])
        }))
        members.append(("nodalCritical", .number(result.nodalCritical)))
        if let nonlinear {
            members.append(("iterations", .integer(nonlinear.iterations)))
            members.append(("constraintResidual", .number(nonlinear.constraintResidual)))
            members.append(("relativeConstraintResidual", .number(nonlinear.relativeConstraintResidual)))
            members.append(("converged", .bool(nonlinear.converged)))
            members.append(("stopReason", .string(nonlinear.stopReason)))
            members.append(("reactions", .array(reactions)))
        }
        if let after = result.afterIdentification {
            members.append(("afterGrossErrors", .object([
                ("convention", .string(after.convention.rawValue)),
                ("estimatedMagnitudes", .integer(after.estimatedMagnitudes)),
                ("globalTest", Self.json(after.globalTest)),
                ("streams", JSONValue.list(count: Swift.min(model.streams.count, after.values.count, after.sigmas.count)) {
                    [model] i in
                    .object([
                        ("id", .string(model.streams[i].id)), ("reconciled", .number(after.values[i])),
                        ("reconciledSigma", .number(after.sigmas[i])),
                    ])
                }),
                ("leaks", .array(after.leaks.map { leak in
                    .object([("node", .string(leak.node)), ("estimate", .number(leak.estimate)), ("sigma", .number(leak.sigma))])
                })),
            ])))
        }
        return .object(members)
    }

    static func json(_ test: ReconciliationResult.GlobalTest) -> JSONValue {
        .object([
            ("statistic", .number(test.statistic)), ("dof", .integer(test.dof)), ("critical", .number(test.critical)),
            ("pValue", .number(test.pValue)), ("alpha", .number(test.alpha)), ("passed", .bool(test.passed)),
        ])
    }

    // MARK: CSV

    /// One row per stream, RFC 4180, for spreadsheets; empty cells where JSON has `null`.
    /// - Complexity: O(number of streams).
    public func csv() -> String {
        var bytes: [UInt8] = []
        csv(chunkSize: .max) { bytes += $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// ``csv()`` in pieces of about `chunkSize` bytes, each handed to `deliver` as soon as it is full (a park of 10⁶
    /// streams is never one string).
    /// - Complexity: O(number of streams); extra memory one chunk.
    public func csv(chunkSize: Int, to deliver: ([UInt8]) -> Void) {
        var writer = CSVWriter()
        writer.writeRecord([
            "id", "name", "from", "to", "unit", "measured", "sigma", "reconciled", "reconciledSigma", "u95",
            "adjustment", "z", "classification", "flagged", "source",
        ])
        for (stream, r) in zip(model.streams, result.streams) {
            func cell(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
            writer.writeRecord([
                r.id, stream.name ?? "", stream.from ?? "", stream.to ?? "", stream.unit ?? "", cell(r.measured),
                cell(r.sigma), cell(r.reconciled), cell(r.reconciledSigma),
                cell(r.reconciledSigma.map { $0 * Self.coverage95 }), cell(r.adjustment), cell(r.z),
                r.classification.rawValue, r.flagged ? "yes" : "", r.source ?? "",
            ])
            if writer.bytes.count >= chunkSize { writer.flush(to: deliver) }
        }
        writer.flush(to: deliver)
    }

    // MARK: Human-readable

    /// The one-line verdict of the global test, in plain words.
    public var verdict: String {
        let g = result.globalTest
        guard let critical = g.critical, let p = g.pValue else {
            return t("全局检验：无可检验（无冗余，自由度 0）。", "Global test: nothing to test (no redundancy, 0 degrees of freedom).")
        }
        let stat = NumberFormatting.fixed(g.statistic, decimals: 2)
        let crit = NumberFormatting.fixed(critical, decimals: 2)
        let pText = NumberFormatting.general(p, significant: 3)
        if g.passed {
            return t("全局检验通过：χ² = \(stat) ≤ \(crit)（自由度 \(g.dof)，α = \(g.alpha)，p = \(pText)）——测量值与平衡一致。",
                     "Global test passed: χ² = \(stat) ≤ \(crit) (dof \(g.dof), α = \(g.alpha), p = \(pText)) — "
                        + "the measurements agree with the balances.")
        }
        return t("全局检验未通过：χ² = \(stat) > \(crit)（自由度 \(g.dof)，α = \(g.alpha)，p = \(pText)）——测量值与平衡矛盾："
                    + "请检查可疑仪表或泄漏。",
                 "Global test FAILED: χ² = \(stat) > \(crit) (dof \(g.dof), α = \(g.alpha), p = \(pText)) — "
                    + "the measurements contradict the balances: look for faulty meters or leaks.")
    }

    /// `value ± σ` to σ's two significant digits, never coarser than the measured input's own decimals.
    private func valueWithSigma(_ value: Double?, _ sigma: Double?, input: Double?) -> String {
        guard let value else { return "—" }
        guard let sigma, sigma > 0 else {
            let decimals = Swift.max(NumberFormatting.decimals(forValue: value), input.flatMap(NumberFormatting.inputDecimals) ?? 0)
            return NumberFormatting.fixed(value, decimals: decimals)
        }
        let decimals = NumberFormatting.decimals(forUncertainty: sigma, input: input)
        return NumberFormatting.fixed(value, decimals: decimals) + " ± " + NumberFormatting.fixed(sigma, decimals: decimals)
    }

    private func flag(_ r: ReconciliationResult.StreamResult) -> String {
        if result.grossErrors.contains(where: { $0.stream == r.id }) { return t("可疑", "SUSPECT") }
        if result.grossErrors.contains(where: { $0.equivalent.contains(GrossErrorHypothesis(kind: .bias, location: r.id)) }) {
            return t("可疑？", "SUSPECT?")
        }
        if r.flagged { return t("待查", "check") }
        return ""
    }

    private var hasNames: Bool { model.streams.contains { $0.name != nil } }
    private var hasUnits: Bool { model.streams.contains { $0.unit != nil } }

    private func streamRows() -> (headers: [String], right: Set<Int>, rows: [[String]]) {
        var headers = [t("流股", "Stream")]
        if hasNames { headers.append(t("名称", "Name")) }
        if hasUnits { headers.append(t("单位", "Unit")) }
        let first = headers.count
        let k = vdi2048 ? Self.coverage95 : 1
        headers += vdi2048
            ? [t("测量值 ± u95", "Measured ± u95"), t("协调值 ± u95", "Reconciled ± u95"), t("调整量", "Adjustment"),
               t("质量", "Quality"), t("分类", "Class"), t("标记", "Flag"), t("数据来源", "Source")]
            : [t("测量值 ± σ", "Measured ± σ"), t("协调值 ± σ", "Reconciled ± σ"), t("调整量", "Adjustment"), "z",
               t("分类", "Class"), t("标记", "Flag"), t("数据来源", "Source")]
        let right: Set<Int> = [first, first + 1, first + 2, first + 3]
        let rows = zip(model.streams, result.streams).map { stream, r -> [String] in
            var row = [r.id]
            if hasNames { row.append(stream.name ?? "") }
            if hasUnits { row.append(stream.unit ?? "") }
            // A nonredundant meter is not adjusted at all: say 0, not a rounded "+0.0".
            let adjustment = r.classification == .nonredundant ? "0" : r.adjustment.map { a in
                NumberFormatting.fixed(a, decimals: NumberFormatting.decimals(forUncertainty: r.sigma ?? abs(a)))
            }
            row += [
                r.measured == nil ? t("未测", "unmeasured") : valueWithSigma(r.measured, r.sigma.map { $0 * k }, input: r.measured),
                r.reconciled == nil ? t("—（不可观测）", "— (unobservable)")
                    : valueWithSigma(r.reconciled, r.reconciledSigma.map { $0 * k }, input: r.measured),
                adjustment.map { $0 == "0" || $0.hasPrefix("-") ? $0 : "+" + $0 } ?? "",
                vdi2048
                    ? vdiQuality(model.streamIndex[r.id]!).map { NumberFormatting.fixed($0, decimals: 2) + ($0 > 1 ? " ✗" : "") } ?? ""
                    : r.z.map { NumberFormatting.fixed($0, decimals: 2) } ?? "",
                className(r.classification), flag(r),
                r.source ?? "",
            ]
            return row
        }
        return (headers, right, rows)
    }

    private func describe(_ h: GrossErrorHypothesis) -> String {
        switch h.kind {
        case .bias: return t("仪表 ", "meter ") + "\(h.location)" + (model.stream(h.location)?.name.map { " (\($0))" } ?? "")
        case .leak: return t("泄漏于 ", "a leak at ") + "\(h.location)" + (model.node(h.location)?.name.flatMap { $0 == h.location ? nil : " (\($0))" } ?? "")
        }
    }

    /// The identified gross errors in plain words.
    /// How the dof after identification came about, for the text formats.
    var afterDofNote: String {
        guard let after = result.afterIdentification else { return "" }
        switch after.convention {
        case .compensated:
            return " = \(result.globalTest.dof) − \(after.estimatedMagnitudes)" + t(" 个已补偿", " compensated")
        case .eliminated:
            return t("，已剔除相应仪表", ", the meters eliminated")
        }
    }

    /// The suspect list: z is the statistic at the step the error was identified (after the errors
    /// identified before it were removed), not the measurement test's z of the stream table.
    func grossErrorLines() -> [String] {
        result.grossErrors.map { g in
            let unit: String
            switch g.kind {
            case .bias: unit = model.stream(g.location)?.unit.map { " \($0)" } ?? ""
            case .leak: unit = model.streams.first { $0.from == g.location || $0.to == g.location }?.unit.map { " \($0)" } ?? ""
            }
            var text: String
            switch g.kind {
            case .bias: text = "\(g.location)" + (model.stream(g.location)?.name.map { " (\($0))" } ?? "") + t("：识别时 z = ", ": z at identification = ") + NumberFormatting.fixed(g.z, decimals: 2)
            case .leak: text = t("泄漏于 ", "Leak at ") + "\(g.location)" + (model.node(g.location)?.name.flatMap { $0 == g.location ? nil : " (\($0))" } ?? "") + ": T = \(NumberFormatting.fixed(g.statistic, decimals: 2))"
            }
            if let size = g.estimatedBias {
                let decimals = NumberFormatting.decimals(forUncertainty: g.estimatedBiasSigma ?? abs(size))
                let sigma = g.estimatedBiasSigma.map { " ± \(NumberFormatting.fixed($0, decimals: decimals))" } ?? ""
                switch g.kind {
                case .bias:
                    let amount = NumberFormatting.fixed(abs(size), decimals: decimals) + sigma + unit
                    text += t("，仪表读数偏\(size >= 0 ? "高" : "低") \(amount)",
                              ", the meter reads \(size >= 0 ? "high" : "low") by \(amount)")
                case .leak:
                    let amount = NumberFormatting.fixed(abs(size), decimals: decimals) + sigma + unit
                    text += size >= 0
                        ? t("，约 \(amount) 未经计量离开该节点", ", about \(amount) leaves the node unmetered")
                        : t("，流入比计量值多约 \(amount)", ", about \(amount) more arrives than is metered")
                }
            } else {
                text += t("，其大小无法估计", ", its size cannot be estimated")
            }
            if !g.equivalent.isEmpty {
                text += t("；数据无法将其与以下情况区分：", "; the data cannot tell this apart from ")
                    + g.equivalent.map(describe).joined(separator: t("、", ", "))
            }
            return text
        }
    }

    /// The plain-text report: heading, verdict, stream table, node closures, suspects, warnings.
    public func table() -> String {
        let nBalances = result.nodes.filter(\.balanced).count
        let flows = nonlinear?.flowCount ?? model.streams.count
        var out = t("数据协调 \(caseName)：\(flows) 条流股，", "Reconciliation of \(caseName): \(flows) streams, ")
        if let nonlinear {
            let components = nonlinear.variables.filter { $0.stream != nil && $0.component != nil }.count
            let generation = nonlinear.variables.filter { $0.node != nil }.count
            out += t("\(components) 个组分值，", "\(components) component values, ")
                + (generation > 0 ? t("\(generation) 个生成项，", "\(generation) generation terms, ") : "")
        }
        out += t("\(nBalances) 个平衡节点，自由度 \(result.globalTest.dof)\n",
                 "\(nBalances) balanced nodes, \(result.globalTest.dof) degrees of freedom\n")
        if let nonlinear {
            let residual = NumberFormatting.general(nonlinear.constraintResidual, significant: 2)
            let relative = NumberFormatting.general(nonlinear.relativeConstraintResidual, significant: 2)
            out += t("非线性协调：迭代 \(nonlinear.iterations) 次收敛，约束残差 \(residual)（相对 \(relative)）\n",
                     "Nonlinear reconciliation: converged in \(nonlinear.iterations) iterations, constraint residual "
                        + "\(residual) (relative \(relative))\n")
        }
        out += verdict + "\n\n"
        let (headers, right, rows) = streamRows()
        var table = TextTable(headers: headers, rightAligned: right)
        table.rows = rows
        out += table.render()
        if vdi2048 {
            out += t("VDI 2048：u95 = 1.96 σ；质量 = |调整量| / (1.96 σ_调整量)，大于 1（✗）为不合格。\n",
                     "VDI 2048: u95 = 1.96 σ; quality = |adjustment| / (1.96 σ_adjustment), above 1 (✗) the measurement fails.\n")
        } else {
            let critical = NumberFormatting.fixed(result.measurementTest.critical, decimals: 2)
            let count = result.measurementTest.redundantCount
            out += t("z：测量检验，|z| > \(critical)（Šidák，\(count) 个冗余测量）的仪表需核查。\n",
                     "z: measurement test, |z| > \(critical) (Šidák, \(count) redundant) marks a meter to check.\n")
        }
        let nodeRows = result.nodes.filter(\.balanced).map { n -> [String] in
            let name = model.node(n.id)?.name.flatMap { $0 == n.id ? nil : $0 } ?? ""
            let decimals = NumberFormatting.decimals(forValue: abs(n.imbalanceMeasured), significant: 4)
            // The closure error of a node with unmeasured streams is what those streams carry, not an error.
            let closure = n.unmeasuredStreams == 0 ? n.relativeImbalance.map { NumberFormatting.percent($0) } ?? "" : "—"
            let after = n.imbalanceReconciled.map { abs($0) < 1e-9 * max(1, abs(n.imbalanceMeasured)) ? "0" : NumberFormatting.general($0, significant: 3) } ?? "—"
            return [
                n.id, name, NumberFormatting.fixed(n.imbalanceMeasured, decimals: min(decimals, 3)), closure,
                n.unmeasuredStreams > 0 ? "\(n.unmeasuredStreams)" : "", after,
            ]
        }
        if !nodeRows.isEmpty {
            var nodes = TextTable(
                headers: [t("节点", "Node"), t("名称", "Name"), t("进 − 出（测量）", "In − out (measured)"), t("闭合差 δ", "Closure δ"),
                          t("未测", "Unmeasured"), t("协调后", "After")], rightAligned: [2, 3, 4, 5])
            nodes.rows = nodeRows
            out += "\n" + nodes.render()
        }
        let budgetLines = budgetReport?.lines ?? []
        if !budgetLines.isEmpty {
            out += t("\n不确定度分量（每个值方差的最大三项来源）：\n", "\nUncertainty budget (the three largest shares of each value's variance):\n")
                + budgetLines.map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        let suspects = grossErrorLines()
        if !suspects.isEmpty {
            out += t("\n可疑仪表与泄漏（\(strategyName)）：\n", "\nSuspect meters and leaks (\(strategyName)):\n")
                + suspects.map { "  • " + $0 }.joined(separator: "\n") + "\n"
            if let after = result.globalTestAfterIdentification {
                let chi = NumberFormatting.fixed(after.statistic, decimals: 2)
                out += t("  剔除后全局检验\(after.passed ? "通过" : "仍未通过")：χ² = \(chi)（自由度 \(after.dof)\(afterDofNote)）。\n",
                         "  Without \(result.grossErrors.count == 1 ? "it" : "them") the global test \(after.passed ? "passes" : "still fails"): χ² = "
                            + "\(chi) (dof \(after.dof)\(afterDofNote)).\n")
            }
        }
        if !allWarnings.isEmpty {
            out += t("\n警告：\n", "\nWarnings:\n") + allWarnings.map { "  ! " + MessageCatalogue.text($0, language: language) }.joined(separator: "\n") + "\n"
        }
        return out
    }

    /// The Markdown report (for audit reports and README files).
    public func markdown() -> String {
        var out = t("# 数据协调 \(caseName)\n\n\(verdict)\n\n", "# Reconciliation of \(caseName)\n\n\(verdict)\n\n")
        let (headers, _, rows) = streamRows()
        out += Markdown.table(headers: headers, rows: rows)
        let budgetLines = budgetReport?.lines ?? []
        if !budgetLines.isEmpty {
            out += t("\n## 不确定度分量（最大三项）\n\n", "\n## Uncertainty budget (three largest shares)\n\n")
                + budgetLines.map { "- " + $0 }.joined(separator: "\n") + "\n"
        }
        let suspects = grossErrorLines()
        if !suspects.isEmpty {
            out += t("\n## 可疑仪表与泄漏（\(strategyName)）\n\n", "\n## Suspect meters and leaks (\(strategyName))\n\n")
                + suspects.map { "- " + $0 }.joined(separator: "\n") + "\n"
        }
        if !allWarnings.isEmpty {
            out += t("\n## 警告\n\n", "\n## Warnings\n\n") + allWarnings.map { "- " + MessageCatalogue.text($0, language: language) }.joined(separator: "\n") + "\n"
        }
        return out
    }
}

/// Markdown helpers.
public enum Markdown {
    /// A pipe table; `|` in cells is escaped.
    public static func table(headers: [String], rows: [[String]]) -> String {
        func escape(_ s: String) -> String { String(s.flatMap { $0 == "|" ? ["\\", "|"] : [$0] }) }
        var out = "| " + headers.map(escape).joined(separator: " | ") + " |\n"
        out += "|" + headers.map { _ in " --- |" }.joined() + "\n"
        for row in rows { out += "| " + row.map(escape).joined(separator: " | ") + " |\n" }
        return out
    }
}
