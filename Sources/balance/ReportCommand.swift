import ArgumentParser
import AuditBalance

extension Balance {
    /// `balance report CASE --output report.html`: the balance chapter of an audit report.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "The balance chapter of an audit report (清洁生产审核报告) as HTML, Markdown or PDF, from an editable template.",
            discussion: """
                Reconciles the case as `balance reconcile` does and, with --balance, computes its water (GB/T 12452), \
                energy (GB/T 3484) or material balance as those commands do; with --after, compares it with the case \
                after an option as `balance compare` does. The chapter holds the scope and period, the meters and \
                data sources with their share of the uncertainty, the balance table and diagram, the reconciliation \
                and suspect meters, the indicators ± u, the losses ranked and the option's verified change \
                (docs/FORMATS.md §5.13). Every figure is the one those commands report.

                The format follows --output's extension (.html, .md, .pdf, .json) unless --format is given; PDF is \
                printed by headless Chromium when it is installed. --template FILE replaces the built-in Mustache \
                template (Sources/BalanceReport/Templates) of the format.

                Examples:
                  balance report Datasets/demo/dyeing-plant-water --balance water --output report.html
                  balance report plant --balance water --period "2026-03-02 – 2026-03-08" --output report.pdf
                  balance report before --after after --balance water --lang en --output option.md
                """
        )

        @OptionGroup var input: CaseOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var operatingTime: OperatingTimeOptions

        @Option(help: "The standard balance of the chapter: water, energy or material (default: reconciliation only).")
        var balance: String?

        @Option(help: "The case after a cleaner-production option (or a second test period): adds the verified change.")
        var after: String?

        @Option(help: "With --after: a CSV pairing the streams whose ids changed (columns before, after).")
        var map: String?

        @Option(help: "Title of the chapter (default: the enterprise node's name, else the case name).")
        var title: String?

        @Option(help: "The test or audit period, as it should be printed.")
        var period: String?

        @Option(help: "A Mustache template file used instead of the built-in one for the format.")
        var template: String?

        @OptionGroup var reconciliation: ReconciliationFlags

        @OptionGroup var periods: PeriodOptions

        @Option(help: "Water benchmark: textile-dyeing, iron-steel, petroleum-refining, or KEY=VALUE. Repeatable.")
        var benchmark: [String] = []

        @Option(parsing: .unconditional, help: "Electricity 等价值 in kgce/kWh, for the energy chapter's 等价 figures.")
        var electricityEquivalent: Double?

        @Option(help: "Any other option as a JSON object (FORMATS.md §5.7), e.g. '{\"staff\": 420, \"reactive\": \"COD\"}'.")
        var options: String?

        @OptionGroup var language: LanguageOptions

        func auditOptions() throws -> AuditOptions {
            var options = AuditOptions()
            options.encoding = input.encoding
            operatingTime.apply(to: &options)
            try reconciliation.apply(to: &options)
            options.comparedBalance = balance
            options.afterCase = after
            options.streamMap = map
            options.title = title
            options.period = period
            options.template = template
            periods.apply(to: &options)
            options.benchmarks = benchmark
            options.electricityEquivalent = electricityEquivalent
            language.apply(to: &options)
            try CLI.apply(optionsJSON: self.options, to: &options)
            return options
        }

        /// The output with its format taken from the file's extension when --format was left at its default.
        func resolvedOutput() -> OutputOptions {
            var resolved = output
            guard output.format == .table, let path = output.output else { return resolved }
            let lowered = path.lowercased()
            let byExtension: [(String, OutputFormat)] = [(".html", .html), (".htm", .html), (".md", .markdown), (".pdf", .pdf), (".json", .json)]
            if let format = byExtension.first(where: { lowered.hasSuffix($0.0) })?.1 { resolved.format = format }
            return resolved
        }

        func validate() throws {
            try CLI.validate(try auditOptions(), for: .report)
            if resolvedOutput().format == .pdf && (output.output ?? "").isEmpty {
                throw ValidationError("--format pdf writes a PDF file: give it with --output FILE.pdf")
            }
        }

        func run() throws {
            CLI.execute(.report, casePath: input.casePath, secondPath: after, options: try auditOptions(), output: resolvedOutput())
        }
    }
}
