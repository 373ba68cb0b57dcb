import ArgumentParser
import AuditBalance

extension Balance {
    /// `balance material CASE`: material and component balance of an audit focus unit.
    struct Material: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "material",
            abstract: "Material and pollutant balance of an audit focus unit (清洁生产审核 物料平衡).",
            discussion: """
                Nodes are the unit operations of the audit focus; streams entering from outside are inputs (raw and
                auxiliary materials, water), streams leaving are outputs (products, by-products, wastewater, waste gas,
                solid waste, losses). Checks the total closure δ = (Σ in − Σ out)/Σ in against ±5 % (--tolerance), shows
                where the material goes (share of every output and loss), and balances every component of
                components.csv (Σ flow × concentration: Cr, COD, water …). An unmeasured loss is computed from the
                balances; with uncertainties the totals are reconciled first.

                Examples:
                  balance material Datasets/material/chrome-plating-line
                  balance material line --tolerance 2% --reactive COD --sankey cr.svg --sankey-component Cr
                """
        )

        @OptionGroup var input: CaseOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var operatingTime: OperatingTimeOptions

        @Option(help: "Closure tolerance of the total and component balances: a fraction (0.05) or a percentage (5%).")
        var tolerance: String = "5%"

        @Option(help: "Non-conserved components, comma-separated (e.g. COD,BOD5): reported, not checked for closure.")
        var reactive: String?

        @Option(parsing: .unconditional, help: "Density (kg/m3) that bridges mass flows and mg/L concentrations (default 1000, water).")
        var density: Double = 1000

        @Option(parsing: .unconditional, help: "Significance level of the reconciliation tests (when uncertainties are given).")
        var alpha: Double = 0.05

        @Option(help: "Label language: zh or en. (default: zh).")
        var lang: LabelLanguage?

        @Option(help: "Also write a Sankey diagram of the balance to this file: SVG, or PDF or PNG by the extension.")
        var sankey: String?

        @Option(help: "Draw the Sankey diagram in the load of this component instead of the total mass.")
        var sankeyComponent: String?

        @Flag(help: "Start CSV output with a UTF-8 byte order mark (for Excel).")
        var bom = false

        func options() throws -> AuditOptions {
            var options = AuditOptions()
            options.encoding = input.encoding
            operatingTime.apply(to: &options)
            options.tolerance = try CLI.fraction(tolerance, option: "--tolerance")
            options.reactive = AuditOptions.list(reactive ?? "")
            options.density = density
            options.alpha = alpha
            // zh unless given; given, it is also the language of an error message (Application.errorLanguage).
            if let lang { options.language = lang }
            options.sankeyComponent = sankeyComponent
            options.byteOrderMark = bom
            return options
        }

        func validate() throws {
            try CLI.validate(try options(), for: .material)
        }

        func run() throws {
            CLI.execute(.material, casePath: input.casePath, options: try options(), output: output) { outcome in
                [(sankey ?? "", sankey.flatMap { _ in outcome?.sankeySVG() })]
            }
        }
    }
}
