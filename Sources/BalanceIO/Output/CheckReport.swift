import BalanceCore

/// The result of `balance check`: every balance closed with the data as given (no reconciliation).
///
/// Unmeasured streams are computed from the balance in which they are the only unknown. For each
/// balance whose streams all have values: Σ in, Σ out, the closure error δ = (in − out)/in against
/// the tolerance, and — when every stream of it carries an uncertainty — the standard deviation of
/// the imbalance √(Σ σ²) and z = imbalance/σ, which says whether the gap is larger than the meters
/// explain.
public struct CheckReport: Sendable {
    /// The case's model.
    public var model: BalanceModel
    /// The exact balance.
    public var balance: ExactBalance.Result
    /// Case name for headings.
    public var caseName: String
    /// Warnings from reading the input.
    public var inputWarnings: [String]

    public init(model: BalanceModel, balance: ExactBalance.Result, caseName: String, inputWarnings: [String] = []) {
        self.model = model
        self.balance = balance
        self.caseName = caseName
        self.inputWarnings = inputWarnings
    }

    /// Standard deviation of a balance's imbalance, when every stream of it has an uncertainty
    /// (streams computed from another balance have none).
    public func imbalanceSigma(_ closure: ExactBalance.Closure) -> Double? {
        guard case let .node(id) = closure.balance, !closure.closesByConstruction else { return nil }
        var variance = 0.0
        for (j, stream) in model.streams.enumerated() where !stream.isLoop && (stream.from == id || stream.to == id) {
            guard balance.computedFrom[j] == nil, let sigma = stream.sigma else { return nil }
            variance += sigma * sigma
        }
        return variance > 0 ? variance.squareRoot() : nil
    }

    /// `true` when every balance is within the tolerance.
    public var passed: Bool { balance.closures.allSatisfy(\.withinTolerance) }

    /// Language of the table and Markdown reports (JSON and CSV keys do not change).
    public var language: LabelLanguage = .en

    private func t(_ zh: String, _ en: String) -> String { language.pick(zh, en) }

    /// JSON: `balances` (id, kind, inflow, outflow, imbalance, relativeImbalance, withinTolerance,
    /// imbalanceSigma, z), `streams` (id, value, computedFrom), `tolerance`, `passed`, `warnings`.
    public func json() -> JSONValue {
        let balances: [JSONValue] = balance.closures.map { c in
            let sigma = imbalanceSigma(c)
            var kind = "node"
            if case .relation = c.balance { kind = "relation" }
            return .object([
                ("id", .string(c.balance.id)), ("kind", .string(kind)), ("inflow", .number(c.inflow)),
                ("outflow", .number(c.outflow)), ("imbalance", .number(c.imbalance)),
                ("relativeImbalance", .number(c.relativeImbalance)), ("withinTolerance", .bool(c.withinTolerance)),
                ("closesByConstruction", .bool(c.closesByConstruction)), ("imbalanceSigma", .number(sigma)),
                ("z", .number(sigma.map { c.imbalance / $0 })),
            ])
        }
        let streams: [JSONValue] = model.streams.enumerated().map { j, s in
            .object([
                ("id", .string(s.id)), ("value", .number(balance.values[j])),
                ("computedFrom", .string(balance.computedFrom[j]?.id)), ("source", .string(s.source)),
            ])
        }
        return .object([
            ("balances", .array(balances)), ("streams", .array(streams)), ("tolerance", .number(balance.tolerance)),
            ("passed", .bool(passed)), ("warnings", .array(inputWarnings.map { .string($0) })),
        ])
    }

