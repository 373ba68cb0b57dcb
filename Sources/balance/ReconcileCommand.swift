import ArgumentParser
import AuditBalance

extension Balance {
    /// `balance reconcile CASE`: weighted least-squares reconciliation with tests and gross-error identification.
    struct Reconcile: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reconcile",
            abstract: "Reconcile measured flows with the balances and find suspect meters.",
            discussion: """
                Adjusts the measurements by weighted least squares so that every balance closes, estimates the
                unmeasured streams, classifies every stream (redundant, nonredundant, observable, unobservable,
                fixed), and runs the global χ² test, the measurement test (Šidák) and the nodal test. When the
                global test fails, serial elimination names the suspect meters and estimates their bias.

                Examples:
                  balance reconcile Datasets/demo/dyeing-plant-water
                  balance reconcile plant/streams.csv --format json --output result.json
                  balance reconcile plant --default-uncertainty 2% --alpha 0.01
                  balance reconcile plant --gross-errors glr      (also looks for leaks)
                  balance reconcile plant --vdi2048               (95 % half-widths, VDI 2048 quality)

                A covariance.csv in the case folder (stream_a, stream_b, covariance or correlation) declares
                correlated measurement errors.
                """
        )

        @OptionGroup var input: CaseOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var operatingTime: OperatingTimeOptions

        @Option(parsing: .unconditional, help: "Significance level of the statistical tests.")
        var alpha: Double = 0.05

        @Option(help: "Uncertainty for measured streams that have none: absolute (0.5) or relative (2%).")
        var defaultUncertainty: String?

        @Option(help: "Gross-error identification: serial (elimination), compensation, glr (biases and leaks) or none.")
        var grossErrors: ReconciliationOptions.GrossErrorStrategy = .serial

        @Option(help: "Solver: automatic, dense (QR projection), graph (flow networks, dense Laplacian) or sparse (flow networks, CHOLMOD).")
        var solver: ReconciliationOptions.Solver = .automatic

        @Flag(help: "Report as VDI 2048: 95 % half-widths (u95 = 1.96 σ) and the quality criterion of each measurement.")
        var vdi2048 = false

        @OptionGroup var language: LanguageOptions

        @Flag(help: "Allow negative reconciled values on streams whose kind cannot be negative (water, energy other than a stock change, material kinds); by default they are bounded below by 0.")
        var allowNegative = false

        func options() throws -> AuditOptions {
            var options = AuditOptions()
            options.encoding = input.encoding
            operatingTime.apply(to: &options)
            options.alpha = alpha
            options.defaultUncertainty = try CLI.uncertainty(defaultUncertainty, option: "--default-uncertainty")
            options.grossErrors = grossErrors
            options.solver = solver
            options.vdi2048 = vdi2048
            options.allowNegative = allowNegative
            language.apply(to: &options)
            return options
        }

        func validate() throws {
            try CLI.validate(try options(), for: .reconcile)
        }

        func run() throws {
            CLI.execute(.reconcile, casePath: input.casePath, options: try options(), output: output)
        }
    }
}
