import ArgumentParser
import AuditBalance

extension Balance {
    /// `balance energy CASE`: enterprise energy balance to GB/T 3484 / GB/T 28751 / GB/T 2589.
    struct Energy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "energy",
            abstract: "Enterprise energy balance (GB/T 3484, GB/T 28751 table, GB/T 2589 综合能耗).",
            discussion: """
                Streams carry a carrier (原煤/raw-coal, 电力/electricity, 柴油/diesel, 气田天然气, 蒸汽/steam, 热力/heat …)
                and a unit (t, kg, kWh, 万kWh, m3, 万m3, GJ, MJ, kcal, tce, kgce); nodes carry a stage (purchase/购入贮存,
                conversion/加工转换, distribution/输送分配, end-use/最终使用); kinds are purchase, stock, export,
                effective, loss, recovered. Everything is converted to tce at 当量值; unmeasured streams (usually the
                losses) are computed from the balances, or the network is reconciled when uncertainties are given.
                Prints the GB/T 28751 table, the enterprise figures (能量利用率, 能源利用率, 综合能耗, stage
                efficiencies) and the tce value of every stream. Measured heating values (component heating-value,
                e.g. 5200 kcal/kg) and steam enthalpies (component enthalpy, MJ/kg) are read from components.csv.

                The 等价 figures need --electricity-equivalent (the year's thermal-power generation coal rate); it is
                never defaulted: without it they are null, with a note (or an error with --require-equivalent).

                Examples:
                  balance energy Datasets/energy/gbt3484-example-4.3 --electricity-equivalent 0.300
                  balance energy plant --coefficients gbt2589-2008 --production 50000 --output-value 30000 -f json
                  balance energy plant --coefficients my-coefficients.csv --sankey energy.svg --lang en
                """
        )

        @OptionGroup var input: CaseOptions
        @OptionGroup var output: OutputOptions

        @Option(help: "Coefficient table: gbt2589-2020 (default), gbt2589-2008, or a coefficients.csv laid over 2020 (a coefficients.csv in the case folder is used when this option is absent).")
        var coefficients: String?

        @Option(parsing: .unconditional, help: "Electricity 等价值 in kgce/kWh (the year's thermal-power generation coal rate, e.g. 0.300); required for the 等价 figures.")
        var electricityEquivalent: Double?

        @Flag(help: "Fail (exit 64) instead of reporting null 等价 figures when the electricity 等价值 is missing.")
        var requireEquivalent = false

        @Option(parsing: .unconditional, help: "Product output Q for the unit product consumption (kgce per unit).")
        var production: Double?

        @Option(parsing: .unconditional, help: "Output value G in 万元 for the unit output-value consumption (tce/万元).")
        var outputValue: Double?

        @Option(help: "Steam in mass units: auto (enthalpy if given, else 0.1286 kgce/kg), fixed, enthalpy.")
        var steamMode: SteamMode = .automatic

        @Option(parsing: .unconditional, help: "kJ per kcal for MJ/GJ amounts and heating values of fuels (1 kgce = 7000 kcal); 4.1868 [M], the 2008 kJ column used 4.1816.")
        var kilojoulesPerKcal: Double = StandardCoal.kilojoulesPerKcal

        @Option(help: "Closure tolerance for exact data, as a fraction (0.05) or a percentage (5%).")
        var tolerance: String = "5%"

        @Option(parsing: .unconditional, help: "Significance level of the reconciliation tests (when uncertainties are given).")
        var alpha: Double = 0.05

        @Option(help: "Label language of the table, Markdown and diagram: zh or en. (default: zh).")
        var lang: LabelLanguage?

        @Option(help: "Also write the energy-flow Sankey diagram to this file: SVG, or PDF or PNG by the extension.")
        var sankey: String?

        @Flag(help: "Start CSV output with a UTF-8 byte order mark (for Excel).")
        var bom = false

        func options() throws -> AuditOptions {
            var options = AuditOptions()
            options.encoding = input.encoding
            options.coefficients = coefficients
            options.electricityEquivalent = electricityEquivalent
            options.requireEquivalent = requireEquivalent
            options.production = production
            options.outputValue = outputValue
            options.steamMode = steamMode
            options.kilojoulesPerKcal = kilojoulesPerKcal
            options.tolerance = try CLI.fraction(tolerance, option: "--tolerance")
            options.alpha = alpha
            // zh unless given; given, it is also the language of an error message (Application.errorLanguage).
            if let lang { options.language = lang }
            options.byteOrderMark = bom
            return options
        }

        func validate() throws {
            try CLI.validate(try options(), for: .energy)
        }

        func run() throws {
            CLI.execute(.energy, casePath: input.casePath, options: try options(), output: output) { outcome in
                [(sankey ?? "", sankey.flatMap { _ in outcome?.sankeySVG() })]
            }
        }
    }
}
