import BalanceCore

/// The result of `balance advise`: where to add or improve meters.
public struct AdviceReport: Sendable {
    public var model: BalanceModel
    public var caseName: String
    public var observability: [MeterAdvice.Observability]
    public var targets: [String]
    public var candidates: [MeterAdvice.UncertaintyCandidate]
    /// How many ranked candidates to show in text formats.
    public var top: Int

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

    /// JSON: `observability` [{stream, meters}], `targets`, `candidates` [{stream, change, sigma, varianceBefore, varianceAfter, reduction, madeObservable}].
    public func json() -> JSONValue {
        .object([
            ("observability", .array(observability.map { o in
                .object([("stream", .string(o.stream)), ("meters", .array(o.meters.map { .string($0) }))])
            })),
            ("targets", .array(targets.map { .string($0) })),
            ("candidates", .array(candidates.map { c in
                .object([
                    ("stream", .string(c.stream)), ("change", .string(c.change.rawValue)), ("sigma", .number(c.sigma)),
                    ("varianceBefore", .number(c.varianceBefore)), ("varianceAfter", .number(c.varianceAfter)),
                    ("reduction", .number(c.reduction)), ("madeObservable", .array(c.madeObservable.map { .string($0) })),
                ])
            })),
        ])
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
                "\(k + 1)", label(c.stream), c.change == .newMeter ? t("新增仪表", "new meter") : t("更换更准的仪表", "better meter"),
                NumberFormatting.general(c.sigma, significant: 3), before,
                NumberFormatting.general(c.varianceAfter.squareRoot(), significant: 3),
                c.madeObservable.isEmpty ? NumberFormatting.percent(c.reduction, decimals: 1) : t("使其可观测", "makes observable"),
            ]
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
        }
        return out
    }

    /// Markdown report.
    public func markdown() -> String {
        var out = t("# 计量建议 \(caseName)\n\n", "# Meter advice for \(caseName)\n\n")
        out += observability.isEmpty ? t("所有未测流股均可观测。\n", "Every unmeasured stream is observable.\n")
            : observabilityLines.map { "- " + $0 }.joined(separator: "\n") + "\n"
        if !targets.isEmpty { out += "\n" + Markdown.table(headers: headers, rows: candidateRows) }
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
