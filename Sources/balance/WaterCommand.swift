import ArgumentParser
import AuditBalance

extension Balance {
    /// `balance water CASE`: the GB/T 12452 water balance (水平衡测试) — tables, indicators, diagram.
    struct Water: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Water balance to GB/T 12452: balance tables, indicators with uncertainties, water balance diagram.",
            discussion: """
                Streams carry a kind (intake 取水, circulating 循环, series 串联, consumption 耗水, discharge 排水, \
                leakage 漏失, export 外供, steam 蒸汽, condensate 冷凝水回用) and nodes a category (cooling 间接冷却, \
                process 工艺, boiler 锅炉, domestic 生活, auxiliary 辅助, network 管网); see docs/FORMATS.md §3 and \
                docs/WATER.md.

                Without uncertainties the data are taken as exact and unmeasured streams are computed from the \
                balances; with uncertainties the case is reconciled first and every indicator gets a standard \
                uncertainty. Closures are checked per unit and against the boundary meter (an intake stream into a \
                network node; put it on a node marked balance = no to compare it with the sum of the units).

                Examples:
                  balance water Datasets/water/gbt12452-example-9.1 --production 300
                  balance water Datasets/demo/dyeing-plant-water --lang en --format markdown
                  balance water plant --diagram water.svg --dot water.dot
                  balance water plant --format csv --bom --output tables.csv
                  balance water plant --benchmark textile-dyeing --benchmark intakePerProduct=5.5
                """
        )

        @OptionGroup var input: CaseOptions
        @OptionGroup var output: OutputOptions

        @Option(help: "Production Q over the same period as the flows (e.g. t/d when flows are m³/d), for V_uf.")
        var production: Double?

        @Option(help: "Unit of the product, for labels (m³/t).")
        var productionUnit: String = "t"

        @Option(help: "Label language: zh or en.")
        var lang: WaterReportLanguage = .zh

        @Option(help: "Write the water balance diagram (水平衡图) as SVG to this file.")
        var diagram: String?

        @Option(help: "Write the water balance diagram as Graphviz DOT to this file.")
        var dot: String?

        @Option(help: "Unit closure tolerance, fraction (0.05) or percentage (5%). Default 5 % (STANDARDS.md §1.5, UNCONFIRMED).")
        var unitTolerance: String = "5%"

        @Option(help: "Boundary meter tolerance, fraction or percentage. Default 10 % (STANDARDS.md §1.5).")
        var boundaryTolerance: String = "10%"

        @Option(help: "Benchmark for the analysis table: textile-dyeing, iron-steel, petroleum-refining, or KEY=VALUE (e.g. repeatUtilizationRate=45%). Repeatable.")
        var benchmark: [String] = []

        @Flag(help: "Start CSV output with a UTF-8 byte order mark (for Excel).")
        var bom = false

        @Flag(help: "Take every value as exact even when uncertainties are given (no reconciliation).")
        var exact = false

        @Option(help: "Uncertainty for measured streams that have none: absolute (0.5) or relative (2%). Implies reconciliation.")
        var defaultUncertainty: String?

        @Option(help: "Significance level of the reconciliation tests.")
        var alpha: Double = 0.05

        func validate() throws {
            guard let unit = Self.fraction(unitTolerance), unit >= 0 else {
                throw ValidationError("--unit-tolerance must be a non-negative fraction (0.05) or percentage (5%).")
            }
            guard let boundary = Self.fraction(boundaryTolerance), boundary >= 0 else {
                throw ValidationError("--boundary-tolerance must be a non-negative fraction (0.1) or percentage (10%).")
            }
            _ = (unit, boundary)
            if let production, !(production > 0 && production.isFinite) {
                throw ValidationError("--production must be a positive number.")
            }
            try Validate.alpha(alpha)
            try Validate.defaultUncertainty(defaultUncertainty)
            if exact && defaultUncertainty != nil {
                throw ValidationError("--exact and --default-uncertainty contradict each other.")
            }
            _ = try benchmarkSet()
        }

        /// `0.05` or `5%` as a fraction.
        static func fraction(_ text: String) -> Double? {
            var trimmed = Substring(text)
            while trimmed.first == " " { trimmed.removeFirst() }
            while trimmed.last == " " { trimmed.removeLast() }
            if trimmed.hasSuffix("%") { return Double(trimmed.dropLast()).map { $0 / 100 } }
            return Double(trimmed)
        }

        /// The benchmark from the `--benchmark` options.
        func benchmarkSet() throws -> WaterBenchmark? {
            var result: WaterBenchmark?
            for item in benchmark {
                let part: WaterBenchmark
                if let preset = WaterBenchmark.presets[item] {
                    part = preset
                } else if let eq = item.firstIndex(of: "=") {
                    let key = String(item[..<eq])
                    guard let indicator = WaterIndicator(rawValue: key) else {
                        throw ValidationError("--benchmark: unknown indicator '\(key)' (use one of "
                            + WaterIndicator.allCases.map(\.rawValue).joined(separator: ", ") + ").")
                    }
                    guard let value = Self.fraction(String(item[item.index(after: eq)...])), value.isFinite else {
                        throw ValidationError("--benchmark \(item): the value must be a number or a percentage.")
                    }
                    part = WaterBenchmark(name: "user", source: "--benchmark", values: [indicator: value])
                } else {
                    throw ValidationError("--benchmark must be one of " + WaterBenchmark.presets.keys.sorted().joined(separator: ", ")
                        + " or KEY=VALUE.")
                }
                result = result.map { $0.merging(part) } ?? part
            }
            return result
        }

        func run() throws {
            let loaded = CLI.load(input, defaultUncertainty: defaultUncertainty.flatMap(UncertaintySpec.parse))
            let parameters = WaterBalanceParameters(
                unitClosureTolerance: Self.fraction(unitTolerance)!, boundaryClosureTolerance: Self.fraction(boundaryTolerance)!,
                alpha: alpha)
            let file = loaded.files.first ?? input.casePath
            let result: WaterBalanceResult
            do {
                result = try WaterBalance.analyze(
                    loaded.model, parameters: parameters,
                    production: production.map { WaterProduction(quantity: $0, unit: productionUnit) },
                    mode: exact ? .exact : nil)
            } catch {
                switch error {
                case let .invalidData(modelError):
                    CLI.fail(InputError(modelError, file: file).description, status: CLI.dataError)
                case .undetermined:
                    CLI.fail("\(file): \(error.description)", status: CLI.dataError)
                case let .reconciliation(reconciliationError):
                    switch reconciliationError {
                    case let .invalidModel(modelError):
                        CLI.fail(InputError(modelError, file: file).description, status: CLI.dataError)
                    case .invalidOption: CLI.fail(error.description, status: CLI.usageError)
                    default: CLI.fail(error.description, status: 1)
                    }
                case .invalidParameter:
                    CLI.fail(error.description, status: CLI.usageError)
                }
            }
            let report = WaterReport(
                result: result, caseName: loaded.name, language: lang, benchmark: try benchmarkSet(),
                inputWarnings: loaded.warnings)
            if diagram != nil || dot != nil {
                let picture = WaterBalanceDiagram(report: report)
                do {
                    if let diagram { try AtomicFile.write(picture.svg(), to: diagram) }
                    if let dot { try AtomicFile.write(picture.dot(), to: dot) }
                } catch {
                    CLI.fail(error.description, status: 1)
                }
            }
            switch output.format {
            case .table: try output.emit(report.table())
            case .markdown: try output.emit(report.markdown())
            case .csv:
                CLI.warn(report.warnings)
                try output.emit(report.csv(includeByteOrderMark: bom))
            case .json: try output.emit(report.json().serialized() + "\n")
            }
        }
    }
}

extension WaterReportLanguage: ExpressibleByArgument {}
