import ArgumentParser
import AuditBalance

extension Balance {
    /// `balance compare BEFORE AFTER`: the change of every figure between two cases of one plant.
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compare",
            abstract: "Compare two cases of one plant (before and after an option, two test periods) figure by figure.",
            discussion: """
                Reconciles BEFORE and AFTER, matches their streams by id, and gives for every stream (and with
                --balance water|energy|material every GB/T 12452 indicator and total, GB/T 3484 figure, or
                component input and output) the change
                after − before, its uncertainty σ = √(σ_after² + σ_before² − 2 Cov) (Cov from the meters both cases'
                meters.csv name; else 0, independent periods), z, the two-sided p-value and whether the change is
                distinguishable from measurement uncertainty at α. With --balance energy and both periods'
                production (or output value), the GB/T 13234 saving is compared too.

                Examples:
                  balance compare plant-2025 plant-2026 --balance water
                  balance compare before after --lang en --format json --output change.json
                  balance compare 2025 2026 --balance energy --production 12000 --after-production 13500
                """
        )

        @Argument(help: "The case before (a folder, a streams.csv or an .xlsx workbook).")
        var before: String

        @Argument(help: "The case after, of the same plant.")
        var after: String

        @OptionGroup var output: OutputOptions
        @OptionGroup var operatingTime: OperatingTimeOptions

        @Option(help: "Also compare the figures of a balance: water (GB/T 12452), energy (GB/T 3484) or material (components).")
        var balance: String?

        @OptionGroup var reconciliation: ReconciliationFlags
        @OptionGroup var periods: PeriodOptions

        @Option(help: "A CSV pairing the streams whose ids changed: columns before, after (实施前, 实施后).")
        var map: String?

        @Option(help: "Text encoding of the CSV files: auto (UTF-8, else GB18030), utf-8, gb18030.")
        var encoding: TextEncoding = .automatic

        @OptionGroup var language: LanguageOptions

        @Flag(help: "Start CSV output with a UTF-8 byte order mark (for Excel).")
        var bom = false

        func options() throws -> AuditOptions {
            var options = AuditOptions()
            options.encoding = encoding
            operatingTime.apply(to: &options)
            try reconciliation.apply(to: &options)
            options.streamMap = map
            options.comparedBalance = balance
            periods.apply(to: &options)
            language.apply(to: &options)
            options.byteOrderMark = bom
            return options
        }

        func validate() throws {
            try CLI.validate(try options(), for: .compare)
        }

        func run() throws {
            CLI.execute(.compare, casePath: before, secondPath: after, options: try options(), output: output)
        }
    }
}
