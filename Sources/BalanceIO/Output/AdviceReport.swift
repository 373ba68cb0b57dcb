import BalanceCore
import BalanceStandards

/// The result of `balance advise`: where to add or improve meters.
public struct AdviceReport: Sendable {
    public var model: BalanceModel
    public var caseName: String
    public var observability: [MeterAdvice.Observability]
    public var targets: [String]
    public var candidates: [MeterAdvice.UncertaintyCandidate]
    /// How many ranked candidates to show in text formats.
    public var top: Int
    /// The uncertainty budget of the current reconciliation (issue 15): with targets, each target's largest
    /// contributors are listed (`targetBudgets` in JSON), so that the ranking can be read against them.
    public var budget: UncertaintyBudget?

    public init(model: BalanceModel, caseName: String, observability: [MeterAdvice.Observability], targets: [String],
                candidates: [MeterAdvice.UncertaintyCandidate], top: Int = 10) {
        self.model = model
        self.caseName = caseName
        self.observability = observability
        self.targets = targets
        self.candidates = candidates
        self.top = top
    }

    private func label(_ id: String) -> String { id + (model.stream(id)?.name.map { " (\($0))" } ?? "") }

    /// 1 − σ after / σ before of the targets' summed variance (`nil` when it was not finite before).
    static func sigmaReduction(_ c: MeterAdvice.UncertaintyCandidate) -> Double? {
        guard c.varianceBefore.isFinite, c.varianceBefore > 0 else { return nil }
        return 1 - (c.varianceAfter / c.varianceBefore).squareRoot()
    }

    /// The sentence an auditor quotes for a candidate that replaces an estimate by a meter, or `nil`.
    func statement(_ c: MeterAdvice.UncertaintyCandidate) -> String? {
        guard c.change == .meterForEstimate, let cut = Self.sigmaReduction(c) else { return nil }
        let names = targets.joined(separator: t("、", ", "))
        let kind = DataSourceCategory(source: model.stream(c.stream)?.source).name(chinese: language == .zh)
        let sigma = NumberFormatting.general(c.sigma, significant: 3)
        return t("以 σ = \(sigma) 的仪表替代 \(c.stream) 的\(kind)值，可使 \(names) 的 σ 降低 \(NumberFormatting.percent(cut, decimals: 1))。",
                 "Replacing the \(kind) value of \(c.stream) by a meter with σ = \(sigma) would cut σ of \(names) by "
                    + "\(NumberFormatting.percent(cut, decimals: 1)).")
    }

    private var budgetReport: UncertaintyBudgetReport? {
        budget.map { UncertaintyBudgetReport(budget: $0, language: language) }
    }

