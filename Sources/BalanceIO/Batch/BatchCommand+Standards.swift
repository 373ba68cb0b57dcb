import BalanceCore
import BalanceStandards

// The audit-standard commands for `balance batch`, each the computation and report of the single-case
// command with its default options (FORMATS.md §3–4). Options that differ per case (production,
// output value, benchmarks, diagrams) are not available in a batch.

extension BatchCommand {
    /// `water`: the GB/T 12452 water balance (as `balance water` with default tolerances).
    public static let water = BatchCommand(
        name: "water", abstract: "water balance to GB/T 12452"
    ) { loaded, settings throws(BatchCaseError) in
        let file = loaded.files.first ?? loaded.name
        let result: WaterBalanceResult
        do throws(WaterBalanceError) {
            result = try WaterBalance.analyze(
                loaded.model, parameters: WaterBalanceParameters(alpha: settings.reconciliation.alpha))
        } catch {
            switch error {
            case let .invalidData(modelError): throw BatchCaseError(.badData, InputError(modelError, file: file).description)
            case .undetermined: throw BatchCaseError(.badData, "\(file): \(error.description)")
            case let .reconciliation(reconciliationError):
                throw BatchCaseError(reconciliationError: reconciliationError, loaded: loaded)
            case .invalidParameter: throw BatchCaseError(.computation, error.description)
            }
        }
        let report = WaterReport(result: result, caseName: loaded.name, inputWarnings: loaded.warnings)
        var figures = BatchFigures(reconciliation: result.reconciliation, streams: loaded.model.streams.count)
        if result.reconciliation == nil {
            figures.passed = result.closuresPass
            figures.flagged = result.unitClosures.filter { !$0.withinTolerance }.count
                + (result.boundaryCheck?.withinTolerance == false ? 1 : 0)
        }
        return BatchCaseResult(
            utf8: format(settings.format, json: report.json(), csv: { report.csv() }, markdown: { report.markdown() },
                         table: { report.table() }),
            figures: figures)
    }

    /// `energy`: the enterprise energy balance to GB/T 3484 / 28751 / 2589 (as `balance energy`): the
    /// case's own `coefficients.csv` when it has one, else GB/T 2589-2020; the electricity 等价值 from
    /// ``BatchSettings/electricityEquivalent`` (without it the 等价 figures are null, with a note).
    public static let energy = BatchCommand(
        name: "energy", abstract: "energy balance to GB/T 3484, GB/T 28751, GB/T 2589"
    ) { loaded, settings throws(BatchCaseError) in
        let file = loaded.files.first ?? loaded.name
        var warnings = loaded.warnings
        var table = CoefficientTable.edition(.gbt2589_2020)
        let folder = file.lastIndex(of: "/").map { String(file[..<$0]) } ?? "."
        if let own = CaseLoader.locate("coefficients.csv", in: folder) {
            do throws(InputError) {
                let (read, fileWarnings) = try CoefficientsReader.load(own)
                table = read
                warnings += fileWarnings
                warnings.append("using the case's own \(own) over GB/T 2589-2020")
            } catch {
                throw BatchCaseError(.badData, error.description)
            }
        }
        let options = EnergyBalanceOptions(
            conversion: EnergyConversionSettings(table: table, electricityEquivalent: settings.electricityEquivalent),
            tolerance: settings.tolerance,
            reconciliation: ReconciliationOptions(
                alpha: settings.reconciliation.alpha, grossErrors: settings.reconciliation.grossErrors, fullCovariance: true))
        let result: EnergyBalanceResult
        do throws(EnergyError) {
            result = try EnergyBalance.compute(loaded.model, heatingValues: loaded.heatingValues, options: options)
        } catch {
            let text = error.location == nil ? "\(file): \(error.message)" : error.description
            throw BatchCaseError(error.isComputationError || error.isUsageError ? .computation : .badData, text)
        }
        let report = EnergyReport(result: result, caseName: loaded.name, inputWarnings: warnings)
        var figures = BatchFigures(reconciliation: result.network.reconciliation, streams: loaded.model.streams.count)
        if result.network.reconciliation == nil {
            figures.passed = result.network.closures.allSatisfy(\.withinTolerance)
            figures.flagged = result.network.closures.filter { !$0.withinTolerance }.count
        }
        return BatchCaseResult(
            utf8: format(settings.format, json: report.json(), csv: { report.csv() }, markdown: { report.markdown() },
                         table: { report.table() }),
            figures: figures)
    }

    /// `material`: the material and component balance of an audit focus unit (as `balance material`:
    /// ±5 % rule, or ``BatchSettings/tolerance``; no reactive components; density 1000 kg/m³).
    public static let material = BatchCommand(
        name: "material", abstract: "material and component balance of an audit focus unit"
    ) { loaded, settings throws(BatchCaseError) in
        let options = MaterialBalanceOptions(
            tolerance: settings.tolerance, reconciliation: ReconciliationOptions(
                alpha: settings.reconciliation.alpha, grossErrors: settings.reconciliation.grossErrors))
        let result: MaterialBalanceResult
        do throws(MaterialError) {
            result = try MaterialBalance.compute(loaded.model, concentrations: loaded.materialConcentrations, options: options)
        } catch {
            let text = error.location == nil ? "\(loaded.files.first ?? loaded.name): \(error.message)" : error.description
            throw BatchCaseError(error.isComputationError || error.isUsageError ? .computation : .badData, text)
        }
        let report = MaterialReport(result: result, caseName: loaded.name, inputWarnings: loaded.warnings)
        var figures = BatchFigures(reconciliation: result.reconciliation, streams: loaded.model.streams.count)
        if result.reconciliation == nil {
            let checks = [result.totals.withinTolerance] + result.components.map(\.withinTolerance)
            figures.passed = !checks.contains(false)
            figures.flagged = checks.filter { $0 == false }.count
        }
        return BatchCaseResult(
            utf8: format(settings.format, json: report.json(), csv: { report.csv() }, markdown: { report.markdown() },
                         table: { report.table() }),
            figures: figures)
    }

    /// The result in the chosen format.
    static func format(
        _ format: BatchFormat, json: @autoclosure () -> JSONValue, csv: () -> String, markdown: () -> String,
        table: () -> String
    ) -> [UInt8] {
        switch format {
        case .json:
            var bytes = json().serializedBytes()
            bytes.append(0x0A)
            return bytes
        case .csv: return Array(csv().utf8)
        case .markdown: return Array(markdown().utf8)
        case .table: return Array(table().utf8)
        }
    }
}

extension BatchFigures {
    /// The figures of a reconciliation (global test, flagged meters, gross errors), or only the stream
    /// count when there was none.
    public init(reconciliation: ReconciliationResult?, streams: Int) {
        guard let result = reconciliation else {
            self.init(streams: streams)
            return
        }
        let global = result.globalTest
        self.init(
            streams: streams, dof: global.dof, chiSquared: global.statistic, pValue: global.pValue,
            passed: global.passed, flagged: result.streams.filter(\.flagged).count,
            grossErrors: result.grossErrors.map { $0.kind == .leak ? "leak:\($0.location)" : $0.location })
    }
}
