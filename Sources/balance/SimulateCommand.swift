import ArgumentParser
import AuditBalance

extension Balance {
    /// `balance simulate CASE`: Monte Carlo power and type-I errors of the gross-error strategies.
    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure how well each gross-error strategy finds a faulty meter (Monte Carlo).",
            discussion: """
                For each redundant meter in turn, draws --trials data sets from the case's σ around true values
                (the reconciled values, or --truth FILE with columns stream,value), adds a bias of --bias σ to
                that meter, and runs serial elimination, serial compensation and serial GLR. Reports each
                strategy's power (share of biases identified) and AVTI (wrong identifications per trial),
                the measures of Narasimhan & Jordache (2000).

                Examples:
                  balance simulate Datasets/published/benchmark_p14_24_streams_gross_errors --bias 5 --trials 1000 --seed 1
                  balance simulate plant --bias 10 --truth plant/truth.csv --format json
                """
        )

        @OptionGroup var input: CaseOptions
        @OptionGroup var output: OutputOptions

        @Option(help: "Bias injected into each meter, in units of its σ.")
        var bias: Double = 5

        @Option(help: "Trials per meter.")
        var trials: Int = 1000

        @Option(help: "Seed of the random numbers (results are reproducible).")
        var seed: UInt64 = 1

        @Option(help: "Significance level of the tests.")
        var alpha: Double = 0.05

        @Option(help: "CSV of true values (columns stream, value); default: the reconciled values.")
        var truth: String?

        func validate() throws {
            guard trials > 0 else { throw ValidationError("--trials must be positive.") }
            guard bias.isFinite else { throw ValidationError("--bias must be a number.") }
            try Validate.alpha(alpha)
        }

        func run() throws {
            let loaded = CLI.load(input)
            var truthValues: [Double?]?
            if let truth {
                do { truthValues = try TruthFile.load(truth, model: loaded.model, encoding: input.encoding) } catch {
                    CLI.fail(error.description, status: CLI.dataError)
                }
            }
            let options = DetectionSimulation.Options(bias: bias, trials: trials, seed: seed, alpha: alpha)
            BLASInfo.setThreadCount(1)
            let result: DetectionSimulation.Result
            do {
                result = try DetectionSimulation.run(model: loaded.model, truth: truthValues, options: options)
            } catch {
                CLI.fail(reconciliation: error, file: loaded.files.first ?? input.casePath)
            }
            let report = SimulationReport(caseName: loaded.name, options: options, result: result)
            switch output.format {
            case .table: try output.emit(report.table())
            case .markdown: try output.emit(report.markdown())
            case .csv: try output.emit(report.csv())
            case .json: try output.emit(report.json().serialized() + "\n")
            }
        }
    }
}
