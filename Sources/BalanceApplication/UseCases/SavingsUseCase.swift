import BalanceCore
import BalanceIO
import BalanceStandards

/// `savings`: the energy-saving quantities of GB/T 13234 between a base and a reporting period.
enum SavingsUseCase {
    /// - Complexity: O(products + carriers + measures).
    static func run(base: String, report: String, options: AuditOptions) throws(ApplicationError) -> AuditOutcome {
        var warnings: [String] = []
        let (table, coefficientSet) = try EnergyUseCase.coefficientTable(
            options.coefficients, folder: nil, encoding: options.encoding, warnings: &warnings)
        let basePeriod: SavingsPeriod, reportPeriod: SavingsPeriod
        do throws(InputError) {
            let b = try SavingsPeriodReader.load(base, name: "base", encoding: options.encoding)
            let r = try SavingsPeriodReader.load(report, name: "report", encoding: options.encoding)
            (basePeriod, reportPeriod) = (b.period, r.period)
            warnings += b.warnings + r.warnings
        } catch {
            throw ApplicationError(error)
        }
        let result: EnergySavings.Result
        do throws(EnergyError) {
            result = try EnergySavings.compute(
                base: basePeriod, report: reportPeriod, sign: options.sign,
                conversion: EnergyConversionSettings(
                    table: table, electricityEquivalent: options.electricityEquivalent,
                    kilojoulesPerKcal: options.kilojoulesPerKcal))
        } catch {
            throw ApplicationError(error, file: report)
        }
        let savingsReport = SavingsReport(result: result, language: options.language, inputWarnings: warnings)
        var run = RunRecord(command: .savings)
        run.coefficients = coefficientSet
        return AuditOutcome(
            command: .savings, options: options, run: run, document: .savings(savingsReport), figures: BatchFigures(),
            csvWarnings: savingsReport.notes, model: nil)
    }
}
