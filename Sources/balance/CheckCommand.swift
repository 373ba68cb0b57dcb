import ArgumentParser
import AuditBalance

extension Balance {
    /// `balance check CASE`: closure of every balance with the data as given.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check that every balance closes with the data as given (no reconciliation).",
            discussion: """
                Values are taken as given; each unmeasured stream is computed from the balance in which it is the
                only unknown. Every balance whose streams are all known gets its closure error δ = (in − out)/in
                checked against the tolerance, and, where every stream has an uncertainty, z = (in − out)/σ.
                A balance outside the tolerance is a result (exit 0, "passed": false in JSON); an unmeasured
                stream that no balance determines is a data error (exit 65).

                Examples:
                  balance check Datasets/demo/dyeing-plant-water
                  balance check plant --tolerance 2% --format markdown
                """
        )

        @OptionGroup var input: CaseOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var operatingTime: OperatingTimeOptions

        @Option(help: "Closure tolerance, as a fraction (0.05) or a percentage (5%).")
        var tolerance: String = "5%"

        @OptionGroup var language: LanguageOptions

        func options() throws -> AuditOptions {
            var options = AuditOptions()
            options.encoding = input.encoding
            language.apply(to: &options)
            operatingTime.apply(to: &options)
            options.tolerance = try CLI.fraction(tolerance, option: "--tolerance")
            return options
        }

        func validate() throws {
            try CLI.validate(try options(), for: .check)
        }

        func run() throws {
            CLI.execute(.check, casePath: input.casePath, options: try options(), output: output)
        }
    }
}
