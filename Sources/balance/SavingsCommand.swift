import ArgumentParser
import AuditBalance

extension Balance {
    /// `balance savings BASE REPORT`: energy-saving quantities of GB/T 13234.
    struct Savings: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "savings",
            abstract: "Energy savings between a base and a reporting period (GB/T 13234 节能量).",
            discussion: """
                BASE and REPORT are folders with period.csv (one row per product: product, output, unit, energy in tce,
                outputValue in 万元 at comparable prices; a 合计/total row for the whole enterprise), and optionally
                carriers.csv (product, carrier, quantity, unit: single-carrier savings) and measures.csv (measure,
                before, after, output, unit: technical-measure savings). Computes the product saving ΔE_c, the saving
                rate ξ, the output-value saving, the product-mix saving, the technical-measure saving and the savings
                per carrier.

                The sign convention is stated in the output: report-minus-base (default, GB/T 13234-2009: negative =
                saving) or base-minus-report (positive = saving).

                Examples:
                  balance savings Datasets/savings/gbt13234-s26/base Datasets/savings/gbt13234-s26/report
                  balance savings base report --sign base-minus-report -f json
                """
        )

        @Argument(help: "Base period (基期): a folder with period.csv, or the path of a period.csv.")
        var base: String

        @Argument(help: "Reporting period (报告期): a folder with period.csv, or the path of a period.csv.")
        var report: String

        @OptionGroup var output: OutputOptions

        @Option(help: "Sign convention: report-minus-base (negative = saving, default) or base-minus-report.")
        var sign: SignConvention = .reportMinusBase

        @Option(help: "Coefficient table for carrier quantities: gbt2589-2020 (default), gbt2589-2008 or a coefficients.csv.")
        var coefficients: String?

        @Option(parsing: .unconditional, help: "Electricity 等价值 in kgce/kWh, for the 等价 single-carrier savings.")
        var electricityEquivalent: Double?

        @Option(parsing: .unconditional, help: "kJ per kcal for MJ/GJ-based quantities (1 kgce = 7000 kcal); 4.1868 [M].")
        var kilojoulesPerKcal: Double = StandardCoal.kilojoulesPerKcal

        @Option(help: "Text encoding of the CSV files: auto, utf-8, gb18030.")
        var encoding: TextEncoding = .automatic

        @Option(help: "Label language: zh or en. (default: zh).")
        var lang: LabelLanguage?

        @Flag(help: "Start CSV output with a UTF-8 byte order mark (for Excel).")
        var bom = false

        func options() -> AuditOptions {
            var options = AuditOptions()
            options.encoding = encoding
            options.sign = sign
            options.coefficients = coefficients
            options.electricityEquivalent = electricityEquivalent
            options.kilojoulesPerKcal = kilojoulesPerKcal
            // zh unless given; given, it is also the language of an error message (Application.errorLanguage).
            if let lang { options.language = lang }
            options.byteOrderMark = bom
            return options
        }

        func validate() throws {
            try CLI.validate(options(), for: .savings)
        }

        func run() throws {
            CLI.execute(.savings, casePath: base, secondPath: report, options: options(), output: output)
        }
    }
}
