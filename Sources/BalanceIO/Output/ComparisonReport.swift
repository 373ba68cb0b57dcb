import BalanceCore
import BalanceStandards

/// `balance compare BEFORE AFTER`: the change of every figure between two cases of one plant — before and after a
/// cleaner-production option, or two test periods — with its uncertainty and a significance statement
/// (FORMATS.md §5.12).
///
/// For a figure with values b ± σ_b before and a ± σ_a after, from independent measurement periods:
///
///     change Δ = a − b,   σ_Δ = √(σ_a² + σ_b²),   z = Δ / σ_Δ,   p = 2 (1 − Φ(|z|)) = erfc(|z| / √2)
///
/// and the change is significant at α when p < α: it cannot be explained by measurement uncertainty alone.
/// Meters read in both periods (`meters.csv` with a systematic part) correlate the two values: then
/// σ_Δ = √(σ_a² + σ_b² − 2 Cov(a, b)), Cov from the meters' systematic parts (GUM §5.2.2, F.1.2.1 c), and the
/// entry names those meters; without that information σ_Δ is conservative (too large) for a shared meter.
/// A figure that is not determinable in either case has `null` change, z and p.
public struct ComparisonReport: Sendable {
    /// One compared figure.
    public struct Entry: Sendable, Hashable {
        public var id: String
        public var name: String?
        public var before: Double?
        public var beforeSigma: Double?
        public var after: Double?
        public var afterSigma: Double?
        /// The stream's id in the AFTER case when a mapping file matched it to another id (`nil`: the same id).
        public var afterID: String?
        /// Cov(before, after) through the systematic errors of meters read in both periods (0 without any).
        public var covariance: Double = 0
        /// The meters read in both periods whose systematic errors ``covariance`` accounts for, sorted.
        public var sharedMeters: [String] = []

        /// How far below zero σ_a² + σ_b² − 2 Cov may come by rounding (relative to σ_a² + σ_b²) before it is taken
        /// for 0; a larger negative means the covariance is not a covariance of these two values.
        static let varianceRounding = 1e-12

        public init(id: String, name: String? = nil, before: Double?, beforeSigma: Double?, after: Double?, afterSigma: Double?) {
            self.id = id
            self.name = name
            self.before = before
            self.beforeSigma = beforeSigma
            self.after = after
            self.afterSigma = afterSigma
        }

        /// Δ = after − before.
        public var change: Double? { before.flatMap { b in after.map { $0 - b } } }
        /// σ_Δ = √(σ_a² + σ_b² − 2 Cov(a, b)); `nil` when a σ is unknown.
        public var changeSigma: Double? {
            guard let sa = afterSigma, let sb = beforeSigma else { return nil }
            let sum = sa * sa + sb * sb
            let variance = sum - 2 * covariance
            if variance < 0 { return variance >= -Self.varianceRounding * sum ? 0 : nil }
            return variance.squareRoot()
        }
        /// z = Δ / σ_Δ; `nil` when σ_Δ is 0 or unknown.
        public var z: Double? {
            guard let change, let sigma = changeSigma, sigma > 0 else { return nil }
            return change / sigma
        }
        /// Two-sided p-value of z under "no change".
        public var pValue: Double? { z.map { 2 * NormalDistribution.cdf(-abs($0)) } }
        /// p < α; with σ_Δ = 0 an exact comparison: any change is significant.
        public func significant(alpha: Double) -> Bool? {
            if let pValue { return pValue < alpha }
            guard let change, let sigma = changeSigma, sigma == 0 else { return nil }
            return change != 0
        }
    }

    /// The names of the two cases.
    public var beforeCase: String
    public var afterCase: String
    public var alpha: Double
    public var language: LabelLanguage
    /// Streams in both cases, in the order of BEFORE (reconciled values and their σ).
    public var streams: [Entry]
    /// Indicators and totals of the standard balance asked for (water: GB/T 12452; energy: GB/T 3484).
    public var indicators: [Entry]
    /// Which balance the indicators come from (`nil`: streams only).
    public var balance: String?
    /// Streams of one case only, by id.
    public var onlyBefore: [String]
    public var onlyAfter: [String]
    public var warnings: [String]

