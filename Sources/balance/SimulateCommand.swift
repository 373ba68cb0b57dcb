import ArgumentParser
import AuditBalance

extension Balance {
    /// `balance simulate CASE`: Monte Carlo power and type-I errors of the gross-error strategies.
    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "simulate",
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
        @OptionGroup var operatingTime: OperatingTimeOptions

        @Option(parsing: .unconditional, help: "Bias injected into each meter, in units of its σ.")
        var bias: Double = 5

        @Option(parsing: .unconditional, help: "Trials per meter.")
        var trials: Int = 1000

        @Option(parsing: .unconditional, help: "Seed of the random numbers (results are reproducible).")
        var seed: UInt64 = 1

        @Option(parsing: .unconditional, help: "Significance level of the tests.")
        var alpha: Double = 0.05

        @Option(help: "CSV of true values (columns stream, value); default: the reconciled values.")
        var truth: String?

        @OptionGroup var language: LanguageOptions

        func options() -> AuditOptions {
            var options = AuditOptions()
            options.encoding = input.encoding
            language.apply(to: &options)
            operatingTime.apply(to: &options)
            options.bias = bias
            options.trials = trials
            options.seed = seed
            options.alpha = alpha
            options.truth = truth
            return options
        }

        func validate() throws {
            try CLI.validate(options(), for: .simulate)
        }

        func run() throws {
            CLI.execute(.simulate, casePath: input.casePath, options: options(), output: output)
        }
    }
}
