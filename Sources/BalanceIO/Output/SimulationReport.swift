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

    private static func name(_ strategy: ReconciliationOptions.GrossErrorStrategy) -> String {
        switch strategy {
        case .serial: return "serial elimination"
        case .compensation: return "serial compensation"
        case .glr: return "serial GLR (biases + leaks)"
        case .none: return "none"
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
            [Self.name(s.strategy), NumberFormatting.percent(s.power, decimals: 1), NumberFormatting.fixed(s.averageTypeI, decimals: 3),
             NumberFormatting.percent(s.detectionRate, decimals: 1)]
        }
    }

    private var streamRows: (headers: [String], rows: [[String]]) {
        let headers = ["Stream"] + result.strategies.map { Self.name($0.strategy) + " power" }
        let rows = result.simulatedStreams.enumerated().map { k, id in
            [id] + result.strategies.map { NumberFormatting.percent($0.perStream[k].power, decimals: 1) }
        }
        return (headers, rows)
    }

    private var heading: String {
        "Detection performance on \(caseName): a bias of \(NumberFormatting.general(options.bias, significant: 3)) σ in each of "
            + "\(result.simulatedStreams.count) redundant meters in turn, \(options.trials) trials each (seed \(options.seed), α = \(options.alpha))"
    }

    /// Plain-text report.
    public func table() -> String {
        var out = heading + "\n"
        if result.truthResidual > 1e-6 {
            out += "Warning: the true values do not satisfy the balances (relative residual \(NumberFormatting.general(result.truthResidual))).\n"
        }
        var summary = TextTable(headers: ["Strategy", "Power", "Type-I errors per trial (AVTI)", "Trials with an alarm"], rightAligned: [1, 2, 3])
        summary.rows = summaryRows
        out += "\n" + summary.render()
        out += "Power: share of injected biases identified (an equivalent hypothesis counts). AVTI: wrong identifications per trial.\n"
        let (headers, rows) = streamRows
        var perStream = TextTable(headers: headers, rightAligned: Set(1..<headers.count))
        perStream.rows = rows
        out += "\n" + perStream.render()
        return out
    }

    /// Markdown report.
    public func markdown() -> String {
        var out = "# \(heading)\n\n"
        out += Markdown.table(headers: ["Strategy", "Power", "AVTI", "Trials with an alarm"], rows: summaryRows)
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