    public init(
        beforeCase: String, afterCase: String, alpha: Double, language: LabelLanguage, streams: [Entry],
        indicators: [Entry], balance: String?, onlyBefore: [String], onlyAfter: [String], warnings: [String]
    ) {
        self.beforeCase = beforeCase
        self.afterCase = afterCase
        self.alpha = alpha
        self.language = language
        self.streams = streams
        self.indicators = indicators
        self.balance = balance
        self.onlyBefore = onlyBefore
        self.onlyAfter = onlyAfter
        self.warnings = warnings
    }

    /// A warning in the report's language (``MessageCatalogue``); a case's own warning keeps its `case: ` prefix.
    func localized(_ warning: String) -> String {
        for name in [beforeCase, afterCase] where warning.hasPrefix(name + ": ") {
            return name + (language == .zh ? "：" : ": ") + MessageCatalogue.text(String(warning.dropFirst(name.count + 2)), language: language)
        }
        return MessageCatalogue.text(warning, language: language)
    }

    /// The statement for one entry, in the report's language.
    public func statement(_ entry: Entry) -> String {
        let zh = language == .zh
        switch entry.significant(alpha: alpha) {
        case true?:
            return zh ? "变化显著：超出测量不确定度（α = \(Text.number(alpha))）"
                : "the change is distinguishable from measurement uncertainty at α = \(Text.number(alpha))"
        case false?:
            return zh ? "变化不显著：在测量不确定度之内（α = \(Text.number(alpha))）"
                : "the change is not distinguishable from measurement uncertainty at α = \(Text.number(alpha))"
        case nil:
            return zh ? "无法判断（缺少数值或不确定度）" : "not determinable (a value or its uncertainty is missing)"
        }
    }

    // MARK: JSON

    func json(_ entry: Entry) -> JSONValue {
        var members: [(String, JSONValue)] = [("id", .string(entry.id))]
        if let afterID = entry.afterID { members.append(("afterId", .string(afterID))) }
        if let name = entry.name { members.append(("name", .string(name))) }
        members += [
            ("before", .number(entry.before)), ("beforeSigma", .number(entry.beforeSigma)),
            ("after", .number(entry.after)), ("afterSigma", .number(entry.afterSigma)),
            ("change", .number(entry.change)), ("changeSigma", .number(entry.changeSigma)),
        ]
        if !entry.sharedMeters.isEmpty {
            members += [("covariance", .number(entry.covariance)), ("sharedMeters", .array(entry.sharedMeters.map { .string($0) }))]
        }
        members += [
            ("z", .number(entry.z)), ("pValue", .number(entry.pValue)),
            ("significant", entry.significant(alpha: alpha).map { .bool($0) } ?? .null),
            ("statement", .string(statement(entry))),
        ]
        return .object(members)
    }

    /// The document of FORMATS.md §5.12.
    public func json() -> JSONValue {
        .object([
            ("before", .string(beforeCase)), ("after", .string(afterCase)), ("alpha", .number(alpha)),
            ("method", .string("change = after − before; changeSigma = √(afterSigma² + beforeSigma² − 2 covariance) "
                + "(independent periods: covariance 0 unless meters.csv names meters read in both); z = change/changeSigma; pValue = 2(1 − Φ(|z|)); significant = pValue < alpha")),
            ("balance", .string(balance)),
            ("streams", .array(streams.map(json))),
            ("indicators", .array(indicators.map(json))),
            ("onlyBefore", .array(onlyBefore.map { .string($0) })),
            ("onlyAfter", .array(onlyAfter.map { .string($0) })),
            ("warnings", .array(warnings.map { .string($0) })),
        ])
    }

    // MARK: Text

    private func cell(_ x: Double?, digits: Int = 4) -> String {
        guard let x, x.isFinite else { return "—" }
        return CFormat.format("%.\(digits)g", x)
    }

