import ArgumentParser
import AuditBalance
import Foundation

extension LabelLanguage: ExpressibleByArgument {}
extension SteamMode: ExpressibleByArgument {}

extension Balance {
    /// `balance energy CASE`: enterprise energy balance to GB/T 3484 / GB/T 28751 / GB/T 2589.
    struct Energy: ParsableCommand {
        static let configuration = CommandConfiguration(
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

        @Option(help: "Electricity 等价值 in kgce/kWh (the year's thermal-power generation coal rate, e.g. 0.300); required for the 等价 figures.")
        var electricityEquivalent: Double?

        @Flag(help: "Fail (exit 64) instead of reporting null 等价 figures when the electricity 等价值 is missing.")
        var requireEquivalent = false

        @Option(help: "Product output Q for the unit product consumption (kgce per unit).")
        var production: Double?

        @Option(help: "Output value G in 万元 for the unit output-value consumption (tce/万元).")
        var outputValue: Double?

        @Option(help: "Steam in mass units: auto (enthalpy if given, else 0.1286 kgce/kg), fixed, enthalpy.")
        var steamMode: SteamMode = .automatic

        @Option(help: "kJ per kcal for MJ/GJ amounts and heating values of fuels (1 kgce = 7000 kcal); 4.1868 [M], the 2008 kJ column used 4.1816.")
        var kilojoulesPerKcal: Double = StandardCoal.kilojoulesPerKcal

        @Option(help: "Closure tolerance for exact data, as a fraction (0.05) or a percentage (5%).")
        var tolerance: String = "5%"

        @Option(help: "Significance level of the reconciliation tests (when uncertainties are given).")
        var alpha: Double = 0.05

        @Option(help: "Label language of the table, Markdown and diagram: zh or en.")
        var lang: LabelLanguage = .zh

        @Option(help: "Also write the energy-flow Sankey diagram to this SVG file.")
        var sankey: String?

        @Flag(help: "Start CSV output with a UTF-8 byte order mark (for Excel).")
        var bom = false

        func validate() throws {
            try Validate.tolerance(tolerance)
            if let eq = electricityEquivalent, !(eq.isFinite && eq > 0) {
                throw ValidationError("--electricity-equivalent must be a positive number of kgce/kWh, e.g. 0.300.")
            }
            for (name, value) in [("--production", production), ("--output-value", outputValue)] {
                if let value, !(value.isFinite && value > 0) { throw ValidationError("\(name) must be a positive number.") }
            }
            try Validate.alpha(alpha)
        }

        func run() throws {
            let loaded = CLI.load(input)
            var warnings = loaded.warnings
            let table = EnergyCLI.coefficientTable(coefficients, casePath: input.casePath, encoding: input.encoding,
                                                   warnings: &warnings)
            let options = EnergyBalanceOptions(
                conversion: EnergyConversionSettings(table: table, electricityEquivalent: electricityEquivalent,
                                                     steamMode: steamMode, kilojoulesPerKcal: kilojoulesPerKcal),
                tolerance: Check.parseTolerance(tolerance)!, production: production, outputValue: outputValue,
                requireEquivalent: requireEquivalent,
                reconciliation: ReconciliationOptions(alpha: alpha, fullCovariance: true))
            let result: EnergyBalanceResult
            do {
                result = try EnergyBalance.compute(loaded.model, heatingValues: loaded.heatingValues, options: options)
            } catch {
                EnergyCLI.fail(error, file: loaded.files.first ?? input.casePath)
            }
            let report = EnergyReport(result: result, caseName: loaded.name, language: lang, inputWarnings: warnings)
            if let sankey {
                let svg = SankeyDiagram.energy(result, caseName: loaded.name, language: lang).svg()
                do { try AtomicFile.write(svg, to: sankey) } catch { CLI.fail(error.description, status: 1) }
            }
            switch output.format {
            case .table: try output.emit(report.table())
            case .markdown: try output.emit(report.markdown())
            case .csv:
                CLI.warn(report.notes)
                try output.emit(report.csv(includeByteOrderMark: bom))
            case .json: try output.emit(report.json().serialized() + "\n")
            }
        }
    }
}

/// Helpers shared by `energy` and `savings`.
enum EnergyCLI {
    /// The coefficient table named by `--coefficients`, or the case's own coefficients.csv, or GB/T 2589-2020.
    static func coefficientTable(_ option: String?, casePath: String?, encoding: TextEncoding,
                                 warnings: inout [String]) -> CoefficientTable {
        if let option, let edition = CoefficientTable.Edition(rawValue: option.lowercased()) {
            return .edition(edition)
        }
        var path = option
        if path == nil, let casePath {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: casePath, isDirectory: &isDirectory)
            let folder = isDirectory.boolValue ? casePath : (casePath as NSString).deletingLastPathComponent
            let candidate = (folder.isEmpty ? "." : folder) + "/coefficients.csv"
            if FileManager.default.fileExists(atPath: candidate) {
                path = candidate
                warnings.append("using the case's own \(candidate) over GB/T 2589-2020 (--coefficients overrides it)")
            }
        }
        guard let path else { return .edition(.gbt2589_2020) }
        guard FileManager.default.fileExists(atPath: path) else {
            CLI.fail("--coefficients '\(path)' is neither gbt2589-2020, gbt2589-2008 nor an existing coefficients.csv",
                     status: CLI.usageError)
        }
        do {
            let (table, fileWarnings) = try CoefficientsReader.load(path, encoding: encoding)
            warnings += fileWarnings
            return table
        } catch {
            CLI.fail(error.description, status: CLI.dataError)
        }
    }

    /// Exits with the status of an energy error: 64 usage, 1 computation, 65 data.
    static func fail(_ error: EnergyError, file: String) -> Never {
        let status = error.isUsageError ? CLI.usageError : error.isComputationError ? 1 : CLI.dataError
        let text = error.location == nil && !error.isUsageError ? "\(file): \(error.message)" : error.description
        CLI.fail(text, status: status)
    }
}