    /// JSON: `observability` [{stream, meters}], `targets`, `candidates` [{stream, change, sigma, varianceBefore,
    /// varianceAfter, reduction, madeObservable, sigmaReduction, statement}], and with a budget `targetBudgets`
    /// [{stream, uncertaintyBudget, uncertaintyByCategory}] (FORMATS.md §5.4).
    public func json() -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("observability", .array(observability.map { o in
                .object([("stream", .string(o.stream)), ("meters", .array(o.meters.map { .string($0) }))])
            })),
            ("targets", .array(targets.map { .string($0) })),
            ("candidates", .array(candidates.map { c in
                .object([
                    ("stream", .string(c.stream)), ("change", .string(c.change.rawValue)), ("sigma", .number(c.sigma)),
                    ("varianceBefore", .number(c.varianceBefore)), ("varianceAfter", .number(c.varianceAfter)),
                    ("reduction", .number(c.reduction)), ("madeObservable", .array(c.madeObservable.map { .string($0) })),
                    ("sigmaReduction", .number(Self.sigmaReduction(c))), ("statement", .string(statement(c))),
                ])
            })),
        ]
        if let budgetReport {
            members.append(("targetBudgets", .array(targets.compactMap { id in
                model.streamIndex[id].map { j in
                    let parts = budgetReport.json(j)
                    return .object([
                        ("stream", .string(id)), ("uncertaintyBudget", parts.contributors),
                        ("uncertaintyByCategory", parts.byCategory),
                    ])
                }
            })))
        }
        return .object(members)
    }

    /// The text lines under the ranking: each target's largest contributors, and the statements of the candidates
    /// shown that replace an estimate.
    private var budgetAndStatementLines: [String] {
        let budgetLines = budgetReport.map { report in targets.compactMap { model.streamIndex[$0].flatMap(report.line) } } ?? []
        let statements = candidates.prefix(top).compactMap(statement)
        var lines: [String] = []
        if !budgetLines.isEmpty {
            lines.append(t("目标的不确定度分量（最大三项）：", "Where the targets' uncertainty comes from (three largest shares):"))
            lines += budgetLines.map { "  " + $0 }
        }
        lines += statements
        return lines
    }

    /// Language of the table and Markdown reports (JSON and CSV keys do not change).
    public var language: LabelLanguage = .en

    private func t(_ zh: String, _ en: String) -> String { language.pick(zh, en) }

    private var observabilityLines: [String] {
        observability.map { o in
            let others = o.meters.filter { $0 != o.stream }
            return label(o.stream) + t("：直接加装仪表", ": meter it directly")
                + (others.isEmpty ? "" : t("，或在以下之一加装仪表：", ", or meter one of ") + others.map(label).joined(separator: t("、", ", ")))
                + (o.meters.isEmpty ? t("——单个仪表不够（需要两个或更多）", " — no single meter suffices (it needs two or more)") : "")
        }
    }

    private var candidateRows: [[String]] {
        candidates.prefix(top).enumerated().map { k, c in
            let before = c.varianceBefore.isInfinite ? "∞" : NumberFormatting.general(c.varianceBefore.squareRoot(), significant: 3)
            return [
                "\(k + 1)", label(c.stream), changeName(c.change),
                NumberFormatting.general(c.sigma, significant: 3), before,
                NumberFormatting.general(c.varianceAfter.squareRoot(), significant: 3),
                c.madeObservable.isEmpty ? NumberFormatting.percent(c.reduction, decimals: 1) : t("使其可观测", "makes observable"),
            ]
        }
    }

    private func changeName(_ change: MeterAdvice.UncertaintyCandidate.Change) -> String {
        switch change {
        case .newMeter: return t("新增仪表", "new meter")
        case .improvedMeter: return t("更换更准的仪表", "better meter")
        case .meterForEstimate: return t("以仪表替代估算", "meter, not estimate")
        }
    }

    private var headers: [String] {
        ["#", t("仪表位置", "Meter on"), t("措施", "Change"), t("仪表 σ", "σ of meter"), t("改前 σ", "σ before"), t("改后 σ", "σ after"),
         t("方差降低", "Variance reduction")]
    }

    /// Plain-text report.
    public func table() -> String {
        var out = t("计量建议 \(caseName)\n", "Meter advice for \(caseName)\n")
        if observability.isEmpty {
            out += t("\n所有未测流股均可观测：平衡方程可确定全部未测流股。\n",
                     "\nEvery unmeasured stream is observable: the balances determine all of them.\n")
        } else {
            out += t("\n不可观测的流股，以及能确定它们的单个仪表：\n",
                     "\nUnobservable streams and the single meters that would determine them:\n")
            out += observabilityLines.map { "  • " + $0 }.joined(separator: "\n") + "\n"
        }
        if !targets.isEmpty {
            let names = targets.map(label).joined(separator: t("、", ", "))
            out += t("\n最能降低 \(names) 不确定度的仪表（各方差之和的 σ）：\n",
                     "\nMeters that most reduce the uncertainty of \(names) (σ of the sum of their variances):\n")
            var table = TextTable(headers: headers, rightAligned: [0, 3, 4, 5, 6])
            table.rows = candidateRows
            out += table.render()
            let lines = budgetAndStatementLines
            if !lines.isEmpty { out += "\n" + lines.joined(separator: "\n") + "\n" }
        }
        return out
    }

    /// Markdown report.
    public func markdown() -> String {
        var out = t("# 计量建议 \(caseName)\n\n", "# Meter advice for \(caseName)\n\n")
        out += observability.isEmpty ? t("所有未测流股均可观测。\n", "Every unmeasured stream is observable.\n")
            : observabilityLines.map { "- " + $0 }.joined(separator: "\n") + "\n"
        if !targets.isEmpty {
            out += "\n" + Markdown.table(headers: headers, rows: candidateRows)
            let lines = budgetAndStatementLines
            if !lines.isEmpty { out += "\n" + lines.map { $0.hasPrefix("  ") ? "  -" + $0.dropFirst(1) : "- " + $0 }.joined(separator: "\n") + "\n" }
        }
        return out
    }

    /// CSV of the ranked candidates.
    public func csv() -> String {
        var writer = CSVWriter()
        writer.writeRecord(["rank", "stream", "change", "sigma", "varianceBefore", "varianceAfter", "reduction", "madeObservable"])
        for (k, c) in candidates.enumerated() {
            writer.writeRecord(["\(k + 1)", c.stream, c.change.rawValue, "\(c.sigma)", "\(c.varianceBefore)", "\(c.varianceAfter)",
                                "\(c.reduction)", c.madeObservable.joined(separator: " ")])
        }
        return writer.text
    }
}
