import BalanceCore
import BalanceIO
import BalanceStandards
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `energy`: the enterprise energy balance to GB/T 3484 with the GB/T 28751 table and GB/T 2589
/// conversion (docs/ENERGY.md), with the coefficient set chosen by ``coefficientTable(_:folder:encoding:)``.
enum EnergyUseCase {
    /// - Complexity: that of the reconciliation (or the exact balance) plus O(streams) for the tables.
    static func run(_ loaded: LoadedCase, options: AuditOptions) throws(ApplicationError) -> AuditOutcome {
        let file = loaded.files.first ?? loaded.name
        var warnings = loaded.warnings
        let (table, coefficientSet) = try coefficientTable(
            options.coefficients, folder: loaded.folder, encoding: options.encoding, warnings: &warnings)
        let energyOptions = EnergyBalanceOptions(
            conversion: EnergyConversionSettings(
                table: table, electricityEquivalent: options.electricityEquivalent, steamMode: options.steamMode,
                kilojoulesPerKcal: options.kilojoulesPerKcal),
            tolerance: options.tolerance, production: options.production, outputValue: options.outputValue,
            requireEquivalent: options.requireEquivalent,
            reconciliation: options.reconciliation(fullCovariance: true))
        let result: EnergyBalanceResult
        do throws(EnergyError) {
            result = try EnergyBalance.compute(loaded.model, heatingValues: loaded.heatingValues, options: energyOptions)
        } catch {
            var failure = ApplicationError(error, file: file)
            if case .missingEquivalent = error.kind { failure.message += Self.equivalentOption }
            throw failure
        }
        if options.electricityEquivalent == nil { warnings.append("the 等价 figures need the electricity 等价值" + Self.equivalentOption) }
        let report = EnergyReport(result: result, caseName: loaded.name, language: options.language, inputWarnings: warnings)
        var figures = BatchFigures(reconciliation: result.network.reconciliation, streams: loaded.model.streams.count)
        if result.network.reconciliation == nil {
            figures.passed = result.network.closures.allSatisfy(\.withinTolerance)
            figures.flagged = result.network.closures.filter { !$0.withinTolerance }.count
        }
        var run = RunRecord(command: .energy)
        run.record(result.network.reconciliation, options: options, covariance: false)
        run.coefficients = coefficientSet
        run.tolerance = options.tolerance
        return AuditOutcome(
            command: .energy, options: options, run: run, document: .energy(report), figures: figures,
            csvWarnings: report.notes, model: loaded.model)
    }

    /// How the front ends name the electricity 等价值 option (the library's messages name no option).
    static let equivalentOption = " — option electricityEquivalent (--electricity-equivalent on the command line)"

    /// The coefficient table: the edition or coefficients.csv named by `option`, else the case's own
    /// `coefficients.csv` (found as the case loader finds files: exact name first, then ignoring case),
    /// else GB/T 2589-2020. Returns the table and the name of the set for the run record.
    /// - Throws: usage for an option that is neither an edition nor a file; bad data for a bad file.
    static func coefficientTable(
        _ option: String?, folder: String?, encoding: TextEncoding, warnings: inout [String]
    ) throws(ApplicationError) -> (CoefficientTable, String) {
        if let option, let edition = CoefficientTable.Edition(rawValue: option.lowercased()) {
            return (.edition(edition), edition.rawValue)
        }
        var path = option
        if path == nil, let folder, let own = CaseLoader.locate("coefficients.csv", in: folder) {
            path = own
            warnings.append("using the case's own \(own) over GB/T 2589-2020 (--coefficients overrides it)")
        }
        guard let path else { return (.edition(.gbt2589_2020), CoefficientTable.Edition.gbt2589_2020.rawValue) }
        guard FileManager.default.fileExists(atPath: path) else {
            throw ApplicationError(.usage,
                "--coefficients '\(path)' is neither gbt2589-2020, gbt2589-2008 nor an existing coefficients.csv")
        }
        do throws(InputError) {
            let (table, fileWarnings) = try CoefficientsReader.load(path, encoding: encoding)
            warnings += fileWarnings
            return (table, path)
        } catch {
            throw ApplicationError(error)
        }
    }
}