    private func rows(_ entries: [Entry]) -> [[String]] {
        entries.map { e in
            [e.id, e.name ?? "", cell(e.before, digits: 6) + " ± " + cell(e.beforeSigma, digits: 3),
             cell(e.after, digits: 6) + " ± " + cell(e.afterSigma, digits: 3),
             cell(e.change, digits: 4) + " ± " + cell(e.changeSigma, digits: 3), cell(e.z, digits: 3),
             cell(e.pValue, digits: 3), e.significant(alpha: alpha).map { $0 ? (language == .zh ? "是" : "yes") : (language == .zh ? "否" : "no") } ?? "—"]
        }
    }

    private var headers: [String] {
        language == .zh ? ["编号", "名称", "前 ± σ", "后 ± σ", "变化 ± σ", "z", "p", "显著"]
            : ["id", "name", "before ± σ", "after ± σ", "change ± σ", "z", "p", "significant"]
    }

    private var title: String {
        language == .zh ? "对比：\(beforeCase) → \(afterCase)（变化 = 后 − 前，α = \(Text.number(alpha))）"
            : "Comparison: \(beforeCase) → \(afterCase) (change = after − before, α = \(Text.number(alpha)))"
    }

    /// The plain-text report.
    public func table() -> String {
        var out = title + "\n"
        for (heading, entries) in [(language == .zh ? "指标" : "Indicators", indicators),
                                   (language == .zh ? "流股（协调值）" : "Streams (reconciled)", streams)] where !entries.isEmpty {
            out += "\n" + heading + "\n"
            var grid = TextTable(headers: headers, rightAligned: [5, 6])
            grid.rows = rows(entries)
            out += grid.render()
        }
        out += notes()
        return out
    }

    /// The Markdown report.
    public func markdown() -> String {
        var out = "## " + title + "\n"
        for (heading, entries) in [(language == .zh ? "指标" : "Indicators", indicators),
                                   (language == .zh ? "流股（协调值）" : "Streams (reconciled)", streams)] where !entries.isEmpty {
            out += "\n### " + heading + "\n\n| " + headers.joined(separator: " | ") + " |\n|"
                + String(repeating: " --- |", count: headers.count) + "\n"
            for row in rows(entries) { out += "| " + row.map { cell in cell.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") }.joined(separator: " | ") + " |\n" }
        }
        out += notes()
        return out
    }

    private func notes() -> String {
        var out = ""
        if !onlyBefore.isEmpty { out += "\n" + (language == .zh ? "仅在前一案例中：" : "Only before: ") + onlyBefore.joined(separator: ", ") }
        if !onlyAfter.isEmpty { out += "\n" + (language == .zh ? "仅在后一案例中：" : "Only after: ") + onlyAfter.joined(separator: ", ") }
        for warning in warnings { out += "\n" + (language == .zh ? "警告：" : "Warning: ") + localized(warning) }
        return out.isEmpty ? "" : out + "\n"
    }

    /// CSV: one row per figure (`kind` = indicator or stream).
    public func csv(includeByteOrderMark: Bool = false) -> String {
        var writer = CSVWriter(includeByteOrderMark: includeByteOrderMark)
        writer.writeRecord(["kind", "id", "name", "before", "beforeSigma", "after", "afterSigma", "change", "changeSigma", "z",
                       "pValue", "significant", "covariance", "sharedMeters"])
        func number(_ x: Double?) -> String { x.map { $0.description } ?? "" }
        for (kind, entries) in [("indicator", indicators), ("stream", streams)] {
            for e in entries {
                writer.writeRecord([kind, e.id, e.name ?? "", number(e.before), number(e.beforeSigma), number(e.after),
                               number(e.afterSigma), number(e.change), number(e.changeSigma), number(e.z), number(e.pValue),
                               e.significant(alpha: alpha).map { $0 ? "true" : "false" } ?? "",
                               e.sharedMeters.isEmpty ? "" : number(e.covariance), e.sharedMeters.joined(separator: "; ")])
            }
        }
        return writer.text
    }
}
