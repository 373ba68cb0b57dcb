import BalanceCore

/// The result of `balance simulate`: detection performance of the gross-error strategies.
public struct SimulationReport: Sendable {
    public var caseName: String
    public var options: DetectionSimulation.Options
    public var result: DetectionSimulation.Result

    public init(caseName: String, options: DetectionSimulation.Options, result: DetectionSimulation.Result) {
        self.caseName = caseName
        self.options = options
        self.result = result
    }

    /// Language of the table and Markdown reports (JSON and CSV keys do not change).
    public var language: LabelLanguage = .en

    private func t(_ zh: String, _ en: String) -> String { language.pick(zh, en) }

    private func name(_ strategy: ReconciliationOptions.GrossErrorStrategy) -> String {
        switch strategy {
        case .serial: return t("逐个剔除法", "serial elimination")
        case .compensation: return t("逐个补偿法", "serial compensation")
        case .glr: return t("广义似然比法（偏差与泄漏）", "serial GLR (biases + leaks)")
        case .none: return t("无", "none")
        }
    }

    /// JSON: settings, per strategy `power`, `averageTypeI`, `detectionRate` and `perStream`.
    public func json() -> JSONValue {
        .object([
            ("case", .string(caseName)), ("bias", .number(options.bias)), ("trials", .integer(options.trials)),
            ("seed", .integer(Int(truncatingIfNeeded: options.seed))), ("alpha", .number(options.alpha)),
            ("simulatedStreams", .array(result.simulatedStreams.map { .string($0) })),
            ("totalTrials", .integer(result.totalTrials)), ("truthResidual", .number(result.truthResidual)),
            ("strategies", .array(result.strategies.map { s in
                .object([
                    ("strategy", .string(s.strategy.rawValue)), ("power", .number(s.power)),
                    ("averageTypeI", .number(s.averageTypeI)), ("detectionRate", .number(s.detectionRate)),
                    ("perStream", .array(s.perStream.map { p in
                        .object([("stream", .string(p.stream)), ("power", .number(p.power)), ("averageTypeI", .number(p.averageTypeI))])
                    })),
                ])
            })),
        ])
    }

    private var summaryRows: [[String]] {
        result.strategies.map { s in
            [name(s.strategy), NumberFormatting.percent(s.power, decimals: 1), NumberFormatting.fixed(s.averageTypeI, decimals: 3),
             NumberFormatting.percent(s.detectionRate, decimals: 1)]
        }
    }

    private var streamRows: (headers: [String], rows: [[String]]) {
        let headers = [t("流股", "Stream")] + result.strategies.map { name($0.strategy) + t(" 检出率", " power") }
        let rows = result.simulatedStreams.enumerated().map { k, id in
            [id] + result.strategies.map { NumberFormatting.percent($0.perStream[k].power, decimals: 1) }
        }
        return (headers, rows)
    }

    private var heading: String {
        let bias = NumberFormatting.general(options.bias, significant: 3), count = result.simulatedStreams.count
        return t("显著误差检测性能 \(caseName)：依次在 \(count) 个冗余仪表上加 \(bias) σ 的偏差，每个 \(options.trials) 次试验"
                    + "（种子 \(options.seed)，α = \(options.alpha)）",
                 "Detection performance on \(caseName): a bias of \(bias) σ in each of "
                    + "\(count) redundant meters in turn, \(options.trials) trials each (seed \(options.seed), α = \(options.alpha))")
    }

    /// Plain-text report.
    public func table() -> String {
        var out = heading + "\n"
        if result.truthResidual > 1e-6 {
            let residual = NumberFormatting.general(result.truthResidual)
            out += t("警告：真值不满足平衡（相对残差 \(residual)）。\n",
                     "Warning: the true values do not satisfy the balances (relative residual \(residual)).\n")
        }
        var summary = TextTable(
            headers: [t("方法", "Strategy"), t("检出率", "Power"), t("每次试验误判数 (AVTI)", "Type-I errors per trial (AVTI)"),
                      t("报警试验比例", "Trials with an alarm")], rightAligned: [1, 2, 3])
        summary.rows = summaryRows
        out += "\n" + summary.render()
        out += t("检出率：被识别出的注入偏差所占比例（等价假设亦计）。AVTI：每次试验的错误识别数。\n",
                 "Power: share of injected biases identified (an equivalent hypothesis counts). AVTI: wrong identifications per trial.\n")
        let (headers, rows) = streamRows
        var perStream = TextTable(headers: headers, rightAligned: Set(1..<headers.count))
        perStream.rows = rows
        out += "\n" + perStream.render()
        return out
    }

    /// Markdown report.
    public func markdown() -> String {
        var out = "# \(heading)\n\n"
        out += Markdown.table(
            headers: [t("方法", "Strategy"), t("检出率", "Power"), "AVTI", t("报警试验比例", "Trials with an alarm")], rows: summaryRows)
        let (headers, rows) = streamRows
        out += "\n" + Markdown.table(headers: headers, rows: rows)
        return out
    }

    /// CSV: one row per strategy and stream.
    public func csv() -> String {
        var writer = CSVWriter()
        writer.writeRecord(["strategy", "stream", "power", "averageTypeI"])
        for s in result.strategies {
            writer.writeRecord([s.strategy.rawValue, "", "\(s.power)", "\(s.averageTypeI)"])
            for p in s.perStream { writer.writeRecord([s.strategy.rawValue, p.stream, "\(p.power)", "\(p.averageTypeI)"]) }
        }
        return writer.text
    }
}