    private func rows() -> [[String]] {
        balance.closures.map { c in
            let sigma = imbalanceSigma(c)
            let decimals = NumberFormatting.decimals(forValue: Swift.max(c.inflow, c.outflow), significant: 6)
            let verdict: String
            if c.closesByConstruction { verdict = t("闭合（计算所得）", "closes (computed)") } else if c.withinTolerance {
                verdict = t("合格", "ok")
            } else {
                verdict = t("超差", "EXCEEDS")
            }
            return [
                c.balance.id, NumberFormatting.fixed(c.inflow, decimals: decimals),
                NumberFormatting.fixed(c.outflow, decimals: decimals), NumberFormatting.fixed(c.imbalance, decimals: decimals),
                c.relativeImbalance.map { NumberFormatting.percent($0) } ?? "", sigma.map { NumberFormatting.general($0, significant: 3) } ?? "",
                sigma.map { NumberFormatting.fixed(c.imbalance / $0, decimals: 2) } ?? "", verdict,
            ]
        }
    }

    private var headers: [String] {
        [t("平衡", "Balance"), t("进", "In"), t("出", "Out"), t("进 − 出", "In − out"), "δ", t("σ(进 − 出)", "σ(in − out)"), "z",
         t("结论", "Verdict")]
    }

    /// CSV, one row per balance.
    public func csv() -> String {
        var writer = CSVWriter()
        writer.writeRecord(["balance", "inflow", "outflow", "imbalance", "relativeImbalance", "imbalanceSigma", "z", "withinTolerance"])
        for c in balance.closures {
            let sigma = imbalanceSigma(c)
            writer.writeRecord([
                c.balance.id, "\(c.inflow)", "\(c.outflow)", "\(c.imbalance)", c.relativeImbalance.map { "\($0)" } ?? "",
                sigma.map { "\($0)" } ?? "", sigma.map { "\(c.imbalance / $0)" } ?? "", c.withinTolerance ? "yes" : "no",
            ])
        }
        return writer.text
    }

    private var computedLines: [String] {
        model.streams.enumerated().compactMap { j, s in
            guard let from = balance.computedFrom[j], let v = balance.values[j] else { return nil }
            return "\(s.id)\(s.name.map { " (\($0))" } ?? "") = \(NumberFormatting.general(v, significant: 6))\(s.unit.map { " " + $0 } ?? "")"
                + t("，由 \(from.id) 的平衡计算", ", computed from the balance of \(from.id)")
        }
    }

    private var summary: String {
        let failing = balance.closures.filter { !$0.withinTolerance }.map(\.balance.id)
        let tol = NumberFormatting.percent(balance.tolerance, decimals: 1)
        let count = balance.closures.count
        return failing.isEmpty
            ? t("全部 \(count) 个平衡在 ±\(tol) 内闭合。", "All \(count) balances close within ±\(tol).")
            : t("\(count) 个平衡中有 \(failing.count) 个超出 ±\(tol)：\(failing.joined(separator: "、"))。",
                "\(failing.count) of \(count) balances exceed ±\(tol): \(failing.joined(separator: ", ")).")
    }

    /// Plain-text report.
    public func table() -> String {
        let tolerance = NumberFormatting.percent(balance.tolerance, decimals: 1)
        var out = t("平衡检查 \(caseName)（按原始数据，容差 ±\(tolerance)）\n",
                    "Balance check of \(caseName) (data as given, tolerance ±\(tolerance))\n")
        out += summary + "\n\n"
        var table = TextTable(headers: headers, rightAligned: [1, 2, 3, 4, 5, 6])
        table.rows = rows()
        out += table.render()
        if !computedLines.isEmpty {
            out += t("\n计算所得流股：\n", "\nComputed streams:\n") + computedLines.map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        if !inputWarnings.isEmpty {
            out += t("\n警告：\n", "\nWarnings:\n") + inputWarnings.map { "  ! " + MessageCatalogue.text($0, language: language) }.joined(separator: "\n") + "\n"
        }
        return out
    }

    /// Markdown report.
    public func markdown() -> String {
        var out = t("# 平衡检查 \(caseName)\n\n\(summary)\n\n", "# Balance check of \(caseName)\n\n\(summary)\n\n")
        out += Markdown.table(headers: headers, rows: rows())
        if !computedLines.isEmpty { out += "\n" + computedLines.map { "- " + $0 }.joined(separator: "\n") + "\n" }
        return out
    }
}
